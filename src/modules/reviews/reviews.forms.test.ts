import { describe, expect, it } from 'vitest';
import { parseForm } from '../../shared/forms.js';
import { actionForm, answerPageForm, checkDate, newReviewForm } from './reviews.forms.js';

const t = (key: string) => key;
const action = (fields: Record<string, string>) =>
  parseForm(actionForm.schema, { principle: 'networks', what: 'Start a peer walking group', ownerId: 'p1', 'dueOn-day': '3', 'dueOn-month': '2', 'dueOn-year': '2027', howKnow: 'Ten people walk each week', ...fields }, actionForm.order, t, actionForm.ids);

describe('checkDate', () => {
  it.each([
    [['', '', ''], 'required', 'day'],
    [['', '2', '2027'], 'missing_day', 'day'],
    [['3', '', '2027'], 'missing_month', 'month'],
    [['3', '2', ''], 'missing_year', 'year'],
    [['x', '2', '2027'], 'not_real', 'day'],
    [['3', '13', '2027'], 'not_real', 'month'],
    [['30', '2', '2027'], 'not_real', 'day'],
    [['3', '2', '27'], 'year_four_digits', 'year'],
    [['3', '2', '1999'], 'out_of_range', 'year'],
  ] as const)('%j: %s at the %s', ([d, m, y], problem, part) => {
    expect(checkDate(d, m, y)).toEqual({ ok: false, problem, part });
  });

  it('accepts a real date, leap days included', () => {
    expect(checkDate(' 29 ', '2', '2028')).toEqual({ ok: true, iso: '2028-02-29' });
  });
});

describe('actionForm', () => {
  it('gives the SMART action with an ISO date', () => {
    const parsed = action({});
    expect(parsed.ok && parsed.value).toEqual({ principle: 'networks', what: 'Start a peer walking group', ownerId: 'p1', dueOn: '2027-02-03', howKnow: 'Ten people walk each week' });
  });

  it('points a date error at the first wrong part, and lists every problem in page order', () => {
    const parsed = action({ what: '', 'dueOn-month': '14' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errorList).toEqual([
      { text: 'errors.reviews.what_required', href: '#what' },
      { text: 'errors.reviews.due.not_real', href: '#dueOn-month' },
    ]);
    expect(parsed.values['what']).toBe('');
  });

  it('sends a whole-date error to the day box', () => {
    const parsed = action({ 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' });
    expect(!parsed.ok && parsed.errorList).toEqual([{ text: 'errors.reviews.due.required', href: '#dueOn-day' }]);
  });
});

describe('answerPageForm', () => {
  it('needs an answer to every question of the principle; "don\'t know" is an answer', () => {
    const spec = answerPageForm('catalysts', false);
    expect(spec.order).toEqual(['q-catalysts-1', 'c-catalysts-1', 'q-catalysts-2', 'c-catalysts-2']);
    const parsed = parseForm(spec.schema, { 'q-catalysts-1': '0' }, spec.order, t);
    expect(!parsed.ok && parsed.errorList).toEqual([{ text: 'errors.reviews.answer_required', href: '#q-catalysts-2' }]);
    expect(parseForm(spec.schema, { 'q-catalysts-1': '0', 'q-catalysts-2': '5' }, spec.order, t).ok).toBe(true);
  });

  it('refuses values off the scale, long comments and unknown fields', () => {
    const spec = answerPageForm('catalysts', true);
    const parsed = parseForm(spec.schema, { 'q-catalysts-1': '6', 'q-catalysts-2': '1', 'c-catalysts-2': 'x'.repeat(1001), notes: 'ok' }, spec.order, t);
    expect(!parsed.ok && parsed.errorList.map((e) => e.href)).toEqual(['#q-catalysts-1', '#c-catalysts-2']);
    expect(parseForm(spec.schema, { 'q-catalysts-1': '1', 'q-catalysts-2': '1', evil: 'x' }, spec.order, t).ok).toBe(false);
  });
});

describe('newReviewForm', () => {
  it('asks for the project or the service name that goes with the choice', () => {
    const project = parseForm(newReviewForm.schema, { subjectKind: 'project', projectId: '', mode: 'group' }, newReviewForm.order, t);
    expect(!project.ok && project.errorList).toEqual([{ text: 'errors.reviews.project_required', href: '#projectId' }]);
    const service = parseForm(newReviewForm.schema, { subjectKind: 'service', serviceName: '  ', mode: 'individual' }, newReviewForm.order, t);
    expect(!service.ok && service.errorList).toEqual([{ text: 'errors.reviews.service_name_required', href: '#serviceName' }]);
    expect(parseForm(newReviewForm.schema, { subjectKind: 'organisation', mode: 'individual' }, newReviewForm.order, t).ok).toBe(true);
  });
});
