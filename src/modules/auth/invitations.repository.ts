import type { Kysely, Transaction } from 'kysely';
import type { Database, MailStatus, Permission } from '../../db/database.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Whether the invitation's email has gone: taken by the SMTP server, still being tried, or given up on. */
export type Delivery = MailStatus | 'unknown';

export interface PendingInvitation {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly permission: Permission;
  readonly accountId: string | null;
  readonly expiresAt: string;
  readonly delivery: Delivery;
}

/** The most invitations the people page lists (newest first). */
export const INVITATIONS_SHOWN = 100;

function pendingQuery(db: Db, organisationId: string, now: string) {
  return db
    .selectFrom('auth_tokens as t')
    .leftJoin('mail_outbox as m', 'm.invitation_id', 't.id')
    .select(['t.id', 't.email', 't.display_name', 't.permission', 't.account_id', 't.expires_at', 't.created_at', 'm.status'])
    .where('t.organisation_id', '=', organisationId)
    .where('t.purpose', '=', 'invitation')
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', now);
}

function toInvitation(row: { id: string; email: string; display_name: string | null; permission: Permission | null; account_id: string | null; expires_at: string; status: MailStatus | null }): PendingInvitation {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name ?? '',
    permission: row.permission ?? 'member',
    accountId: row.account_id,
    expiresAt: row.expires_at,
    // No message: sent and then forgotten by the outbox, or made before the outbox existed.
    delivery: row.status ?? 'unknown',
  };
}

/** Invitations of the organisation that have not been accepted and still work, with how their email is doing. */
export async function listPending(db: Db, organisationId: string, now: string): Promise<PendingInvitation[]> {
  const rows = await pendingQuery(db, organisationId, now).orderBy('t.created_at', 'desc').orderBy('t.id').limit(INVITATIONS_SHOWN).execute();
  return rows.map(toInvitation);
}

export async function findPending(db: Db, organisationId: string, id: string, now: string): Promise<PendingInvitation | undefined> {
  const row = await pendingQuery(db, organisationId, now).where('t.id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toInvitation(row);
}
