/**
 * What meetings are made of, as data. The exercises come from the co-production toolkit's "Gratitude Exercises" and
 * "Opportunity Cards" tools; pages show the i18n keys and code never hard-codes the words.
 */

export const WAYS = ['in_person', 'online', 'phone', 'send_thoughts'] as const;
export type Way = (typeof WAYS)[number];

export const VENUE_FEATURES = ['step_free', 'quiet_room', 'hearing_loop'] as const;
export type VenueFeature = (typeof VENUE_FEATURES)[number];

export const REPLY_ANSWERS = ['coming', 'maybe', 'not_coming'] as const;
export type ReplyAnswer = (typeof REPLY_ANSWERS)[number];

export const KEEPER_MODES = ['rotate', 'stay'] as const;
export type KeeperMode = (typeof KEEPER_MODES)[number];

export const CARD_STATUSES = ['new', 'introduced', 'taken_forward', 'parked', 'done'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export const DECISION_METHODS = ['consent', 'vote'] as const;
export type DecisionMethod = (typeof DECISION_METHODS)[number];

export const CONSENT_ANSWERS = ['agree', 'live_with', 'object'] as const;
export const VOTE_ANSWERS = ['yes', 'no', 'abstain'] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];
export type VoteAnswer = (typeof VOTE_ANSWERS)[number];
export type ProposalAnswer = ConsentAnswer | VoteAnswer;

export function answersFor(method: DecisionMethod): readonly ProposalAnswer[] {
  return method === 'consent' ? CONSENT_ANSWERS : VOTE_ANSWERS;
}

/** Up to three things that made each person grateful or happy in the last 24 hours. */
export const GRATITUDE_ROUND_SLOTS = 3;

export interface Exercise {
  readonly key: 'gratitude_round' | 'gratitude_postcards' | 'gratitude_journal' | 'opportunity_cards';
  /** The exercise's name. */
  readonly name: string;
  /** When it is used. */
  readonly when: string;
  /** What each person does, in the toolkit's words. */
  readonly how: string;
  /** Why it helps co-production. */
  readonly why: string;
}

const exercise = (key: Exercise['key']): Exercise => ({
  key,
  name: `meetings.exercises.${key}.name`,
  when: `meetings.exercises.${key}.when`,
  how: `meetings.exercises.${key}.how`,
  why: `meetings.exercises.${key}.why`,
});

/** The toolkit's exercises, in the order a meeting (and a project) meets them. */
export const EXERCISES: readonly Exercise[] = [
  exercise('gratitude_round'),
  exercise('opportunity_cards'),
  exercise('gratitude_postcards'),
  exercise('gratitude_journal'),
];

export const EXERCISE_BY_KEY: Readonly<Record<Exercise['key'], Exercise>> = Object.fromEntries(EXERCISES.map((e) => [e.key, e])) as Record<Exercise['key'], Exercise>;

/** The two groups compared on the power balance page (perspectives from people's profiles, only in aggregate). */
export const BALANCE_GROUPS = ['lived_experience', 'professional_staff'] as const;
export type BalanceGroup = (typeof BALANCE_GROUPS)[number];

export const BALANCE_KINDS = ['agenda_items', 'cards', 'proposals', 'decisions'] as const;
export type BalanceKind = (typeof BALANCE_KINDS)[number];

/** Fewer people than this in either group and nothing is shown: a small group's share could point at a person. */
export const MIN_GROUP_SIZE = 3;
