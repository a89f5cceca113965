import { describe, expect, it } from 'vitest';
import { checkCardMove, decide, pastStartField, proposeKeeper, type KeeperCandidate } from './meetings.rules.js';
import { balanceOf, canShowBalance, chartPoints, type Contribution } from './power-balance.rules.js';

const person = (personId: string, over: Partial<KeeperCandidate> = {}): KeeperCandidate => ({
  personId, willing: null, timesKept: 0, lastKeptAt: null, joinedAt: '2026-01-01T00:00:00.000Z', ...over,
});

describe('proposeKeeper', () => {
  it('goes round in a fair order: fewest times kept first, then longest since they kept', () => {
    const people = [
      person('a', { timesKept: 2, lastKeptAt: '2026-03-01' }),
      person('b', { timesKept: 1, lastKeptAt: '2026-04-01' }),
      person('c', { timesKept: 1, lastKeptAt: '2026-02-01' }),
    ];
    expect(proposeKeeper(people, 'a', 'rotate')).toBe('c');
  });

  it('skips people who said no, and proposes nobody when nobody is willing', () => {
    expect(proposeKeeper([person('a', { willing: false }), person('b')], null, 'rotate')).toBe('b');
    expect(proposeKeeper([person('a', { willing: false })], null, 'rotate')).toBeNull();
  });

  it('keeps the same keeper when the group chose "stay", unless they said no', () => {
    const people = [person('a', { timesKept: 5 }), person('b')];
    expect(proposeKeeper(people, 'a', 'stay')).toBe('a');
    expect(proposeKeeper([person('a', { willing: false }), person('b')], 'a', 'stay')).toBe('b');
  });

  it('moves the role on when rotating, but keeps the only willing person', () => {
    expect(proposeKeeper([person('a'), person('b', { timesKept: 3 })], 'a', 'rotate')).toBe('b');
    expect(proposeKeeper([person('a')], 'a', 'rotate')).toBe('a');
  });

  it('breaks ties by who joined first, then by id', () => {
    expect(proposeKeeper([person('b', { joinedAt: '2026-02-01' }), person('a', { joinedAt: '2026-03-01' })], null, 'rotate')).toBe('b');
    expect(proposeKeeper([person('z'), person('y')], null, 'rotate')).toBe('y');
  });
});

describe('checkCardMove', () => {
  it('allows new -> introduced at a meeting, then taken forward with an update, parked or done', () => {
    expect(checkCardMove('new', 'introduced', { meetingId: 'm' })).toEqual({ ok: true });
    expect(checkCardMove('introduced', 'taken_forward', { updateId: 'u' })).toEqual({ ok: true });
    expect(checkCardMove('introduced', 'parked')).toEqual({ ok: true });
    expect(checkCardMove('parked', 'introduced', { meetingId: 'm' })).toEqual({ ok: true });
    expect(checkCardMove('taken_forward', 'done')).toEqual({ ok: true });
  });

  it('refuses skipped steps, missing links and moves out of done', () => {
    expect(checkCardMove('new', 'done')).toEqual({ ok: false, error: 'not_allowed' });
    expect(checkCardMove('new', 'introduced')).toEqual({ ok: false, error: 'needs_meeting' });
    expect(checkCardMove('introduced', 'taken_forward')).toEqual({ ok: false, error: 'needs_update' });
    expect(checkCardMove('done', 'parked')).toEqual({ ok: false, error: 'not_allowed' });
    expect(checkCardMove('parked', 'parked')).toEqual({ ok: false, error: 'same_status' });
  });
});

describe('decide', () => {
  it('passes consent with no objections, counting "can live with it" as consent', () => {
    const outcome = decide('consent', ['agree', 'live_with', 'live_with']);
    expect(outcome.passed).toBe(true);
    expect(outcome.tookPart).toBe(3);
    expect(outcome.counts.live_with).toBe(2);
  });

  it('one objection stops consent', () => {
    expect(decide('consent', ['agree', 'agree', 'object']).passed).toBe(false);
  });

  it('nobody taking part decides nothing', () => {
    expect(decide('consent', []).passed).toBe(false);
    expect(decide('vote', []).reason).toBe('meetings.decisions.outcome.nobody');
  });

  it('a vote passes by a simple majority of those taking part; a tie or abstentions do not make a majority', () => {
    expect(decide('vote', ['yes', 'yes', 'no']).passed).toBe(true);
    expect(decide('vote', ['yes', 'no']).passed).toBe(false);
    expect(decide('vote', ['yes', 'abstain', 'abstain']).passed).toBe(false);
  });

  it('ignores answers that belong to the other method', () => {
    expect(decide('consent', ['agree', 'no']).tookPart).toBe(1);
  });
});

