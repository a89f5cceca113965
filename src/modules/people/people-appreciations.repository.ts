/** What people appreciate about each other. Every query is filtered by organisation_id. */
import type { AppreciationStatus } from '../../db/database.js';
import { newId, toCount } from '../../db/portable.js';
import type { Db } from './people.repository.js';

export interface AppreciationRecord {
  readonly id: string;
  readonly personId: string;
  readonly authorPersonId: string;
  /** The author's name, or null when the author has removed their profile (shown as "Former member"). */
  readonly authorName: string | null;
  readonly body: string;
  readonly status: AppreciationStatus;
  readonly createdAt: string;
  readonly decidedAt: string | null;
}

function query(db: Db, organisationId: string) {
  return db
    .selectFrom('appreciations')
    .innerJoin('people as author', 'author.id', 'appreciations.author_person_id')
    .select([
      'appreciations.id',
      'appreciations.person_id',
      'appreciations.author_person_id',
      'author.display_name as author_name',
      'author.archived_at as author_archived_at',
      'appreciations.body',
      'appreciations.status',
      'appreciations.created_at',
      'appreciations.decided_at',
    ])
    .where('appreciations.organisation_id', '=', organisationId)
    .where('author.organisation_id', '=', organisationId);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];

function toRecord(row: Row): AppreciationRecord {
  return {
    id: row.id,
    personId: row.person_id,
    authorPersonId: row.author_person_id,
    authorName: row.author_archived_at === null ? row.author_name : null,
    body: row.body,
    status: row.status,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

export async function insertAppreciation(db: Db, organisationId: string, input: { personId: string; authorPersonId: string; body: string }, now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('appreciations')
    .values({ id, organisation_id: organisationId, person_id: input.personId, author_person_id: input.authorPersonId, body: input.body, status: 'pending', created_at: now, decided_at: null })
    .execute();
  return id;
}

/** Appreciations about these people with these statuses, newest first, in one query. */
export async function listAbout(db: Db, organisationId: string, personIds: readonly string[], statuses: readonly AppreciationStatus[]): Promise<AppreciationRecord[]> {
  if (personIds.length === 0) return [];
  const rows = await query(db, organisationId)
    .where('appreciations.person_id', 'in', [...personIds])
    .where('appreciations.status', 'in', [...statuses])
    .orderBy('appreciations.created_at', 'desc')
    .orderBy('appreciations.id', 'desc')
    .execute();
  return rows.map(toRecord);
}

export async function listWrittenBy(db: Db, organisationId: string, authorPersonId: string): Promise<(AppreciationRecord & { aboutName: string | null })[]> {
  const rows = await query(db, organisationId)
    .innerJoin('people as about', 'about.id', 'appreciations.person_id')
    .select(['about.display_name as about_name', 'about.archived_at as about_archived_at'])
    .where('appreciations.author_person_id', '=', authorPersonId)
    .orderBy('appreciations.created_at', 'desc')
    .execute();
  return rows.map((row) => ({ ...toRecord(row), aboutName: row.about_archived_at === null ? row.about_name : null }));
}

export async function countPending(db: Db, organisationId: string, personId: string): Promise<number> {
  const row = await db
    .selectFrom('appreciations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return toCount(row.count);
}

/** Accept or decline; false when there is no such appreciation about this person. */
export async function decide(db: Db, organisationId: string, personId: string, appreciationId: string, status: 'accepted' | 'declined', now: string): Promise<boolean> {
  const result = await db
    .updateTable('appreciations')
    .set({ status, decided_at: now })
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('id', '=', appreciationId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
