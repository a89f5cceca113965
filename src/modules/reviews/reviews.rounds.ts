/**
 * Published rounds of a review's combined results (ADR 0014). Pure: which answers a round would count, whether a
 * round may be published, and whether the perspective groups may be shown in it.
 *
 * Combined results are sums over sets of people. Anyone who sees two sets of results can subtract them, so every
 * difference that can be formed from what was published must involve at least MIN_GROUP_SIZE people's answers:
 * - the whole review: a round needs MIN_GROUP_SIZE answers changed (new, changed or gone) since the last round, and
 *   never differs from any earlier round by one or two answers (answers can also go, so not only the last round);
 * - the perspective groups: besides each group, what the total minus the groups leaves (people in neither group,
 *   less people in both) is a group too; each holds none or at least MIN_GROUP_SIZE people, and differs from each
 *   earlier round that showed the groups by none or at least MIN_GROUP_SIZE answers. Otherwise the groups are left
 *   out of the round, and the whole review is still published.
 */
import { createHash } from 'node:crypto';
import { findQuestion, MIN_GROUP_SIZE, type ComparedPerspective } from './reviews.registry.js';
import { totalsFrom, type AnswerTotal } from './reviews.scoring.js';

/** Where a response falls among the compared perspectives, from its person's perspectives when it was counted. */
export type Cell = 'lived_experience' | 'professional_staff' | 'both' | 'neither';

/** One sent response as a round counts it: its revision changes whenever its answers could have. */
export interface Fingerprint {
  readonly responseId: string;
  readonly revision: string;
  readonly cell: Cell;
}

/** The sets of people whose sums a round with groups lets anyone work out. */
export type GroupKey = ComparedPerspective | 'rest';

const GROUP_CELLS: Readonly<Record<GroupKey, readonly Cell[]>> = {
  lived_experience: ['lived_experience', 'both'],
  professional_staff: ['professional_staff', 'both'],
  // total - lived experience - professionals = neither - both
  rest: ['neither', 'both'],
};

export const GROUP_KEYS = Object.keys(GROUP_CELLS) as GroupKey[];

export function cellOf(perspectives: { livedExperience: boolean; professional: boolean }): Cell {
  if (perspectives.livedExperience) return perspectives.professional ? 'both' : 'lived_experience';
  return perspectives.professional ? 'professional_staff' : 'neither';
}

/**
 * The responses counted now, from their answers: the revision is a digest of the response's answers (with its id,
 * so two people who answered alike do not share one), so it changes when, and only when, what the response adds to
 * the totals changes. Comments and anonymising the person do not move it.
 */
export function fingerprintsFrom(rows: readonly (CountedAnswer & { livedExperience: boolean; professional: boolean })[]): Fingerprint[] {
  const byResponse = new Map<string, { answers: string[]; cell: Cell }>();
  for (const row of rows) {
    const entry = byResponse.get(row.responseId) ?? { answers: [], cell: cellOf(row) };
    entry.answers.push(`${row.questionKey}=${String(row.value)}`);
    byResponse.set(row.responseId, entry);
  }
  return [...byResponse]
    .map(([responseId, { answers, cell }]) => ({ responseId, cell, revision: createHash('sha256').update(`${responseId}|${answers.sort().join(';')}`).digest('hex').slice(0, 32) }))
    .sort((a, b) => (a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0));
}

function membersOf(fingerprints: readonly Fingerprint[], group: GroupKey | 'all'): Map<string, string> {
  const cells = group === 'all' ? null : GROUP_CELLS[group];
  return new Map(fingerprints.filter((f) => cells === null || cells.includes(f.cell)).map((f) => [f.responseId, f.revision]));
}

/** How many responses are in one set and not the other, or in both at different revisions: each counts once. */
export function changedBetween(now: ReadonlyMap<string, string>, then: ReadonlyMap<string, string>): number {
  let changed = 0;
  for (const [id, revision] of now) if (then.get(id) !== revision) changed += 1;
  for (const id of then.keys()) if (!now.has(id)) changed += 1;
  return changed;
}

