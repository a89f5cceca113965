import { describe, expect, it } from 'vitest';
import { PRINCIPLE_KEYS, QUESTIONS, questionsFor } from './reviews.registry.js';
import { roundScore, scorePrinciples, totalsFrom, weakestPrinciples } from './reviews.scoring.js';

describe('the registry', () => {
  it('holds the toolkit\'s 19 questions under the six principles, in order', () => {
    expect(PRINCIPLE_KEYS).toEqual(['assets', 'capabilities', 'mutuality', 'networks', 'blur_roles', 'catalysts']);
    expect(PRINCIPLE_KEYS.map((p) => questionsFor(p).length)).toEqual([3, 3, 5, 3, 3, 2]);
    expect(new Set(QUESTIONS.map((q) => q.key)).size).toBe(QUESTIONS.length);
  });
});

describe('scorePrinciples', () => {
  it('averages every answer under a principle and never counts "don\'t know"', () => {
    const scores = scorePrinciples(
      totalsFrom([
        { questionKey: 'assets.1', value: 2 },
        { questionKey: 'assets.2', value: 4 },
        { questionKey: 'assets.3', value: 0 },
        { questionKey: 'assets.3', value: 0 },
        { questionKey: 'networks.1', value: 5 },
      ]),
    );
    expect(scores.assets).toEqual({ principle: 'assets', score: 3, scored: 2, dontKnow: 2 });
    expect(scores.networks.score).toBe(5);
  });

  it('gives no score (not zero) when everyone said "don\'t know" or nobody answered', () => {
    const scores = scorePrinciples(totalsFrom([{ questionKey: 'catalysts.1', value: 0 }]));
    expect(scores.catalysts.score).toBeNull();
    expect(scores.catalysts.dontKnow).toBe(1);
    expect(scores.mutuality.score).toBeNull();
  });

  it('pools answers across people and questions', () => {
    const totals = [
      { questionKey: 'mutuality.1', sum: 9, scored: 3, dontKnow: 0 },
      { questionKey: 'mutuality.5', sum: 4, scored: 1, dontKnow: 1 },
    ];
    expect(scorePrinciples(totals).mutuality.score).toBe(13 / 4);
    expect(roundScore(13 / 4)).toBe(3.3);
  });

  it('ignores answers to questions the registry does not know', () => {
    expect(scorePrinciples(totalsFrom([{ questionKey: 'assets.9', value: 5 }])).assets.score).toBeNull();
  });
});

describe('weakestPrinciples', () => {
  const scores = (values: Partial<Record<string, number>>) =>
    scorePrinciples(Object.entries(values).map(([p, v]) => ({ questionKey: `${p}.1`, sum: v ?? 0, scored: 1, dontKnow: 0 })));

  it('names the lowest principle', () => {
    expect(weakestPrinciples(scores({ assets: 4, networks: 1.5, catalysts: 3 }))).toEqual(['networks']);
  });

  it('names ties and near-ties, in the toolkit\'s order, at most three', () => {
    expect(weakestPrinciples(scores({ catalysts: 2, assets: 2.2, networks: 4 }))).toEqual(['assets', 'catalysts']);
    expect(weakestPrinciples(scores({ assets: 1, capabilities: 1, mutuality: 1, networks: 1 }))).toHaveLength(3);
  });

  it('names nothing when nothing is scored', () => {
    expect(weakestPrinciples(scores({}))).toEqual([]);
  });
});
