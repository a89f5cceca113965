/**
 * Who the circle page's "Choose a person" list offers. A small organisation's people outside the circle are listed
 * in full; a large one's are not (a list of thousands is unusable, with a screen reader most of all): the page asks
 * for part of a name and lists the people whose name holds it.
 */

import { derivedKey, DERIVED_VERSION } from '../../shared/cache.js';
import { foldedNamesCache } from './projects.cache.js';

/** The most people the list holds: all of them up to this many, and no more than this many matches of a search. */
export const CHOOSE_LIMIT = 30;

export interface NamedPerson {
  readonly id: string;
  readonly name: string;
}

export interface PeopleToChoose<P extends NamedPerson> {
  /**
   * `all`: everyone outside the circle is listed (there are few enough); `ask`: too many to list, so the page asks
   * for part of a name first; `found`: the people whose name holds the text searched for.
   */
  readonly mode: 'all' | 'ask' | 'found';
  /** The people the list holds, in the order given (name order). */
  readonly listed: readonly P[];
  /** People outside the circle, in all. */
  readonly outside: number;
  /** People whose name holds the text (0 unless `found`); more than are listed when over the limit. */
  readonly matching: number;
}

/**
 * A name as searched: lower case, without accents, and with runs of spaces as one, so "zoe" finds "Zoë" and
 * "mary  ann" finds "Mary Ann".
 */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Folded names are worked out once for each list of people (the organisation's list is cached: projects.cache.ts). */
const folded = foldedNamesCache();

function foldedNames(people: readonly NamedPerson[]): readonly string[] {
  return folded.getSync(derivedKey(people), DERIVED_VERSION, () => people.map((p) => foldName(p.name)));
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * The people to list, given the organisation's people (in name order), the ids of those already in the circle (left
 * out; every one of them is among the organisation's people, as both lists leave out archived people and are read
 * for the same versions), the text searched for ('' for none) and the person already chosen in a form being shown
 * again, who stays in the list so nothing chosen is lost. The organisation's list is the one the circle page caches,
 * so its names are folded once, and nothing here walks it unless a name is searched for or there are few to list.
 */
export function peopleToChoose<P extends NamedPerson>(people: readonly P[], search: string, chosenId?: string | null, inCircle: ReadonlySet<string> = NOBODY): PeopleToChoose<P> {
  const needle = foldName(search);
  const outside = Math.max(0, people.length - inCircle.size);
  const isOutside = (p: P) => !inCircle.has(p.id);
  const keepChosen = (listed: P[]): P[] => {
    if (chosenId === undefined || chosenId === null || chosenId === '' || listed.some((p) => p.id === chosenId)) return listed;
    const chosen = people.find((p) => p.id === chosenId && isOutside(p));
    return chosen === undefined ? listed : [chosen, ...listed];
  };
  if (needle === '') {
    if (outside <= CHOOSE_LIMIT) return { mode: 'all', listed: inCircle.size === 0 ? people : people.filter(isOutside), outside, matching: 0 };
    return { mode: 'ask', listed: keepChosen([]), outside, matching: 0 };
  }
  const names = foldedNames(people);
  const listed: P[] = [];
  let matching = 0;
  names.forEach((name, i) => {
    if (!name.includes(needle)) return;
    const person = people[i];
    if (person === undefined || !isOutside(person)) return;
    matching += 1;
    if (listed.length < CHOOSE_LIMIT) listed.push(person);
  });
  return { mode: 'found', listed: keepChosen(listed), outside, matching };
}
