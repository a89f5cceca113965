/**
 * Pure scoring of readiness reviews: averages per principle ("don't know" never counts) and the weakest principles.
 * Which answers are combined, and when, is decided by the rounds (reviews.rounds.ts).
 */
import { DONT_KNOW, findQuestion, PRINCIPLE_KEYS, type PrincipleKey } from './reviews.registry.js';

export interface AnswerTotal {
  readonly questionKey: string;
  /** Sum of the 1-5 values given. */
  readonly sum: number;
  /** How many 1-5 values were given ("don't know" excluded). */
  readonly scored: number;
  /** How many said "don't know". */
  readonly dontKnow: number;
}

export interface PrincipleScore {
  readonly principle: PrincipleKey;
  /** Mean of every 1-5 answer under the principle, or null when nobody gave one. */
  readonly score: number | null;
  readonly scored: number;
  readonly dontKnow: number;
}

export type Scores = Readonly<Record<PrincipleKey, PrincipleScore>>;

/** Totals per question from single answers (0 = don't know). */
export function totalsFrom(answers: readonly { questionKey: string; value: number }[]): AnswerTotal[] {
  const totals = new Map<string, { sum: number; scored: number; dontKnow: number }>();
  for (const { questionKey, value } of answers) {
    const t = totals.get(questionKey) ?? { sum: 0, scored: 0, dontKnow: 0 };
    if (value === DONT_KNOW) t.dontKnow += 1;
    else {
      t.sum += value;
      t.scored += 1;
    }
    totals.set(questionKey, t);
  }
  return [...totals].map(([questionKey, t]) => ({ questionKey, ...t }));
}

/** Average per principle: all 1-5 answers under it, pooled. Unknown question keys are ignored. */
export function scorePrinciples(totals: readonly AnswerTotal[]): Scores {
  const acc = Object.fromEntries(PRINCIPLE_KEYS.map((key) => [key, { sum: 0, scored: 0, dontKnow: 0 }])) as Record<
    PrincipleKey,
    { sum: number; scored: number; dontKnow: number }
  >;
  for (const total of totals) {
    const question = findQuestion(total.questionKey);
    if (question === undefined) continue;
    const a = acc[question.principle];
    a.sum += total.sum;
    a.scored += total.scored;
    a.dontKnow += total.dontKnow;
  }
  return Object.fromEntries(
    PRINCIPLE_KEYS.map((principle) => {
      const a = acc[principle];
      return [principle, { principle, score: a.scored === 0 ? null : a.sum / a.scored, scored: a.scored, dontKnow: a.dontKnow }];
    }),
  ) as unknown as Scores;
}

/** One decimal place, for tables and words. */
export function roundScore(score: number | null): number | null {
  return score === null ? null : Math.round(score * 10) / 10;
}

/**
 * The weakest principles: the lowest score and any within `margin` of it (at most three), in the toolkit's order.
 * Principles nobody scored are left out.
 */
export function weakestPrinciples(scores: Scores, margin = 0.25, most = 3): PrincipleKey[] {
  const scored = PRINCIPLE_KEYS.map((key) => scores[key]).filter((s): s is PrincipleScore & { score: number } => s.score !== null);
  if (scored.length === 0) return [];
  const lowest = Math.min(...scored.map((s) => s.score));
  return scored
    .filter((s) => s.score - lowest <= margin + 1e-9)
    .sort((a, b) => a.score - b.score)
    .slice(0, most)
    .map((s) => s.principle)
    .sort((a, b) => PRINCIPLE_KEYS.indexOf(a) - PRINCIPLE_KEYS.indexOf(b));
}
