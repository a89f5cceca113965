import type { Kysely } from 'kysely';
import type { Database, Permission } from '../../db/database.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import type { Mailer } from '../../shared/mailer.js';
import { queueMail, type Outbox } from '../../shared/outbox.js';
import { hashPassword, verifyPassword } from '../../shared/passwords.js';
import { fail, forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import { hashToken, looksLikeToken, newToken } from '../../shared/tokens.js';
import { atLeast, type Actor } from '../../shared/actor.js';
import { DEFAULT_LANGUAGE, isLanguage, translatorFor } from '../../shared/i18n.js';
import * as repo from './auth.repository.js';
import { createAuthLimits, NO_ORIGIN, type RequestOrigin } from './auth.limits.js';
import { invitationMail } from './invitations.mail.js';

export const SIGN_IN_LINK_MINUTES = 15;
export const PASSWORD_RESET_MINUTES = 60;
export const INVITATION_DAYS = 14;

export interface AuthServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
  /** For work done after the response (`later`); mail itself goes through the outbox. */
  readonly mailer: Mailer;
  readonly outbox: Outbox;
  readonly baseUrl: string;
  /** Signs the device tokens of browsers people have signed in from (ADR 0013). */
  readonly deviceKey: Buffer;
}

export interface SignedIn {
  readonly accountId: string;
  /** The organisation to open: the last one used, or the only one. Null when the account belongs to none. */
  readonly organisationId: string | null;
  readonly language: string | null;
  /** When (by the service's clock) the person proved who they are: the start of the session's absolute timeout. */
  readonly signedInAt: string;
}

function languageOf(value: string | null | undefined) {
  return isLanguage(value) ? value : DEFAULT_LANGUAGE;
}

