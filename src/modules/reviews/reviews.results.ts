/** Turn totals into what the results page shows: scores per series, the diagram, the weakest principles. Pure. */
import { radarGeometry, type Radar } from './reviews.radar.js';
import { PRINCIPLE_KEYS, SCALE_MAX, type PrincipleKey } from './reviews.registry.js';
import { roundScore, scorePrinciples, weakestPrinciples, type AnswerTotal, type Scores } from './reviews.scoring.js';

export type SeriesKey = 'current' | 'previous' | 'lived_experience' | 'professional_staff';

export interface ResultSeries {
  readonly key: SeriesKey;
  readonly respondents: number;
  readonly scores: Scores;
}

export interface ResultsView {
  readonly series: ResultSeries[];
  readonly radar: Radar;
  /** Rows of the data table: one per principle, a rounded score (or null) per series. */
  readonly table: { principle: PrincipleKey; values: (number | null)[] }[];
  readonly weakest: PrincipleKey[];
}

export function buildResults(series: readonly { key: SeriesKey; respondents: number; totals: readonly AnswerTotal[] }[]): ResultsView {
  const scored = series.map((s) => ({ key: s.key, respondents: s.respondents, scores: scorePrinciples(s.totals) }));
  const radar = radarGeometry({
    axes: [...PRINCIPLE_KEYS],
    max: SCALE_MAX,
    size: 420,
    margin: 95,
    series: scored.map((s) => ({ key: s.key, values: PRINCIPLE_KEYS.map((p) => s.scores[p].score) })),
  });
  const table = PRINCIPLE_KEYS.map((principle) => ({ principle, values: scored.map((s) => roundScore(s.scores[principle].score)) }));
  const current = scored.find((s) => s.key === 'current');
  return { series: scored, radar, table, weakest: current === undefined ? [] : weakestPrinciples(current.scores) };
}
