/** Headings, answers, strengths and pictures of one-page profiles. Every query is filtered by organisation_id. */
import { sql, type Insertable } from 'kysely';
import type { BuiltinHeadingKey, Database, StrengthKind } from '../../db/database.js';
import { newId, toCount } from '../../db/portable.js';
import type { Db } from './people.repository.js';

export interface HeadingRow {
  readonly id: string;
  readonly builtinKey: BuiltinHeadingKey | null;
  readonly label: string;
  readonly position: number;
}

export async function listHeadingRows(db: Db, organisationId: string): Promise<HeadingRow[]> {
  const rows = await db
    .selectFrom('profile_headings')
    .select(['id', 'builtin_key', 'label', 'position'])
    .where('organisation_id', '=', organisationId)
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, builtinKey: row.builtin_key, label: row.label, position: row.position }));
}

/** Rename a toolkit heading (an empty label brings back the toolkit's wording). */
export async function saveBuiltinLabel(db: Db, organisationId: string, key: BuiltinHeadingKey, label: string, position: number, now: string): Promise<void> {
  await db
    .insertInto('profile_headings')
    .values({ id: newId(), organisation_id: organisationId, builtin_key: key, label, position, created_at: now, updated_at: now, archived_at: null })
    .onConflict((oc) => oc.columns(['organisation_id', 'builtin_key']).doUpdateSet({ label, updated_at: now }))
    .execute();
}

export async function insertExtraHeading(db: Db, organisationId: string, label: string, position: number, now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('profile_headings')
    .values({ id, organisation_id: organisationId, builtin_key: null, label, position, created_at: now, updated_at: now, archived_at: null })
    .execute();
  return id;
}

