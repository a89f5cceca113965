import { describe, expect, it } from 'vitest';
import {
  allowedMoves, AGREEMENT_QUESTIONS, checkStageMove, CIRCLE_INFO, CIRCLES, DOMAINS, LEVELS, looksLikeRoleOrGroup, nextStage,
  offerFor, projectKind, STAGES, suggestEngagement, type Stage,
} from './projects.registry.js';

describe('the cycle', () => {
  it('runs inform -> consult -> involve -> act -> inform again', () => {
    expect(STAGES).toEqual(['inform', 'consult', 'involve', 'act']);
    expect(STAGES.map(nextStage)).toEqual(['consult', 'involve', 'act', 'inform']);
  });

  // Every pair of stages: forward one step, back any number, act -> inform is a new cycle; nothing else.
  const table: [Stage, Stage, string][] = [
    ['inform', 'inform', 'same_stage'], ['inform', 'consult', 'forward'], ['inform', 'involve', 'skips_a_stage'], ['inform', 'act', 'skips_a_stage'],
    ['consult', 'inform', 'back'], ['consult', 'consult', 'same_stage'], ['consult', 'involve', 'forward'], ['consult', 'act', 'skips_a_stage'],
    ['involve', 'inform', 'back'], ['involve', 'consult', 'back'], ['involve', 'involve', 'same_stage'], ['involve', 'act', 'forward'],
    ['act', 'inform', 'new_cycle'], ['act', 'consult', 'back'], ['act', 'involve', 'back'], ['act', 'act', 'same_stage'],
  ];
  it.each(table)('%s -> %s is %s', (from, to, expected) => {
    const result = checkStageMove(from, to);
    expect(result.ok ? result.kind : result.error).toBe(expected);
  });

  it('offers the next stage first, then the ones it may go back to', () => {
    expect(allowedMoves('inform')).toEqual(['consult']);
    expect(allowedMoves('involve')).toEqual(['act', 'inform', 'consult']);
    expect(allowedMoves('act')).toEqual(['inform', 'consult', 'involve']);
  });
});

describe('the Circle of Support', () => {
  it('has the tool\'s four circles, co-producers at the centre, each with a meaning', () => {
    expect(CIRCLES).toEqual(['co_producers', 'participants', 'involved', 'consulted']);
    expect(CIRCLES.map((c) => CIRCLE_INFO[c].number)).toEqual([1, 2, 3, 4]);
    for (const c of CIRCLES) expect(CIRCLE_INFO[c].meaning).toBe(`projects.circles.${c}.meaning`);
  });

  it('gives each circle a usual level of involvement', () => {
    expect(CIRCLES.map((c) => CIRCLE_INFO[c].defaultLevel)).toEqual(['involve', 'consult', 'inform', 'consult']);
    for (const c of CIRCLES) expect(LEVELS).toContain(CIRCLE_INFO[c].defaultLevel);
  });

  it.each([
    ['Staff', true], ['staff', true], ['The board', true], ['Commissioners', true], ['Everyone', true], ['Team leader', true],
    ['Managers at the council', true], ['Everyone at the café', true], ['Social worker', true], ['Il personale', true], ['Tutti i volontari', true],
    ['', true], ['   ', true],
    ['Amina Patel', false], ['Dr Amina Patel', false], ['Nurse Jackie', false], ['Jo', false], ["Siobhán O'Neill", false], ['Mary-Jane van Dijk', false],
    ['Giulia Bianchi', false], ['Boardman Smith', false], ['Stafford Lee', false],
  ])('"%s" looks like a role or group: %s', (name, expected) => {
    expect(looksLikeRoleOrGroup(name)).toBe(expected);
  });
});

describe('levels, domains and what the page offers', () => {
  it('starts with "me" and goes out to "community"', () => {
    expect(DOMAINS).toEqual(['me', 'we', 'community']);
    expect(LEVELS).toEqual(['inform', 'consult', 'involve']);
  });

  it.each([
    ['inform', 'me', false, 'projects.offer.note_me', { level: 'inform', domain: 'we' }],
    ['involve', 'me', false, 'projects.offer.note_me', { level: 'involve', domain: 'we' }],
    ['inform', 'we', false, 'projects.offer.note_inform', { level: 'consult', domain: 'we' }],
    ['consult', 'community', false, 'projects.offer.note_consult', { level: 'involve', domain: 'community' }],
    ['involve', 'we', true, null, { level: 'involve', domain: 'community' }],
    ['involve', 'community', true, null, null],
  ] as const)('at %s / %s, tasks offered: %s', (level, domain, tasks, note, nextStep) => {
    expect(offerFor(level, domain)).toEqual({ tasks, note, nextStep });
  });
});

describe('co-production or co-design (Mind\'s test)', () => {
  it('is co-production only when the project commits to an equal role in delivery', () => {
    expect(projectKind('yes')).toEqual({ kind: 'co_production', reason: 'projects.kind.reason_yes' });
    expect(projectKind('no')).toEqual({ kind: 'co_design', reason: 'projects.kind.reason_no' });
    expect(projectKind('not_sure')).toEqual({ kind: 'co_design', reason: 'projects.kind.reason_not_sure' });
    expect(projectKind(null)).toEqual({ kind: 'co_design', reason: 'projects.kind.reason_unanswered' });
  });

  it('asks Mind\'s four things to consider, the equal role in delivery last', () => {
    expect(AGREEMENT_QUESTIONS.map((q) => q.key)).toEqual(['power', 'responsibilities', 'support', 'equal_delivery']);
  });
});

describe('engagement suggestions', () => {
  it('matches how often to the circle', () => {
    expect(CIRCLES.map((c) => suggestEngagement(c, []).howOften)).toEqual(['weekly', 'fortnightly', 'monthly', 'each_stage']);
    expect(suggestEngagement('participants', [])).toEqual({ how: 'projects.engagement.suggest.participants', ways: [], howOften: 'fortnightly' });
  });

  it('uses the ways the person likes to take part (the profile\'s keys), ignoring ones it does not know', () => {
    expect(suggestEngagement('consulted', ['phone', 'in_writing', 'with_supporter', 'telepathy', 'phone'])).toEqual({
      how: 'projects.engagement.suggest.consulted_with_ways',
      ways: ['projects.engagement.ways.phone', 'projects.engagement.ways.writing', 'projects.engagement.ways.with_a_supporter'],
      howOften: 'each_stage',
    });
  });
});
