/** Data rights: what is held about a person, and removing it. Every query is filtered by organisation_id. */
import { fromJson, toCount } from '../../db/portable.js';
import type { Db } from './people.repository.js';
import { deleteAllStrengths } from './people-profile.repository.js';

export interface AuditRecord {
  readonly action: string;
  readonly createdAt: string;
  readonly detail: unknown;
}

/** The audit events whose subject is this person (their profile's history). */
export async function auditEventsAbout(db: Db, organisationId: string, personId: string): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['action', 'created_at', 'detail'])
    .where('organisation_id', '=', organisationId)
    .where('subject_type', '=', 'person')
    .where('subject_id', '=', personId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ action: row.action, createdAt: row.created_at, detail: fromJson(row.detail) }));
}

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

/**
 * Remove a profile: the person row stays (so what they wrote for others still has an author, shown as
 * "Former member") but loses everything personal, including the link to the account; their answers, strengths,
 * perspectives, picture and the appreciations about them are deleted.
 */
export async function wipePerson(db: Db, organisationId: string, personId: string, removedBy: string, now: string): Promise<void> {
  for (const table of ['profile_answers', 'person_perspectives', 'person_pictures'] as const) {
    await db.deleteFrom(table).where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
  }
  await deleteAllStrengths(db, organisationId, personId);
  await db.deleteFrom('appreciations').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
  await db
    .updateTable('people')
    .set({
      account_id: null,
      display_name: '',
      known_as: null,
      pronouns: null,
      age_text: null,
      perspective_description: null,
      participation_ways: '[]',
      access_needs: '[]',
      access_needs_other: null,
      consent_note: null,
      consent_recorded_by: null,
      consent_recorded_at: null,
      profile_visibility: 'private',
      archived_at: now,
      archived_by: removedBy,
      updated_at: now,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .execute();
}

/** Whether the account still belongs to any organisation. */
export async function accountHasMemberships(db: Db, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('people').select('id').where('account_id', '=', accountId).where('archived_at', 'is', null).limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Delete an account that belongs to no organisation any more. Its sessions (ended everywhere) and tokens go with it
 * (foreign keys cascade); audit events keep only its id.
 */
export async function deleteAccount(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
  await db.deleteFrom('auth_tokens').where('account_id', '=', accountId).execute();
  await db.deleteFrom('accounts').where('id', '=', accountId).execute();
}
