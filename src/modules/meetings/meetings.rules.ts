import type { CardStatus, ConsentAnswer, DecisionMethod, KeeperMode, ProposalAnswer, VoteAnswer } from './meetings.registry.js';
import { utcToZoned, zonedToUtc, type LocalDateTime } from './meetings.time.js';

// When a meeting starts -------------------------------------------------------------------------------------------

/**
 * Which field to name when a meeting would start before `now`: the date when its day has already gone in the
 * organisation's time zone, otherwise the start time (today, but earlier than now). null when it starts now or later.
 * For planning a meeting and for moving one: a meeting is never put in the past.
 */
export function pastStartField(start: LocalDateTime, timeZone: string, now: Date): 'date' | 'startTime' | null {
  if (zonedToUtc(start, timeZone).getTime() >= now.getTime()) return null;
  const today = utcToZoned(now, timeZone);
  const dayNumber = (d: { year: number; month: number; day: number }) => d.year * 10_000 + d.month * 100 + d.day;
  return dayNumber(start) < dayNumber(today) ? 'date' : 'startTime';
}

// Card keeper rotation ------------------------------------------------------------------------------------------

export interface KeeperCandidate {
  readonly personId: string;
  /** Null when the person has not said; false when they said no (never proposed). */
  readonly willing: boolean | null;
  /** How many meetings they have kept cards for in this project. */
  readonly timesKept: number;
  /** When they last kept cards (ISO), or null. */
  readonly lastKeptAt: string | null;
  /** When they joined the circle (ISO): earlier joiners go first among equals. */
  readonly joinedAt: string;
}

/**
 * Propose the next card keeper. If the group chose "stay" and the current keeper is still willing and in the
 * circle, they keep the role. Otherwise the fairest next person from the willing co-producers: fewest times kept,
 * then longest since they last kept, then who joined first, then id (so the order never depends on the database).
 * Someone who said no is never proposed; the current keeper is proposed again only if nobody else is willing.
 */
export function proposeKeeper(candidates: readonly KeeperCandidate[], current: string | null, mode: KeeperMode): string | null {
  const willing = candidates.filter((c) => c.willing !== false);
  if (mode === 'stay' && current !== null && willing.some((c) => c.personId === current)) return current;
  const ordered = [...willing].sort(
    (a, b) =>
      a.timesKept - b.timesKept ||
      compareNullable(a.lastKeptAt, b.lastKeptAt) ||
      a.joinedAt.localeCompare(b.joinedAt) ||
      a.personId.localeCompare(b.personId),
  );
  const others = ordered.filter((c) => c.personId !== current);
  return (others[0] ?? ordered[0])?.personId ?? null;
}

/** Never kept comes first, then the earliest. */
function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a.localeCompare(b);
}

// Card status -------------------------------------------------------------------------------------------------

const CARD_MOVES: Readonly<Record<CardStatus, readonly CardStatus[]>> = {
  new: ['introduced'],
  introduced: ['taken_forward', 'parked', 'done'],
  taken_forward: ['done', 'parked'],
  parked: ['introduced', 'taken_forward', 'done'],
  done: [],
};

export type CardMoveError = 'same_status' | 'not_allowed' | 'needs_meeting' | 'needs_update';

/**
 * new -> introduced (at a meeting) -> taken forward / parked / done. A parked card can come back; a done card stays
 * done. Being introduced needs the meeting; being taken forward needs the "you said, we did" update that answers it.
 */
export function checkCardMove(from: CardStatus, to: CardStatus, link: { meetingId?: string | null; updateId?: string | null } = {}): { ok: true } | { ok: false; error: CardMoveError } {
  if (from === to) return { ok: false, error: 'same_status' };
  if (!CARD_MOVES[from].includes(to)) return { ok: false, error: 'not_allowed' };
  if (to === 'introduced' && (link.meetingId ?? null) === null) return { ok: false, error: 'needs_meeting' };
  if (to === 'taken_forward' && (link.updateId ?? null) === null) return { ok: false, error: 'needs_update' };
  return { ok: true };
}

export function nextCardStatuses(from: CardStatus): readonly CardStatus[] {
  return CARD_MOVES[from];
}

// Decisions ---------------------------------------------------------------------------------------------------

export interface DecisionCounts {
  readonly agree: number;
  readonly live_with: number;
  readonly object: number;
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
}

export interface DecisionOutcome {
  readonly passed: boolean;
  readonly tookPart: number;
  readonly counts: DecisionCounts;
  /** Why, as an i18n key. */
  readonly reason: string;
}

/**
 * One equal voice each, whatever anyone's permission. Consent passes when at least one person took part and nobody
 * objects ("can live with it" counts as consent). A vote passes by a simple majority of those taking part: more yes
 * than half of the people who answered (abstaining is taking part, so it counts against a majority).
 */
export function decide(method: DecisionMethod, answers: readonly ProposalAnswer[]): DecisionOutcome {
  const counts: Record<ProposalAnswer, number> = { agree: 0, live_with: 0, object: 0, yes: 0, no: 0, abstain: 0 };
  const valid = answers.filter((a) => (method === 'consent' ? isConsent(a) : isVote(a)));
  for (const answer of valid) counts[answer] += 1;
  const tookPart = valid.length;
  if (tookPart === 0) return { passed: false, tookPart, counts, reason: 'meetings.decisions.outcome.nobody' };
  if (method === 'consent') {
    return counts.object === 0
      ? { passed: true, tookPart, counts, reason: 'meetings.decisions.outcome.consent_passed' }
      : { passed: false, tookPart, counts, reason: 'meetings.decisions.outcome.consent_objection' };
  }
  return counts.yes * 2 > tookPart
    ? { passed: true, tookPart, counts, reason: 'meetings.decisions.outcome.vote_passed' }
    : { passed: false, tookPart, counts, reason: 'meetings.decisions.outcome.vote_failed' };
}

function isConsent(a: ProposalAnswer): a is ConsentAnswer {
  return a === 'agree' || a === 'live_with' || a === 'object';
}

function isVote(a: ProposalAnswer): a is VoteAnswer {
  return a === 'yes' || a === 'no' || a === 'abstain';
}
