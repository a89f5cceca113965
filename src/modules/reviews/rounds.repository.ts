/** Published rounds of combined results (ADR 0014): what was counted, and the totals each round shows. */
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { fromDbBool, fromJson, newId, toCount, toDbBool, toJson } from '../../db/portable.js';
import { COMPARED_PERSPECTIVES, type ComparedPerspective } from './reviews.registry.js';
import type { CountedAnswer, Fingerprint, Snapshot } from './reviews.rounds.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface CountedRow extends CountedAnswer {
  readonly livedExperience: boolean;
  readonly professional: boolean;
}

/**
 * Every answer of every sent individual response, with whether its person holds each compared perspective now: one
 * query, so the answers, the people counted and their groups are read together. The perspectives are gathered once
 * per person (a join), not looked up once per answer.
 */
export async function countedAnswers(db: Db, organisationId: string, reviewId: string): Promise<CountedRow[]> {
  const holds = (eb: ExpressionBuilder<Database, 'person_perspectives'>, perspective: ComparedPerspective) =>
    eb.fn.max(eb.case().when('person_perspectives.perspective', '=', perspective).then(1).else(0).end());
  const held = db
    .selectFrom('person_perspectives')
    .select(['person_perspectives.person_id as personId', (eb) => holds(eb, 'lived_experience').as('livedExperience'), (eb) => holds(eb, 'professional_staff').as('professional')])
    .where('person_perspectives.organisation_id', '=', organisationId)
    .where('person_perspectives.perspective', 'in', COMPARED_PERSPECTIVES)
    .where('person_perspectives.person_id', 'in', (eb) =>
      eb.selectFrom('review_responses').select('review_responses.person_id').where('review_responses.organisation_id', '=', organisationId).where('review_responses.review_id', '=', reviewId))
    .groupBy('person_perspectives.person_id')
    .as('held');
  const rows = await db
    .selectFrom('review_answers')
    .innerJoin('review_responses', (join) => join.onRef('review_responses.id', '=', 'review_answers.response_id').on('review_responses.organisation_id', '=', organisationId))
    .leftJoin(held, 'held.personId', 'review_responses.person_id')
    .select(['review_answers.response_id as responseId', 'review_answers.question_key as questionKey', 'review_answers.value', 'held.livedExperience', 'held.professional'])
    .where('review_answers.organisation_id', '=', organisationId)
    .where('review_answers.review_id', '=', reviewId)
    .where('review_responses.submitted_at', 'is not', null)
    .where('review_responses.kind', '=', 'individual')
    .execute();
  return rows.map((r) => ({
    responseId: r.responseId,
    questionKey: r.questionKey,
    value: toCount(r.value),
    livedExperience: toCount(r.livedExperience) === 1,
    professional: toCount(r.professional) === 1,
  }));
}

export interface RoundRow {
  readonly id: string;
  readonly number: number;
  readonly reason: 'published' | 'closed';
  readonly respondents: number;
  readonly groupsShown: boolean;
  readonly publishedAt: string;
}

export interface RoundWithTotals extends RoundRow {
  readonly snapshot: Snapshot;
}

const ROUND_COLUMNS = ['id', 'number', 'reason', 'respondents', 'groups_shown as groupsShown', 'published_at as publishedAt'] as const;

function toRound(row: { id: string; number: number; reason: 'published' | 'closed'; respondents: number; groupsShown: number; publishedAt: string }): RoundRow {
  return { ...row, number: toCount(row.number), respondents: toCount(row.respondents), groupsShown: fromDbBool(row.groupsShown) };
}

/** The rounds of reviews, oldest first. */
export async function roundsOf(db: Db, organisationId: string, reviewId: string): Promise<RoundRow[]> {
  const rows = await db.selectFrom('review_rounds').select(ROUND_COLUMNS).where('organisation_id', '=', organisationId).where('review_id', '=', reviewId).orderBy('number').execute();
  return rows.map(toRound);
}

/** The latest round of each review, with the totals it shows. */
export async function latestRounds(db: Db, organisationId: string, reviewIds: readonly string[]): Promise<Map<string, RoundWithTotals>> {
  const out = new Map<string, RoundWithTotals>();
  if (reviewIds.length === 0) return out;
  const rows = await db
    .selectFrom('review_rounds')
    .select([...ROUND_COLUMNS, 'review_id as reviewId', 'totals'])
    .where('organisation_id', '=', organisationId)
    .where('review_id', 'in', reviewIds)
    .where('number', '=', (eb) =>
      eb.selectFrom('review_rounds as later').select((l) => l.fn.max('later.number').as('n')).where('later.organisation_id', '=', organisationId).whereRef('later.review_id', '=', 'review_rounds.review_id'))
    .execute();
  for (const row of rows) out.set(row.reviewId, { ...toRound(row), snapshot: fromJson(row.totals) as Snapshot });
  return out;
}

/** What each of these rounds counted. */
export async function membersOf(db: Db, organisationId: string, roundIds: readonly string[]): Promise<Map<string, Fingerprint[]>> {
  const out = new Map<string, Fingerprint[]>(roundIds.map((id) => [id, []]));
  if (roundIds.length === 0) return out;
  const rows = await db
    .selectFrom('review_round_members')
    .select(['round_id as roundId', 'response_id as responseId', 'revision', 'cell'])
    .where('organisation_id', '=', organisationId)
    .where('round_id', 'in', roundIds)
    .execute();
  for (const row of rows) out.get(row.roundId)?.push({ responseId: row.responseId, revision: row.revision, cell: row.cell });
  return out;
}

/**
 * The first write of a publish or a close: it marks the review as changed and holds its row until the transaction
 * ends, so two facilitators publishing at once take turns, and the second sees the first's round (on PostgreSQL a row
 * lock; SQLite has one writer at a time).
 */
export async function holdReview(db: Db, organisationId: string, reviewId: string, now: string): Promise<void> {
  await db.updateTable('reviews').set({ updated_at: now }).where('organisation_id', '=', organisationId).where('id', '=', reviewId).execute();
}

export async function insertRound(
  db: Db,
  organisationId: string,
  reviewId: string,
  round: { number: number; reason: 'published' | 'closed'; groupsShown: boolean; snapshot: Snapshot; members: readonly Fingerprint[]; publishedBy: string | null; publishedAt: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('review_rounds')
    .values({
      id, organisation_id: organisationId, review_id: reviewId, number: round.number, reason: round.reason, respondents: round.snapshot.current.respondents,
      groups_shown: toDbBool(round.groupsShown), totals: toJson(round.snapshot), published_by: round.publishedBy, published_at: round.publishedAt,
    })
    .execute();
  const rows = round.members.map((m) => ({ organisation_id: organisationId, round_id: id, response_id: m.responseId, revision: m.revision, cell: m.cell }));
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('review_round_members').values(rows.slice(i, i + 500)).execute();
  return id;
}
