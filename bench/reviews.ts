import { newId } from '../src/db/portable.js';
import type { Actor } from '../src/shared/actor.js';
import { QUESTIONS } from '../src/modules/reviews/reviews.registry.js';
import type { BenchContext } from './scenarios.js';

export const BIG_REVIEW = { responses: 400, reviews: 1000 } as const;

let bigReviewId: string | undefined;

export function bigReview(): string {
  if (bigReviewId === undefined) throw new Error('the big review has not been set up');
  return bigReviewId;
}

const CHUNK = 500;

async function inChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * An organisation with 1,000 reviews, and one review (and the one before it, of the same subject) answered by 400
 * people with lived-experience and professional perspectives: 7,600 answers each, and a published round of results.
 * Started and published through the service, as a facilitator would; the volume is generated in batches straight into
 * the tables.
 */
export async function setUpBigReview({ app }: BenchContext): Promise<void> {
  if (bigReviewId !== undefined) return;
  const db = app.db.kysely;
  const row = await db
    .selectFrom('people')
    .innerJoin('accounts', 'accounts.id', 'people.account_id')
    .select(['people.id', 'people.organisation_id', 'people.display_name', 'people.permission', 'accounts.id as account_id', 'accounts.email'])
    .where('accounts.email', '=', 'priya@riverside.example')
    .executeTakeFirstOrThrow();
  const priya: Actor = { accountId: row.account_id, personId: row.id, organisationId: row.organisation_id, permission: row.permission, displayName: row.display_name, email: row.email };
  const organisationId = priya.organisationId;
  const stamp = (ms: number) => new Date(ms).toISOString();
  const start = Date.now() - 400 * 24 * 60 * 60_000;

  // 1,000 reviews of 50 services, over the past year or so.
  const reviews = Array.from({ length: BIG_REVIEW.reviews - 2 }, (_, i) => ({
    id: newId(start + i * 60_000), organisation_id: organisationId, subject_kind: 'service' as const, subject_key: `service ${String(i % 50)}`,
    subject_label: `Service ${String(i % 50)}`, project_id: null, owner_person_id: null, mode: 'individual' as const, status: 'closed' as const,
    created_by: priya.personId, created_at: stamp(start + i * 60_000), updated_at: stamp(start + i * 60_000), closed_at: stamp(start + i * 60_000),
  }));
  await inChunks(reviews, (chunk) => db.insertInto('reviews').values(chunk).execute());
  const previous = await app.services.reviews.start(priya, { subjectKind: 'service', serviceName: 'Benchmark day service', mode: 'individual' });
  const current = await app.services.reviews.start(priya, { subjectKind: 'service', serviceName: 'Benchmark day service', mode: 'individual' });
  if (!previous.ok || !current.ok) throw new Error('could not start the benchmark reviews');

  // 400 people, half with lived experience, half professionals.
  const people = Array.from({ length: BIG_REVIEW.responses }, (_, i) => ({
    id: newId(), organisation_id: organisationId, account_id: null, display_name: `Respondent ${String(i + 1)}`, permission: 'member' as const,
    created_at: stamp(start), updated_at: stamp(start), archived_at: null, archived_by: null,
  }));
  await inChunks(people, (chunk) => db.insertInto('people').values(chunk).execute());
  await inChunks(people.map((p, i) => ({ organisation_id: organisationId, person_id: p.id, perspective: i % 2 === 0 ? 'lived_experience' : 'professional_staff' })), (chunk) =>
    db.insertInto('person_perspectives').values(chunk).execute());

  for (const [r, reviewId] of [previous.value, current.value].entries()) {
    const responses = people.map((p) => ({ id: newId(), organisation_id: organisationId, review_id: reviewId, person_id: p.id, kind: 'individual' as const, submitted_at: stamp(Date.now()), created_at: stamp(Date.now()), updated_at: stamp(Date.now()) }));
    await inChunks(responses, (chunk) => db.insertInto('review_responses').values(chunk).execute());
    const answers = responses.flatMap((response, i) =>
      QUESTIONS.map((q, j) => ({ organisation_id: organisationId, response_id: response.id, review_id: reviewId, question_key: q.key, value: (i + j + r) % 6, comment: null, updated_at: stamp(Date.now()) })));
    await inChunks(answers, (chunk) => db.insertInto('review_answers').values(chunk).execute());
    // Results show from a published round (ADR 0014): the facilitator publishes one, as she would.
    const round = await app.services.reviews.publish(priya, reviewId);
    if (!round.ok) throw new Error('could not publish the benchmark round');
  }
  bigReviewId = current.value;
}