describe('power balance', () => {
  const c = (month: string, kind: Contribution['kind'], group: Contribution['group']): Contribution => ({ month, kind, group });

  it('is shown only when each group has at least three people', () => {
    expect(canShowBalance({ lived_experience: 3, professional_staff: 3 })).toBe(true);
    expect(canShowBalance({ lived_experience: 2, professional_staff: 9 })).toBe(false);
    expect(canShowBalance({ lived_experience: 9, professional_staff: 0 })).toBe(false);
    expect(balanceOf([c('2026-10', 'cards', 'lived_experience')], { lived_experience: 2, professional_staff: 5 })).toEqual({ shown: false, reason: 'too_few_people', groupSizes: null });
  });

  it('counts by month and kind, with lived experience share', () => {
    const balance = balanceOf(
      [c('2026-10', 'cards', 'lived_experience'), c('2026-10', 'cards', 'lived_experience'), c('2026-10', 'cards', 'professional_staff'), c('2026-11', 'proposals', 'professional_staff')],
      { lived_experience: 4, professional_staff: 3 },
    );
    if (!balance.shown) throw new Error('expected the balance to be shown');
    const octoberCards = balance.rows.find((r) => r.month === '2026-10' && r.kind === 'cards');
    expect(octoberCards?.livedShare).toBe(67);
    expect(balance.rows.find((r) => r.month === '2026-10' && r.kind === 'agenda_items')?.livedShare).toBeNull();
    expect(balance.totals.find((r) => r.kind === 'proposals')?.counts.professional_staff).toBe(1);
    expect(chartPoints(balance.rows, 600, 300).map((p) => [p.month, p.share])).toEqual([['2026-10', 67], ['2026-11', 0]]);
  });
});

describe('a meeting can be planned for 1 January 2020: a start in the past names its field (#12)', () => {
  // 10:00 in London on 3 December 2026 (GMT, so also 10:00 UTC).
  const now = new Date('2026-12-03T10:00:00.000Z');
  const at = (year: number, month: number, day: number, hour: number, minute: number) => ({ year, month, day, hour, minute });

  it('names the date when the day has gone', () => {
    expect(pastStartField(at(2020, 1, 1, 14, 30), 'Europe/London', now)).toBe('date');
    expect(pastStartField(at(2026, 12, 2, 23, 59), 'Europe/London', now)).toBe('date');
  });

  it('names the start time when it is today but earlier than now', () => {
    expect(pastStartField(at(2026, 12, 3, 9, 59), 'Europe/London', now)).toBe('startTime');
  });

  it('accepts now and later', () => {
    expect(pastStartField(at(2026, 12, 3, 10, 0), 'Europe/London', now)).toBeNull();
    expect(pastStartField(at(2026, 12, 3, 10, 1), 'Europe/London', now)).toBeNull();
    expect(pastStartField(at(2027, 1, 1, 0, 0), 'Europe/London', now)).toBeNull();
  });

  it('reads "today" in the organisation time zone', () => {
    // 10:00 UTC is 21:00 in Sydney: 20:00 there is today, but earlier; the 4th is still to come.
    expect(pastStartField(at(2026, 12, 3, 20, 0), 'Australia/Sydney', now)).toBe('startTime');
    expect(pastStartField(at(2026, 12, 4, 8, 0), 'Australia/Sydney', now)).toBeNull();
    // In Los Angeles it is 02:00 on the 3rd: 01:00 has gone, 03:00 has not.
    expect(pastStartField(at(2026, 12, 3, 1, 0), 'America/Los_Angeles', now)).toBe('startTime');
    expect(pastStartField(at(2026, 12, 3, 3, 0), 'America/Los_Angeles', now)).toBeNull();
  });
});
