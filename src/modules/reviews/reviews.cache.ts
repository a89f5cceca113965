/**
 * The reviews module's caches (src/shared/cache.ts). An individual review shows a published round (ADR 0014), which
 * never changes, so results built from it are kept by its id. A group or practice review shows its sent answers,
 * which never change once sent: how many have sent and when the latest did stand for them. The round decision's
 * cache is in rounds.service.ts.
 */
import { Cache, cacheKey, cacheVersion, derivedKey, type CacheVersion } from '../../shared/cache.js';
import type { ResultsView } from './reviews.results.js';
import type { AnswerTotal } from './reviews.scoring.js';

const MB = 1024 * 1024;

/** Live totals per question, by review (group and practice reviews). */
export interface Aggregates {
  readonly totals: Map<string, AnswerTotal[]>;
}

/** The reviews whose answers are totalled live: this one, the previous one of the same subject, or both. */
export function aggregatesKey(reviewIds: readonly string[]): string {
  return cacheKey(reviewIds);
}

/** The version of live totals: for each review how many have sent and when the latest did. */
export function aggregatesVersion(reviewIds: readonly string[], respondents: Map<string, { count: number; latest: string }>): CacheVersion {
  return cacheVersion(...reviewIds.flatMap((id) => [respondents.get(id)?.count ?? 0, respondents.get(id)?.latest ?? '']));
}

/** Live totals of group and practice reviews. */
export function aggregatesCache(): Cache<Aggregates> {
  return new Cache({ name: 'reviews.aggregates', maxBytes: 8 * MB });
}

/** The results built from the totals (scores, diagram, table), by the rounds or live versions they come from. */
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