/** Removing a heading of the organisation's own archives it: answers to it stay with their authors (and in exports). */
export async function archiveExtraHeading(db: Db, organisationId: string, headingId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('profile_headings')
    .set({ archived_at: now, updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', headingId)
    .where('builtin_key', 'is', null)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function maxHeadingPosition(db: Db, organisationId: string): Promise<number> {
  const row = await db
    .selectFrom('profile_headings')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return toCount(row?.position);
}

// Answers ---------------------------------------------------------------------------------------------------------

export interface AnswerRecord {
  readonly personId: string;
  readonly headingKey: string;
  readonly body: string;
  readonly updatedAt: string;
}

export async function listAnswers(db: Db, organisationId: string, personIds: readonly string[]): Promise<AnswerRecord[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('profile_answers')
    .select(['person_id', 'heading_key', 'body', 'updated_at'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', personIds)
    .execute();
  return rows.map((row) => ({ personId: row.person_id, headingKey: row.heading_key, body: row.body, updatedAt: row.updated_at }));
}

/** Save the answers given; a blank answer is deleted, not stored empty. */
export async function saveAnswers(db: Db, organisationId: string, personId: string, answers: Readonly<Record<string, string | null>>, now: string): Promise<void> {
  for (const [headingKey, body] of Object.entries(answers)) {
    if (body === null) {
      await db
        .deleteFrom('profile_answers')
        .where('organisation_id', '=', organisationId)
        .where('person_id', '=', personId)
        .where('heading_key', '=', headingKey)
        .execute();
    } else {
      await db
        .insertInto('profile_answers')
        .values({ organisation_id: organisationId, person_id: personId, heading_key: headingKey, body, updated_at: now })
        .onConflict((oc) => oc.columns(['organisation_id', 'person_id', 'heading_key']).doUpdateSet({ body, updated_at: now }))
        .execute();
    }
  }
}

// Strengths -------------------------------------------------------------------------------------------------------

export interface StrengthRecord {
  readonly id: string;
  readonly personId: string;
  readonly kind: StrengthKind;
  readonly label: string;
}

/** The strengths of a page of people in one query (never one query per person). */
export async function listStrengths(db: Db, organisationId: string, personIds: readonly string[]): Promise<StrengthRecord[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('strengths')
    .select(['id', 'person_id', 'kind', 'label'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', personIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, personId: row.person_id, kind: row.kind, label: row.label }));
}

export async function countStrengths(db: Db, organisationId: string, personId: string, kind: StrengthKind): Promise<number> {
  const row = await db
    .selectFrom('strengths')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return toCount(row.count);
}

/** Adds a strength; false when the person already has it (of that kind). Run it in a transaction (labels too). */
export async function insertStrength(
  db: Db,
  organisationId: string,
  personId: string,
  input: { kind: StrengthKind; label: string; normalised: string },
  now: string,
): Promise<boolean> {
  const result = await db
    .insertInto('strengths')
    .values({ id: newId(), organisation_id: organisationId, person_id: personId, kind: input.kind, label: input.label, label_normalised: input.normalised, created_at: now })
    .onConflict((oc) => oc.columns(['organisation_id', 'person_id', 'kind', 'label_normalised']).doNothing())
    .executeTakeFirst();
  const added = Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  if (added) await countLabels(db, organisationId, [{ kind: input.kind, normalised: input.normalised }], 1);
  return added;
}

/**
 * Add many strengths at once (seeding, generated data), keeping `strength_labels` in step. Each person's labels must
 * already be distinct by kind.
 */
export async function insertStrengths(db: Db, rows: readonly Insertable<Database['strengths']>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('strengths').values([...rows]).execute();
  const byOrganisation = new Map<string, { kind: StrengthKind; normalised: string }[]>();
  for (const row of rows) {
    const list = byOrganisation.get(row.organisation_id) ?? [];
    list.push({ kind: row.kind, normalised: row.label_normalised });
    byOrganisation.set(row.organisation_id, list);
  }
  for (const [organisationId, labels] of byOrganisation) await countLabels(db, organisationId, labels, 1);
}

/** Run it in a transaction, so the label counts move with the strength. */
export async function deleteStrength(db: Db, organisationId: string, personId: string, strengthId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('strengths')
    .select(['label', 'kind', 'label_normalised'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('id', '=', strengthId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  await db.deleteFrom('strengths').where('organisation_id', '=', organisationId).where('person_id', '=', personId).where('id', '=', strengthId).execute();
  await countLabels(db, organisationId, [{ kind: row.kind, normalised: row.label_normalised }], -1);
  return row.label;
}

/** Delete all of a person's strengths (removing a profile), with their labels' counts. */
export async function deleteAllStrengths(db: Db, organisationId: string, personId: string): Promise<void> {
  const rows = await db
    .selectFrom('strengths')
    .select(['kind', 'label_normalised'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
  if (rows.length === 0) return;
  await db.deleteFrom('strengths').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
  await countLabels(db, organisationId, rows.map((r) => ({ kind: r.kind, normalised: r.label_normalised })), -1);
}

/**
 * `strength_labels` holds each distinct label (by kind) with how many strengths use it, so a search reads the few
 * labels rather than every strength. Added labels are counted up (one statement); removed ones counted down, and a
 * label nobody uses any more is dropped.
 */
async function countLabels(db: Db, organisationId: string, labels: readonly { kind: StrengthKind; normalised: string }[], sign: 1 | -1): Promise<void> {
  const counts = new Map<string, { kind: StrengthKind; normalised: string; n: number }>();
  for (const { kind, normalised } of labels) {
    const key = `${kind}\u0000${normalised}`;
    const entry = counts.get(key);
    if (entry === undefined) counts.set(key, { kind, normalised, n: 1 });
    else entry.n += 1;
  }
  if (sign === 1) {
    await db
      .insertInto('strength_labels')
      .values([...counts.values()].map((c) => ({ organisation_id: organisationId, kind: c.kind, label_normalised: c.normalised, people: c.n })))
      .onConflict((oc) => oc.columns(['organisation_id', 'kind', 'label_normalised']).doUpdateSet((eb) => ({ people: eb('strength_labels.people', '+', eb.ref('excluded.people')) })))
      .execute();
    return;
  }
  for (const c of counts.values()) {
    await db
      .updateTable('strength_labels')
      .set((eb) => ({ people: eb('people', '-', c.n) }))
      .where('organisation_id', '=', organisationId)
      .where('kind', '=', c.kind)
      .where('label_normalised', '=', c.normalised)
      .execute();
  }
  await db.deleteFrom('strength_labels').where('organisation_id', '=', organisationId).where('people', '<=', 0).execute();
}

/**
 * Strengths others have used, most used first, for suggestions. Only from profiles the whole organisation can see,
 * so a private profile's strengths never leak through the suggestions.
 */
export async function strengthSuggestions(db: Db, organisationId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('strengths')
    .innerJoin('people', 'people.id', 'strengths.person_id')
    .select([sql<string>`min(strengths.label)`.as('label'), (eb) => eb.fn.countAll<number>().as('uses')])
    .where('strengths.organisation_id', '=', organisationId)
    .where('people.organisation_id', '=', organisationId)
    .where('people.archived_at', 'is', null)
    .where('people.profile_visibility', '=', 'organisation')
    .groupBy('strengths.label_normalised')
    .orderBy('uses', 'desc')
    .orderBy('strengths.label_normalised')
    .limit(limit)
    .execute();
  return rows.map((row) => row.label);
}

// Pictures --------------------------------------------------------------------------------------------------------

export async function findPicture(db: Db, organisationId: string, personId: string): Promise<{ contentType: string; bytes: Buffer } | undefined> {
  const row = await db
    .selectFrom('person_pictures')
    .select(['content_type', 'bytes'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row === undefined ? undefined : { contentType: row.content_type, bytes: Buffer.from(row.bytes) };
}

export async function savePicture(db: Db, organisationId: string, personId: string, picture: { contentType: 'image/png' | 'image/jpeg'; bytes: Buffer }, now: string): Promise<void> {
  await db
    .insertInto('person_pictures')
    .values({ person_id: personId, organisation_id: organisationId, content_type: picture.contentType, bytes: picture.bytes, created_at: now })
    .onConflict((oc) => oc.column('person_id').doUpdateSet({ content_type: picture.contentType, bytes: picture.bytes, created_at: now }))
    .execute();
}

export async function deletePicture(db: Db, organisationId: string, personId: string): Promise<void> {
  await db.deleteFrom('person_pictures').where('organisation_id', '=', organisationId).where('person_id', '=', personId).execute();
}

/** Which of these people have a picture, in one query. */
export async function withPictures(db: Db, organisationId: string, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('person_pictures')
    .select('person_id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', 'in', personIds)
    .execute();
  return new Set(rows.map((row) => row.person_id));
}
