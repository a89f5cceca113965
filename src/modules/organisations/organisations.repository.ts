import type { Kysely, Transaction } from 'kysely';
import type { Database, Permission } from '../../db/database.js';
import { fromDbBool, newId, toDbBool } from '../../db/portable.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface OrganisationSettings {
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  readonly defaultLanguage: string;
  readonly timeZone: string;
  readonly crisisText: string | null;
  readonly country: string;
  /** Days after a meeting ends before the access needs in its replies are deleted. */
  readonly accessNeedsDays: number;
  readonly isDemo: boolean;
}

export async function findOrganisation(db: Db, id: string): Promise<OrganisationSettings | undefined> {
  const row = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'short_name', 'default_language', 'time_zone', 'crisis_text', 'country', 'meeting_access_needs_days', 'is_demo'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id,
    name: row.name,
    shortName: row.short_name,
    defaultLanguage: row.default_language,
    timeZone: row.time_zone,
    crisisText: row.crisis_text,
    country: row.country,
    accessNeedsDays: row.meeting_access_needs_days,
    isDemo: fromDbBool(row.is_demo),
  };
}

export async function insertOrganisation(
  db: Db,
  input: { name: string; shortName: string; defaultLanguage: string; timeZone: string; country: string; crisisText: string | null; isDemo: boolean; now: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('organisations')
    .values({
      id,
      name: input.name,
      short_name: input.shortName,
      default_language: input.defaultLanguage,
      time_zone: input.timeZone,
      crisis_text: input.crisisText,
      country: input.country,
      is_demo: toDbBool(input.isDemo),
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return id;
}

export async function updateOrganisation(
  db: Db,
  id: string,
  input: { name: string; shortName: string; defaultLanguage: string; timeZone: string; country: string; crisisText: string | null; accessNeedsDays: number; now: string },
): Promise<void> {
  await db
    .updateTable('organisations')
    .set({
      name: input.name,
      short_name: input.shortName,
      default_language: input.defaultLanguage,
      time_zone: input.timeZone,
      crisis_text: input.crisisText,
      country: input.country,
      meeting_access_needs_days: input.accessNeedsDays,
      updated_at: input.now,
    })
    .where('id', '=', id)
    .execute();
}

export interface PersonWithAccess {
  readonly id: string;
  readonly displayName: string;
  readonly permission: Permission;
  readonly email: string | null;
}

export async function listPeopleWithAccess(db: Db, organisationId: string, limit: number, offset: number): Promise<PersonWithAccess[]> {
  return db
    .selectFrom('people')
    .leftJoin('accounts', 'accounts.id', 'people.account_id')
    .select(['people.id', 'people.display_name as displayName', 'people.permission', 'accounts.email'])
    .where('people.organisation_id', '=', organisationId)
    .where('people.archived_at', 'is', null)
    .orderBy('people.display_name')
    .orderBy('people.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countPeople(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** A person in this organisation only: another organisation's id finds nothing. */
export async function findPersonInOrganisation(db: Db, organisationId: string, personId: string): Promise<PersonWithAccess | undefined> {
  return db
    .selectFrom('people')
    .leftJoin('accounts', 'accounts.id', 'people.account_id')
    .select(['people.id', 'people.display_name as displayName', 'people.permission', 'accounts.email'])
    .where('people.organisation_id', '=', organisationId)
    .where('people.id', '=', personId)
    .where('people.archived_at', 'is', null)
    .executeTakeFirst();
}

export async function countAdmins(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('permission', '=', 'admin')
    .where('archived_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.count;
}

export async function updatePermission(db: Db, organisationId: string, personId: string, permission: Permission, now: string): Promise<void> {
  await db
    .updateTable('people')
    .set({ permission, updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .execute();
}