/** A published round as the rules need it. */
export interface EarlierRound {
  readonly members: readonly Fingerprint[];
  readonly groupsShown: boolean;
}

export interface RoundDecision {
  /** Whether a round may be published now. */
  readonly allowed: boolean;
  /** When not allowed: at least this many more answers are needed (a count of people, nothing about scores). */
  readonly needed: number;
  /** Answers new, changed or gone since the last round (all answers, before the first round). */
  readonly newAnswers: number;
  /** Whether the round would show the perspective groups. */
  readonly groupsShown: boolean;
}

/** Too few or too small a change: 1 or 2 is never allowed, 0 means "the same people as then". */
function unsafe(count: number): boolean {
  return count > 0 && count < MIN_GROUP_SIZE;
}

/**
 * Whether a round may be published from the responses sent now, given the rounds already published (oldest first),
 * and whether it would show the perspective groups (only asked for when `compareGroups`).
 */
export function decideRound(current: readonly Fingerprint[], earlier: readonly EarlierRound[], compareGroups: boolean): RoundDecision {
  const all = membersOf(current, 'all');
  const last = earlier.at(-1);
  const newAnswers = last === undefined ? all.size : changedBetween(all, membersOf(last.members, 'all'));
  let needed = Math.max(0, MIN_GROUP_SIZE - newAnswers);
  for (const round of earlier) {
    const changed = changedBetween(all, membersOf(round.members, 'all'));
    if (unsafe(changed)) needed = Math.max(needed, MIN_GROUP_SIZE - changed);
  }
  const allowed = needed === 0;
  return { allowed, needed, newAnswers, groupsShown: allowed && compareGroups && groupsSafe(current, earlier) };
}

function groupsSafe(current: readonly Fingerprint[], earlier: readonly EarlierRound[]): boolean {
  for (const group of GROUP_KEYS) {
    const now = membersOf(current, group);
    if (group === 'rest' ? unsafe(now.size) : now.size < MIN_GROUP_SIZE) return false;
    for (const round of earlier) {
      if (round.groupsShown && unsafe(changedBetween(now, membersOf(round.members, group)))) return false;
    }
  }
  return true;
}

/** One series of a snapshot: how many people and their totals per question. */
export interface SnapshotSeries {
  readonly respondents: number;
  readonly totals: readonly AnswerTotal[];
}

/** What a round shows, fixed when it is published. */
export interface Snapshot {
  readonly current: SnapshotSeries;
  /** Only when the round shows the groups. */
  readonly groups: Readonly<Record<ComparedPerspective, SnapshotSeries>> | null;
}

/** An answer of a counted response. */
export interface CountedAnswer {
  readonly responseId: string;
  readonly questionKey: string;
  readonly value: number;
}

/** The totals of a round: over the counted responses, and over each group when it is shown. Unknown questions are left out. */
export function snapshotOf(fingerprints: readonly Fingerprint[], answers: readonly CountedAnswer[], groupsShown: boolean): Snapshot {
  const counted = new Map(fingerprints.map((f) => [f.responseId, f.cell]));
  const kept = answers.filter((a) => counted.has(a.responseId) && findQuestion(a.questionKey) !== undefined);
  const series = (cells: readonly Cell[] | null): SnapshotSeries => {
    const inSeries = (cell: Cell | undefined) => cell !== undefined && (cells === null || cells.includes(cell));
    return {
      respondents: fingerprints.filter((f) => inSeries(f.cell)).length,
      totals: sortTotals(totalsFrom(kept.filter((a) => inSeries(counted.get(a.responseId))))),
    };
  };
  return {
    current: series(null),
    groups: groupsShown ? { lived_experience: series(GROUP_CELLS.lived_experience), professional_staff: series(GROUP_CELLS.professional_staff) } : null,
  };
}

function sortTotals(totals: AnswerTotal[]): AnswerTotal[] {
  return totals.sort((a, b) => (a.questionKey < b.questionKey ? -1 : a.questionKey > b.questionKey ? 1 : 0));
}
