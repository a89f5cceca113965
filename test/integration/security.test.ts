import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/portable.js';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, type Page } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { fieldValue, heading, pageTitle, tags } from '../helpers/html.js';
import { fillParams, registeredRoutes, routeParams, type RegisteredRoute } from '../helpers/routes.js';

const PAYLOAD = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

/** Everything the walker needs, made fresh for each test so one route's effects never hide another's. */
interface World {
  readonly a: string;
  readonly b: string;
  readonly adminA: Actor;
  readonly memberA: Actor;
  readonly memberB: Actor;
  /** A third organisation adminA also belongs to (somewhere to switch to). */
  readonly c: string;
  readonly client: TestClient;
  readonly tokens: { readonly signInLink: string; readonly passwordReset: string; readonly invitation: string };
}

type Fields = Record<string, string>;

/**
 * For each POST route: a request that, with a valid CSRF token, really does change something. The walker sends it
 * without a token and checks nothing changed; then with the token, to prove the request was one that would have.
 */
const POST_PLANS: Readonly<Record<string, (w: World) => { params?: Record<string, string>; fields: Fields }>> = {
  'POST /sign-in': (w) => ({ fields: { email: w.adminA.email, password: TEST_PASSWORD } }),
  'POST /sign-out': () => ({ fields: {} }),
  'POST /sign-in/link': (w) => ({ fields: { email: w.memberA.email } }),
  'POST /sign-in/link/:token': (w) => ({ params: { token: w.tokens.signInLink }, fields: {} }),
  'POST /password-reset': (w) => ({ fields: { email: w.memberA.email } }),
  'POST /password-reset/:token': (w) => ({ params: { token: w.tokens.passwordReset }, fields: { password: 'a brand new passphrase' } }),
  'POST /invitations/:token': (w) => ({ params: { token: w.tokens.invitation }, fields: { displayName: 'New Person', password: 'a brand new passphrase' } }),
  'POST /account/password': () => ({ fields: { currentPassword: TEST_PASSWORD, password: 'a brand new passphrase' } }),
  'POST /language': () => ({ fields: { language: 'it', returnTo: '/' } }),
  'POST /organisations/switch': (w) => ({ fields: { organisationId: w.c } }),
  'POST /admin/organisation': () => ({ fields: { name: 'Renamed', shortName: 'Renamed', defaultLanguage: 'en-GB', timeZone: 'UTC', crisisText: '' } }),
  'POST /admin/people/invite': () => ({ fields: { displayName: 'Invited', email: `invited-${newId()}@test.example`, permission: 'member' } }),
  'POST /admin/people/:personId/permission': (w) => ({ params: { personId: w.memberA.personId }, fields: { permission: 'facilitator' } }),
};

/**
 * How to fill each route parameter with a record the signed-in admin of organisation A may not use: another
 * organisation's record, or a token made for a different purpose. And with one they may use, for the control.
 */
const PARAMS: Readonly<Record<string, { others: (w: World, route: RegisteredRoute) => string; own: (w: World, route: RegisteredRoute) => string }>> = {
  personId: { others: (w) => w.memberB.personId, own: (w) => w.memberA.personId },
  token: {
    others: (w, route) => (route.url.startsWith('/sign-in/link/') ? w.tokens.passwordReset : w.tokens.signInLink),
    own: (w, route) =>
      route.url.startsWith('/sign-in/link/') ? w.tokens.signInLink : route.url.startsWith('/password-reset/') ? w.tokens.passwordReset : w.tokens.invitation,
  },
};

