import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/portable.js';
import { testDialects } from '../../../test/helpers/db.js';
import { makeMember, TEST_PASSWORD } from '../../../test/helpers/factories.js';
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

  beforeAll(async () => {
    ({ db, mailer, clock, auth, member, tokenSentTo, auditActions } = await authTestContext(dialect));
  });
  afterAll(async () => {
    await mailer.idle();
    await db.destroy();
  });

  describe('invitations', () => {
    it('lets a facilitator invite members and facilitators, but not admins', async () => {
      const facilitator = await member({ permission: 'facilitator' });
      const email = `new-${newId()}@test.example`;
      expect(await auth().invite(facilitator, { email, displayName: 'Bo', permission: 'admin' })).toEqual({
        ok: false, kind: 'invalid', errors: { permission: 'errors.invite.admin_only' },
      });
      const tokens = await db.kysely.selectFrom('auth_tokens').select('id').where('email', '=', email).execute();
      expect(tokens).toEqual([]);
      expect((await auth().invite(facilitator, { email, displayName: 'Bo', permission: 'facilitator' })).ok).toBe(true);
    });

    it('does not let a member invite anyone', async () => {
      const plain = await member();
      expect(await auth().invite(plain, { email: `new-${newId()}@test.example`, displayName: 'Bo', permission: 'member' })).toEqual({ ok: false, kind: 'forbidden' });
    });

    it('does not invite someone who already belongs to the organisation', async () => {
      const admin = await member({ permission: 'admin' });
      const existing = await makeMember(db.kysely, admin.organisationId);
      expect(await auth().invite(admin, { email: existing.email, displayName: 'Again', permission: 'member' })).toEqual({
        ok: false, kind: 'invalid', errors: { email: 'errors.invite.already_member' },
      });
    });

    it('creates an account and a person with the invited permission when a new person accepts, once', async () => {
      const admin = await member({ permission: 'admin' });
      const email = `new-${newId()}@test.example`;
      const invited = await auth().invite(admin, { email, displayName: 'Bo Invited', permission: 'facilitator' });
      expect(invited.ok).toBe(true);
      const token = await tokenSentTo(email);
      expect(invited.ok && invited.value.link).toBe(`http://localhost:3000/invitations/${token}`);
      expect(mailer.sent.at(-1)?.text).toContain(admin.displayName);

      expect(await auth().checkInvitation(token)).toEqual({ ok: true, value: expect.objectContaining({ email, displayName: 'Bo Invited', accountExists: false }) as unknown });
      const accepted = await auth().acceptInvitation({ token, displayName: 'Bo', password: NEW_PASSWORD, signedInAccountId: null, language: 'it' });
      expect(accepted.ok).toBe(true);
      if (!accepted.ok) return;
      expect(accepted.value.organisationId).toBe(admin.organisationId);

      const account = await db.kysely.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
      expect(account.id).toBe(accepted.value.accountId);
      expect(account.language).toBe('it');
      expect(account.last_organisation_id).toBe(admin.organisationId);
      const people = await db.kysely.selectFrom('people').selectAll().where('account_id', '=', account.id).execute();
      expect(people.map((p) => [p.organisation_id, p.display_name, p.permission])).toEqual([[admin.organisationId, 'Bo', 'facilitator']]);
      expect((await auth().signIn({ email, password: NEW_PASSWORD, ip: '10.5.0.1' })).ok).toBe(true);

      const again = await auth().acceptInvitation({ token, displayName: 'Bo again', password: NEW_PASSWORD, signedInAccountId: null, language: null });
      expect(again).toEqual({ ok: false, kind: 'not_found' });
      expect(await db.kysely.selectFrom('people').select('id').where('account_id', '=', account.id).execute()).toHaveLength(1);
    });

    it('asks a new person for a password', async () => {
      const admin = await member({ permission: 'admin' });
      const email = `new-${newId()}@test.example`;
      await auth().invite(admin, { email, displayName: 'Bo', permission: 'member' });
      const token = await tokenSentTo(email);
      expect(await auth().acceptInvitation({ token, displayName: 'Bo', password: null, signedInAccountId: null, language: null })).toEqual({
        ok: false, kind: 'invalid', errors: { password: 'errors.password.required' },
      });
      expect((await auth().checkInvitation(token)).ok).toBe(true); // not used up
    });

    it('lets an existing account accept only when signed in as that account', async () => {
      const admin = await member({ permission: 'admin' });
      const elsewhere = await member(); // has an account, in another organisation
      const stranger = await member();
      await auth().invite(admin, { email: elsewhere.email, displayName: 'Cy', permission: 'member' });
      const token = await tokenSentTo(elsewhere.email);
      expect(await auth().checkInvitation(token)).toEqual({ ok: true, value: expect.objectContaining({ accountExists: true }) as unknown });

      const input = { token, displayName: 'Cy', password: null, language: null };
      expect(await auth().acceptInvitation({ ...input, signedInAccountId: null })).toEqual({ ok: false, kind: 'forbidden' });
      expect(await auth().acceptInvitation({ ...input, signedInAccountId: stranger.accountId })).toEqual({ ok: false, kind: 'forbidden' });
      expect(await auth().acceptInvitation({ ...input, password: 'a password to take it over', signedInAccountId: null })).toEqual({ ok: false, kind: 'forbidden' });
      expect((await auth().listMemberships(elsewhere.accountId)).map((m) => m.organisationId)).toEqual([elsewhere.organisationId]);

      const accepted = await auth().acceptInvitation({ ...input, signedInAccountId: elsewhere.accountId });
      expect(accepted.ok && accepted.value.accountId).toBe(elsewhere.accountId);
      expect((await auth().listMemberships(elsewhere.accountId)).map((m) => m.organisationId).sort()).toEqual(
        [elsewhere.organisationId, admin.organisationId].sort(),
      );
      // The password did not change.
      expect((await auth().signIn({ email: elsewhere.email, password: TEST_PASSWORD, ip: '10.6.0.1' })).ok).toBe(true);
      expect(await auth().acceptInvitation({ ...input, signedInAccountId: elsewhere.accountId })).toEqual({ ok: false, kind: 'not_found' });
    });

    it('expires after 14 days', async () => {
      const admin = await member({ permission: 'admin' });
      const email = `new-${newId()}@test.example`;
      await auth().invite(admin, { email, displayName: 'Di', permission: 'member' });
      const token = await tokenSentTo(email);
      clock.advance(14 * 24 * 60 * MINUTE);
      expect(await auth().checkInvitation(token)).toEqual({ ok: false, kind: 'not_found' });
    });

    it('writes audit rows for the invitation and its acceptance, without the email address', async () => {
      const admin = await member({ permission: 'admin' });
      const email = `new-${newId()}@test.example`;
      await auth().invite(admin, { email, displayName: 'Ed', permission: 'member' });
      const invitedRows = await db.kysely.selectFrom('audit_events').selectAll().where('actor_account_id', '=', admin.accountId).execute();
      expect(invitedRows.map((r) => [r.action, r.organisation_id, r.subject_type])).toEqual([['person.invited', admin.organisationId, 'invitation']]);
      expect(JSON.parse(invitedRows[0]?.detail ?? '')).toEqual({ permission: 'member' });
      expect(JSON.stringify(invitedRows)).not.toContain(email);

      const token = await tokenSentTo(email);
      const accepted = await auth().acceptInvitation({ token, displayName: 'Ed', password: NEW_PASSWORD, signedInAccountId: null, language: null });
      if (!accepted.ok) throw new Error('could not accept');
      expect(await auditActions(accepted.value.accountId)).toEqual(['invitation.accepted']);
    });

    it('does not accept an invitation as a sign-in link or a reset', async () => {
      const admin = await member({ permission: 'admin' });
      const email = `new-${newId()}@test.example`;
      await auth().invite(admin, { email, displayName: 'Fi', permission: 'member' });
      const token = await tokenSentTo(email);
      expect(await auth().useSignInLink(token)).toEqual({ ok: false, kind: 'not_found' });
      expect(await auth().resetPassword({ token, password: NEW_PASSWORD })).toEqual({ ok: false, kind: 'not_found' });
      expect((await auth().checkInvitation(token)).ok).toBe(true);
    });
  });

});
