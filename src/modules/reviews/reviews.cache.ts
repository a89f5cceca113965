/**
 * The reviews module's caches (src/shared/cache.ts). A review's results are worked out from its sent answers, which
 * never change once sent: how many have sent and when the latest did stand for them. Comparing lived experience
 * with professionals also depends on the perspectives people hold, which the organisation's directory version (with
 * its stamp) stands for (migrations 2026-12-02-010 and 2026-12-03-011).
 */
import { Cache, cacheKey, cacheVersion, derivedKey, type CacheVersion } from '../../shared/cache.js';
import type { ResultsView } from './reviews.results.js';
import type { AnswerTotal } from './reviews.scoring.js';

const MB = 1024 * 1024;

/** Totals per question for a review and the previous one, and per perspective group. */
export interface Aggregates {
  readonly totals: Map<string, AnswerTotal[]>;
  readonly groups: { totals: Map<string, AnswerTotal[]>; respondents: Map<string, number> } | null;
}

/** The reviews whose answers are combined: this one, and the previous one of the same subject. */
export function aggregatesKey(reviewIds: readonly string[]): string {
  return cacheKey(reviewIds);
}

/**
 * The version of combined results: for each review how many have sent and when the latest did, and, when the
 * perspective groups are compared, the directory version.
 */
export function aggregatesVersion(
  reviewIds: readonly string[],
  respondents: Map<string, { count: number; latest: string }>,
  directory: { readonly version: number; readonly stamp: string } | null,
): CacheVersion {
  const parts = reviewIds.flatMap((id) => [respondents.get(id)?.count ?? 0, respondents.get(id)?.latest ?? '']);
  return cacheVersion(...parts, ...(directory === null ? ['-'] : [directory.version, directory.stamp]));
}

/** The totals, the heavy part of a results page (hundreds of people answer 19 questions). */
export function aggregatesCache(): Cache<Aggregates> {
  return new Cache({ name: 'reviews.aggregates', maxBytes: 8 * MB });
}

/** The results built from the totals (scores, diagram, table), by which series are shown. */
export function resultsCache(): Cache<ResultsView> {
  return new Cache({ name: 'reviews.results', maxBytes: 8 * MB });
}

/**
 * The results section's markup, written from cached results (the same object while they are unchanged): the key
 * holds their identity and everything else the section is written with.
 */
export function resultsSectionCache<M>(): Cache<M> {
  return new Cache<M>({ name: 'reviews.resultsSectionMarkup', maxBytes: 8 * MB });
}

export function resultsSectionKey(results: ResultsView, language: string, groupsShown: boolean, mode: string, subjectKind: string): string {
  return derivedKey(results, language, groupsShown, mode, subjectKind);
}
