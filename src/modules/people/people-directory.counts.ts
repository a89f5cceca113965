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
export class RememberedCounts<V = number> {
  readonly #counts = new Map<string, V>();

  constructor(readonly limit = REMEMBERED_COUNTS) {}

  get(key: string): V | undefined {
    const value = this.#counts.get(key);
    if (value !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      this.#counts.delete(key);
      this.#counts.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#counts.delete(key);
    this.#counts.set(key, value);
    if (this.#counts.size > this.limit) this.#counts.delete(this.#counts.keys().next().value as string);
  }

  get size(): number {
    return this.#counts.size;
  }
}
