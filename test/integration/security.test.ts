import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/portable.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, type Page } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { TEST_PASSWORD } from '../helpers/factories.js';
import { fieldValue, heading, pageTitle, tags } from '../helpers/html.js';
import { fillParams, registeredRoutes, routeParams, type RegisteredRoute } from '../helpers/routes.js';
import * as core from './security-plans/core.js';
import * as projects from './security-plans/projects.js';
import { changes, filled, makeWorld, PARAMS, planFor, post, POST_PLANS, routeKey, snapshot as snapshotOf } from './security-plans/walker.js';
import type { Plan, World } from './security-plans/world.js';

const PAYLOAD = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

/**
 * Streams that never end (server-sent events): app.inject would wait for ever, so the walker asks them only with
 * someone else's record, which must answer 404 at once. meetings-live.test.ts follows the stream over a real socket.
 */
/** Audit events a GET writes on purpose: reading out everything held about a person is itself recorded. */
const AUDITED_READS: ReadonlySet<string> = new Set(['person.exported']);

const STREAMS: ReadonlySet<string> = new Set(['GET /projects/:projectId/meetings/:meetingId/live/events']);

/** The value of the first input with this name. */
function tagValue(html: string, name: string): string | undefined {
  return tags(html).find((tag) => tag.name === 'input' && tag.attributes['name'] === name)?.attributes['value'];
}

