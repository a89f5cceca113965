import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { newId } from '../../db/portable.js';
import type { EntryInput, ReflectionInput } from './ladder.forms.js';
import type { Band, RungKey, Scope } from './ladder.registry.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReflectionRow {
  readonly id: string;
  readonly personId: string;
  readonly authorName: string;
  readonly scope: Scope;
  readonly title: string;
  readonly tend: string | null;
  readonly moveUp: string | null;
  readonly skills: string | null;
  readonly sharedAt: string | null;
  readonly createdAt: string;
}

function reflections(db: Db, organisationId: string) {
  return db
    .selectFrom('ladder_reflections')
    .innerJoin('people', (join) => join.onRef('people.id', '=', 'ladder_reflections.person_id').on('people.organisation_id', '=', organisationId))
    .select([
      'ladder_reflections.id', 'ladder_reflections.person_id as personId', 'people.display_name as authorName', 'ladder_reflections.scope',
      'ladder_reflections.title', 'ladder_reflections.tend', 'ladder_reflections.move_up as moveUp', 'ladder_reflections.skills',
      'ladder_reflections.shared_at as sharedAt', 'ladder_reflections.created_at as createdAt',
    ])
    .where('ladder_reflections.organisation_id', '=', organisationId);
}

export async function findReflection(db: Db, organisationId: string, id: string): Promise<ReflectionRow | undefined> {
  return reflections(db, organisationId).where('ladder_reflections.id', '=', id).executeTakeFirst();
}

/** The person's own reflections, and others' shared ones. */
export async function listVisible(db: Db, organisationId: string, personId: string, limit: number): Promise<ReflectionRow[]> {
  return reflections(db, organisationId)
    .where((eb) => eb.or([eb('ladder_reflections.person_id', '=', personId), eb('ladder_reflections.shared_at', 'is not', null)]))
    .orderBy('ladder_reflections.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function listOwn(db: Db, organisationId: string, personId: string, limit: number): Promise<ReflectionRow[]> {
  return reflections(db, organisationId).where('ladder_reflections.person_id', '=', personId).orderBy('ladder_reflections.created_at', 'desc').limit(limit).execute();
}

export interface EntryRow {
  readonly reflectionId: string;
  readonly section: Band;
  readonly what: string;
  readonly rung: RungKey;
  readonly outcomes: string | null;
  readonly better: string | null;
}

export async function entriesOf(db: Db, organisationId: string, reflectionIds: readonly string[]): Promise<EntryRow[]> {
  if (reflectionIds.length === 0) return [];
  const rows = await db
    .selectFrom('ladder_entries')
    .select(['reflection_id as reflectionId', 'section', 'what', 'rung', 'outcomes', 'better'])
    .where('organisation_id', '=', organisationId)
    .where('reflection_id', 'in', reflectionIds)
    .execute();
  return rows.map((row) => ({ ...row, rung: row.rung as RungKey }));
}

export async function insertReflection(db: Db, organisationId: string, personId: string, input: ReflectionInput, now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('ladder_reflections')
    .values({
      id, organisation_id: organisationId, person_id: personId, scope: input.scope, title: input.title, tend: input.tend,
      move_up: input.moveUp, skills: input.skills, shared_at: input.share ? now : null, created_at: now, updated_at: now,
    })
    .execute();
  await insertEntries(db, organisationId, id, input.entries);
  return id;
}

async function insertEntries(db: Db, organisationId: string, reflectionId: string, entries: readonly EntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('ladder_entries')
    .values(entries.map((e) => ({ organisation_id: organisationId, reflection_id: reflectionId, section: e.section, what: e.what, rung: e.rung, outcomes: e.outcomes, better: e.better })))
    .execute();
}

export async function setShared(db: Db, organisationId: string, id: string, sharedAt: string | null, now: string): Promise<void> {
  await db.updateTable('ladder_reflections').set({ shared_at: sharedAt, updated_at: now }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}
