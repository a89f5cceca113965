/**
 * The projects module's caches (src/shared/cache.ts): what each keeps, under which key and version, and how many
 * bytes it may hold. Versions come from the database: a project's circle version (migration 2026-11-22-008) and the
 * organisation's directory version (2026-11-22-007, 2026-12-02-010), each with its stamp (2026-12-03-011).
 */
import { Cache, cacheVersion, type CacheVersion } from '../../shared/cache.js';
import type { PersonOption } from './circle.repository.js';
import type { CircleView } from './circle.service.js';
import type { Circle } from './projects.registry.js';

const MB = 1024 * 1024;

/** What a project's circle pages show: who is in the circle, where, and their names. */
export function circleVersionOf(project: { readonly circleVersion: number; readonly circleStamp: string }): CacheVersion {
  return cacheVersion(project.circleVersion, project.circleStamp);
}

/** Who is in the organisation and their names (read with the project: ProjectContext). */
export function directoryVersionOf(ctx: { readonly directoryVersion: number; readonly directoryStamp: string }): CacheVersion {
  return cacheVersion(ctx.directoryVersion, ctx.directoryStamp);
}

/** The circle as its page shows it (the same for everyone who sees it), by project, at its circle version. */
export function circleViewCache(): Cache<CircleView> {
  return new Cache({ name: 'projects.circleView', maxBytes: 32 * MB });
}

/** How many are in each circle, for the project page, by project, at its circle version. */
export function circleCountsCache(): Cache<Record<Circle, number>> {
  return new Cache({ name: 'projects.circleCounts', maxBytes: 1 * MB });
}

/**
 * Everyone in the organisation (not archived) by name, for the circle page's "choose a person": one list per
 * organisation at its directory version, shared by every project's circle page (each leaves out its own circle), so
 * a large organisation is held once, not once per project.
 */
export function organisationPeopleCache(): Cache<readonly PersonOption[]> {
  return new Cache({ name: 'projects.organisationPeople', maxBytes: 64 * MB });
}

/**
 * Markup written from a cached value (a circle's list of people, its drawing), under `derivedKey`: the value's
 * identity (a cached value is the same object until its version changes) and everything else the markup is written
 * with. Verify mode writes it again on every hit, so a label missing from the key fails a test.
 */
export function circleListMarkupCache<M>(): Cache<M> {
  return new Cache<M>({ name: 'projects.circleListMarkup', maxBytes: 16 * MB });
}

export function circleDrawingMarkupCache<M>(): Cache<M> {
  return new Cache<M>({ name: 'projects.circleDrawingMarkup', maxBytes: 16 * MB });
}

/** The organisation's names as "choose a person" searches them, worked out once per cached list of people. */
export function foldedNamesCache(): Cache<readonly string[]> {
  return new Cache({ name: 'projects.foldedNames', maxBytes: 32 * MB });
}
