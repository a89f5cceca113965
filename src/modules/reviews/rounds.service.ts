/**
 * Rounds of combined results (ADR 0014), used by the reviews service and the demo: what publishing a round would
 * do now, and publishing it. Only individual reviews of shared subjects have rounds; a group review's answers are
 * the group's own, and a practice review is seen by its owner alone.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { Cache, cacheVersion } from '../../shared/cache.js';
import * as rounds from './rounds.repository.js';
import type { ReviewRow } from './reviews.repository.js';
import { decideRound, fingerprintsFrom, snapshotOf, type RoundDecision } from './reviews.rounds.js';

type Db = Kysely<Database> | Transaction<Database>;

export function hasRounds(review: Pick<ReviewRow, 'mode' | 'subjectKind'>): boolean {
  return review.mode === 'individual' && review.subjectKind !== 'practice';
}

async function readState(db: Db, organisationId: string, reviewId: string) {
  const counted = await rounds.countedAnswers(db, organisationId, reviewId);
  const earlier = await rounds.roundsOf(db, organisationId, reviewId);
  const members = await rounds.membersOf(db, organisationId, earlier.map((r) => r.id));
  const current = fingerprintsFrom(counted);
  const decision = decideRound(current, earlier.map((r) => ({ groupsShown: r.groupsShown, members: members.get(r.id) ?? [] })), true);
  return { counted, current, decision, number: earlier.length + 1 };
}

/** What publishing a round would do now. */
export async function roundDecision(db: Db, organisationId: string, reviewId: string): Promise<RoundDecision & { number: number }> {
  const { decision, number } = await readState(db, organisationId, reviewId);
  return { ...decision, number };
}

/**
 * Publish a round from what has been sent, if the rules allow it; in the caller's transaction. Answers the decision,
 * and the new round's id when one was published.
 */
export async function publishRound(
  trx: Transaction<Database>,
  organisationId: string,
  reviewId: string,
  by: { personId: string | null; now: string; reason: 'published' | 'closed' },
): Promise<{ decision: RoundDecision; roundId: string | null }> {
  await rounds.holdReview(trx, organisationId, reviewId, by.now);
  const { counted, current, decision, number } = await readState(trx, organisationId, reviewId);
  if (!decision.allowed) return { decision, roundId: null };
  const roundId = await rounds.insertRound(trx, organisationId, reviewId, {
    number,
    reason: by.reason,
    groupsShown: decision.groupsShown,
    snapshot: snapshotOf(current, counted, decision.groupsShown),
    members: current,
    publishedBy: by.personId,
    publishedAt: by.now,
  });
  return { decision, roundId };
}

/**
 * What a round would do now, kept until someone sends answers, anyone's perspectives change, or a round is
 * published: the review's sent count and latest sending, the directory version (with its stamp) and the latest
 * round stand for everything it is worked out from.
 */
export function roundDecisionCache(): Cache<RoundDecision & { number: number }> {
  return new Cache({ name: 'reviews.roundDecision', maxBytes: 1024 * 1024 });
}

export function roundDecisionVersion(sent: { count: number; latest: string }, directory: { version: number; stamp: string }, latestRoundId: string | null): string {
  return cacheVersion(sent.count, sent.latest, directory.version, directory.stamp, latestRoundId ?? '-');
}
