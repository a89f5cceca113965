import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { htmlLang, pageTitle } from '../helpers/html.js';
import { cookiesSet, withoutPerRequestValues } from '../helpers/pages.js';

const MINUTE = 60_000;
const NEW_PASSWORD = 'a brand new passphrase';

/** The token at the end of the last link emailed to this address. */
async function emailedToken(t: TestApp, email: string): Promise<string> {
  return (await t.mailer.linkTo(email)).split('/').at(-1) ?? '';
}

describe.each(testDialects())('signing in (%s)', (dialect) => {
  // The clock starts at the real time (cookies and the test client use real time) and is moved on by hand.
  const clock = fixedClock(new Date());
  let t: TestApp;
  let organisationId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock });
    organisationId = await makeOrganisation(t.db.kysely, { name: 'Eastside Recovery Network', shortName: 'Eastside' });
  });
  afterAll(async () => t.close());

  const person = (options: Parameters<typeof makeMember>[2] = {}) => makeMember(t.db.kysely, organisationId, options);

  describe('the session cookie', () => {
    const sessionRows = async () => (await t.db.kysely.selectFrom('sessions').select('sid').execute()).length;

    it('is set at sign-in, HttpOnly, SameSite=Lax and for the whole site', async () => {
      const ada = await person();
      const page = await new TestClient(t.app).signIn(ada.email, TEST_PASSWORD);
      const cookie = cookiesSet(page).find((c) => c.name === 'doing-with');
      expect(cookie).toBeDefined();
      expect(cookie?.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
      expect(cookie?.attributes.some((a) => a.startsWith('Domain=') || a.startsWith('Expires=') || a.startsWith('Max-Age='))).toBe(false);
    });

    it('is not set, and no session is stored, while a visitor who is not signed in only reads pages', async () => {
      const before = await sessionRows();
      const visitor = new TestClient(t.app);
      for (const url of ['/', '/sign-in', '/sign-in/link', '/password-reset', '/get-help', '/accessibility', '/privacy', '/no-such-page']) {
        const page = await visitor.get(url);
        expect(cookiesSet(page).map((c) => c.name), url).not.toContain('doing-with');
      }
      expect(await sessionRows()).toBe(before);
    });

    it('keeps the CSRF secret of a visitor who is not signed in in its own signed, HttpOnly, SameSite=Lax cookie', async () => {
      const page = await new TestClient(t.app).get('/sign-in');
      const cookie = cookiesSet(page).find((c) => c.name === 'doing-with-csrf');
      expect(cookie?.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
      expect(cookie?.attributes.some((a) => a.startsWith('Domain='))).toBe(false);
      const forged = await t.app.inject({
        method: 'POST',
        url: '/language',
        cookies: { 'doing-with-csrf': 'a-secret-of-my-own' },
        payload: { _csrf: page.csrf ?? '', language: 'it' },
      });
      expect(forged.statusCode).toBe(403);
    });

    it('lets a visitor who is not signed in sign in, choose a language and ask for a reset with a token, and refuses them without one or with another browser’s', async () => {
      const ada = await person();
      const before = await sessionRows();
      const stranger = new TestClient(t.app);
      const strangersToken = (await stranger.get('/sign-in')).csrf ?? '';
      const visitor = new TestClient(t.app);
      await visitor.get('/password-reset');
      expect((await visitor.post('/password-reset', { email: ada.email }, { csrf: null })).status).toBe(403);
      expect((await visitor.post('/password-reset', { email: ada.email }, { csrf: strangersToken })).status).toBe(403);
      expect((await visitor.post('/password-reset', { email: ada.email })).status).toBe(200);
      expect(await sessionRows()).toBe(before);

      await visitor.get('/sign-in');
      expect((await visitor.post('/language', { language: 'it', returnTo: '/sign-in' }, { csrf: null })).status).toBe(403);
      expect((await visitor.post('/language', { language: 'it', returnTo: '/sign-in' }, { csrf: strangersToken })).status).toBe(403);
      expect((await visitor.post('/language', { language: 'it', returnTo: '/sign-in' })).location).toBe('/sign-in');
      expect(htmlLang((await visitor.get('/sign-in')).body)).toBe('it');

      expect((await visitor.post('/sign-in', { email: ada.email, password: TEST_PASSWORD }, { csrf: null })).status).toBe(403);
      expect((await visitor.post('/sign-in', { email: ada.email, password: TEST_PASSWORD }, { csrf: strangersToken })).status).toBe(403);
      expect((await visitor.post('/sign-in', { email: ada.email, password: TEST_PASSWORD })).status).toBe(303);
      expect(htmlLang((await visitor.get('/account')).body)).toBe('it');
    });

    it('refuses a token from before signing in, and one from an earlier session', async () => {
      const ada = await person();
      const client = new TestClient(t.app);
      const anonymousToken = (await client.get('/sign-in')).csrf ?? '';
      await client.post('/sign-in', { email: ada.email, password: TEST_PASSWORD });
      const firstSessionToken = (await client.get('/account')).csrf ?? '';
      expect((await client.post('/language', { language: 'it' }, { csrf: anonymousToken })).status).toBe(403);
      await client.post('/sign-out', {}, { csrf: firstSessionToken });
      await client.signIn(ada.email, TEST_PASSWORD);
      expect((await client.post('/language', { language: 'it' }, { csrf: firstSessionToken })).status).toBe(403);
      await client.get('/account');
      expect((await client.post('/language', { language: 'it' })).status).toBe(303);
    });

    it('gets a new session id at sign-in, and the old id no longer counts', async () => {
      const ada = await person();
      const client = new TestClient(t.app);
      await client.get('/sign-in');
      // A session before signing in: the visitor chose a language.
      const chose = await client.post('/language', { language: 'en-GB', returnTo: '/sign-in' });
      const before = cookiesSet(chose).find((c) => c.name === 'doing-with')?.value;
      await client.get('/sign-in');
      const done = await client.post('/sign-in', { email: ada.email, password: TEST_PASSWORD });
      expect(done.status).toBe(303);
      const after = cookiesSet(done).find((c) => c.name === 'doing-with')?.value;
      expect(before).toBeDefined();
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect(after?.split('.')[0]).not.toBe(before?.split('.')[0]);

      const old = await t.app.inject({ method: 'GET', url: '/account', cookies: { 'doing-with': before ?? '' } });
      expect(old.statusCode).toBe(303);
      const current = await t.app.inject({ method: 'GET', url: '/account', cookies: { 'doing-with': after ?? '' } });
      expect(current.statusCode).toBe(200);
    });

    it('is worthless after signing out: the session is gone from the database', async () => {
      const ada = await person();
      const client = new TestClient(t.app);
      const signedIn = cookiesSet(await client.signIn(ada.email, TEST_PASSWORD)).find((c) => c.name === 'doing-with')?.value ?? '';
      await client.get('/');
      expect((await client.post('/sign-out')).location).toBe('/sign-in');
      const replay = await t.app.inject({ method: 'GET', url: '/account', cookies: { 'doing-with': signedIn } });
      expect(replay.statusCode).toBe(303);
      const rows = await t.db.kysely.selectFrom('sessions').select('sid').where('account_id', '=', ada.accountId).execute();
      expect(rows).toEqual([]);
      expect((await client.get('/sign-in')).body).toContain('You have signed out.');
    });

    it('is called __Host-… and Secure when cookies are to be secure, behind HTTPS, and never set over plain HTTP', async () => {
      const secure = await createTestApp(dialect, { env: { COOKIE_SECURE: 'true', TRUST_PROXY: 'true' } });
      try {
        const ada = await makeMember(secure.db.kysely, await makeOrganisation(secure.db.kysely), {});
        const https = { 'x-forwarded-proto': 'https' };
        const client = new TestClient(secure.app);
        const form = await client.get('/sign-in', https);
        const csrfCookie = cookiesSet(form).find((c) => c.name === '__Host-doing-with-csrf');
        expect(csrfCookie?.attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']));
        const response = await secure.app.inject({
          method: 'POST',
          url: '/sign-in',
          headers: { ...https, cookie: `__Host-doing-with-csrf=${csrfCookie?.value ?? ''}` },
          payload: { _csrf: form.csrf ?? '', email: ada.email, password: TEST_PASSWORD },
        });
        expect(response.statusCode).toBe(303);
        const cookie = cookiesSet({ ...form, headers: response.headers }).find((c) => c.name === '__Host-doing-with');
        expect(cookie?.attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']));
        const device = cookiesSet({ ...form, headers: response.headers }).find((c) => c.name === '__Host-doing-with-device');
        expect(device?.attributes).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']));

        const plain = await secure.app.inject({
          method: 'POST',
          url: '/sign-in',
          headers: { cookie: `__Host-doing-with-csrf=${csrfCookie?.value ?? ''}` },
          payload: { _csrf: form.csrf ?? '', email: ada.email, password: TEST_PASSWORD },
        });
        expect(plain.statusCode).toBe(303);
        // never sent over plain HTTP
        expect(cookiesSet({ ...form, headers: plain.headers }).map((c) => c.name)).not.toContain('__Host-doing-with');
        expect(cookiesSet({ ...form, headers: plain.headers }).map((c) => c.name)).not.toContain('__Host-doing-with-device');
      } finally {
        await secure.close();
      }
    });
  });

  describe('with a password', () => {
    it('goes back to the page the person was going to, but never to another site', async () => {
      const ada = await person();
      const client = new TestClient(t.app);
      const start = await client.get('/account');
      expect(start.location).toBe('/sign-in?next=%2Faccount');
      await client.get(start.location ?? '');
      expect((await client.post('/sign-in', { email: ada.email, password: TEST_PASSWORD, next: '/account' })).location).toBe('/account');

      for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
        const other = new TestClient(t.app);
        await other.get('/sign-in');
        expect((await other.post('/sign-in', { email: ada.email, password: TEST_PASSWORD, next })).location).toBe('/');
      }
    });

    it('never redirects off the site or fails, whatever the next page or language return path holds (#11)', async () => {
      const ada = await person();
      // The tab arrives decoded from the query string, and browsers drop it: "/<TAB>/evil.example/" is "//evil.example/".
      const client = new TestClient(t.app);
      const form = await client.get('/sign-in?next=/%09/evil.example/');
      expect(form.status).toBe(200);
      expect(form.body).toContain('<input type="hidden" name="next" value="/">');
      const cases: [string, string][] = [
        ['/\t/evil.example/', '/'],
        ['/\r\nSet-Cookie: x=1', '/'],
        ['/\n/evil.example/', '/'],
        ['/persone/Łucja', '/persone/%C5%81ucja'],
        ['/people?find=日本', '/people?find=%E6%97%A5%E6%9C%AC'],
      ];
      for (const [next, location] of cases) {
        const other = new TestClient(t.app);
        await other.get('/sign-in');
        const signedIn = await other.post('/sign-in', { email: ada.email, password: TEST_PASSWORD, next });
        expect(signedIn.status).toBe(303);
        expect(signedIn.location).toBe(location);
        await other.get('/account');
        const language = await other.post('/language', { language: 'en-GB', returnTo: next });
        expect(language.status).toBe(303);
        expect(language.location).toBe(location);
      }
    });

    it('accepts the email in any case and with spaces around it', async () => {
      const ada = await person({ email: `mixed-case-${dialect}@test.example` });
      const client = new TestClient(t.app);
      await client.get('/sign-in');
      expect((await client.post('/sign-in', { email: `  Mixed-Case-${dialect}@Test.Example `, password: TEST_PASSWORD })).status).toBe(303);
      expect((await client.get('/account')).body).toContain(ada.email);
    });

    it('says "too many tries" with Retry-After after 10 wrong passwords from one address, while another address gets in', async () => {
      const ada = await person();
      const room = new TestClient(t.app, '10.9.0.1');
      await room.get('/sign-in');
      for (let i = 0; i < 10; i += 1) expect((await room.post('/sign-in', { email: ada.email, password: `guess ${i}` })).status).toBe(422);
      const blocked = await room.post('/sign-in', { email: ada.email, password: TEST_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.headers['retry-after']).toBe('900');
      expect(pageTitle(blocked.body)).toMatch(/^Error: Sign in/);
      expect(blocked.body).toContain('There have been too many wrong tries to sign in. Try again in 15 minutes, or use &quot;Email me a sign-in link&quot;.');
      const elsewhere = new TestClient(t.app, '10.9.0.2');
      expect((await elsewhere.signIn(ada.email, TEST_PASSWORD)).status).toBe(303);
    });
  });

  describe('asking for an email', () => {
    it.each([
      ['/sign-in/link', 'sign-in link'],
      ['/password-reset', 'password reset'],
    ])('%s gives the same page for an email with an account and one without', async (url) => {
      const ada = await person();
      const unknown = `nobody-${ada.accountId.slice(-8)}@test.example`;
      const sentBefore = t.mailer.sent.length;

      const known = new TestClient(t.app);
      await known.get(url);
      const knownPage = await known.post(url, { email: ada.email });
      const stranger = new TestClient(t.app);
      await stranger.get(url);
      const unknownPage = await stranger.post(url, { email: unknown });

      expect(knownPage.status).toBe(200);
      expect(unknownPage.status).toBe(200);
      expect(knownPage.body).toContain(ada.email);
      expect(unknownPage.body).toContain(unknown);
      expect(withoutPerRequestValues(knownPage.body).replaceAll(ada.email, 'EMAIL')).toBe(withoutPerRequestValues(unknownPage.body).replaceAll(unknown, 'EMAIL'));
      expect(Object.keys(knownPage.headers).sort()).toEqual(Object.keys(unknownPage.headers).sort());

      // Behind the page, only the account holder got an email.
      await t.mailer.idle();
      expect(t.mailer.sent.slice(sentBefore).map((m) => m.to)).toEqual([ada.email]);
    });

    it('signs in with an emailed link, by pressing a button: opening the link alone uses nothing', async () => {
      const ada = await person();
      const client = new TestClient(t.app);
      await client.submit('/sign-in/link', '/sign-in/link', { email: ada.email });
      const token = await emailedToken(t, ada.email);

      const scanner = await new TestClient(t.app).get(`/sign-in/link/${token}`);
      expect(scanner.status).toBe(200);
      const confirm = await client.get(`/sign-in/link/${token}`);
      expect(confirm.status).toBe(200);
      expect(confirm.body).toContain(`action="/sign-in/link/${token}"`);
      const done = await client.post(`/sign-in/link/${token}`);
      expect(done.status).toBe(303);
      expect(done.location).toBe('/');
      expect((await client.get('/')).body).toContain('Eastside Recovery Network');

      const reused = await new TestClient(t.app).get(`/sign-in/link/${token}`);
      expect(reused.status).toBe(404);
      expect(pageTitle(reused.body)).toBe('This link does not work any more – Doing With');
    });

    it('resets a password, signs the person in, and signs them out everywhere else', async () => {
      const ada = await person();
      const laptop = new TestClient(t.app);
      await laptop.signIn(ada.email, TEST_PASSWORD);
      expect((await laptop.get('/account')).status).toBe(200);

      const phone = new TestClient(t.app);
      await phone.submit('/password-reset', '/password-reset', { email: ada.email });
      const token = await emailedToken(t, ada.email);
      await phone.get(`/password-reset/${token}`);
      const done = await phone.post(`/password-reset/${token}`, { password: NEW_PASSWORD });
      expect(done.status).toBe(303);
      expect(done.location).toBe('/');
      expect((await phone.get('/')).body).toContain('Your password has been changed. You are signed in.');

      expect((await laptop.get('/account')).status).toBe(303);
      expect((await new TestClient(t.app).get(`/password-reset/${token}`)).status).toBe(404);
      expect((await new TestClient(t.app).signIn(ada.email, NEW_PASSWORD)).status).toBe(303);
    });

    it('changes a password from the account page, keeping this session and ending the others', async () => {
      const ada = await person();
      const laptop = new TestClient(t.app);
      await laptop.signIn(ada.email, TEST_PASSWORD);
      const phone = new TestClient(t.app);
      await phone.signIn(ada.email, TEST_PASSWORD);

      const done = await phone.submit('/account', '/account/password', { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD });
      expect(done.status).toBe(303);
      expect(done.location).toBe('/account');
      const after = await phone.get('/account');
      expect(after.status).toBe(200);
      expect(after.body).toContain('You have been signed out everywhere else.');
      expect((await laptop.get('/account')).status).toBe(303);
    });
  });

  describe('language', () => {
    it('switches the page language with a form, and remembers it on the account after signing out and in', async () => {
      const ada = await person();
      const client = new TestClient(t.app);
      await client.signIn(ada.email, TEST_PASSWORD);
      const home = await client.get('/account');
      expect(htmlLang(home.body)).toBe('en-GB');
      const switched = await client.post('/language', { language: 'it', returnTo: '/account' });
      expect(switched.status).toBe(303);
      expect(switched.location).toBe('/account');
      const italian = await client.get('/account');
      expect(htmlLang(italian.body)).toBe('it');
      expect(italian.body).not.toContain('Your account');
      const account = await t.db.kysely.selectFrom('accounts').select('language').where('id', '=', ada.accountId).executeTakeFirstOrThrow();
      expect(account.language).toBe('it');

      await client.post('/sign-out');
      const elsewhere = new TestClient(t.app); // a different browser: nothing in its session
      await elsewhere.signIn(ada.email, TEST_PASSWORD);
      expect(htmlLang((await elsewhere.get('/')).body)).toBe('it');
    });

    it('lets someone who is not signed in choose a language for their visit', async () => {
      const client = new TestClient(t.app);
      await client.get('/privacy');
      expect((await client.post('/language', { language: 'it', returnTo: '/privacy' })).location).toBe('/privacy');
      expect(htmlLang((await client.get('/privacy')).body)).toBe('it');
      expect(htmlLang((await new TestClient(t.app).get('/privacy')).body)).toBe('en-GB');
    });

    it('follows the browser’s language until someone chooses', async () => {
      const page = await new TestClient(t.app).get('/', { 'accept-language': 'it-IT,it;q=0.9,en;q=0.5' });
      expect(htmlLang(page.body)).toBe('it');
    });

    it('refuses a language it does not have, and never sends people to another site', async () => {
      const client = new TestClient(t.app);
      await client.get('/');
      expect((await client.post('/language', { language: 'xx', returnTo: '/' })).status).toBe(400);
      await client.get('/');
      expect((await client.post('/language', { language: 'it', returnTo: 'https://evil.example/' })).location).toBe('/');
    });
  });

  describe('timeouts', () => {
    it('signs out after two hours without activity', async () => {
      const ada = await person();
      const client = new TestClient(t.app);
      await client.signIn(ada.email, TEST_PASSWORD);
      clock.advance(119 * MINUTE);
      expect((await client.get('/account')).status).toBe(200);
      clock.advance(121 * MINUTE);
      expect((await client.get('/account')).status).toBe(303);
    });

    it('signs out 12 hours after signing in, however active the person is', async () => {
      const ada = await person();
      const client = new TestClient(t.app);
      await client.signIn(ada.email, TEST_PASSWORD);
      for (let hour = 1; hour < 12; hour += 1) {
        clock.advance(60 * MINUTE);
        expect((await client.get('/account')).status, `after ${hour} hours`).toBe(200);
      }
      clock.advance(61 * MINUTE);
      const page = await client.get('/account');
      expect(page.status).toBe(303);
      expect(page.location).toBe('/sign-in?next=%2Faccount');
    });
  });
});