describe.each(testDialects())('security walker (%s)', (dialect) => {
  let t: TestApp;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    routes = registeredRoutes(t.app).filter((route) => !route.url.startsWith('/assets/'));
  });
  afterAll(async () => t.close());

  const world = (): Promise<World> => makeWorld(t);
  const snapshot = (): Promise<string> => snapshotOf(t);

  it('finds every route the app serves', () => {
    const keys = routes.map(routeKey);
    expect(keys).toEqual(expect.arrayContaining(['GET /', 'GET /health', ...Object.keys(POST_PLANS), ...STREAMS]));
    expect(routes.filter((route) => route.method === 'POST').length).toBeGreaterThanOrEqual(Object.keys(POST_PLANS).length);
  });

  it('has a plan for every POST route, so each one below is proven to change something when the token is right', () => {
    const missing = routes.filter((route) => route.method === 'POST').map(routeKey).filter((key) => !(key in POST_PLANS));
    expect(missing, 'add these to POST_PLANS').toEqual([]);
  });

  it('knows how to fill every route parameter with another organisation’s record', () => {
    const unknown = [...new Set(routes.flatMap((route) => routeParams(route.url)))].filter((name) => !(name in PARAMS));
    expect(unknown, 'add these to PARAMS').toEqual([]);
  });

  it('only serves GET, HEAD and POST', () => {
    expect(routes.filter((route) => !['GET', 'POST'].includes(route.method)).map(routeKey)).toEqual([]);
  });

  it('answers every POST without a CSRF token with 403 and changes nothing, signed in or not', async () => {
    const w = await world();
    const anonymous = new TestClient(t.app);
    await anonymous.get('/');
    const posts = routes.filter((r) => r.method === 'POST');
    const requests: { key: string; url: string; plan: Plan | undefined }[] = [];
    for (const route of posts) {
      const plan = await planFor(w, route);
      requests.push({ key: routeKey(route), url: await filled(w, route, 'own', plan), plan });
    }
    const before = await snapshot();
    const problems: string[] = [];
    for (const { key, url, plan } of requests) {
      for (const [who, client] of [['signed in', w.client], ['anonymous', anonymous]] as const) {
        const page = await post(client, url, plan, null);
        if (page.status !== 403 || !pageTitle(page.body).startsWith('This page has expired – ')) problems.push(`${key} (${who}): ${String(page.status)}`);
      }
    }
    expect(posts.length).toBeGreaterThanOrEqual(Object.keys(POST_PLANS).length);
    expect(problems).toEqual([]);
    // The one thing a GET may add: the audit log's record that someone's data was read or exported (ASVS, section 4).
    const changed = changes(before, await snapshot());
    const audited = changed.filter((line) => line.startsWith('audit_events + ') && AUDITED_READS.has(String((JSON.parse(line.slice('audit_events + '.length)) as { action?: unknown }).action)));
    expect(changed.filter((line) => !audited.includes(line))).toEqual([]);
  }, 120_000);

  it.each(Object.keys(POST_PLANS))('%s: refused without a token or with another session’s token; works with its own', async (key) => {
    const w = await world();
    const route = routes.find((r) => routeKey(r) === key);
    if (route === undefined) throw new Error(`${key} is not served`);
    const plan = await planFor(w, route);
    if (plan === undefined) throw new Error(`no plan for ${key}`);
    const url = fillParams(route.url, plan.params ?? {});
    const stranger = new TestClient(t.app);
    const strangersToken = (await stranger.get('/sign-in')).csrf;
    expect(strangersToken).toBeDefined();

    const before = await snapshot();
    expect((await post(w.client, url, plan, null)).status).toBe(403);
    expect((await post(w.client, url, plan, '')).status).toBe(403);
    expect((await post(w.client, url, plan, strangersToken ?? null)).status).toBe(403);
    expect(await snapshot()).toBe(before);

    await w.client.get('/');
    const accepted = await post(w.client, url, plan);
    expect([200, 204, 303], `${key} with its token answered ${String(accepted.status)}: ${accepted.body.slice(0, 3000)}`).toContain(accepted.status);
    expect(await snapshot(), `${key} with its token changed nothing: the plan does not prove the refusal`).not.toBe(before);
  });

  it('answers "not found" to every route given another organisation’s record or a token for something else, and changes nothing', async () => {
    const parameterised = routes.filter((route) => routeParams(route.url).length > 0);
    expect(parameterised.length).toBeGreaterThanOrEqual(8);
    const problems: string[] = [];
    for (const route of parameterised) {
      const key = routeKey(route);
      const w = await world();
      const plan = await planFor(w, route);
      const send = (url: string, with_: Plan | undefined) => (route.method === 'GET' ? w.client.get(url) : post(w.client, url, with_));
      const others = await filled(w, route, 'others');
      const before = await snapshot();
      const page = await send(others, plan);
      if (page.status !== 404) problems.push(`${key} with someone else's record: ${String(page.status)}, not 404`);
      if (route.method === 'POST') {
        await w.client.get('/');
        const empty = await post(w.client, others, { fields: {} });
        if (empty.status !== 404) problems.push(`${key} with someone else's record and an empty form: ${String(empty.status)}, not 404`);
      }
      if ((await snapshot()) !== before) problems.push(`${key} with someone else's record changed something`);
      // With several records in the address, someone else's in any one place (the rest one's own) is not found either.
      const names = routeParams(route.url);
      for (const name of names.length > 1 ? names : []) {
        const mixed = await filled(w, route, 'own', plan, name);
        const beforeMixed = await snapshot();
        await w.client.get('/');
        const answer = await send(mixed, plan);
        if (answer.status !== 404) problems.push(`${key} with someone else's :${name} only: ${String(answer.status)}, not 404`);
        if ((await snapshot()) !== beforeMixed) problems.push(`${key} with someone else's :${name} only changed something`);
      }
      // Nor another person's record of the same organisation through one's own address.
      for (const name of names.length > 1 ? names : []) {
        const sibling = PARAMS[name]?.sibling;
        if (sibling === undefined) continue;
        const values: Record<string, string> = {};
        for (const other of names) values[other] = other === name ? await sibling(w) : (plan?.params?.[other] ?? (await PARAMS[other]?.own(w, route)) ?? newId());
        const beforeSibling = await snapshot();
        await w.client.get('/');
        const answer = await send(fillParams(route.url, values), plan);
        if (answer.status !== 404) problems.push(`${key} with another person's :${name}: ${String(answer.status)}, not 404`);
        if ((await snapshot()) !== beforeSibling) problems.push(`${key} with another person's :${name} changed something`);
      }
      // Nor is a record of one project reached through another project of the same organisation.
      if (names.includes('projectId') && names.length > 1) {
        const values: Record<string, string> = {};
        for (const name of names) values[name] = name === 'projectId' ? await projects.secondProject(w) : (plan?.params?.[name] ?? (await PARAMS[name]?.own(w, route)) ?? newId());
        const across = fillParams(route.url, values);
        const beforeAcross = await snapshot();
        await w.client.get('/');
        const answer = await send(across, plan);
        if (answer.status !== 404) problems.push(`${key} through another project of the same organisation: ${String(answer.status)}, not 404`);
        if ((await snapshot()) !== beforeAcross) problems.push(`${key} through another project of the same organisation changed something`);
      }
      if (STREAMS.has(key)) continue;
      // The same route with a record of one's own works, so the 404 above is about whose record it is.
      const own = await filled(w, route, 'own', plan);
      await w.client.get('/');
      const answer = await send(own, plan);
      if (![200, 204, 303].includes(answer.status)) problems.push(`${key} with its own record: ${String(answer.status)}, not 200, 204 or 303`);
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('changes nothing on any GET', async () => {
    const w = await world();
    const gets = routes.filter((r) => r.method === 'GET' && !STREAMS.has(routeKey(r)));
    const urls: [string, string][] = [];
    for (const route of gets) urls.push([routeKey(route), await filled(w, route, 'own')]);
    const before = await snapshot();
    const problems: string[] = [];
    for (const [key, url] of urls) {
      const page = await w.client.get(url);
      if (page.status >= 500) problems.push(`${key}: ${String(page.status)}`);
    }
    expect(problems).toEqual([]);
    // The one thing a GET may add: the audit log's record that someone's data was read or exported (ASVS, section 4).
    const changed = changes(before, await snapshot());
    const audited = changed.filter((line) => line.startsWith('audit_events + ') && AUDITED_READS.has(String((JSON.parse(line.slice('audit_events + '.length)) as { action?: unknown }).action)));
    expect(changed.filter((line) => !audited.includes(line))).toEqual([]);
  }, 120_000);

  describe('escaping what people type', () => {
    function expectEscaped(page: Page, shown: boolean, where: string): void {
      expect(page.body, where).not.toMatch(/<script>alert/i);
      if (shown) expect(page.body, `${where} shows the text, escaped`).toContain(ESCAPED);
    }

    it('in the sign-in, sign-in link and reset forms', async () => {
      const client = new TestClient(t.app);
      await client.get('/sign-in');
      const signIn = await client.post('/sign-in', { email: PAYLOAD, password: PAYLOAD, next: `/${PAYLOAD}` });
      expect(signIn.status).toBe(422);
      expectEscaped(signIn, true, 'sign-in');
      expect(fieldValue(signIn.body, 'email')).toBe(PAYLOAD);
      // The next page is kept as a same-origin path, percent-encoded (safeNext), so the markup never reaches the page.
      const withNext = await client.get(`/sign-in?next=${encodeURIComponent(`/${PAYLOAD}`)}`);
      expectEscaped(withNext, false, 'sign-in next');
      expect(withNext.body).toContain('<input type="hidden" name="next" value="/%3Cscript%3Ealert(1)%3C/script%3E">');
      for (const url of ['/sign-in/link', '/password-reset']) {
        await client.get(url);
        const page = await client.post(url, { email: PAYLOAD });
        expect(page.status).toBe(422);
        expectEscaped(page, true, url);
        expect(fieldValue(page.body, 'email')).toBe(PAYLOAD);
      }
    });

    it('in addresses, which the language switcher repeats as they came', async () => {
      const client = new TestClient(t.app);
      const encoded = await client.get(`/?q=${encodeURIComponent(PAYLOAD)}`);
      expectEscaped(encoded, false, 'home page with an encoded query');
      expect(tagValue(encoded.body, 'returnTo')).toBe(`/?q=${encodeURIComponent(PAYLOAD)}`);
      const missing = await client.get(`/${encodeURIComponent(PAYLOAD)}`);
      expect(missing.status).toBe(404);
      expectEscaped(missing, false, 'not found');
    });

    it('in the invitation form, the invitation page, and the name a new person gives', async () => {
      const w = await world();
      await w.client.get('/admin/people');
      const bad = await w.client.post('/admin/people/invite', { displayName: PAYLOAD, email: PAYLOAD, permission: 'member' });
      expect(bad.status).toBe(422);
      expectEscaped(bad, true, 'invite form');
      expect(fieldValue(bad.body, 'displayName')).toBe(PAYLOAD);

      const email = `xss-${newId()}@test.example`;
      await w.client.get('/admin/people');
      expect((await w.client.post('/admin/people/invite', { displayName: PAYLOAD, email, permission: 'member' })).status).toBe(303);
      const token = (await t.mailer.linkTo(email)).split('/').at(-1) ?? '';
      const joiner = new TestClient(t.app);
      const invitation = await joiner.get(`/invitations/${token}`);
      expectEscaped(invitation, true, 'invitation page');
      const short = await joiner.post(`/invitations/${token}`, { displayName: PAYLOAD, password: 'short' });
      expect(short.status).toBe(422);
      expectEscaped(short, true, 'invitation form');
      expect((await joiner.post(`/invitations/${token}`, { displayName: PAYLOAD, password: TEST_PASSWORD })).status).toBe(303);
      expectEscaped(await joiner.get('/'), true, 'home page greeting');
      expectEscaped(await joiner.get('/account'), true, 'account page');

      const list = await w.client.get('/admin/people');
      expectEscaped(list, true, 'people list');
      const person = await t.db.kysely.selectFrom('people').select('id').where('display_name', '=', PAYLOAD).where('organisation_id', '=', w.a).executeTakeFirstOrThrow();
      const personPage = await w.client.get(`/admin/people/${person.id}`);
      expectEscaped(personPage, true, 'person page');
      expect(heading(personPage.body)).toBe(PAYLOAD);
      expect((await w.client.post(`/admin/people/${person.id}/permission`, { permission: 'facilitator' })).status).toBe(303);
      expectEscaped(await w.client.get('/admin/people'), true, 'people list with the "permission changed" banner');
    });

    it('in the organisation settings, and everywhere the organisation’s name and crisis text appear', async () => {
      const w = await world();
      await w.client.get('/admin/organisation');
      const settings = { name: PAYLOAD, shortName: PAYLOAD, defaultLanguage: 'en-GB', timeZone: PAYLOAD, country: 'GB', crisisText: PAYLOAD, accessNeedsDays: PAYLOAD };
      const bad = await w.client.post('/admin/organisation', settings);
      expect(bad.status).toBe(422);
      expectEscaped(bad, true, 'settings form');
      for (const id of ['name', 'shortName', 'timeZone', 'crisisText', 'accessNeedsDays']) expect(fieldValue(bad.body, id), id).toBe(PAYLOAD);

      expect((await w.client.post('/admin/organisation', { ...settings, timeZone: 'UTC', accessNeedsDays: '30' })).status).toBe(303);
      const saved = await w.client.get('/admin/organisation');
      expectEscaped(saved, true, 'saved settings');
      expect(pageTitle(saved.body)).toBe(`Organisation settings – ${PAYLOAD}`);
      expectEscaped(await w.client.get('/get-help'), true, 'get help page');
      expectEscaped(await w.client.get('/organisations'), true, 'organisation chooser');
      expectEscaped(await w.client.get('/'), true, 'home page');

      const invited = await t.app.services.auth.invite(w.adminA, { email: `xss-${newId()}@test.example`, displayName: 'Someone', permission: 'member' });
      if (!invited.ok) throw new Error('could not invite');
      expectEscaped(await new TestClient(t.app).get(new URL(invited.value.link).pathname), true, 'invitation to the organisation');
    });

    it('in every module’s forms: a script typed into any text field comes back escaped, on the form and on every page', async () => {
      const w = await world();
      // Free text is whatever a plan fills with words; choices, ids and dates have no spaces. Forms that end the
      // session are left out, so one world can take every form in turn.
      const ending = new Set(['POST /people/:personId/remove']);
      const last = (key: string) => (/\/(close|remove)$/.test(key) ? 1 : 0); // closing and removing after the rest
      const keys = Object.keys(POST_PLANS)
        .filter((key) => !(key in core.PLANS) && !ending.has(key))
        .sort((x, y) => last(x) - last(y));
      let typed = 0;
      for (const key of keys) {
        const route = routes.find((r) => routeKey(r) === key);
        if (route === undefined) throw new Error(`${key} is not served`);
        const plan = await planFor(w, route);
        if (plan === undefined) continue;
        const fields = Object.fromEntries(Object.entries(plan.fields).map(([name, value]) => [name, typeof value === 'string' && value.includes(' ') ? PAYLOAD : value]));
        typed += Object.values(fields).filter((value) => value === PAYLOAD).length;
        await w.client.get('/');
        expectEscaped(await post(w.client, await filled(w, route, 'own', plan), { ...plan, fields }), false, key);
      }
      expect(typed).toBeGreaterThan(20);
      let shown = 0;
      for (const route of routes.filter((r) => r.method === 'GET' && !STREAMS.has(routeKey(r)))) {
        const page = await w.client.get(await filled(w, route, 'own'));
        if (!String(page.headers['content-type']).startsWith('text/html')) continue; // calendars and exports are not markup
        expectEscaped(page, false, routeKey(route));
        if (page.body.includes(ESCAPED)) shown += 1;
      }
      expect(shown, 'pages that show a typed script, escaped').toBeGreaterThan(10);
    }, 120_000);

    it('in the password forms, which never show what was typed', async () => {
      const w = await world();
      await w.client.get('/account');
      const page = await w.client.post('/account/password', { currentPassword: PAYLOAD, password: PAYLOAD });
      expect(page.status).toBe(422);
      expectEscaped(page, false, 'change password');
      expect(page.body).not.toContain(ESCAPED);
    });
  });
});