export function createAuthService(deps: AuthServiceDeps) {
  const { db, clock, audit, mailer, outbox, baseUrl } = deps;
  const limits = createAuthLimits({ db, clock, deviceKey: deps.deviceKey });
  const iso = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

  async function chooseOrganisation(accountId: string, last: string | null): Promise<string | null> {
    const memberships = await repo.listMemberships(db, accountId);
    const preferred = memberships.find((m) => m.organisationId === last);
    return (preferred ?? memberships[0])?.organisationId ?? null;
  }

  async function signedIn(accountId: string): Promise<SignedIn> {
    const account = await repo.findAccountById(db, accountId);
    if (account === undefined) throw new Error('account vanished during sign-in');
    return {
      accountId,
      organisationId: await chooseOrganisation(accountId, account.lastOrganisationId),
      language: account.language,
      signedInAt: iso(),
    };
  }

  async function consumable(token: string, purpose: 'sign_in_link' | 'password_reset' | 'invitation') {
    if (!looksLikeToken(token)) return undefined;
    return repo.findUsableToken(db, hashToken(token), purpose, iso());
  }

  return {
    async signIn(input: { email: string; password: string } & RequestOrigin): Promise<Result<SignedIn>> {
      const account = await repo.findAccountByEmail(db, input.email);
      const gate = await limits.signInGate(input.email, account, input);
      if (!gate.open) return fail({ kind: 'rate_limited', retryAfterSeconds: gate.retryAfterSeconds });
      const valid = await verifyPassword(account?.passwordHash, input.password);
      if (account === undefined || !valid) {
        await limits.signInFailed(input.email, gate, input);
        return invalid({ email: 'errors.sign_in.incorrect' });
      }
      await limits.signInSucceeded(input.email, gate, input);
      await audit.record(db, { organisationId: null, actorAccountId: account.id, action: 'account.signed_in', subjectType: 'account', subjectId: account.id, detail: { method: 'password' } });
      return ok(await signedIn(account.id));
    },

    /** A device token for the browser this account has just signed in from (or changed its password in). */
    async deviceTokenFor(accountId: string): Promise<string | undefined> {
      const account = await repo.findAccountById(db, accountId);
      return account === undefined ? undefined : limits.deviceTokenFor(account);
    },

    /** Always behaves the same, known email or not; the work happens after the response. */
    requestSignInLink(input: { email: string }, origin: RequestOrigin = NO_ORIGIN): void {
      mailer.later(async () => {
        const account = await repo.findAccountByEmail(db, input.email);
        if (account === undefined || !(await limits.emailAllowed(account, 'sign_in_link', origin))) return;
        const token = newToken();
        const t = translatorFor(languageOf(account.language));
        await db.transaction().execute(async (trx) => {
          await repo.retireTokens(trx, input.email, 'sign_in_link', iso());
          await repo.insertToken(trx, {
            tokenHash: hashToken(token), purpose: 'sign_in_link', email: input.email, accountId: account.id,
            organisationId: null, permission: null, displayName: null, createdByAccountId: null,
            expiresAt: iso(SIGN_IN_LINK_MINUTES * 60_000), now: iso(),
          });
          await queueMail(trx, {
            kind: 'sign_in_link', organisationId: null, sendBefore: new Date(iso(SIGN_IN_LINK_MINUTES * 60_000)),
            to: input.email,
            subject: t('mail.sign_in_link.subject'),
            text: t('mail.sign_in_link.body', { url: `${baseUrl}/sign-in/link/${token}`, minutes: SIGN_IN_LINK_MINUTES }),
          }, clock.now());
        });
        outbox.wake();
      });
    },

    async checkSignInLink(token: string): Promise<boolean> {
      return (await consumable(token, 'sign_in_link')) !== undefined;
    },

    async useSignInLink(token: string): Promise<Result<SignedIn>> {
      const row = await consumable(token, 'sign_in_link');
      if (row?.accountId == null || !(await repo.useToken(db, row.id, iso()))) return notFound();
      await audit.record(db, { organisationId: null, actorAccountId: row.accountId, action: 'account.signed_in', subjectType: 'account', subjectId: row.accountId, detail: { method: 'link' } });
      return ok(await signedIn(row.accountId));
    },

    requestPasswordReset(input: { email: string }, origin: RequestOrigin = NO_ORIGIN): void {
      mailer.later(async () => {
        const account = await repo.findAccountByEmail(db, input.email);
        if (account === undefined || !(await limits.emailAllowed(account, 'password_reset', origin))) return;
        const token = newToken();
        const t = translatorFor(languageOf(account.language));
        await db.transaction().execute(async (trx) => {
          await repo.retireTokens(trx, input.email, 'password_reset', iso());
          await repo.insertToken(trx, {
            tokenHash: hashToken(token), purpose: 'password_reset', email: input.email, accountId: account.id,
            organisationId: null, permission: null, displayName: null, createdByAccountId: null,
            expiresAt: iso(PASSWORD_RESET_MINUTES * 60_000), now: iso(),
          });
          await queueMail(trx, {
            kind: 'password_reset', organisationId: null, sendBefore: new Date(iso(PASSWORD_RESET_MINUTES * 60_000)),
            to: input.email,
            subject: t('mail.password_reset.subject'),
            text: t('mail.password_reset.body', { url: `${baseUrl}/password-reset/${token}`, minutes: PASSWORD_RESET_MINUTES }),
          }, clock.now());
        });
        outbox.wake();
      });
    },

    async checkPasswordReset(token: string): Promise<boolean> {
      return (await consumable(token, 'password_reset')) !== undefined;
    },

    async resetPassword(input: { token: string; password: string }): Promise<Result<SignedIn>> {
      const row = await consumable(input.token, 'password_reset');
      if (row?.accountId == null) return notFound();
      const accountId = row.accountId;
      const passwordHash = await hashPassword(input.password);
      const used = await db.transaction().execute(async (trx) => {
        if (!(await repo.useToken(trx, row.id, iso()))) return false;
        await repo.updatePassword(trx, accountId, passwordHash, iso());
        await repo.retireAccountTokens(trx, accountId, iso());
        await repo.deleteSessions(trx, accountId);
        await audit.record(trx, { organisationId: null, actorAccountId: accountId, action: 'account.password_reset', subjectType: 'account', subjectId: accountId });
        return true;
      });
      if (!used) return notFound();
      return ok(await signedIn(accountId));
    },

    async changePassword(actor: Actor, input: { current: string; password: string; keepSid: string }): Promise<Result<null>> {
      const account = await repo.findAccountById(db, actor.accountId);
      if (account === undefined) return notFound();
      if (!(await verifyPassword(account.passwordHash, input.current))) return invalid({ currentPassword: 'errors.password.current_wrong' });
      const passwordHash = await hashPassword(input.password);
      await db.transaction().execute(async (trx) => {
        await repo.updatePassword(trx, actor.accountId, passwordHash, iso());
        await repo.retireAccountTokens(trx, actor.accountId, iso());
        await repo.deleteSessions(trx, actor.accountId, input.keepSid);
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'account.password_changed', subjectType: 'account', subjectId: actor.accountId });
      });
      return ok(null);
    },

    async invite(actor: Actor, input: { email: string; displayName: string; permission: Permission }): Promise<Result<{ link: string }>> {
      if (!atLeast(actor, 'facilitator')) return forbidden();
      // Facilitators invite members and facilitators; only admins make admins.
      if (input.permission === 'admin' && !atLeast(actor, 'admin')) return invalid({ permission: 'errors.invite.admin_only' });
      const existing = await repo.findAccountByEmail(db, input.email);
      if (existing !== undefined && (await repo.findMembership(db, existing.id, actor.organisationId)) !== undefined) {
        return invalid({ email: 'errors.invite.already_member' });
      }
      const organisationName = (await repo.findOrganisationName(db, actor.organisationId)) ?? '';
      const token = newToken();
      const link = `${baseUrl}/invitations/${token}`;
      await db.transaction().execute(async (trx) => {
        const invitationId = await repo.insertToken(trx, {
          tokenHash: hashToken(token), purpose: 'invitation', email: input.email, accountId: existing?.id ?? null,
          organisationId: actor.organisationId, permission: input.permission, displayName: input.displayName,
          createdByAccountId: actor.accountId, expiresAt: iso(INVITATION_DAYS * 86_400_000), now: iso(),
        });
        await queueMail(trx, invitationMail({
          invitationId, organisationId: actor.organisationId, organisationName, inviter: actor.displayName,
          name: input.displayName, to: input.email, url: link, days: INVITATION_DAYS, language: existing?.language,
        }), clock.now());
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'person.invited', subjectType: 'invitation', subjectId: null, detail: { permission: input.permission } });
      });
      outbox.wake();
      return ok({ link });
    },

    /**
     * Invite the first admin of a new organisation (the command line does this; there is nobody to invite them yet).
     * The email goes through the outbox, sent straight away in the background: callers that must know it went (the
     * command line) wait for `mailer.idle()`. The link is returned too, to hand over by other means when email is not
     * set up.
     */
    async inviteFirstAdmin(organisationId: string, input: { email: string; displayName: string | null }): Promise<Result<{ link: string }>> {
      const organisation = await repo.findOrganisationNameAndLanguage(db, organisationId);
      if (organisation === undefined) return notFound();
      const existing = await repo.findAccountByEmail(db, input.email);
      if (existing !== undefined && (await repo.findMembership(db, existing.id, organisationId)) !== undefined) {
        return invalid({ email: 'errors.invite.already_member' });
      }
      const token = newToken();
      const link = `${baseUrl}/invitations/${token}`;
      const t = translatorFor(languageOf(existing?.language ?? organisation.defaultLanguage));
      await db.transaction().execute(async (trx) => {
        const invitationId = await repo.insertToken(trx, {
          tokenHash: hashToken(token), purpose: 'invitation', email: input.email, accountId: existing?.id ?? null,
          organisationId, permission: 'admin', displayName: input.displayName,
          createdByAccountId: null, expiresAt: iso(INVITATION_DAYS * 86_400_000), now: iso(),
        });
        await queueMail(trx, {
          kind: 'first_admin', organisationId, invitationId,
          to: input.email,
          subject: t('mail.first_admin.subject', { organisation: organisation.name }),
          text: t('mail.first_admin.body', { organisation: organisation.name, url: link, days: INVITATION_DAYS }),
        }, clock.now());
        await audit.record(trx, { organisationId, actorAccountId: null, action: 'person.invited', subjectType: 'invitation', subjectId: null, detail: { permission: 'admin', firstAdmin: true } });
      });
      outbox.wake();
      return ok({ link });
    },

    async checkInvitation(token: string): Promise<Result<{ organisationName: string; email: string; displayName: string; accountExists: boolean }>> {
      const row = await consumable(token, 'invitation');
      if (row?.organisationId == null) return notFound();
      const account = await repo.findAccountByEmail(db, row.email);
      return ok({
        organisationName: (await repo.findOrganisationName(db, row.organisationId)) ?? '',
        email: row.email,
        displayName: row.displayName ?? '',
        accountExists: account !== undefined,
      });
    },

    /**
     * Accept an invitation. A new person sets a password; someone who already has an account must be signed in as
     * that account (so an invitation link alone never joins someone else's account to an organisation).
     */
    async acceptInvitation(input: { token: string; displayName: string; password: string | null; signedInAccountId: string | null; language: string | null }): Promise<Result<SignedIn>> {
      const row = await consumable(input.token, 'invitation');
      if (row?.organisationId == null || row.permission === null) return notFound();
      const organisationId = row.organisationId;
      const permission = row.permission;
      const existing = await repo.findAccountByEmail(db, row.email);
      if (existing !== undefined && existing.id !== input.signedInAccountId) return forbidden();
      if (existing === undefined && input.password === null) return invalid({ password: 'errors.password.required' });
      const passwordHash = existing === undefined && input.password !== null ? await hashPassword(input.password) : null;
      const accountId = await db.transaction().execute(async (trx) => {
        if (!(await repo.useToken(trx, row.id, iso()))) return null;
        const id = existing?.id ?? (await repo.insertAccount(trx, { email: row.email, passwordHash, language: input.language, now: iso() }));
        if ((await repo.findMembership(trx, id, organisationId)) === undefined) {
          await repo.insertPerson(trx, { organisationId, accountId: id, displayName: input.displayName, permission, now: iso() });
        }
        await repo.updateLastOrganisation(trx, id, organisationId);
        await audit.record(trx, { organisationId, actorAccountId: id, action: 'invitation.accepted', subjectType: 'account', subjectId: id, detail: { permission } });
        return id;
      });
      if (accountId === null) return notFound();
      return ok(await signedIn(accountId));
    },

    async setLanguage(accountId: string, language: string): Promise<void> {
      await repo.updateAccountLanguage(db, accountId, language, iso());
    },

    async rememberOrganisation(accountId: string, organisationId: string): Promise<Result<null>> {
      if ((await repo.findMembership(db, accountId, organisationId)) === undefined) return notFound();
      await repo.updateLastOrganisation(db, accountId, organisationId);
      return ok(null);
    },

    listMemberships(accountId: string) {
      return repo.listMemberships(db, accountId);
    },

    async endSessions(accountId: string): Promise<void> {
      await repo.deleteSessions(db, accountId);
    },

    async purgeExpired(): Promise<void> {
      await repo.deleteExpiredSessions(db, iso());
      await db.deleteFrom('rate_limits').where('reset_at', '<=', iso()).execute();
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
