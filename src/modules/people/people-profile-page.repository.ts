/**
 * What a one-page profile shows besides the person: the organisation's headings, the person's answers, strengths and
 * the appreciations they accepted, in one query (a UNION ALL of four small reads), so a profile page runs the same
 * few queries as any other page. Every read is filtered by organisation_id.
 */
import { sql } from 'kysely';
import type { AppreciationStatus, BuiltinHeadingKey, StrengthKind } from '../../db/database.js';
import { toCount } from '../../db/portable.js';
import type { AppreciationRecord } from './people-appreciations.repository.js';
import type { AnswerRecord, HeadingRow, StrengthRecord } from './people-profile.repository.js';
import { compiledFor } from '../../db/precompiled.js';
import type { Db } from './people.repository.js';

export interface ProfileContents {
  /** In the order of `listHeadingRows`: by position, then id. */
  readonly headingRows: readonly HeadingRow[];
  readonly answers: readonly AnswerRecord[];
  /** In the order of `listStrengths`: oldest first. */
  readonly strengths: readonly StrengthRecord[];
  /** Accepted only, in the order of `listAbout`: newest first. */
  readonly appreciations: readonly AppreciationRecord[];
}

/** The four reads share one row shape; `source` says which read a row came from. */
interface ContentRow {
  readonly source: string;
  readonly id: string | null;
  /** builtin_key, heading_key, kind, or the appreciation's author. */
  readonly key: string | null;
  /** A heading's label, an answer's or appreciation's body, a strength's label. */
  readonly text: string;
  /** updated_at of an answer, created_at of a strength or appreciation. */
  readonly at: string | null;
  readonly position: number | string | null;
  readonly author_name: string | null;
  readonly author_archived_at: string | null;
  readonly status: string | null;
  readonly decided_at: string | null;
}

const NULL = sql<string | null>`null`;

/** Compiled once (src/db/precompiled.ts): building this query cost more than running it. */
export async function profileContents(db: Db, organisationId: string, personId: string): Promise<ProfileContents> {
  const read = compiledFor(db, 'people.profileContents', ['organisationId', 'personId'], (v) => contentsQuery(db, v.organisationId, v.personId));
  return contentsOf(personId, await read({ organisationId, personId }));
}

function contentsQuery(db: Db, organisationId: string, personId: string) {
  const headings = db
    .selectFrom('profile_headings')
    .select([
      sql<string>`'heading'`.as('source'), 'id', 'builtin_key as key', 'label as text', NULL.as('at'), 'position',
      NULL.as('author_name'), NULL.as('author_archived_at'), NULL.as('status'), NULL.as('decided_at'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('archived_at', 'is', null)
    .$castTo<ContentRow>();
  const answers = db
    .selectFrom('profile_answers')
    .select([
      sql<string>`'answer'`.as('source'), NULL.as('id'), 'heading_key as key', 'body as text', 'updated_at as at', sql<number | null>`null`.as('position'),
      NULL.as('author_name'), NULL.as('author_archived_at'), NULL.as('status'), NULL.as('decided_at'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .$castTo<ContentRow>();
  const strengths = db
    .selectFrom('strengths')
    .select([
      sql<string>`'strength'`.as('source'), 'id', 'kind as key', 'label as text', 'created_at as at', sql<number | null>`null`.as('position'),
      NULL.as('author_name'), NULL.as('author_archived_at'), NULL.as('status'), NULL.as('decided_at'),
    ])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .$castTo<ContentRow>();
  const appreciations = db
    .selectFrom('appreciations')
    .innerJoin('people as author', 'author.id', 'appreciations.author_person_id')
    .select([
      sql<string>`'appreciation'`.as('source'), 'appreciations.id', 'appreciations.author_person_id as key', 'appreciations.body as text',
      'appreciations.created_at as at', sql<number | null>`null`.as('position'), 'author.display_name as author_name',
      'author.archived_at as author_archived_at', 'appreciations.status', 'appreciations.decided_at',
    ])
    .where('appreciations.organisation_id', '=', organisationId)
    .where('author.organisation_id', '=', organisationId)
    .where('appreciations.person_id', '=', personId)
    .where('appreciations.status', '=', 'accepted')
    .$castTo<ContentRow>();
  return headings.unionAll(answers).unionAll(strengths).unionAll(appreciations);
}

/** The same order as the separate reads' ORDER BY (ids and ISO-8601 times compare the same as text everywhere). */
const ascending = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function contentsOf(personId: string, rows: readonly ContentRow[]): ProfileContents {
  const headingRows: HeadingRow[] = [];
  const answers: AnswerRecord[] = [];
  const strengths: { record: StrengthRecord; at: string }[] = [];
  const appreciations: AppreciationRecord[] = [];
  for (const row of rows) {
    const id = row.id ?? '';
    const key = row.key ?? '';
    const at = row.at ?? '';
    if (row.source === 'heading') headingRows.push({ id, builtinKey: row.key as BuiltinHeadingKey | null, label: row.text, position: toCount(row.position) });
    else if (row.source === 'answer') answers.push({ personId, headingKey: key, body: row.text, updatedAt: at });
    else if (row.source === 'strength') strengths.push({ record: { id, personId, kind: key as StrengthKind, label: row.text }, at });
    else {
      appreciations.push({
        id, personId, authorPersonId: key, authorName: row.author_archived_at === null ? row.author_name : null, body: row.text,
        status: row.status as AppreciationStatus, createdAt: at, decidedAt: row.decided_at,
      });
    }
  }
  headingRows.sort((a, b) => a.position - b.position || ascending(a.id, b.id));
  strengths.sort((a, b) => ascending(a.at, b.at) || ascending(a.record.id, b.record.id));
  appreciations.sort((a, b) => ascending(b.createdAt, a.createdAt) || ascending(b.id, a.id));
  return { headingRows, answers, strengths: strengths.map((s) => s.record), appreciations };
}
