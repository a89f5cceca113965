import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { precompiled } from '../db/precompiled.js';

type Db = Kysely<Database>;

interface SessionRow {
  readonly data: string;
  readonly expiresAt: string;
}

/** Reads one session by id: on every request that brings a session cookie, so compiled once (src/db/precompiled.ts). */
export function sessionReader(db: Db): (sid: string) => Promise<SessionRow | undefined> {
  const read = precompiled(db, db.selectFrom('sessions').select(['data', 'expires_at as expiresAt']).where('sid', '=', ''));
  return async (sid) => (await read(sid))[0];
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
