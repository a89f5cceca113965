import { atLeast, type Actor } from '../../shared/actor.js';
import { cancelInvitationMail, queueMail } from '../../shared/outbox.js';
import { forbidden, notFound, ok, type Result } from '../../shared/result.js';
import { hashToken, newToken } from '../../shared/tokens.js';
import { INVITATION_DAYS, type AuthServiceDeps } from './auth.service.js';
import * as repo from './auth.repository.js';
import { invitationMail } from './invitations.mail.js';
import { findPending, listPending, type PendingInvitation } from './invitations.repository.js';

/** Invitations not yet accepted, how their email is doing, and sending one again. */
export function createInvitationsService(deps: Omit<AuthServiceDeps, 'deviceKey'>) {
  const { db, clock, audit, outbox, baseUrl } = deps;
  const iso = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

  /** One invitation that this actor may send again: their organisation's, still open, and one they could have made. */
  async function check(actor: Actor, invitationId: string): Promise<Result<PendingInvitation>> {
    if (!atLeast(actor, 'facilitator')) return forbidden();
    const invitation = await findPending(db, actor.organisationId, invitationId, iso());
    if (invitation === undefined) return notFound();
    // Facilitators invite members and facilitators; only admins make admins.
    if (invitation.permission === 'admin' && !atLeast(actor, 'admin')) return forbidden();
    return ok(invitation);
  }

  return {
    /** Facilitators and admins (those who may invite) see the invitations of their organisation. */
    async pending(actor: Actor): Promise<Result<PendingInvitation[]>> {
      if (!atLeast(actor, 'facilitator')) return forbidden();
      return ok(await listPending(db, actor.organisationId, iso()));
    },

    check,

    /**
     * Send an invitation again, with a new link: the old link stops working and its email, if it has not gone, is
     * dropped. The new email goes through the outbox like the first.
     */
    async resend(actor: Actor, invitationId: string): Promise<Result<{ email: string }>> {
      const checked = await check(actor, invitationId);
      if (!checked.ok) return checked;
      const old = checked.value;
      const organisationName = (await repo.findOrganisationName(db, actor.organisationId)) ?? '';
      const account = await repo.findAccountByEmail(db, old.email);
      const token = newToken();
      const done = await db.transaction().execute(async (trx) => {
        if (!(await repo.useToken(trx, old.id, iso()))) return false;
        await cancelInvitationMail(trx, old.id, clock.now());
        const id = await repo.insertToken(trx, {
          tokenHash: hashToken(token), purpose: 'invitation', email: old.email, accountId: account?.id ?? old.accountId,
          organisationId: actor.organisationId, permission: old.permission, displayName: old.displayName,
          createdByAccountId: actor.accountId, expiresAt: iso(INVITATION_DAYS * 86_400_000), now: iso(),
        });
        const mail = invitationMail({
          invitationId: id, organisationId: actor.organisationId, organisationName, inviter: actor.displayName,
          name: old.displayName, to: old.email, url: `${baseUrl}/invitations/${token}`, days: INVITATION_DAYS, language: account?.language,
        });
        await queueMail(trx, mail, clock.now());
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'person.invitation_resent', subjectType: 'invitation', subjectId: id, detail: { permission: old.permission } });
        return true;
      });
      if (!done) return notFound();
      outbox.wake();
      return ok({ email: old.email });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
