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
}

/** The main navigation. Modules add their entries here, in the order people meet them. */
const ENTRIES: readonly Entry[] = [
  { href: '/', key: 'nav.home', show: () => true },
  { href: '/admin/people', key: 'nav.people_admin', show: (actor) => atLeast(actor, 'facilitator') },
  { href: '/admin/organisation', key: 'nav.organisation', show: (actor) => atLeast(actor, 'admin') },
  { href: '/account', key: 'nav.account', show: () => true },
];

export function navigationFor(actor: Actor | null, path: string, t: TFunction): NavigationItem[] {
  if (actor === null) return [];
  const current = path.split('?')[0] ?? '/';
  return ENTRIES.filter((entry) => entry.show(actor)).map((entry) => ({
    href: entry.href,
    text: t(entry.key),
    active: entry.href === '/' ? current === '/' : current === entry.href || current.startsWith(`${entry.href}/`),
  }));
}
