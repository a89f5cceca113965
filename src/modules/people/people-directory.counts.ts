/**
 * How many people a directory listing finds, remembered so that paging through a search, or coming back to it, does
 * not count thousands of people again (counting the 2,000 holders of a common strength among 10,000 people cost more
 * than everything else on the page). A count is remembered for one organisation at one directory version, one
 * viewer's scope and one search, so it is used only while it is exact: the database raises the version on every change
 * a count could notice (migration 2026-11-22-007), and a different viewer, permission or set of shared projects is a
 * different key, so nobody is ever shown a count worked out for someone who may see more.
 */
import type { DirectoryFilter } from './people-directory.repository.js';
import type { DirectoryScope } from './people.permissions.js';
import { normaliseLabel } from './people.registry.js';
import { LeastRecentlyUsed } from '../../shared/remembered.js';

/** Enough for every listing people are paging through at once; the oldest is forgotten first. */
export const REMEMBERED_COUNTS = 2000;

/** Everything a count depends on besides the data, which the version stands for. */
export function countKey(organisationId: string, version: number, scope: DirectoryScope, filter: DirectoryFilter): string {
  const viewer = scope.everyone
    ? 'everyone'
    : [scope.viewerPersonId, scope.withoutAccount ? 'without-account' : 'own', [...scope.sharingProjectIds].sort().join(',')].join('|');
  const search = [filter.kind, normaliseLabel(filter.q), filter.labels === undefined ? '*' : filter.labels.join('\u0001')].join('|');
  return [organisationId, String(version), viewer, search].join('\u0002');
}

/** Values remembered under such keys (a count, or a page of the directory), the least recently used forgotten first. */
export class RememberedCounts<V = number> extends LeastRecentlyUsed<V> {
  constructor(limit = REMEMBERED_COUNTS) {
    super(limit);
  }
}
