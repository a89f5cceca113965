/**
 * The people module's caches (src/shared/cache.ts): what each keeps, under which key and version, and how many bytes
 * it may hold. The version is the organisation's directory version with its stamp: triggers change it whenever
 * anything a directory page shows changes (migrations 2026-11-22-007, 2026-12-02-010 and 2026-12-03-011), whichever
 * code or process makes the change.
 */
import { Cache, cacheKey, cacheVersion, derivedKey, type CacheVersion } from '../../shared/cache.js';
import type { DirectoryFilter } from './people-directory.repository.js';
import type { DirectoryEntry } from './people-directory.service.js';
import type { DirectoryScope } from './people.permissions.js';
import { normaliseLabel } from './people.registry.js';

const MB = 1024 * 1024;

export function directoryVersionOf(facts: { readonly version: number; readonly stamp: string }): CacheVersion {
  return cacheVersion(facts.version, facts.stamp);
}

/**
 * Everything a listing depends on besides the data, which the version stands for: the organisation, who is looking
 * (a different viewer, permission or set of shared projects is a different key, so nobody is shown a count or a page
 * worked out for someone who may see more) and the search. Admins all see everyone, so they share one key.
 */
export function listingKey(organisationId: string, scope: DirectoryScope, filter: DirectoryFilter): string {
  const viewer = scope.everyone ? ['everyone'] : [scope.viewerPersonId, scope.withoutAccount ? 'without-account' : 'own', [...scope.sharingProjectIds].sort()];
  return cacheKey(organisationId, ...viewer, filter.kind, normaliseLabel(filter.q), filter.labels === undefined ? null : filter.labels);
}

/** How many people a listing finds: paging through a search, or coming back to it, does not count them again. */
export function directoryCountsCache(): Cache<number> {
  return new Cache({ name: 'people.directoryCounts', maxBytes: 2 * MB });
}

/** A page of a listing, with each person's strengths, under its listing's key and the page number. */
export function directoryPagesCache(): Cache<readonly Omit<DirectoryEntry, 'isSelf'>[]> {
  return new Cache({ name: 'people.directoryPages', maxBytes: 16 * MB });
}

/** How many people hold each perspective, by organisation. */
export function perspectiveCountsCache(): Cache<Map<string, number>> {
  return new Cache({ name: 'people.perspectiveCounts', maxBytes: 1 * MB });
}

/**
 * The directory's cards as markup, written from a cached page of the directory (the same array while the directory
 * is unchanged): the key holds the page's identity, the language and the viewer when they are on the page.
 */
export function directoryCardsCache<M>(): Cache<M> {
  return new Cache<M>({ name: 'people.directoryCardsMarkup', maxBytes: 8 * MB });
}

export function cardsKey(listing: object, language: string, self: string): string {
  return derivedKey(listing, language, self);
}
