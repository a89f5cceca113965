/** The people directory (search by name or strength) and the team wall. */
import { atLeast, type Actor } from '../../shared/actor.js';
import { ok, type Result } from '../../shared/result.js';
import { directoryScope, type DirectoryScope } from './people.permissions.js';
import { PERSPECTIVE_KEYS } from './people.registry.js';
import type { Access, Heading, PeopleServiceDeps } from './people.access.js';
import { plausibleId, viewerOf } from './people.access.js';
import { splitStrengths, type Strengths } from './people-profile.service.js';
import * as appreciationsRepo from './people-appreciations.repository.js';
import { cacheKey } from '../../shared/cache.js';
import { directoryCountsCache, directoryPagesCache, directoryVersionOf, listingKey, perspectiveCountsCache } from './people.cache.js';
import * as directoryRepo from './people-directory.repository.js';
import * as profileRepo from './people-profile.repository.js';
import * as repo from './people.repository.js';

export const DIRECTORY_PAGE_SIZE = 25;
export const WALL_SIZE = 24;
/** Appreciations on a wall profile: enough to be warm, few enough to print on one page. */
export const WALL_APPRECIATIONS = 3;
/** Perspective counts below this are shown as "fewer than", so nobody can be picked out. */
export const SMALL_COUNT = 3;

export interface DirectoryEntry extends directoryRepo.DirectoryRow {
  readonly strengths: Strengths;
  readonly isSelf: boolean;
}

export interface DirectoryPage {
  readonly entries: readonly DirectoryEntry[];
  /** The same people as one shared list (the same array while the directory is unchanged), for markup kept with it. */
  readonly listing: readonly Omit<DirectoryEntry, 'isSelf'>[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly perspectives: readonly { key: string; count: number | null }[];
}

export interface WallProfile extends DirectoryEntry {
  readonly answers: Readonly<Record<string, string>>;
  readonly appreciations: readonly appreciationsRepo.AppreciationRecord[];
  readonly hasPicture: boolean;
}

export interface Wall {
  readonly profiles: readonly WallProfile[];
  readonly headings: readonly Heading[];
  readonly settings: repo.ProfileSettings;
  /** True when the people were chosen, false when the wall shows the first people of the directory. */
  readonly chosen: boolean;
}

export function directoryUseCases({ db, relationships }: PeopleServiceDeps, access: Access) {
  const counts = directoryCountsCache();
  const listings = directoryPagesCache();
  const perspectiveCounts = perspectiveCountsCache();

  async function scopeFor(actor: Actor): Promise<DirectoryScope> {
    // Admins see everyone: no need to ask who shares a project with them.
    const sharing = atLeast(actor, 'admin') ? [] : await relationships.peopleSharingProjects(actor.organisationId, actor.personId);
    return directoryScope(viewerOf(actor), sharing);
  }

  async function strengthsOf(organisationId: string, rows: readonly directoryRepo.DirectoryRow[]): Promise<Omit<DirectoryEntry, 'isSelf'>[]> {
    const strengths = rows.length === 0 ? [] : await profileRepo.listStrengths(db, organisationId, rows.map((row) => row.id));
    return rows.map((row) => ({ ...row, strengths: splitStrengths(strengths.filter((s) => s.personId === row.id)) }));
  }

  async function withStrengths(actor: Actor, rows: readonly directoryRepo.DirectoryRow[]): Promise<DirectoryEntry[]> {
    return (await strengthsOf(actor.organisationId, rows)).map((entry) => ({ ...entry, isSelf: entry.id === actor.personId }));
  }

  return {
    async directory(actor: Actor, query: { q: string; kind: 'any' | 'offer' | 'grow'; page: number }): Promise<Result<DirectoryPage>> {
      const organisationId = actor.organisationId;
      const scope = await scopeFor(actor);
      // The directory's version and, for a search, the strength labels containing the text, in one query.
      const facts = await directoryRepo.directoryFacts(db, organisationId, query);
      const filter = { q: query.q, kind: query.kind, labels: facts.labels };
      // No strength label contains the text: nobody to count, unless names are searched too.
      const none = query.kind !== 'any' && facts.labels?.length === 0;
      const version = directoryVersionOf(facts);
      const key = listingKey(organisationId, scope, filter);
      // The count is the same for every page of a search.
      const total = none ? 0 : await counts.get(key, version, () => directoryRepo.countDirectory(db, organisationId, scope, filter));
      const pages = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
      const page = Math.min(Math.max(1, query.page), pages);
      const listed = await listings.get(cacheKey(key, page), version, async () => {
        const rows = total === 0 ? [] : await directoryRepo.listDirectory(db, organisationId, scope, filter, { limit: DIRECTORY_PAGE_SIZE, offset: (page - 1) * DIRECTORY_PAGE_SIZE, matches: total });
        return strengthsOf(organisationId, rows);
      });
      const entries = listed.map((entry) => ({ ...entry, isSelf: entry.id === actor.personId }));
      const counted = await perspectiveCounts.get(organisationId, version, () => directoryRepo.perspectiveCounts(db, organisationId));
      const perspectives = PERSPECTIVE_KEYS.map((key) => {
        const count = counted.get(key) ?? 0;
        return { key, count: count < SMALL_COUNT ? null : count };
      });
      return ok({ entries, listing: listed, total, page, pages, perspectives });
    },

    /** Profiles side by side: the people chosen (those the viewer may see), or the first of the directory. */
    async wall(actor: Actor, personIds: readonly string[]): Promise<Result<Wall>> {
      const scope = await scopeFor(actor);
      const wanted = [...new Set(personIds.filter(plausibleId))].slice(0, WALL_SIZE);
      const rows =
        wanted.length > 0
          ? await directoryRepo.listChosen(db, actor.organisationId, scope, wanted)
          : await directoryRepo.listDirectory(db, actor.organisationId, scope, { q: '', kind: 'any' }, { limit: WALL_SIZE, offset: 0 });
      const ids = rows.map((row) => row.id);
      const [entries, headings, answers, appreciations, settings] = await Promise.all([
        withStrengths(actor, rows),
        access.headings(actor.organisationId),
        profileRepo.listAnswers(db, actor.organisationId, ids),
        appreciationsRepo.listAbout(db, actor.organisationId, ids, ['accepted']),
        repo.findSettings(db, actor.organisationId),
      ]);
      const pictures = settings.pictureEnabled ? await profileRepo.withPictures(db, actor.organisationId, ids) : new Set<string>();
      const profiles = entries.map((entry) => ({
        ...entry,
        answers: Object.fromEntries(answers.filter((a) => a.personId === entry.id).map((a) => [a.headingKey, a.body])),
        appreciations: appreciations.filter((a) => a.personId === entry.id).slice(0, WALL_APPRECIATIONS),
        hasPicture: pictures.has(entry.id),
      }));
      return ok({ profiles, headings, settings, chosen: wanted.length > 0 });
    },
  };
}
