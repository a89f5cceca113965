import { newId, toCount } from '../../db/portable.js';
import { personRef, type Db, type PersonRef } from './projects.repository.js';

export interface Criterion {
  readonly id: string;
  readonly text: string;
  readonly proposedBy: PersonRef;
  readonly at: string;
}

export async function listCriteria(db: Db, organisationId: string, projectId: string): Promise<Criterion[]> {
  const rows = await db
    .selectFrom('success_criteria as c')
    .leftJoin('people as p', 'p.id', 'c.proposed_by')
    .select(['c.id', 'c.text', 'c.proposed_by', 'c.created_at', 'p.display_name', 'p.archived_at'])
    .where('c.organisation_id', '=', organisationId)
    .where('c.project_id', '=', projectId)
    .where('c.archived_at', 'is', null)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.text, proposedBy: personRef(r.proposed_by, r.display_name, r.archived_at), at: r.created_at }));
}

export async function insertCriterion(db: Db, organisationId: string, input: { projectId: string; text: string; by: string; now: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto('success_criteria')
    .values({ id, organisation_id: organisationId, project_id: input.projectId, text: input.text, proposed_by: input.by, created_at: input.now, archived_at: null })
    .execute();
  return id;
}

export interface RatingInput {
  readonly criterionId: string;
  readonly score: number | null;
  readonly comment: string | null;
}

export async function saveRatings(db: Db, organisationId: string, input: { projectId: string; personId: string; cycle: number; ratings: readonly RatingInput[]; now: string }): Promise<void> {
  for (const rating of input.ratings) {
    await db
      .insertInto('success_ratings')
      .values({
        id: newId(), organisation_id: organisationId, project_id: input.projectId, criterion_id: rating.criterionId, person_id: input.personId,
        cycle: input.cycle, score: rating.score, comment: rating.comment, created_at: input.now, updated_at: input.now,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'criterion_id', 'person_id', 'cycle']).doUpdateSet({ score: rating.score, comment: rating.comment, updated_at: input.now }))
      .execute();
  }
}

/** The person's own answers this cycle, to fill in the form again. */
export async function myRatings(db: Db, organisationId: string, projectId: string, personId: string, cycle: number): Promise<Map<string, { score: number | null; comment: string | null }>> {
  const rows = await db
    .selectFrom('success_ratings')
    .select(['criterion_id', 'score', 'comment'])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .where('cycle', '=', cycle)
    .execute();
  return new Map(rows.map((r) => [r.criterion_id, { score: r.score, comment: r.comment }]));
}

export interface ScoreCount {
  readonly criterionId: string;
  readonly cycle: number;
  /** 1 to 5, or null for "don't know". */
  readonly score: number | null;
  readonly count: number;
}

/** How many people gave each answer, per criterion and cycle: counts only, never who said what. */
export async function scoreCounts(db: Db, organisationId: string, projectId: string): Promise<ScoreCount[]> {
  const rows = await db
    .selectFrom('success_ratings')
    .select((eb) => ['criterion_id', 'cycle', 'score', eb.fn.countAll<number>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .groupBy(['criterion_id', 'cycle', 'score'])
    .execute();
  return rows.map((r) => ({ criterionId: r.criterion_id, cycle: r.cycle, score: r.score, count: toCount(r.n) }));
}

/** Comments, without names or scores, in alphabetical order so nobody can tell who wrote which. */
export async function comments(db: Db, organisationId: string, projectId: string, cycle: number): Promise<{ criterionId: string; comment: string }[]> {
  const rows = await db
    .selectFrom('success_ratings')
    .select(['criterion_id', 'comment'])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('cycle', '=', cycle)
    .where('comment', 'is not', null)
    .execute();
  // Sorted here, not in SQL: the two databases collate text differently.
  return rows
    .flatMap((r) => (r.comment === null ? [] : [{ criterionId: r.criterion_id, comment: r.comment }]))
    .sort((a, b) => a.comment.localeCompare(b.comment, 'en-GB'));
}
