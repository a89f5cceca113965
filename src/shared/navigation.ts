import type { TFunction } from 'i18next';
import { atLeast, type Actor } from './actor.js';

export interface NavigationItem {
  readonly href: string;
  readonly text: string;
  readonly active: boolean;
}

interface Entry {
  readonly href: string;
  readonly key: string;
  readonly show: (actor: Actor) => boolean;
  /** When the entry is the current page, if not simply "the path starts with href". */
  readonly current?: (actor: Actor, path: string) => boolean;
  /** With a count set for this request (see setNavigationCount), the text to show instead, given `count`. */
  readonly countKey?: string;
}

const ownProfile = (actor: Actor, path: string) => path === `/people/${actor.personId}` || path.startsWith(`/people/${actor.personId}/`);

/** The main navigation. Modules add their entries here, in the order people meet them. */
const ENTRIES: readonly Entry[] = [
  { href: '/', key: 'nav.home', show: () => true },
  { href: '/people', key: 'nav.people', show: () => true, current: (actor, path) => !ownProfile(actor, path) && (path === '/people' || path.startsWith('/people/')) },
  { href: '/profile', key: 'nav.profile', show: () => true, current: ownProfile },
  { href: '/projects', key: 'nav.projects', show: () => true },
  { href: '/meetings', key: 'meetings.nav_main', show: () => true },
  { href: '/reviews', key: 'nav.reviews', show: () => true },
  { href: '/toolkit', key: 'nav.toolkit', show: () => true, current: (_actor, path) => ['/toolkit', '/ladder', '/learning'].some((p) => path === p || path.startsWith(`${p}/`)) },
  { href: '/notifications', key: 'nav.notifications', show: () => true, countKey: 'nav.notifications_unread' },
  { href: '/admin/people', key: 'nav.people_admin', show: (actor) => atLeast(actor, 'facilitator') },
  { href: '/admin/organisation', key: 'nav.organisation', show: (actor) => atLeast(actor, 'admin') },
  { href: '/account', key: 'nav.account', show: () => true },
];

/**
 * Counts shown beside entries (for example unread notifications), set by a module's hook for this request. Keyed by
 * the request's actor object, so they live exactly as long as the request.
 */
const counts = new WeakMap<Actor, Map<string, number>>();

export function setNavigationCount(actor: Actor, href: string, count: number): void {
  const forActor = counts.get(actor) ?? new Map<string, number>();
  forActor.set(href, count);
  counts.set(actor, forActor);
}

export function navigationFor(actor: Actor | null, path: string, t: TFunction): NavigationItem[] {
  if (actor === null) return [];
  const current = path.split('?')[0] ?? '/';
  return ENTRIES.filter((entry) => entry.show(actor)).map((entry) => ({
    href: entry.href,
    text: textFor(entry, actor, t),
    active:
      entry.current !== undefined
        ? entry.current(actor, current)
        : entry.href === '/' ? current === '/' : current === entry.href || current.startsWith(`${entry.href}/`),
  }));
}

function textFor(entry: Entry, actor: Actor, t: TFunction): string {
  const count = counts.get(actor)?.get(entry.href);
  return entry.countKey !== undefined && count !== undefined && count > 0 ? t(entry.countKey, { count }) : t(entry.key);
}
