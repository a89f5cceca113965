import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, ReviewsTable } from '../../db/database.js';
import { newId, toCount } from '../../db/portable.js';
import type { AnswerTotal } from './reviews.scoring.js';
import type { ReviewMode, SubjectKind } from './reviews.registry.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ReviewRow {
  readonly id: string;
  readonly subjectKind: SubjectKind;
  readonly subjectKey: string;
  readonly subjectLabel: string | null;
  readonly projectId: string | null;
  readonly projectTitle: string | null;
  readonly ownerPersonId: string | null;
  readonly mode: ReviewMode;
  readonly status: 'open' | 'closed';
  readonly createdAt: string;
  readonly closedAt: string | null;
}

const REVIEW_COLUMNS = [
  'reviews.id', 'reviews.subject_kind as subjectKind', 'reviews.subject_key as subjectKey', 'reviews.subject_label as subjectLabel',
  'reviews.project_id as projectId', 'projects.title as projectTitle', 'reviews.owner_person_id as ownerPersonId', 'reviews.mode',
  'reviews.status', 'reviews.created_at as createdAt', 'reviews.closed_at as closedAt',
] as const;

function reviewQuery(db: Db, organisationId: string) {
  return db
    .selectFrom('reviews')
    .leftJoin('projects', (join) => join.onRef('projects.id', '=', 'reviews.project_id').on('projects.organisation_id', '=', organisationId))
    .select(REVIEW_COLUMNS)
    .where('reviews.organisation_id', '=', organisationId);
}

export async function findReview(db: Db, organisationId: string, id: string): Promise<ReviewRow | undefined> {
  return reviewQuery(db, organisationId).where('reviews.id', '=', id).executeTakeFirst();
}

/** Shared reviews, and the person's own practice reviews, newest first. */
export async function listReviews(db: Db, organisationId: string, personId: string, limit: number): Promise<ReviewRow[]> {
  return reviewQuery(db, organisationId)
    .where((eb) => eb.or([eb('reviews.subject_kind', '!=', 'practice'), eb('reviews.owner_person_id', '=', personId)]))
    .orderBy('reviews.created_at', 'desc')
    .orderBy('reviews.id', 'desc')
    .limit(limit)
    .execute();
}

