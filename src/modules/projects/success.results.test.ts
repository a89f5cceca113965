import { describe, expect, it } from 'vitest';
import { cyclesWithAnswers, summarise } from './success.results.js';

describe('success results by criterion', () => {
  const criteria = [{ id: 'c1', text: 'People come back' }, { id: 'c2', text: 'Nobody waits alone' }];

  it('counts each answer, leaves "don\'t know" out of the average, and keeps cycles apart', () => {
    const rows = summarise(criteria, [
      { criterionId: 'c1', cycle: 1, score: 5, count: 2 },
      { criterionId: 'c1', cycle: 1, score: 3, count: 1 },
      { criterionId: 'c1', cycle: 1, score: null, count: 4 },
      { criterionId: 'c1', cycle: 2, score: 1, count: 9 },
    ], 1);
    expect(rows).toEqual([
      {
        criterionId: 'c1', text: 'People come back',
        counts: [{ score: 1, count: 0 }, { score: 2, count: 0 }, { score: 3, count: 1 }, { score: 4, count: 0 }, { score: 5, count: 2 }],
        dontKnow: 4, answered: 7, average: 4.3,
      },
      {
        criterionId: 'c2', text: 'Nobody waits alone',
        counts: [1, 2, 3, 4, 5].map((score) => ({ score, count: 0 })),
        dontKnow: 0, answered: 0, average: null,
      },
    ]);
  });

  it('lists the cycles with answers, newest first', () => {
    expect(cyclesWithAnswers([
      { criterionId: 'c1', cycle: 1, score: 5, count: 1 },
      { criterionId: 'c2', cycle: 3, score: 2, count: 1 },
      { criterionId: 'c1', cycle: 1, score: 4, count: 1 },
    ])).toEqual([3, 1]);
  });
});
