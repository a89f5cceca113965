/** Data rights: what is held about a person, and removing it. Every query is filtered by organisation_id. */
import { toCount } from '../../db/portable.js';
import type { Db } from './people.repository.js';

export async function accountEmail(db: Db, accountId: string): Promise<string | undefined> {
  const row = await db.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirst();
  return row?.email;
}

export async function organisationName(db: Db, organisationId: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
  return row.name;
}

export async function countCurrentAdmins(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('permission', '=', 'admin')
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return toCount(row.count);
}

/** Mark the (already erased) person row as removed: it stays so that kept records point to "Former member". */
export async function markRemoved(db: Db, organisationId: string, personId: string, removedBy: string, now: string): Promise<void> {
  await db.updateTable('people').set({ archived_at: now, archived_by: removedBy, updated_at: now }).where('organisation_id', '=', organisationId).where('id', '=', personId).execute();
}

/** Whether the account belongs to an organisation besides this one. */
export async function accountHasOtherMemberships(db: Db, accountId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('account_id', '=', accountId)
    .where('organisation_id', '!=', organisationId)
    .where('archived_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Current names of people in the organisation, by id; removed profiles are left out. */
export async function namesOf(db: Db, organisationId: string, personIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'display_name'])
      .where('organisation_id', '=', organisationId)
      .where('archived_at', 'is', null)
      .where('id', 'in', personIds.slice(i, i + 500))
      .execute();
    for (const row of rows) names.set(row.id, row.display_name);
  }
  return names;
}