const routeKey = (route: RegisteredRoute) => `${route.method} ${route.url}`;

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

  async function emailedToken(email: string): Promise<string> {
    return (await t.mailer.linkTo(email)).split('/').at(-1) ?? '';
  }

  async function world(): Promise<World> {
    const db = t.db.kysely;
    const a = await makeOrganisation(db, { name: 'Organisation A' });
    const b = await makeOrganisation(db, { name: 'Organisation B' });
    const c = await makeOrganisation(db, { name: 'Organisation C' });
    const adminA = await makeMember(db, a, { permission: 'admin' });
    await makeMember(db, a, { permission: 'admin' }); // a second admin, so permissions can change
    await makeMember(db, c, { email: adminA.email });
    const memberA = await makeMember(db, a);
    await makeMember(db, b, { permission: 'admin' });
    const memberB = await makeMember(db, b);
    t.app.services.auth.requestSignInLink({ email: memberA.email });
    const signInLink = await emailedToken(memberA.email);
    t.app.services.auth.requestPasswordReset({ email: memberB.email });
    const passwordReset = await emailedToken(memberB.email);
    const invited = await t.app.services.auth.invite(adminA, { email: `new-${newId()}@test.example`, displayName: 'New', permission: 'member' });
    if (!invited.ok) throw new Error('could not invite');
    const invitation = invited.value.link.split('/').at(-1) ?? '';
    const client = new TestClient(t.app);
    await client.signIn(adminA.email, TEST_PASSWORD);
    await client.get('/');
    return { a, b, c, adminA, memberA, memberB, client, tokens: { signInLink, passwordReset, invitation } };
  }

  /** Every row of every table (sessions by id and account only: their data holds timestamps), and the mail sent. */
  async function snapshot(): Promise<string> {
    await t.mailer.idle();
    const tables = (await t.db.kysely.introspection.getTables()).map((table) => table.name).sort();
    const out: Record<string, string[]> = {};
    for (const table of tables) {
      const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db.kysely);
      const rows = table === 'sessions' ? result.rows.map((row) => ({ sid: row['sid'], account_id: row['account_id'] })) : result.rows;
      out[table] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return JSON.stringify({ tables: out, mail: t.mailer.sent.length });
  }

  function filled(w: World, route: RegisteredRoute, which: 'own' | 'others'): string {
    const values: Record<string, string> = {};
    for (const name of routeParams(route.url)) values[name] = PARAMS[name]?.[which](w, route) ?? newId();
    return fillParams(route.url, values);
  }

  async function post(client: TestClient, url: string, fields: Fields, csrf?: string | null): Promise<Page> {
    return client.post(url, fields, csrf === undefined ? {} : { csrf });
  }

  it('finds every route the app serves', () => {
    const keys = routes.map(routeKey);
    expect(keys).toEqual(expect.arrayContaining(['GET /', 'GET /health', ...Object.keys(POST_PLANS)]));
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
    const before = await snapshot();
    const problems: string[] = [];
    const posts = routes.filter((r) => r.method === 'POST');
    for (const route of posts) {
      const fields = POST_PLANS[routeKey(route)]?.(w).fields ?? {};
      for (const [who, client] of [['signed in', w.client], ['anonymous', anonymous]] as const) {
        const page = await post(client, filled(w, route, 'own'), fields, null);
        if (page.status !== 403 || !pageTitle(page.body).startsWith('This page has expired – ')) problems.push(`${routeKey(route)} (${who}): ${page.status}`);
      }
    }
    expect(posts.length).toBeGreaterThanOrEqual(Object.keys(POST_PLANS).length);
    expect(problems).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it.each(Object.keys(POST_PLANS))('%s: refused without a token or with another session’s token; works with its own', async (key) => {
    const w = await world();
    const route = routes.find((r) => routeKey(r) === key);
    if (route === undefined) throw new Error(`${key} is not served`);
    const plan = POST_PLANS[key]?.(w);
    if (plan === undefined) throw new Error(`no plan for ${key}`);
    const url = fillParams(route.url, plan.params ?? {});
    const stranger = new TestClient(t.app);
    const strangersToken = (await stranger.get('/sign-in')).csrf;
    expect(strangersToken).toBeDefined();

    const before = await snapshot();
    expect((await post(w.client, url, plan.fields, null)).status).toBe(403);
    expect((await post(w.client, url, plan.fields, '')).status).toBe(403);
    expect((await post(w.client, url, plan.fields, strangersToken ?? null)).status).toBe(403);
    expect(await snapshot()).toBe(before);

    await w.client.get('/');
    const accepted = await post(w.client, url, plan.fields);
    expect([200, 303], `${key} with its token answered ${accepted.status}`).toContain(accepted.status);
    expect(await snapshot(), `${key} with its token changed nothing: the plan does not prove the refusal`).not.toBe(before);
  });

  it('answers "not found" to every route given another organisation’s record or a token for something else, and changes nothing', async () => {
    const parameterised = routes.filter((route) => routeParams(route.url).length > 0);
    expect(parameterised.length).toBeGreaterThanOrEqual(8);
    const problems: string[] = [];
    for (const route of parameterised) {
      const key = routeKey(route);
      const send = (w: World, url: string, fields: Fields) => (route.method === 'GET' ? w.client.get(url) : post(w.client, url, fields));
      const w = await world();
      const before = await snapshot();
      const fields = POST_PLANS[key]?.(w).fields ?? {};
      const others = filled(w, route, 'others');
      const page = await send(w, others, fields);
      if (page.status !== 404) problems.push(`${key} with someone else's record: ${page.status}, not 404`);
      if (route.method === 'POST') {
        await w.client.get('/');
        const empty = await post(w.client, others, {});
        if (empty.status !== 404) problems.push(`${key} with someone else's record and an empty form: ${empty.status}, not 404`);
      }
      if ((await snapshot()) !== before) problems.push(`${key} with someone else's record changed something`);
      // The same route with a record of one's own works, so the 404 above is about whose record it is.
      await w.client.get('/');
      const own = await send(w, filled(w, route, 'own'), fields);
      if (own.status !== 200 && own.status !== 303) problems.push(`${key} with its own record: ${own.status}, not 200 or 303`);
    }
    expect(problems).toEqual([]);
  });

  it('changes nothing on any GET', async () => {
    const w = await world();
    const before = await snapshot();
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET')) {
      const page = await w.client.get(filled(w, route, 'own'));
      if (page.status >= 500) problems.push(`${routeKey(route)}: ${page.status}`);
    }
    expect(problems).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

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
      expectEscaped(await client.get(`/sign-in?next=${encodeURIComponent(`/${PAYLOAD}`)}`), true, 'sign-in next');
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
      const settings = { name: PAYLOAD, shortName: PAYLOAD, defaultLanguage: 'en-GB', timeZone: PAYLOAD, crisisText: PAYLOAD };
      const bad = await w.client.post('/admin/organisation', settings);
      expect(bad.status).toBe(422);
      expectEscaped(bad, true, 'settings form');
      for (const id of ['name', 'shortName', 'timeZone', 'crisisText']) expect(fieldValue(bad.body, id), id).toBe(PAYLOAD);

      expect((await w.client.post('/admin/organisation', { ...settings, timeZone: 'UTC' })).status).toBe(303);
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
