import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/portable.js';
import { testDialects } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { EMAIL_LIMITS, SIGN_IN_LIMITS } from './auth.limits.js';
import { peekRateLimit } from './auth.repository.js';
import { authTestContext, MINUTE, NEW_PASSWORD } from './auth.test-support.js';

describe.each(testDialects())('auth service (%s)', (dialect) => {
  type Context = Awaited<ReturnType<typeof authTestContext>>;
  let db: Context['db'];
  let mailer: Context['mailer'];
  let clock: Context['clock'];
  let auth: Context['auth'];
  let member: Context['member'];
  let tokenSentTo: Context['tokenSentTo'];
  let auditActions: Context['auditActions'];
  let insertSession: Context['insertSession'];
  let sessionsOf: Context['sessionsOf'];

  beforeAll(async () => {
    ({ db, mailer, clock, auth, member, tokenSentTo, auditActions, insertSession, sessionsOf } = await authTestContext(dialect));
  });
  afterAll(async () => {
    await mailer.idle();
    await db.destroy();
  });

  describe('signing in with a password', () => {
    it('signs in with the right password and opens the organisation the person belongs to', async () => {
      const ada = await member();
      const result = await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.0.0.1' });
      expect(result).toEqual({ ok: true, value: { accountId: ada.accountId, organisationId: ada.organisationId, language: null, signedInAt: clock.now().toISOString() } });
    });

    it('gives exactly the same answer for a wrong password and for an email with no account', async () => {
      const ada = await member();
      const wrong = await auth().signIn({ email: ada.email, password: 'not the password', ip: '10.0.0.1' });
      const unknown = await auth().signIn({ email: `nobody-${newId()}@test.example`, password: TEST_PASSWORD, ip: '10.0.0.1' });
      expect(wrong).toEqual({ ok: false, kind: 'invalid', errors: { email: 'errors.sign_in.incorrect' } });
      expect(unknown).toEqual(wrong);
    });

    it('writes an audit row for a sign-in, and none for a failed one', async () => {
      const ada = await member();
      await auth().signIn({ email: ada.email, password: 'not the password', ip: '10.0.0.1' });
      expect(await auditActions(ada.accountId)).toEqual([]);
      await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.0.0.1' });
      const rows = await db.kysely.selectFrom('audit_events').selectAll().where('actor_account_id', '=', ada.accountId).execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'account.signed_in', subject_type: 'account', subject_id: ada.accountId, created_at: clock.now().toISOString() });
      expect(JSON.parse(rows[0]?.detail ?? '')).toEqual({ method: 'password' });
    });
  });

  describe('limits on signing in', () => {
    it('stops an account from one address after 10 failures, while the same account from another address still gets in', async () => {
      const ada = await member();
      const { hits } = SIGN_IN_LIMITS.perAccountAndAddress;
      expect(hits).toBe(10);
      for (let i = 1; i <= hits; i += 1) {
        const attempt = await auth().signIn({ email: ada.email, password: `wrong ${i}`, ip: '10.0.0.1' });
        expect(attempt.ok || attempt.kind).toBe('invalid');
      }
      const blocked = await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.0.0.1' });
      expect(blocked).toEqual({ ok: false, kind: 'rate_limited', retryAfterSeconds: 15 * 60 });
      const elsewhere = await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.0.0.2' });
      expect(elsewhere.ok).toBe(true);
      // Still blocked from the first address until its window ends, then free again.
      clock.advance(14 * MINUTE);
      const stillBlocked = await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.0.0.1' });
      expect(stillBlocked).toEqual({ ok: false, kind: 'rate_limited', retryAfterSeconds: 60 });
      clock.advance(MINUTE);
      expect((await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.0.0.1' })).ok).toBe(true);
    });

    it('stops the account in every unknown browser once the per-account limit is reached, but not in a known one', async () => {
      const ada = await member();
      const device = (await auth().deviceTokenFor(ada.accountId)) ?? '';
      const { hits } = SIGN_IN_LIMITS.perAccount;
      expect(hits).toBe(50);
      // Failures spread over many addresses, fewer than 10 from each, so no address is blocked on its own.
      for (let i = 0; i < hits - 1; i += 1) {
        await auth().signIn({ email: ada.email, password: 'guess', ip: `10.1.${String(Math.floor(i / 9))}.1` });
      }
      expect((await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.2.0.1' })).ok).toBe(true);
      await auth().signIn({ email: ada.email, password: 'guess', ip: '10.2.0.2' }); // the 50th failure
      const blocked = await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.2.0.3' });
      expect(blocked).toEqual({ ok: false, kind: 'rate_limited', retryAfterSeconds: 60 * 60 });
      expect((await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.2.0.3', device })).ok).toBe(true);
      const otherAccount = await member();
      expect((await auth().signIn({ email: otherAccount.email, password: TEST_PASSWORD, ip: '10.2.0.3' })).ok).toBe(true);
    });

    it('limits failures in a known browser on their own, then treats it as unknown', async () => {
      const ada = await member();
      const device = (await auth().deviceTokenFor(ada.accountId)) ?? '';
      for (let i = 0; i < SIGN_IN_LIMITS.perDevice.hits; i += 1) {
        expect(await auth().signIn({ email: ada.email, password: `guess ${String(i)}`, ip: `10.6.0.${String(i)}`, device })).toMatchObject({ kind: 'invalid' });
      }
      // Its own limit reached: it now meets the limits unknown browsers share, where it has no failures yet.
      expect(await auth().signIn({ email: ada.email, password: 'guess', ip: '10.6.1.1', device })).toMatchObject({ kind: 'invalid' });
      const hits = async (key: string) => (await peekRateLimit(db.kysely, key, clock.now())).hits;
      expect([await hits(`sign-in:${ada.email}`), await hits(`sign-in:${ada.email}:10.6.1.1`)]).toEqual([1, 1]);
      // The right password still works there, and forgives the browser its failures.
      expect((await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.6.1.1', device })).ok).toBe(true);
      expect((await auth().signIn({ email: ada.email, password: 'guess', ip: '10.6.1.1', device })).ok).toBe(false);
      expect(await hits(`sign-in:${ada.email}`)).toBe(1);
    });

    it('stops one address after 300 failures across accounts, except in browsers that know their account', async () => {
      const ada = await member();
      const device = (await auth().deviceTokenFor(ada.accountId)) ?? '';
      const ip = '10.7.0.1';
      const { hits } = SIGN_IN_LIMITS.perAddress;
      for (let i = 0; i < hits; i += 10) {
        const tries = Array.from({ length: 10 }, (_, j) => auth().signIn({ email: `sprayed-${dialect}-${String(i + j)}@test.example`, password: 'Summer2026!', ip }));
        expect((await Promise.all(tries)).every((result) => !result.ok && result.kind === 'invalid')).toBe(true);
      }
      expect(await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip })).toEqual({ ok: false, kind: 'rate_limited', retryAfterSeconds: 15 * 60 });
      expect((await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip, device })).ok).toBe(true);
      expect((await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.7.0.2' })).ok).toBe(true);
    }, 120_000);

    it('lets 300 people in one room, on one address, all sign in, even after some of them mistype', async () => {
      const organisationId = await makeOrganisation(db.kysely);
      const people = [];
      for (let i = 0; i < 300; i += 1) people.push(await makeMember(db.kysely, organisationId, { email: `room-${dialect}-${i}@test.example` }));
      const ip = '192.168.1.1';
      for (const person of people.slice(0, 60)) {
        expect((await auth().signIn({ email: person.email, password: 'typo', ip })).ok).toBe(false);
      }
      const results = [];
      for (let i = 0; i < people.length; i += 10) {
        results.push(...(await Promise.all(people.slice(i, i + 10).map((person) => auth().signIn({ email: person.email, password: TEST_PASSWORD, ip })))));
      }
      expect(results.filter((result) => !result.ok)).toEqual([]);
      expect(results.map((result) => (result.ok ? result.value.accountId : null))).toEqual(people.map((person) => person.accountId));
    }, 120_000);
  });

  describe('sign-in links', () => {
    it('emails a link that signs the person in once', async () => {
      const ada = await member();
      auth().requestSignInLink({ email: ada.email });
      const token = await tokenSentTo(ada.email);
      const message = mailer.sent.at(-1);
      expect(message?.subject).toBe('Your sign-in link for Doing With');
      expect(message?.text).toContain(`http://localhost:3000/sign-in/link/${token}`);
      expect(await auth().checkSignInLink(token)).toBe(true);
      expect(await auth().useSignInLink(token)).toEqual({ ok: true, value: { accountId: ada.accountId, organisationId: ada.organisationId, language: null, signedInAt: clock.now().toISOString() } });
      expect(await auth().useSignInLink(token)).toEqual({ ok: false, kind: 'not_found' });
      expect(await auth().checkSignInLink(token)).toBe(false);
      expect(await auditActions(ada.accountId)).toEqual(['account.signed_in']);
    });

    it('keeps only a hash of the token in the database', async () => {
      const ada = await member();
      auth().requestSignInLink({ email: ada.email });
      const token = await tokenSentTo(ada.email);
      const rows = await db.kysely.selectFrom('auth_tokens').selectAll().where('email', '=', ada.email).execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('works for 15 minutes and not a moment longer', async () => {
      const ada = await member();
      auth().requestSignInLink({ email: ada.email });
      const inTime = await tokenSentTo(ada.email);
      clock.advance(15 * MINUTE - 1);
      expect((await auth().useSignInLink(inTime)).ok).toBe(true);

      auth().requestSignInLink({ email: ada.email });
      const late = await tokenSentTo(ada.email);
      clock.advance(15 * MINUTE);
      expect(await auth().checkSignInLink(late)).toBe(false);
      expect(await auth().useSignInLink(late)).toEqual({ ok: false, kind: 'not_found' });
    });

    it('stops an older link working when a new one is sent', async () => {
      const ada = await member();
      auth().requestSignInLink({ email: ada.email });
      const older = await tokenSentTo(ada.email);
      auth().requestSignInLink({ email: ada.email });
      const newer = await tokenSentTo(ada.email);
      expect(newer).not.toBe(older);
      expect(await auth().useSignInLink(older)).toEqual({ ok: false, kind: 'not_found' });
      expect((await auth().useSignInLink(newer)).ok).toBe(true);
    });

    it('sends nothing to an email with no account', async () => {
      const before = mailer.sent.length;
      auth().requestSignInLink({ email: `nobody-${newId()}@test.example` });
      await mailer.idle();
      expect(mailer.sent.length).toBe(before);
    });

    it('sends at most 2 of each kind in 5 minutes to an account when asked from browsers it does not know', async () => {
      const ada = await member();
      for (let i = 0; i < 7; i += 1) auth().requestSignInLink({ email: ada.email }, { ip: `10.3.0.${String(i)}` });
      await mailer.idle();
      expect(mailer.sent.filter((m) => m.to === ada.email)).toHaveLength(2);
      auth().requestPasswordReset({ email: ada.email }, { ip: '10.3.0.9' });
      await mailer.idle();
      expect(mailer.sent.filter((m) => m.to === ada.email)).toHaveLength(3);
      clock.advance(5 * MINUTE);
      auth().requestSignInLink({ email: ada.email }, { ip: '10.3.0.1' });
      await mailer.idle();
      expect(mailer.sent.filter((m) => m.to === ada.email)).toHaveLength(4);
    });

    it('sends to a browser the account signed in from on a budget of its own, which strangers cannot use up', async () => {
      const ada = await member();
      const device = (await auth().deviceTokenFor(ada.accountId)) ?? '';
      for (let i = 0; i < 5; i += 1) auth().requestSignInLink({ email: ada.email }, { ip: `10.4.0.${String(i)}` });
      await mailer.idle();
      const sent = () => mailer.sent.filter((m) => m.to === ada.email).length;
      expect(sent()).toBe(EMAIL_LIMITS.perAccount.hits);
      for (let i = 0; i < EMAIL_LIMITS.perDevice.hits; i += 1) auth().requestSignInLink({ email: ada.email }, { ip: '10.4.1.1', device });
      await mailer.idle();
      expect(sent()).toBe(EMAIL_LIMITS.perAccount.hits + EMAIL_LIMITS.perDevice.hits);
      // Past its own budget the browser counts as unknown, and the unknown browsers' budget is used up.
      auth().requestSignInLink({ email: ada.email }, { ip: '10.4.1.1', device });
      await mailer.idle();
      expect(sent()).toBe(EMAIL_LIMITS.perAccount.hits + EMAIL_LIMITS.perDevice.hits);
      // Another account's device token counts for nothing here.
      const other = (await auth().deviceTokenFor((await member()).accountId)) ?? '';
      auth().requestPasswordReset({ email: ada.email }, { ip: '10.4.1.2', device: other });
      auth().requestPasswordReset({ email: ada.email }, { ip: '10.4.1.2', device: other });
      auth().requestPasswordReset({ email: ada.email }, { ip: '10.4.1.2', device: other });
      await mailer.idle();
      expect(sent()).toBe(EMAIL_LIMITS.perAccount.hits * 2 + EMAIL_LIMITS.perDevice.hits);
    });

    it('sends at most 100 emails in 15 minutes because of requests from one address', async () => {
      const people = [];
      for (let i = 0; i < EMAIL_LIMITS.perAddress.hits + 1; i += 1) people.push(await member());
      const before = mailer.sent.length;
      for (const person of people) auth().requestSignInLink({ email: person.email }, { ip: '10.5.0.1' });
      await mailer.idle();
      expect(mailer.sent.length - before).toBe(EMAIL_LIMITS.perAddress.hits);
      auth().requestSignInLink({ email: people[0]?.email ?? '' }, { ip: '10.5.0.2' });
      await mailer.idle();
      expect(mailer.sent.length - before).toBe(EMAIL_LIMITS.perAddress.hits + 1);
    }, 60_000);

    it('refuses tokens that are not tokens without asking the database', async () => {
      expect(await auth().useSignInLink('../../etc/passwd')).toEqual({ ok: false, kind: 'not_found' });
      expect(await auth().checkSignInLink('')).toBe(false);
    });
  });

  describe('password reset', () => {
    it('sets the new password, ends every session of the account and no one else’s, and works once', async () => {
      const ada = await member();
      const bo = await member();
      const adaSessions = [await insertSession(ada.accountId), await insertSession(ada.accountId)];
      const boSession = await insertSession(bo.accountId);
      auth().requestPasswordReset({ email: ada.email });
      const token = await tokenSentTo(ada.email);
      expect(mailer.sent.at(-1)?.text).toContain(`http://localhost:3000/password-reset/${token}`);
      expect(await auth().checkPasswordReset(token)).toBe(true);

      const result = await auth().resetPassword({ token, password: NEW_PASSWORD });
      expect(result.ok).toBe(true);
      expect(await sessionsOf(ada.accountId)).toEqual([]);
      expect(adaSessions).toHaveLength(2);
      expect(await sessionsOf(bo.accountId)).toEqual([boSession]);

      expect((await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.3.0.1' })).ok).toBe(false);
      expect((await auth().signIn({ email: ada.email, password: NEW_PASSWORD, ip: '10.3.0.1' })).ok).toBe(true);
      expect(await auditActions(ada.accountId)).toEqual(['account.password_reset', 'account.signed_in']);

      expect(await auth().resetPassword({ token, password: 'yet another passphrase' })).toEqual({ ok: false, kind: 'not_found' });
      expect((await auth().signIn({ email: ada.email, password: NEW_PASSWORD, ip: '10.3.0.1' })).ok).toBe(true);
    });

    it('expires after an hour', async () => {
      const ada = await member();
      auth().requestPasswordReset({ email: ada.email });
      const token = await tokenSentTo(ada.email);
      clock.advance(60 * MINUTE);
      expect(await auth().checkPasswordReset(token)).toBe(false);
      expect(await auth().resetPassword({ token, password: NEW_PASSWORD })).toEqual({ ok: false, kind: 'not_found' });
    });

    it('does not accept a sign-in link as a reset, nor a reset as a sign-in link', async () => {
      const ada = await member();
      auth().requestSignInLink({ email: ada.email });
      const link = await tokenSentTo(ada.email);
      auth().requestPasswordReset({ email: ada.email });
      const reset = await tokenSentTo(ada.email);

      expect(await auth().checkPasswordReset(link)).toBe(false);
      expect(await auth().resetPassword({ token: link, password: NEW_PASSWORD })).toEqual({ ok: false, kind: 'not_found' });
      expect(await auth().checkSignInLink(reset)).toBe(false);
      expect(await auth().useSignInLink(reset)).toEqual({ ok: false, kind: 'not_found' });
      // Both still work for what they are for.
      expect((await auth().useSignInLink(link)).ok).toBe(true);
      expect((await auth().resetPassword({ token: reset, password: NEW_PASSWORD })).ok).toBe(true);
    });
    it('ends every other reset and sign-in link of the account once the password is reset (#11)', async () => {
      const ada = await member();
      auth().requestSignInLink({ email: ada.email });
      const link = await tokenSentTo(ada.email);
      auth().requestPasswordReset({ email: ada.email });
      const first = await tokenSentTo(ada.email);
      expect((await auth().resetPassword({ token: first, password: NEW_PASSWORD })).ok).toBe(true);
      expect(await auth().checkSignInLink(link)).toBe(false);
      expect(await auth().useSignInLink(link)).toEqual({ ok: false, kind: 'not_found' });
    });
  });

  describe('changing a password', () => {
    it('needs the current password, and ends every other session of the account', async () => {
      const ada = await member();
      const current = await insertSession(ada.accountId);
      const other = await insertSession(ada.accountId);
      expect(await auth().changePassword(ada, { current: 'wrong', password: NEW_PASSWORD, keepSid: current })).toEqual({
        ok: false, kind: 'invalid', errors: { currentPassword: 'errors.password.current_wrong' },
      });
      expect((await sessionsOf(ada.accountId)).sort()).toEqual([current, other].sort());
      expect(await auth().changePassword(ada, { current: TEST_PASSWORD, password: NEW_PASSWORD, keepSid: current })).toEqual({ ok: true, value: null });
      expect(await sessionsOf(ada.accountId)).toEqual([current]);
      expect((await auth().signIn({ email: ada.email, password: NEW_PASSWORD, ip: '10.4.0.1' })).ok).toBe(true);
    });

    it('ends every reset and sign-in link sent before the change (#11)', async () => {
      const ada = await member();
      const current = await insertSession(ada.accountId);
      auth().requestPasswordReset({ email: ada.email });
      const reset = await tokenSentTo(ada.email);
      auth().requestSignInLink({ email: ada.email });
      const link = await tokenSentTo(ada.email);
      expect((await auth().changePassword(ada, { current: TEST_PASSWORD, password: NEW_PASSWORD, keepSid: current })).ok).toBe(true);
      expect(await auth().checkPasswordReset(reset)).toBe(false);
      expect(await auth().resetPassword({ token: reset, password: 'a stranger chose this' })).toEqual({ ok: false, kind: 'not_found' });
      expect(await auth().useSignInLink(link)).toEqual({ ok: false, kind: 'not_found' });
      expect((await auth().signIn({ email: ada.email, password: NEW_PASSWORD, ip: '10.4.0.2' })).ok).toBe(true);
    });
  });

  describe('organisations and language', () => {
    it('remembers the organisation last used, and refuses one the account does not belong to', async () => {
      const ada = await member();
      const second = await makeOrganisation(db.kysely, { name: 'ZZZ Second' });
      await makeMember(db.kysely, second, { email: ada.email });
      const notMine = await makeOrganisation(db.kysely);
      expect(await auth().rememberOrganisation(ada.accountId, notMine)).toEqual({ ok: false, kind: 'not_found' });
      expect(await auth().rememberOrganisation(ada.accountId, second)).toEqual({ ok: true, value: null });
      const signedIn = await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.7.0.1' });
      expect(signedIn.ok && signedIn.value.organisationId).toBe(second);
    });

    it('keeps the chosen language on the account', async () => {
      const ada = await member();
      await auth().setLanguage(ada.accountId, 'it');
      const signedIn = await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.7.0.2' });
      expect(signedIn.ok && signedIn.value.language).toBe('it');
    });
  });

  describe('clean-up', () => {
    it('removes expired sessions and finished rate-limit windows, and keeps the rest', async () => {
      const ada = await member();
      const live = await insertSession(ada.accountId);
      await db.kysely.insertInto('sessions').values({ sid: newId(), account_id: ada.accountId, data: '{}', expires_at: clock.now().toISOString(), created_at: clock.now().toISOString() }).execute();
      await db.kysely.insertInto('rate_limits').values({ key: `old-${newId()}`, hits: 3, reset_at: clock.now().toISOString() }).execute();
      const current = `current-${newId()}`;
      await db.kysely.insertInto('rate_limits').values({ key: current, hits: 3, reset_at: new Date(clock.now().getTime() + MINUTE).toISOString() }).execute();
      await auth().purgeExpired();
      expect(await sessionsOf(ada.accountId)).toEqual([live]);
      const keys = await db.kysely.selectFrom('rate_limits').select('key').where('reset_at', '<=', clock.now().toISOString()).execute();
      expect(keys).toEqual([]);
      expect(await db.kysely.selectFrom('rate_limits').select('key').where('key', '=', current).execute()).toHaveLength(1);
    });
  });

  it('keeps the audit log append-only: the database refuses to change or remove a row', async () => {
    const ada = await member();
    await auth().signIn({ email: ada.email, password: TEST_PASSWORD, ip: '10.8.0.1' });
    const row = await db.kysely.selectFrom('audit_events').selectAll().where('actor_account_id', '=', ada.accountId).executeTakeFirstOrThrow();
    await expect(db.kysely.updateTable('audit_events').set({ action: 'nothing.happened' }).where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.kysely.deleteFrom('audit_events').where('id', '=', row.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.kysely.transaction().execute(async (trx) => trx.deleteFrom('audit_events').execute())).rejects.toThrow(/append-only/);
    expect(await db.kysely.selectFrom('audit_events').selectAll().where('id', '=', row.id).executeTakeFirst()).toEqual(row);
  });
});
