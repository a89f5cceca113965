import { describe, expect, it } from 'vitest';
import { cellOf, changedBetween, decideRound, fingerprintsFrom, snapshotOf, type Cell, type EarlierRound, type Fingerprint } from './reviews.rounds.js';

/** Responses named by letters, at revision 1 unless told, in a cell. */
const fp = (id: string, cell: Cell = 'neither', revision = '1'): Fingerprint => ({ responseId: id, revision, cell });
const people = (ids: string, cell: Cell = 'neither') => Array.from({ length: ids.length }, (_, i) => fp(ids.charAt(i), cell));
const round = (members: Fingerprint[], groupsShown = false): EarlierRound => ({ members, groupsShown });

describe('changedBetween', () => {
  it('counts each response once, whether new, gone or at another revision', () => {
    const then = new Map([['a', '1'], ['b', '1'], ['c', '1']]);
    expect(changedBetween(new Map(then), then)).toBe(0);
    expect(changedBetween(new Map([...then, ['d', '1']]), then)).toBe(1);
    expect(changedBetween(new Map([['a', '1'], ['b', '1']]), then)).toBe(1);
    expect(changedBetween(new Map([['a', '2'], ['b', '1'], ['c', '1']]), then)).toBe(1);
    expect(changedBetween(new Map([['a', '2'], ['b', '1'], ['d', '1']]), then)).toBe(3);
  });
});

describe('decideRound: the whole review', () => {
  it.each([[0, false, 3], [1, false, 2], [2, false, 1], [3, true, 0], [400, true, 0]] as const)(
    'a first round from %i answers is allowed: %s (needs %i more)',
    (n, allowed, needed) => {
      const current = Array.from({ length: n }, (_, i) => fp(`r${String(i)}`));
      expect(decideRound(current, [], false)).toMatchObject({ allowed, needed, newAnswers: n });
    },
  );

  it('the differencing repro: a fourth answer cannot be published on its own, a round with three new ones can', () => {
    const first = round(people('abc'));
    expect(decideRound(people('abcd'), [first], false)).toMatchObject({ allowed: false, needed: 2, newAnswers: 1 });
    expect(decideRound(people('abcde'), [first], false)).toMatchObject({ allowed: false, needed: 1, newAnswers: 2 });
    expect(decideRound(people('abcdef'), [first], false)).toMatchObject({ allowed: true, needed: 0, newAnswers: 3 });
  });

  it('nothing new: no round is needed, and none is allowed', () => {
    expect(decideRound(people('abc'), [round(people('abc'))], false)).toMatchObject({ allowed: false, needed: 3, newAnswers: 0 });
  });

  it('a changed answer counts as one, like a new one; changing it twice still counts once', () => {
    const first = round(people('abcd'));
    const changed = [fp('a', 'neither', '2'), ...people('bcd')];
    expect(decideRound(changed, [first], false)).toMatchObject({ allowed: false, newAnswers: 1 });
    expect(decideRound([fp('a', 'neither', '3'), fp('b', 'neither', '2'), fp('c', 'neither', '2'), fp('d')], [first], false)).toMatchObject({ allowed: true, newAnswers: 3 });
  });

  it('a withdrawal counts as a change', () => {
    const first = round(people('abcd'));
    expect(decideRound(people('abc'), [first], false)).toMatchObject({ allowed: false, newAnswers: 1 });
    expect(decideRound(people('bcdef'), [first], false)).toMatchObject({ allowed: true, newAnswers: 3 });
  });

  it('never differs by one or two answers from any earlier round, not only the last', () => {
    // Round 1: a b c. Round 2: a-f. Now d, e, f gone and g new: four changes since round 2, but only g since round 1.
    const rounds = [round(people('abc')), round(people('abcdef'))];
    expect(decideRound(people('abcg'), rounds, false)).toMatchObject({ allowed: false, needed: 2, newAnswers: 4 });
    expect(decideRound(people('abcghi'), rounds, false)).toMatchObject({ allowed: true, needed: 0 });
  });
});

