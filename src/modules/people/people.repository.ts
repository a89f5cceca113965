/** The person row and its profile fields. Every query is filtered by organisation_id. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, Permission, ProfileVisibility } from '../../db/database.js';
import { fromDbBool, fromJson, newId, toCount, toDbBool, toJson } from '../../db/portable.js';
import { compiledFor } from '../../db/precompiled.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface PersonRecord {
  readonly id: string;
  readonly organisationId: string;
  readonly accountId: string | null;
  readonly displayName: string;
  readonly knownAs: string | null;
  readonly pronouns: string | null;
  readonly permission: Permission;
  readonly visibility: ProfileVisibility;
  readonly ageText: string | null;
  readonly perspectiveDescription: string | null;
  readonly participationWays: string[];
  readonly accessNeeds: string[];
  readonly accessNeedsOther: string | null;
  readonly consentNote: string | null;
  readonly consentRecordedBy: string | null;
  readonly consentRecordedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The organisation's profile options, read with the person so a profile page needs one query for both. */
export interface ProfileSettings {
  readonly ageEnabled: boolean;
  readonly pictureEnabled: boolean;
}

function stringArray(value: string): string[] {
  const parsed = fromJson(value);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

const PERSON_COLUMNS = [
  'people.id',
  'people.organisation_id',
  'people.account_id',
  'people.display_name',
  'people.known_as',
  'people.pronouns',
  'people.permission',
  'people.profile_visibility',
  'people.age_text',
  'people.perspective_description',
  'people.participation_ways',
  'people.access_needs',
  'people.access_needs_other',
  'people.consent_note',
  'people.consent_recorded_by',
  'people.consent_recorded_at',
  'people.created_at',
  'people.updated_at',
] as const;

type PersonRow = Pick<Selectable<Database['people']>, 'id' | 'organisation_id' | 'account_id' | 'display_name' | 'known_as' | 'pronouns' | 'permission' | 'profile_visibility' | 'age_text' | 'perspective_description' | 'participation_ways' | 'access_needs' | 'access_needs_other' | 'consent_note' | 'consent_recorded_by' | 'consent_recorded_at' | 'created_at' | 'updated_at'>;

export function toPerson(row: PersonRow): PersonRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    accountId: row.account_id,
    displayName: row.display_name,
    knownAs: row.known_as,
    pronouns: row.pronouns,
    permission: row.permission,
    visibility: row.profile_visibility,
    ageText: row.age_text,
    perspectiveDescription: row.perspective_description,
    participationWays: stringArray(row.participation_ways),
    accessNeeds: stringArray(row.access_needs),
    accessNeedsOther: row.access_needs_other,
    consentNote: row.consent_note,
    consentRecordedBy: row.consent_recorded_by,
    consentRecordedAt: row.consent_recorded_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A current (not removed) person of this organisation, with the organisation's profile options. Compiled once. */
export async function findPerson(db: Db, organisationId: string, personId: string): Promise<{ person: PersonRecord; settings: ProfileSettings } | undefined> {
  const find = compiledFor(db, 'people.findPerson', ['organisationId', 'personId'], (v) =>
    db
      .selectFrom('people')
      .innerJoin('organisations', 'organisations.id', 'people.organisation_id')
      .select([...PERSON_COLUMNS, 'organisations.profile_age_enabled', 'organisations.profile_picture_enabled'])
      .where('people.organisation_id', '=', v.organisationId)
      .where('people.id', '=', v.personId)
      .where('people.archived_at', 'is', null),
  );
  const [row] = await find({ organisationId, personId });
  if (row === undefined) return undefined;
  return {
    person: toPerson(row),
    settings: { ageEnabled: fromDbBool(row.profile_age_enabled), pictureEnabled: fromDbBool(row.profile_picture_enabled) },
  };
}

export async function findSettings(db: Db, organisationId: string): Promise<ProfileSettings> {
  const row = await db
    .selectFrom('organisations')
    .select(['profile_age_enabled', 'profile_picture_enabled'])
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow();
  return { ageEnabled: fromDbBool(row.profile_age_enabled), pictureEnabled: fromDbBool(row.profile_picture_enabled) };
}

export async function updateSettings(db: Db, organisationId: string, settings: ProfileSettings, now: string): Promise<void> {
  await db
    .updateTable('organisations')
    .set({ profile_age_enabled: toDbBool(settings.ageEnabled), profile_picture_enabled: toDbBool(settings.pictureEnabled), updated_at: now })
    .where('id', '=', organisationId)
    .execute();
}

export async function updateAbout(
  db: Db,
  organisationId: string,
  personId: string,
  input: { displayName: string; knownAs: string | null; pronouns: string | null; ageText?: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('people')
    .set({
      display_name: input.displayName,
      known_as: input.knownAs,
      pronouns: input.pronouns,
      ...(input.ageText === undefined ? {} : { age_text: input.ageText }),
      updated_at: now,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .execute();
}

export async function updateTakingPart(
  db: Db,
  organisationId: string,
  personId: string,
  input: { perspectives: readonly string[]; perspectiveDescription: string | null; participationWays: readonly string[]; accessNeeds: readonly string[]; accessNeedsOther: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('people')
    .set({
      perspective_description: input.perspectiveDescription,
      participation_ways: toJson(input.participationWays),
      access_needs: toJson(input.accessNeeds),
      access_needs_other: input.accessNeedsOther,
      updated_at: now,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .execute();
  await db.deleteFrom('person_perspectives').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
  if (input.perspectives.length > 0) {
    await db
      .insertInto('person_perspectives')
      .values(input.perspectives.map((perspective) => ({ organisation_id: organisationId, person_id: personId, perspective })))
      .execute();
  }
}

export async function updateVisibility(db: Db, organisationId: string, personId: string, visibility: ProfileVisibility, now: string): Promise<void> {
  await db
    .updateTable('people')
    .set({ profile_visibility: visibility, updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .execute();
}

export async function listPerspectives(db: Db, organisationId: string, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('person_perspectives')
    .select('perspective')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .orderBy('perspective')
    .execute();
  return rows.map((row) => row.perspective);
}

/** How many people in the organisation hold each perspective: the only way perspectives are ever shown to others. */
export async function countPerspectives(db: Db, organisationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('person_perspectives')
    .innerJoin('people', 'people.id', 'person_perspectives.person_id')
    .select(['person_perspectives.perspective', (eb) => eb.fn.countAll<number>().as('count')])
    .where('person_perspectives.organisation_id', '=', organisationId)
    .where('people.organisation_id', '=', organisationId)
    .where('people.archived_at', 'is', null)
    .groupBy('person_perspectives.perspective')
    .execute();
  return new Map(rows.map((row) => [row.perspective, toCount(row.count)]));
}

export async function insertPersonWithoutAccount(
  db: Db,
  organisationId: string,
  input: { displayName: string; knownAs: string | null; consentNote: string; recordedBy: string },
  now: string,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('people')
    .values({
      id,
      organisation_id: organisationId,
      account_id: null,
      display_name: input.displayName,
      known_as: input.knownAs,
      permission: 'member',
      consent_note: input.consentNote,
      consent_recorded_by: input.recordedBy,
      consent_recorded_at: now,
      created_at: now,
      updated_at: now,
      archived_at: null,
      archived_by: null,
    })
    .execute();
  return id;
}

/** Names of people (current or removed) by id, for showing who wrote what; a removed person has no name. */
export async function namesOf(db: Db, organisationId: string, personIds: readonly string[]): Promise<Map<string, { name: string; knownAs: string | null; removed: boolean }>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['id', 'display_name', 'known_as', 'archived_at'])
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', [...new Set(personIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, { name: row.display_name, knownAs: row.known_as, removed: row.archived_at !== null }]));
}
