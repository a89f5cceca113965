/**
 * The learning module: what co-production is and the six principles, each with a short knowledge check. Text lives in
 * toolkit.json (our own plain words); here are the topics, the questions, their options and which one is right.
 */
import { PRINCIPLE_KEYS } from '../reviews/reviews.registry.js';

export const TOPIC_KEYS = ['coproduction', ...PRINCIPLE_KEYS] as const;
export type TopicKey = (typeof TOPIC_KEYS)[number];

export interface KnowledgeCheck {
  /** Stable id stored with answers, for example `networks.2`. */
  readonly key: string;
  readonly topic: TopicKey;
  /** i18n key of the question. */
  readonly question: string;
  /** Option keys, in the order shown; their text is at `${question_base}.options.<option>`. */
  readonly options: readonly string[];
  readonly correct: string;
}

/** Which option is right for each check (two per topic). Options are always a, b, c. */
const CORRECT: Readonly<Record<TopicKey, readonly [string, string]>> = {
  coproduction: ['b', 'c'],
  assets: ['a', 'c'],
  capabilities: ['c', 'b'],
  mutuality: ['b', 'a'],
  networks: ['c', 'b'],
  blur_roles: ['a', 'c'],
  catalysts: ['b', 'a'],
};

export const CHECKS: readonly KnowledgeCheck[] = TOPIC_KEYS.flatMap((topic) =>
  CORRECT[topic].map((correct, i) => ({
    key: `${topic}.${String(i + 1)}`,
    topic,
    question: `learning.checks.${topic}.${String(i + 1)}`,
    options: ['a', 'b', 'c'],
    correct,
  })),
);

/** How many paragraphs each topic's text has (`learning.topics.<topic>.body.<n>`). */
const PARAGRAPHS: Readonly<Record<TopicKey, number>> = { coproduction: 4, assets: 3, capabilities: 3, mutuality: 3, networks: 3, blur_roles: 3, catalysts: 3 };

export function paragraphKeys(topic: TopicKey): string[] {
  return Array.from({ length: PARAGRAPHS[topic] }, (_, i) => `learning.topics.${topic}.body.${String(i + 1)}`);
}

export function checksFor(topic: TopicKey): readonly KnowledgeCheck[] {
  return CHECKS.filter((c) => c.topic === topic);
}

export function isTopic(value: string): value is TopicKey {
  return (TOPIC_KEYS as readonly string[]).includes(value);
}

export interface Progress {
  readonly answered: number;
  readonly correct: number;
  readonly total: number;
  /** Topics where every check has been answered correctly. */
  readonly topicsDone: TopicKey[];
}

/** Progress from a person's latest answers. Pure. */
export function progressOf(answers: readonly { checkKey: string; correct: boolean }[]): Progress {
  const byKey = new Map(answers.map((a) => [a.checkKey, a.correct]));
  const known = CHECKS.filter((c) => byKey.has(c.key));
  return {
    answered: known.length,
    correct: known.filter((c) => byKey.get(c.key) === true).length,
    total: CHECKS.length,
    topicsDone: TOPIC_KEYS.filter((topic) => checksFor(topic).every((c) => byKey.get(c.key) === true)),
  };
}