describe('decideRound: the perspective groups', () => {
  const lived = (ids: string) => people(ids, 'lived_experience');
  const pros = (ids: string) => people(ids, 'professional_staff');

  it('shows them only when each group has three people', () => {
    expect(decideRound([...lived('abc'), ...pros('xyz')], [], true).groupsShown).toBe(true);
    expect(decideRound([...lived('ab'), ...pros('xyzw')], [], true).groupsShown).toBe(false);
    expect(decideRound([...lived('abcd'), ...pros('xy')], [], true).groupsShown).toBe(false);
    expect(decideRound([...lived('abc'), ...pros('xyz')], [], false).groupsShown).toBe(false);
  });

  it('the rest (in neither group, less those in both) is a group too: none, or at least three', () => {
    const base = [...lived('abc'), ...pros('xyz')];
    expect(decideRound([...base, fp('n')], [], true)).toMatchObject({ allowed: true, groupsShown: false });
    expect(decideRound([...base, fp('n'), fp('b2', 'both')], [], true)).toMatchObject({ allowed: true, groupsShown: false });
    expect(decideRound([...base, fp('n'), fp('m'), fp('b2', 'both')], [], true)).toMatchObject({ allowed: true, groupsShown: true });
  });

  it('a group that changes by one or two since a round that showed it is left out; the whole review still publishes', () => {
    const first = round([...lived('abc'), ...pros('xyz')], true);
    // Three new answers, but only one of them with lived experience.
    const next = [...lived('abcd'), ...pros('xyzuv')];
    expect(decideRound(next, [first], true)).toMatchObject({ allowed: true, groupsShown: false });
    const later = [...lived('abcdef'), ...pros('xyzuvw')];
    expect(decideRound(later, [first, round(next, false)], true)).toMatchObject({ allowed: true, groupsShown: true });
  });

  it('someone changing their perspective moves between groups: that is a change for both', () => {
    const first = round([...lived('abcd'), ...pros('xyz'), ...people('mno')], true);
    const moved = [...lived('abc'), fp('d', 'neither'), ...pros('xyz'), ...people('mno'), ...people('pqr')];
    expect(decideRound(moved, [first], true)).toMatchObject({ allowed: true, groupsShown: false });
  });
});

describe('fingerprints and snapshots', () => {
  const answers = (id: string, values: Record<string, number>, perspectives = { livedExperience: false, professional: false }) =>
    Object.entries(values).map(([questionKey, value]) => ({ responseId: id, questionKey, value, ...perspectives }));

  it('puts each response in one cell', () => {
    expect(cellOf({ livedExperience: true, professional: true })).toBe('both');
    expect(cellOf({ livedExperience: true, professional: false })).toBe('lived_experience');
    expect(cellOf({ livedExperience: false, professional: true })).toBe('professional_staff');
    expect(cellOf({ livedExperience: false, professional: false })).toBe('neither');
  });

  it('gives a response a revision that moves with its answers and with nothing else', () => {
    const [one] = fingerprintsFrom(answers('a', { 'assets.1': 3, 'assets.2': 4 }));
    const [again] = fingerprintsFrom(answers('a', { 'assets.2': 4, 'assets.1': 3 }, { livedExperience: true, professional: false }));
    const [changed] = fingerprintsFrom(answers('a', { 'assets.1': 3, 'assets.2': 5 }));
    const [other] = fingerprintsFrom(answers('b', { 'assets.1': 3, 'assets.2': 4 }));
    expect(again?.revision).toBe(one?.revision);
    expect(again?.cell).toBe('lived_experience');
    expect(changed?.revision).not.toBe(one?.revision);
    expect(other?.revision, 'two people who answered alike do not share a revision').not.toBe(one?.revision);
  });

  it('totals a snapshot over the counted responses, and over each group only when shown', () => {
    const rows = [
      ...answers('a', { 'assets.1': 2 }, { livedExperience: true, professional: false }),
      ...answers('b', { 'assets.1': 4 }, { livedExperience: true, professional: true }),
      ...answers('c', { 'assets.1': 0 }, { livedExperience: false, professional: true }),
    ];
    const counted = fingerprintsFrom(rows);
    const late = { responseId: 'late', questionKey: 'assets.1', value: 5 };
    const withGroups = snapshotOf(counted, [...rows, late], true);
    expect(withGroups.current).toEqual({ respondents: 3, totals: [{ questionKey: 'assets.1', sum: 6, scored: 2, dontKnow: 1 }] });
    expect(withGroups.groups?.lived_experience).toEqual({ respondents: 2, totals: [{ questionKey: 'assets.1', sum: 6, scored: 2, dontKnow: 0 }] });
    expect(withGroups.groups?.professional_staff).toEqual({ respondents: 2, totals: [{ questionKey: 'assets.1', sum: 4, scored: 1, dontKnow: 1 }] });
    expect(snapshotOf(counted, rows, false).groups).toBeNull();
  });
});
