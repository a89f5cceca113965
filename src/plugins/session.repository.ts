import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

type Db = Kysely<Database>;

export interface SessionRow {
  readonly data: string;
  readonly expiresAt: string;
}

export async function readSession(db: Db, sid: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').select(['data', 'expires_at as expiresAt']).where('sid', '=', sid).executeTakeFirst();
}

/** Insert or replace one session; its idle expiry moves on with every write. */
export async function writeSession(
  db: Db,
  row: { sid: string; accountId: string | null; data: string; expiresAt: string; now: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ sid: row.sid, account_id: row.accountId, data: row.data, expires_at: row.expiresAt, created_at: row.now })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data: row.data, account_id: row.accountId, expires_at: row.expiresAt }))
    .execute();
}

export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute();
}
