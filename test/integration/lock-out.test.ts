import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/portable.js';
import { fixedClock } from '../../src/shared/clock.js';
import { hashPassword } from '../../src/shared/passwords.js';
import { EMAIL_LIMITS, SIGN_IN_LIMITS } from '../../src/modules/auth/auth.limits.js';
import { SIGN_IN_LINK_MINUTES } from '../../src/modules/auth/auth.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { cookiesSet, withoutPerRequestValues } from '../helpers/pages.js';

const MINUTE = 60_000;
const DEVICE_COOKIE = 'doing-with-device';

/** #11 item 7: strangers can no longer lock a person out, by wrong passwords or by asking for emails (ADR 0013). */
describe.each(testDialects())('no lock-out by strangers (%s)', (dialect) => {
  // Starts at the real time (cookies and the test client use real time) and is moved on by hand.
  const clock = fixedClock(new Date());
  let t: TestApp;
  let organisationId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock });
    organisationId = await makeOrganisation(t.db.kysely, { name: 'Riverside Recovery College' });
  });
  afterAll(async () => t.close());

  const person = () => makeMember(t.db.kysely, organisationId);
  /** Wrong passwords for an email from one address, in a browser that has never signed in. */
  async function strangerFails(email: string, ip: string, times: number): Promise<number[]> {
    const stranger = new TestClient(t.app, ip);
    await stranger.get('/sign-in');
    const statuses = [];
    for (let i = 0; i < times; i += 1) statuses.push((await stranger.post('/sign-in', { email, password: `guess ${String(i)}` })).status);
    return statuses;
  }

  describe('wrong passwords', () => {
    it('10 wrong passwords from each of 5 addresses no longer block the owner in a browser they signed in with before', async () => {
      const owner = await person();
      const laptop = new TestClient(t.app, '198.51.100.20');
      const signedIn = await laptop.signIn(owner.email, TEST_PASSWORD);
      const device = cookiesSet(signedIn).find((cookie) => cookie.name === DEVICE_COOKIE);
      expect(device?.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=15552000']));
      await laptop.get('/');
      await laptop.post('/sign-out');

      for (let a = 1; a <= 5; a += 1) expect(await strangerFails(owner.email, `203.0.113.${String(a)}`, 10)).toEqual(Array.from({ length: 10 }, () => 422));

      // The repro: the owner's correct password in an unknown browser is refused for up to an hour...
      const unknown = new TestClient(t.app, '198.51.100.20');
      await unknown.get('/sign-in');
      const refused = await unknown.post('/sign-in', { email: owner.email, password: TEST_PASSWORD });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(59 * 60);
      expect(refused.body).toContain('Email me a sign-in link');
      // ...but in the browser they signed in with before, at home or anywhere else, it works.
      expect((await laptop.submit('/sign-in', '/sign-in', { email: owner.email, password: TEST_PASSWORD })).status).toBe(303);
      await laptop.post('/sign-out');
      const cafe = new TestClient(t.app, '192.0.2.77');
      cafe.setCookie(DEVICE_COOKIE, laptop.cookie(DEVICE_COOKIE) ?? '');
      expect((await cafe.signIn(owner.email, TEST_PASSWORD)).status).toBe(303);
    });

    it('still limits wrong passwords from unknown browsers, per address and per account', async () => {
      const owner = await person();
      expect(await strangerFails(owner.email, '203.0.113.50', 11)).toEqual([...Array.from({ length: 10 }, () => 422), 429]);
      for (let a = 51; a <= 54; a += 1) await strangerFails(owner.email, `203.0.113.${String(a)}`, 10);
      expect(await strangerFails(owner.email, '203.0.113.99', 1)).toEqual([429]);
      // Another account from the same addresses is not affected.
      const other = await person();
      expect((await new TestClient(t.app, '203.0.113.50').signIn(other.email, TEST_PASSWORD)).status).toBe(303);
    });

    it('a stolen device cookie gives only its own few guesses before it counts as unknown', async () => {
      const owner = await person();
      const phone = new TestClient(t.app, '198.51.100.30');
      await phone.signIn(owner.email, TEST_PASSWORD);
      const thief = new TestClient(t.app, '203.0.113.120');
      thief.setCookie(DEVICE_COOKIE, phone.cookie(DEVICE_COOKIE) ?? '');
      await thief.get('/sign-in');
      const statuses = [];
      for (let i = 0; i < SIGN_IN_LIMITS.perDevice.hits + SIGN_IN_LIMITS.perAccountAndAddress.hits + 1; i += 1) {
        statuses.push((await thief.post('/sign-in', { email: owner.email, password: `guess ${String(i)}` })).status);
      }
      expect(statuses).toEqual([...Array.from({ length: 20 }, () => 422), 429]);
      // The owner's own phone is trusted still: the thief's failures on its copy counted once it was "unknown".
      await phone.post('/sign-out');
      expect((await phone.submit('/sign-in', '/sign-in', { email: owner.email, password: TEST_PASSWORD })).status).toBe(303);
    });

    it('a changed password ends the trust of other browsers that knew the old one, and keeps this one’s', async () => {
      const owner = await person();
      const NEW_PASSWORD = 'a fresh and longer passphrase';
      const old = new TestClient(t.app, '198.51.100.60');
      await old.signIn(owner.email, TEST_PASSWORD);
      const laptop = new TestClient(t.app, '198.51.100.61');
      await laptop.signIn(owner.email, TEST_PASSWORD);
      const changed = await laptop.submit('/account', '/account/password', { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD });
      expect(changed.status).toBe(303);
      expect(cookiesSet(changed).map((cookie) => cookie.name)).toContain(DEVICE_COOKIE);
      await laptop.get('/');
      await laptop.post('/sign-out');
      for (let a = 1; a <= 5; a += 1) await strangerFails(owner.email, `203.0.113.${String(130 + a)}`, 10);
      expect((await laptop.submit('/sign-in', '/sign-in', { email: owner.email, password: NEW_PASSWORD })).status).toBe(303);
      expect((await old.submit('/sign-in', '/sign-in', { email: owner.email, password: NEW_PASSWORD })).status).toBe(429);
    });

    it('300 distinct accounts signing in correctly from one address all succeed, after 100 of them mistype', async () => {
      const passwordHash = await hashPassword(TEST_PASSWORD);
      const now = new Date().toISOString();
      const accounts = Array.from({ length: 300 }, (_, i) => ({
        id: newId(), email: `room-${dialect}-${String(i)}@test.example`, password_hash: passwordHash, language: null, last_organisation_id: null,
        password_changed_at: now, created_at: now, updated_at: now,
      }));
      await t.db.kysely.insertInto('accounts').values(accounts).execute();
      await t.db.kysely
        .insertInto('people')
        .values(accounts.map((a, i) => ({
          id: newId(), organisation_id: organisationId, account_id: a.id, display_name: `Person ${String(i)}`, permission: 'member' as const,
          created_at: now, updated_at: now, archived_at: null, archived_by: null,
        })))
        .execute();
      const wifi = '192.168.50.1';
      const statuses: number[] = [];
      for (let i = 0; i < accounts.length; i += 10) {
        statuses.push(
          ...(await Promise.all(
            accounts.slice(i, i + 10).map(async (account, j) => {
              const client = new TestClient(t.app, wifi);
              await client.get('/sign-in');
              if (i + j < 100) expect((await client.post('/sign-in', { email: account.email, password: 'a typo' })).status).toBe(422);
              return (await client.post('/sign-in', { email: account.email, password: TEST_PASSWORD })).status;
            }),
          )),
        );
      }
      expect(statuses).toHaveLength(300);
      expect(statuses.filter((status) => status !== 303)).toEqual([]);
    }, 180_000);
  });

  describe('emails with links', () => {
    const ask = async (url: '/sign-in/link' | '/password-reset', email: string, client: TestClient) => {
      await client.get(url);
      const page = await client.post(url, { email });
      expect(page.status).toBe(200);
      return page;
    };
    /** The newest email of a kind sent to an address, and whether its link still works. */
    async function newestLink(email: string, kind: 'sign-in/link' | 'password-reset') {
      await t.mailer.idle();
      const index = t.mailer.sent.findLastIndex((m) => m.to === email && m.text.includes(`/${kind}/`));
      const url = t.mailer.sent[index]?.text.match(/https?:\/\/\S+/)?.[0];
      if (url === undefined) return { index, works: false };
      const page = await new TestClient(t.app).get(new URL(url).pathname);
      return { index, works: page.status === 200 };
    }

    it('strangers’ sign-in link requests no longer stop the owner’s reset email', async () => {
      const owner = await person();
      for (let i = 0; i < 6; i += 1) await ask('/sign-in/link', owner.email, new TestClient(t.app, `203.0.113.${String(160 + i)}`));
      await t.mailer.idle();
      const before = t.mailer.sent.length;
      await ask('/password-reset', owner.email, new TestClient(t.app, '198.51.100.40'));
      expect((await newestLink(owner.email, 'password-reset')).works).toBe(true);
      expect(t.mailer.sent.slice(before).map((m) => m.to)).toEqual([owner.email]);
    });

    it('strangers’ link requests cannot stop the owner’s reset or sign-in email within 15 minutes, however long they keep on', async () => {
      const owner = await person();
      const start = t.mailer.sent.length;
      const sentAt = new Map<number, number>();
      // For two hours, strangers ask for both kinds of email every minute from new addresses; now and then the owner
      // asks too, from a browser that has never signed in.
      for (let minute = 0; minute < 120; minute += 1) {
        for (let s = 0; s < 2; s += 1) {
          const ip = `203.0.${String(114 + (minute % 100))}.${String(s + 1)}`;
          await ask('/sign-in/link', owner.email, new TestClient(t.app, ip));
          await ask('/password-reset', owner.email, new TestClient(t.app, ip));
        }
        await t.mailer.idle();
        for (let i = sentAt.size; i < t.mailer.sent.length - start; i += 1) sentAt.set(i, minute);
        if (minute % 7 === 3) {
          for (const [url, kind] of [['/password-reset', 'password-reset'], ['/sign-in/link', 'sign-in/link']] as const) {
            await ask(url, owner.email, new TestClient(t.app, '198.51.100.41'));
            const newest = await newestLink(owner.email, kind);
            // A working link is in the owner's inbox when they ask, and it keeps working long enough to use.
            expect(newest.works, `${kind} at minute ${String(minute)}`).toBe(true);
            const age = minute - (sentAt.get(newest.index - start) ?? -Infinity);
            expect(age).toBeLessThan(EMAIL_LIMITS.perAccount.windowMs / MINUTE);
            expect(SIGN_IN_LINK_MINUTES - age).toBeGreaterThanOrEqual(10);
          }
        }
        clock.advance(MINUTE);
      }
      // What the strangers could send to the owner's inbox: at most 2 of each kind in 5 minutes.
      const received = t.mailer.sent.slice(start).filter((m) => m.to === owner.email).length;
      expect(received).toBeLessThanOrEqual(2 * 2 * (120 / 5));
      expect(received).toBeGreaterThan(0);
    }, 180_000);

    it('sends straight away to the owner’s known browser, whatever strangers have asked for', async () => {
      const owner = await person();
      const laptop = new TestClient(t.app, '198.51.100.50');
      await laptop.signIn(owner.email, TEST_PASSWORD);
      await laptop.get('/');
      await laptop.post('/sign-out');
      for (let i = 0; i < 10; i += 1) await ask('/password-reset', owner.email, new TestClient(t.app, `203.0.113.${String(200 + i)}`));
      await t.mailer.idle();
      const before = t.mailer.sent.length;
      await ask('/password-reset', owner.email, laptop);
      await t.mailer.idle();
      expect(t.mailer.sent.slice(before).map((m) => m.to)).toEqual([owner.email]);
      expect((await newestLink(owner.email, 'password-reset')).works).toBe(true);
    });

    it('answers the same, whether an email was sent, held back by a limit, or has no account', async () => {
      const owner = await person();
      const unknown = `nobody-${owner.accountId.slice(-8)}@test.example`;
      const pages = [];
      for (let i = 0; i < 4; i += 1) pages.push(await ask('/password-reset', owner.email, new TestClient(t.app, `203.0.113.${String(230 + i)}`)));
      const nobody = await ask('/password-reset', unknown, new TestClient(t.app, '203.0.113.240'));
      const bodies = pages.map((page) => withoutPerRequestValues(page.body).replaceAll(owner.email, 'EMAIL'));
      expect(new Set(bodies).size).toBe(1);
      expect(withoutPerRequestValues(nobody.body).replaceAll(unknown, 'EMAIL')).toBe(bodies[0]);
      expect(new Set([...pages, nobody].map((page) => Object.keys(page.headers).sort().join()))).toHaveProperty('size', 1);
    });
  });
});
