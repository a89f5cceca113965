import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, type Page } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { elementIds, heading, htmlLang, pageTitle, tags } from '../helpers/html.js';

/**
 * The security headers besides the CSP, the same on every response (helmet's defaults, ADR 0007). No HSTS: the
 * TLS-terminating proxy sets it, knowing whether HTTPS is in use.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

const PUBLIC_PAGES = [
  ['/', 'Doing With'],
  ['/sign-in', 'Sign in'],
  ['/sign-in/link', 'Email me a sign-in link'],
  ['/password-reset', 'Reset your password'],
  ['/get-help', 'Get help now'],
  ['/accessibility', 'Accessibility statement'],
  ['/privacy', 'Privacy notice'],
] as const;

/** What every HTML page has, whoever is looking. */
function expectWholePage(page: Page): void {
  expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(page.body.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(htmlLang(page.body)).toBe('en-GB');
  expect(heading(page.body)).not.toBe('');
  expect(tags(page.body).some((tag) => tag.name === 'a' && tag.attributes['href'] === '/get-help'), 'a "Get help now" link').toBe(true);
  expect(tags(page.body).some((tag) => tag.name === 'main' && tag.attributes['id'] === 'main-content')).toBe(true);
  const ids = elementIds(page.body);
  expect(ids.filter((id, index) => ids.indexOf(id) !== index), 'ids used twice').toEqual([]);
  expect(page.headers['cache-control']).toBe('no-store');
}

describe.each(testDialects())('pages (%s)', (dialect) => {
  let t: TestApp;
  let organisationId: string;
  let admin: Actor;
  let facilitator: Actor;
  let plain: Actor;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    organisationId = await makeOrganisation(t.db.kysely, { name: 'Northgate Peer Collective', shortName: 'Northgate' });
    admin = await makeMember(t.db.kysely, organisationId, { permission: 'admin', name: 'Ada Admin' });
    facilitator = await makeMember(t.db.kysely, organisationId, { permission: 'facilitator', name: 'Fay Facilitator' });
    plain = await makeMember(t.db.kysely, organisationId, { name: 'Mo Member' });
  });
  afterAll(async () => t.close());

  async function signedIn(actor: Actor): Promise<TestClient> {
    const client = new TestClient(t.app);
    await client.signIn(actor.email, TEST_PASSWORD);
    return client;
  }

  describe('for everyone', () => {
    it.each(PUBLIC_PAGES)('shows %s', async (url, title) => {
      const page = await new TestClient(t.app).get(url);
      expect(page.status).toBe(200);
      expectWholePage(page);
      expect(pageTitle(page.body)).toBe(`${title} – Doing With`);
    });

    it('answers the health check with the state of the database, as JSON', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toEqual({ status: 'ok', database: { status: 'ok', dialect } });
    });

    it('answers the health check with 503 when the database does not answer', async () => {
      const broken = await createTestApp(dialect);
      try {
        await broken.db.close();
        const response = await broken.app.inject({ method: 'GET', url: '/health' });
        expect(response.statusCode).toBe(503);
        expect(response.json()).toEqual({ status: 'unavailable', database: { status: 'unavailable', dialect, reason: 'The database does not answer.' } });
      } finally {
        await broken.close();
      }
    });

    it('shows a plain "page not found" for an unknown address', async () => {
      const page = await new TestClient(t.app).get('/no/such/page');
      expect(page.status).toBe(404);
      expectWholePage(page);
      expect(pageTitle(page.body)).toBe('Page not found – Doing With');
      expect(page.body).toContain('If you typed the web address, check it is correct.');
    });

    it('shows a plain "too large" page for a body over the limit', async () => {
      const client = new TestClient(t.app);
      await client.get('/sign-in');
      const page = await client.post('/sign-in', { email: 'a@b.example', password: 'x'.repeat(300 * 1024) });
      expect(page.status).toBe(413);
      expect(pageTitle(page.body)).toBe('That was too much to send at once – Doing With');
      expect(page.body).not.toContain('x'.repeat(100));
    });

    it('sends people who are not signed in to the sign-in page, remembering where they were going', async () => {
      for (const url of ['/account', '/admin/people', '/admin/organisation']) {
        const page = await new TestClient(t.app).get(url);
        expect(page.status).toBe(303);
        expect(page.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
      }
    });
  });

  describe('when signed in', () => {
    it.each([
      ['member', '/', 'Hello, Mo Member'],
      ['member', '/account', 'Your account'],
      ['member', '/organisations', 'Choose an organisation'],
      ['facilitator', '/admin/people', 'People and access'],
      ['admin', '/admin/people', 'People and access'],
      ['admin', '/admin/organisation', 'Organisation settings'],
    ] as const)('shows a %s %s', async (who, url, h1) => {
      const actor = { member: plain, facilitator, admin }[who];
      const client = await signedIn(actor);
      const page = await client.get(url);
      expect(page.status).toBe(200);
      expectWholePage(page);
      expect(heading(page.body)).toBe(h1);
      expect(pageTitle(page.body)).toMatch(/ – Northgate$/);
      expect(page.body).toContain('Northgate Peer Collective');
    });

    it('shows an admin the page for one person', async () => {
      const client = await signedIn(admin);
      const page = await client.get(`/admin/people/${plain.personId}`);
      expect(page.status).toBe(200);
      expectWholePage(page);
      expect(heading(page.body)).toBe('Mo Member');
    });

    it('lists everyone in the organisation for a facilitator, without links to the admin-only person page', async () => {
      const client = await signedIn(facilitator);
      const page = await client.get('/admin/people');
      for (const name of ['Ada Admin', 'Fay Facilitator', 'Mo Member']) expect(page.body).toContain(name);
      expect(page.body).toContain('3 people');
      expect(page.body).not.toContain(`/admin/people/${plain.personId}`);
    });

    it('shows each person only the navigation they may use', async () => {
      const hrefs = async (actor: Actor) => {
        const page = await (await signedIn(actor)).get('/');
        const nav = page.body.slice(page.body.indexOf('govuk-service-navigation__list'), page.body.indexOf('</ul>', page.body.indexOf('govuk-service-navigation__list')));
        return tags(nav).filter((tag) => tag.name === 'a').map((tag) => tag.attributes['href']);
      };
      const everyone = ['/', '/people', '/profile', '/projects', '/meetings', '/reviews', '/toolkit', '/notifications'];
      expect(await hrefs(plain)).toEqual([...everyone, '/account']);
      expect(await hrefs(facilitator)).toEqual([...everyone, '/admin/people', '/account']);
      expect(await hrefs(admin)).toEqual([...everyone, '/admin/people', '/admin/organisation', '/account']);
    });

    it('sends a signed-in person away from the sign-in page', async () => {
      const client = await signedIn(plain);
      const page = await client.get('/sign-in');
      expect(page.status).toBe(303);
      expect(page.location).toBe('/');
    });
  });

  describe('admin pages', () => {
    it.each([
      ['member', '/admin/people'],
      ['member', '/admin/organisation'],
      ['member', '/admin/people/:person'],
      ['facilitator', '/admin/organisation'],
      ['facilitator', '/admin/people/:person'],
    ] as const)('are "not found" for a %s: %s', async (who, url) => {
      const client = await signedIn(who === 'member' ? plain : facilitator);
      const page = await client.get(url.replace(':person', admin.personId));
      expect(page.status).toBe(404);
      expect(pageTitle(page.body)).toBe('Page not found – Northgate');
    });

    it.each([
      ['member', '/admin/people/invite', { displayName: 'Sneaky', email: 'sneaky@test.example', permission: 'member' }],
      ['member', '/admin/organisation', { name: 'Taken', shortName: 'T', defaultLanguage: 'en-GB', timeZone: 'UTC' }],
      ['facilitator', '/admin/organisation', { name: 'Taken', shortName: 'T', defaultLanguage: 'en-GB', timeZone: 'UTC' }],
      ['facilitator', '/admin/people/:person/permission', { permission: 'member' }],
    ] as const)('refuse a form from a %s with "not found": %s', async (who, url, fields) => {
      const client = await signedIn(who === 'member' ? plain : facilitator);
      await client.get('/');
      const page = await client.post(url.replace(':person', admin.personId), fields);
      expect(page.status).toBe(404);
      const organisation = await t.db.kysely.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
      expect(organisation.name).toBe('Northgate Peer Collective');
      const person = await t.db.kysely.selectFrom('people').select('permission').where('id', '=', admin.personId).executeTakeFirstOrThrow();
      expect(person.permission).toBe('admin');
      const invited = await t.db.kysely.selectFrom('auth_tokens').select('id').where('email', '=', 'sneaky@test.example').execute();
      expect(invited).toEqual([]);
    });
  });

  describe('headers', () => {
    it('has a strict Content-Security-Policy whose nonce is the one on the page’s script', async () => {
      const page = await new TestClient(t.app).get('/sign-in');
      const csp = String(page.headers['content-security-policy']);
      const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toMatch(/^[A-Za-z0-9+/=_-]{16,}$/);
      const scripts = tags(page.body).filter((tag) => tag.name === 'script');
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script.attributes['nonce']).toBe(nonce);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
        expect(csp).toContain(directive);
      }
      const again = await new TestClient(t.app).get('/sign-in');
      expect(String(again.headers['content-security-policy'])).not.toContain(nonce);
    });

    it('sends exactly the agreed security headers on pages, errors and JSON alike', async () => {
      for (const url of ['/', '/sign-in', '/no-such-page', '/health']) {
        const page = await new TestClient(t.app).get(url);
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(page.headers[name], `${url} ${name}`).toBe(value);
        expect(String(page.headers['content-security-policy'])).toMatch(
          /^default-src 'self';script-src 'self' 'nonce-[0-9a-f]{32}';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';form-action 'self';object-src 'none';base-uri 'none';frame-ancestors 'none'$/,
        );
        expect(page.headers['strict-transport-security'], 'HSTS is the TLS proxy’s to set').toBeUndefined();
      }
    });

    it('does not say what the server is, and tells browsers not to sniff or frame', async () => {
      const page = await new TestClient(t.app).get('/');
      expect(page.headers['x-powered-by']).toBeUndefined();
      expect(page.headers['server']).toBeUndefined();
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    });

    it('tells browsers never to keep a signed-in page', async () => {
      const client = await signedIn(admin);
      for (const url of ['/', '/account', '/admin/people', '/admin/organisation', `/admin/people/${plain.personId}`]) {
        const page = await client.get(url);
        expect(page.status).toBe(200);
        expect(page.headers['cache-control'], url).toBe('no-store');
      }
    });
  });
});
