import type { Criterion, ScoreCount } from './success.repository.js';
import { RATING_SCORES } from './projects.registry.js';

export interface CriterionResult {
  readonly criterionId: string;
  readonly text: string;
  /** How many people chose each score, 1 ("not at all") to 5 ("completely"). */
  readonly counts: readonly { score: number; count: number }[];
  readonly dontKnow: number;
  /** Everyone who answered, "don't know" included. */
  readonly answered: number;
  /** The average of the scores given, to one decimal place; null when nobody gave a score. */
  readonly average: number | null;
}

/** Results by criterion for one cycle of the project. Pure: counts in, a table out. */
export function summarise(criteria: readonly Pick<Criterion, 'id' | 'text'>[], counts: readonly ScoreCount[], cycle: number): CriterionResult[] {
  return criteria.map((criterion) => {
    const mine = counts.filter((c) => c.criterionId === criterion.id && c.cycle === cycle);
    const byScore = RATING_SCORES.map((score) => ({ score, count: mine.filter((c) => c.score === score).reduce((sum, c) => sum + c.count, 0) }));
    const dontKnow = mine.filter((c) => c.score === null).reduce((sum, c) => sum + c.count, 0);
    const scored = byScore.reduce((sum, c) => sum + c.count, 0);
    const total = byScore.reduce((sum, c) => sum + c.score * c.count, 0);
    return {
      criterionId: criterion.id,
      text: criterion.text,
      counts: byScore,
      dontKnow,
      answered: scored + dontKnow,
      average: scored === 0 ? null : Math.round((total / scored) * 10) / 10,
    };
  });
}

/** The cycles that have any answers, newest first. */
export function cyclesWithAnswers(counts: readonly ScoreCount[]): number[] {
  return [...new Set(counts.map((c) => c.cycle))].sort((a, b) => b - a);
}
