/**
 * The Co-production Readiness Review as data: the six principles and the toolkit's questions under each, in the
 * toolkit's order. Text lives in the locale files (reviews.json): `text` is the toolkit's wording for a project,
 * service or organisation; `practice` is the same question reworded for "I" (individual practice), as the toolkit's
 * adaptation suggests.
 */

export const PRINCIPLE_KEYS = ['assets', 'capabilities', 'mutuality', 'networks', 'blur_roles', 'catalysts'] as const;
export type PrincipleKey = (typeof PRINCIPLE_KEYS)[number];

export interface Principle {
  readonly key: PrincipleKey;
  /** 1-based, the toolkit's order. */
  readonly position: number;
  /** i18n key of the name (for example "Blur roles"). */
  readonly name: string;
  /** i18n key of a one-line plain summary. */
  readonly summary: string;
}

export interface Question {
  /** Stable id stored with answers, for example `mutuality.3`. Never renumber. */
  readonly key: string;
  readonly principle: PrincipleKey;
  /** 1-based position within the principle. */
  readonly position: number;
  /** i18n key: the toolkit's question. */
  readonly text: string;
  /** i18n key: the question reworded for "I". */
  readonly practice: string;
}

/** How many questions the toolkit asks under each principle. */
const QUESTION_COUNTS: Readonly<Record<PrincipleKey, number>> = {
  assets: 3,
  capabilities: 3,
  mutuality: 5,
  networks: 3,
  blur_roles: 3,
  catalysts: 2,
};

export const PRINCIPLES: readonly Principle[] = PRINCIPLE_KEYS.map((key, index) => ({
  key,
  position: index + 1,
  name: `reviews.principles.${key}.name`,
  summary: `reviews.principles.${key}.summary`,
}));

export const QUESTIONS: readonly Question[] = PRINCIPLE_KEYS.flatMap((principle) =>
  Array.from({ length: QUESTION_COUNTS[principle] }, (_, index) => ({
    key: `${principle}.${String(index + 1)}`,
    principle,
    position: index + 1,
    text: `reviews.questions.${principle}.${String(index + 1)}.text`,
    practice: `reviews.questions.${principle}.${String(index + 1)}.practice`,
  })),
);

const QUESTION_BY_KEY = new Map(QUESTIONS.map((q) => [q.key, q]));

export function questionsFor(principle: PrincipleKey): readonly Question[] {
  return QUESTIONS.filter((q) => q.principle === principle);
}

export function findQuestion(key: string): Question | undefined {
  return QUESTION_BY_KEY.get(key);
}

export function isPrinciple(value: string): value is PrincipleKey {
  return (PRINCIPLE_KEYS as readonly string[]).includes(value);
}

/** The form id of a question's radios (also the error summary's target). */
export function questionInputId(key: string): string {
  return `q-${key.replace('.', '-')}`;
}

export function commentInputId(key: string): string {
  return `c-${key.replace('.', '-')}`;
}

/**
 * The answer scale. 1 ("not yet") to 5 ("fully"); 0 stands for "don't know", stored so the person sees it again but
 * never counted in a score.
 */
export const SCALE = [1, 2, 3, 4, 5] as const;
export const DONT_KNOW = 0;
export type AnswerValue = 0 | 1 | 2 | 3 | 4 | 5;
export const SCALE_MAX = 5;
export const ANSWER_LABELS: Readonly<Record<AnswerValue, string>> = {
  1: 'reviews.scale.1',
  2: 'reviews.scale.2',
  3: 'reviews.scale.3',
  4: 'reviews.scale.4',
  5: 'reviews.scale.5',
  0: 'reviews.scale.dont_know',
};

/** What a review is about. */
export const SUBJECT_KINDS = ['project', 'service', 'organisation', 'practice'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** How it is run: each person privately, or a facilitator recording a group's agreed answers. */
export const REVIEW_MODES = ['individual', 'group'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];

/** Action plan statuses. */
export const ACTION_STATUSES = ['not_started', 'under_way', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The smallest group shown on its own: fewer, and answers could be traced to people. */
export const MIN_GROUP_SIZE = 3;

/** Perspectives compared on the results page (from person_perspectives, #3). */
export const COMPARED_PERSPECTIVES = ['lived_experience', 'professional_staff'] as const;
export type ComparedPerspective = (typeof COMPARED_PERSPECTIVES)[number];

/** Reminders go this many days before an action's due date. */
export const REMINDER_DAYS_BEFORE = 3;
/** "Due soon" means due within this many days. */
export const DUE_SOON_DAYS = 14;

export const LIMITS = { comment: 1000, notes: 4000, serviceName: 120, what: 1000, howKnow: 1000, progressNote: 2000 } as const;