/** The review of the same subject before this one, if any. */
export async function previousReview(db: Db, organisationId: string, review: Pick<ReviewRow, 'subjectKind' | 'subjectKey' | 'createdAt' | 'id'>): Promise<ReviewRow | undefined> {
  return reviewQuery(db, organisationId)
    .where('reviews.subject_kind', '=', review.subjectKind)
    .where('reviews.subject_key', '=', review.subjectKey)
    .where('reviews.id', '!=', review.id)
    .where('reviews.created_at', '<=', review.createdAt)
    .orderBy('reviews.created_at', 'desc')
    .orderBy('reviews.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertReview(
  db: Db,
  row: Omit<ReviewsTable, 'id' | 'updated_at' | 'closed_at' | 'status'>,
): Promise<string> {
  const id = newId();
  await db.insertInto('reviews').values({ ...row, id, status: 'open', updated_at: row.created_at, closed_at: null }).execute();
  return id;
}

export async function closeReview(db: Db, organisationId: string, id: string, now: string): Promise<void> {
  await db.updateTable('reviews').set({ status: 'closed', closed_at: now, updated_at: now }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export interface ResponseRow {
  readonly id: string;
  readonly submittedAt: string | null;
}

export async function findResponse(db: Db, organisationId: string, reviewId: string, personId: string): Promise<ResponseRow | undefined> {
  return db
    .selectFrom('review_responses')
    .select(['id', 'submitted_at as submittedAt'])
    .where('organisation_id', '=', organisationId)
    .where('review_id', '=', reviewId)
    .where('person_id', '=', personId)
    .where('kind', '=', 'individual')
    .executeTakeFirst();
}

export async function findGroupResponse(db: Db, organisationId: string, reviewId: string): Promise<ResponseRow | undefined> {
  return db
    .selectFrom('review_responses')
    .select(['id', 'submitted_at as submittedAt'])
    .where('organisation_id', '=', organisationId)
    .where('review_id', '=', reviewId)
    .where('kind', '=', 'group')
    .executeTakeFirst();
}

export async function insertResponse(db: Db, organisationId: string, reviewId: string, personId: string, kind: 'individual' | 'group', now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('review_responses')
    .values({ id, organisation_id: organisationId, review_id: reviewId, person_id: personId, kind, submitted_at: null, created_at: now, updated_at: now })
    .execute();
  return id;
}

export async function markSubmitted(db: Db, organisationId: string, responseId: string, now: string): Promise<void> {
  await db.updateTable('review_responses').set({ submitted_at: now, updated_at: now }).where('organisation_id', '=', organisationId).where('id', '=', responseId).execute();
}

export interface AnswerInput {
  readonly questionKey: string;
  readonly value: number;
  readonly comment: string | null;
}

/** Replace the answers to these questions (one page of the form). */
export async function saveAnswers(db: Db, organisationId: string, reviewId: string, responseId: string, answers: readonly AnswerInput[], now: string): Promise<void> {
  if (answers.length === 0) return;
  await db
    .deleteFrom('review_answers')
    .where('organisation_id', '=', organisationId)
    .where('response_id', '=', responseId)
    .where('question_key', 'in', answers.map((a) => a.questionKey))
    .execute();
  await db
    .insertInto('review_answers')
    .values(answers.map((a) => ({ organisation_id: organisationId, response_id: responseId, review_id: reviewId, question_key: a.questionKey, value: a.value, comment: a.comment, updated_at: now })))
    .execute();
}

export async function answersOf(db: Db, organisationId: string, responseId: string): Promise<AnswerInput[]> {
  return db
    .selectFrom('review_answers')
    .select(['question_key as questionKey', 'value', 'comment'])
    .where('organisation_id', '=', organisationId)
    .where('response_id', '=', responseId)
    .execute();
}

export async function saveNote(db: Db, organisationId: string, reviewId: string, principle: string, notes: string | null, now: string): Promise<void> {
  await db.deleteFrom('review_notes').where('organisation_id', '=', organisationId).where('review_id', '=', reviewId).where('principle', '=', principle).execute();
  if (notes !== null) await db.insertInto('review_notes').values({ organisation_id: organisationId, review_id: reviewId, principle, notes, updated_at: now }).execute();
}

export async function notesOf(db: Db, organisationId: string, reviewId: string): Promise<{ principle: string; notes: string }[]> {
  return db.selectFrom('review_notes').select(['principle', 'notes']).where('organisation_id', '=', organisationId).where('review_id', '=', reviewId).execute();
}

const scoredSum = sql<number>`sum(case when review_answers.value > 0 then review_answers.value else 0 end)`;
const scoredCount = sql<number>`sum(case when review_answers.value > 0 then 1 else 0 end)`;
const dontKnowCount = sql<number>`sum(case when review_answers.value = 0 then 1 else 0 end)`;

/** Totals per review and question, over submitted responses only: one query for any number of reviews. */
export async function answerTotals(db: Db, organisationId: string, reviewIds: readonly string[]): Promise<Map<string, AnswerTotal[]>> {
  const out = new Map<string, AnswerTotal[]>(reviewIds.map((id) => [id, []]));
  if (reviewIds.length === 0) return out;
  const rows = await db
    .selectFrom('review_answers')
    .innerJoin('review_responses', (join) => join.onRef('review_responses.id', '=', 'review_answers.response_id').on('review_responses.organisation_id', '=', organisationId))
    .select(['review_answers.review_id as reviewId', 'review_answers.question_key as questionKey', scoredSum.as('sum'), scoredCount.as('scored'), dontKnowCount.as('dontKnow')])
    .where('review_answers.organisation_id', '=', organisationId)
    .where('review_answers.review_id', 'in', reviewIds)
    .where('review_responses.submitted_at', 'is not', null)
    .groupBy(['review_answers.review_id', 'review_answers.question_key'])
    .execute();
  for (const row of rows) out.get(row.reviewId)?.push({ questionKey: row.questionKey, sum: toCount(row.sum), scored: toCount(row.scored), dontKnow: toCount(row.dontKnow) });
  return out;
}

/**
 * Submitted respondents per review, and when the latest was sent: together a version of the review's results (sent
 * answers never change), so combined totals can be cached until someone else sends theirs.
 */
export async function respondentVersions(db: Db, organisationId: string, reviewIds: readonly string[]): Promise<Map<string, { count: number; latest: string }>> {
  const out = new Map<string, { count: number; latest: string }>(reviewIds.map((id) => [id, { count: 0, latest: '' }]));
  if (reviewIds.length === 0) return out;
  const rows = await db
    .selectFrom('review_responses')
    .select(['review_id as reviewId', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.max('submitted_at').as('latest')])
    .where('organisation_id', '=', organisationId)
    .where('review_id', 'in', reviewIds)
    .where('submitted_at', 'is not', null)
    .groupBy('review_id')
    .execute();
  for (const row of rows) out.set(row.reviewId, { count: toCount(row.count), latest: row.latest ?? '' });
  return out;
}

/**
 * The organisation's directory version and stamp (migrations 2026-11-22-007, 2026-12-02-010, 2026-12-03-011): they
 * change whenever anyone's perspectives change, which the comparison of perspective groups depends on.
 */
export async function directoryVersion(db: Db, organisationId: string): Promise<{ version: number; stamp: string }> {
  const row = await db.selectFrom('directory_versions').select(['version', 'stamp']).where('organisation_id', '=', organisationId).executeTakeFirst();
  return { version: toCount(row?.version ?? 0), stamp: row?.stamp ?? '' };
}

/** Submitted respondents per review. */
export async function respondentCounts(db: Db, organisationId: string, reviewIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(reviewIds.map((id) => [id, 0]));
  if (reviewIds.length === 0) return out;
  const rows = await db
    .selectFrom('review_responses')
    .select(['review_id as reviewId', (eb) => eb.fn.countAll<number>().as('count')])
    .where('organisation_id', '=', organisationId)
    .where('review_id', 'in', reviewIds)
    .where('submitted_at', 'is not', null)
    .groupBy('review_id')
    .execute();
  for (const row of rows) out.set(row.reviewId, toCount(row.count));
  return out;
}

/** Reviews a person has answered (submitted), newest first, for their toolkit. */
export async function reviewsAnsweredBy(db: Db, organisationId: string, personId: string, limit: number): Promise<(ReviewRow & { submittedAt: string })[]> {
  const rows = await reviewQuery(db, organisationId)
    .innerJoin('review_responses', (join) => join.onRef('review_responses.review_id', '=', 'reviews.id').on('review_responses.organisation_id', '=', organisationId))
    .select('review_responses.submitted_at as submittedAt')
    .where('review_responses.person_id', '=', personId)
    .where('review_responses.submitted_at', 'is not', null)
    .orderBy('review_responses.submitted_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, submittedAt: row.submittedAt ?? '' }));
}

export async function listProjects(db: Db, organisationId: string): Promise<{ id: string; title: string }[]> {
  return db.selectFrom('projects').select(['id', 'title']).where('organisation_id', '=', organisationId).where('archived_at', 'is', null).orderBy('title').execute();
}

export async function findProject(db: Db, organisationId: string, id: string): Promise<{ id: string; title: string } | undefined> {
  return db.selectFrom('projects').select(['id', 'title']).where('organisation_id', '=', organisationId).where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst();
}
