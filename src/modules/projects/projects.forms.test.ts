import { describe, expect, it } from 'vitest';
import { parseForm } from '../../shared/forms.js';
import { addToCircleForm, engagementForm, placementForm } from './circle.forms.js';
import { checkDate, highlight } from './dates.js';
import { agreementResponseForm, projectForm, stageForm, updateForm } from './projects.forms.js';
import { ratingsForm } from './success.forms.js';
import { splitNeeds, taskForm } from './tasks.forms.js';

const t = (key: string) => key;
const project = { title: 'Peer-led welcome', purpose: 'Welcome people', whoFor: 'New members', visibility: 'open' };
const date = (name: string, day: string, month: string, year: string) => ({ [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year });

describe('checkDate', () => {
  it.each([
    [['', '', ''], false, { ok: true, iso: null }],
    [['', '', ''], true, { ok: false, problem: 'required', parts: [] }],
    [['3', '', '2027'], false, { ok: false, problem: 'missing_month', parts: ['month'] }],
    [['', '', '2027'], false, { ok: false, problem: 'missing_day_month', parts: ['day', 'month'] }],
    [['31', '2', '2027'], false, { ok: false, problem: 'not_real', parts: ['day'] }],
    [['29', '2', '2028'], false, { ok: true, iso: '2028-02-29' }],
    [['1', '13', '2027'], false, { ok: false, problem: 'not_real', parts: ['month'] }],
    [['x', '1', '2027'], false, { ok: false, problem: 'not_real', parts: ['day'] }],
    [['1', '1', '27'], false, { ok: false, problem: 'year_four_digits', parts: ['year'] }],
    [['1', '1', '1999'], false, { ok: false, problem: 'out_of_range', parts: ['year'] }],
    [[' 7 ', '03', '2027'], false, { ok: true, iso: '2027-03-07' }],
  ] as const)('%j (required: %s)', ([day, month, year], required, expected) => {
    expect(checkDate({ day, month, year }, required)).toEqual(expected);
  });
});

describe('the project form', () => {
  it('accepts a project without dates', () => {
    const form = parseForm(projectForm.schema, { ...project, ...date('startsOn', '', '', ''), ...date('endsOn', '', '', '') }, projectForm.order, t, projectForm.ids);
    expect(form).toEqual({ ok: true, value: { ...project, startsOn: null, endsOn: null } });
  });

  it('lists every problem in page order, each linking to a real input, dates at their first wrong part', () => {
    const form = parseForm(projectForm.schema, { title: '', purpose: 'x'.repeat(2001), whoFor: 'All', ...date('startsOn', '1', '', '2027'), ...date('endsOn', '', '5', '2027') }, projectForm.order, t, projectForm.ids);
    if (form.ok) throw new Error('should fail');
    expect(form.errorList).toEqual([
      { text: 'errors.projects.title.required', href: '#title' },
      { text: 'errors.projects.purpose.too_long', href: '#purpose' },
      { text: 'errors.projects.dates.starts_on.missing_month', href: '#startsOn-month' },
      { text: 'errors.projects.dates.ends_on.missing_day', href: '#endsOn-day' },
      { text: 'errors.projects.visibility.required', href: '#visibility' },
    ]);
    expect(form.values['startsOn-day']).toBe('1');
    expect(highlight(form.values, 'startsOn', false)).toEqual(['month']);
  });

  it('wants the end on or after the start, and points at the end date', () => {
    const form = parseForm(projectForm.schema, { ...project, ...date('startsOn', '2', '3', '2027'), ...date('endsOn', '1', '3', '2027') }, projectForm.order, t, projectForm.ids);
    if (form.ok) throw new Error('should fail');
    expect(form.errorList).toEqual([{ text: 'errors.projects.dates.ends_on.before_start', href: '#endsOn-day' }]);
  });

  it('refuses fields it does not know', () => {
    const form = parseForm(projectForm.schema, { ...project, stage: 'act' }, projectForm.order, t, projectForm.ids);
    expect(form.ok).toBe(false);
  });
});

describe('the other forms', () => {
  it('moving a stage needs the stage and what was done', () => {
    const form = parseForm(stageForm.schema, { stage: 'later', note: ' ' }, stageForm.order, t);
    expect(form.ok ? [] : form.errorList.map((e) => e.href)).toEqual(['#stage', '#note']);
  });

  it('adding to the circle: a person or a name, never both, never a job title', () => {
    const base = { circle: 'participants', level: '', domain: 'me', note: '' };
    const none = parseForm(addToCircleForm.schema, { ...base, personId: '', newName: '' }, addToCircleForm.order, t);
    const both = parseForm(addToCircleForm.schema, { ...base, personId: '0190aaaa-0000-7000-8000-000000000000', newName: 'Amina' }, addToCircleForm.order, t);
    const role = parseForm(addToCircleForm.schema, { ...base, personId: '', newName: 'Commissioners' }, addToCircleForm.order, t);
    const named = parseForm(addToCircleForm.schema, { ...base, personId: '', newName: ' Amina Patel ' }, addToCircleForm.order, t);
    expect(none.ok ? null : none.errorList).toEqual([{ text: 'errors.projects.circle.person_required', href: '#personId' }]);
    expect(both.ok ? null : both.errorList).toEqual([{ text: 'errors.projects.circle.person_or_name', href: '#newName' }]);
    expect(role.ok ? null : role.errorList).toEqual([{ text: 'errors.projects.circle.name_is_role', href: '#newName' }]);
    expect(named).toEqual({ ok: true, value: { personId: null, newName: 'Amina Patel', circle: 'participants', level: null, domain: 'me', note: null } });
  });

  it('a move needs a circle, level and domain from the registries', () => {
    const form = parseForm(placementForm.schema, { circle: 'board', level: 'decide', domain: 'me' }, placementForm.order, t);
    expect(form.ok ? [] : form.errorList.map((e) => e.href)).toEqual(['#circle', '#level']);
  });

  it('an engagement plan may be empty, but how often comes from the list', () => {
    expect(parseForm(engagementForm.schema, { engagementHow: '', engagementHowOften: '' }, engagementForm.order, t)).toEqual({ ok: true, value: { engagementHow: null, engagementHowOften: null } });
    const form = parseForm(engagementForm.schema, { engagementHow: 'Phone', engagementHowOften: 'hourly' }, engagementForm.order, t);
    expect(form.ok ? [] : form.errorList).toEqual([{ text: 'errors.projects.engagement.how_often_unknown', href: '#engagementHowOften' }]);
  });

  it('not agreeing needs a reason', () => {
    const form = parseForm(agreementResponseForm.schema, { agrees: 'no', comment: '' }, agreementResponseForm.order, t);
    expect(form.ok ? [] : form.errorList).toEqual([{ text: 'errors.projects.agreement.comment_required', href: '#comment' }]);
  });

  it('an update needs what we did; what people said is optional', () => {
    expect(parseForm(updateForm.schema, { body: 'We opened on Saturdays', quoted: '' }, updateForm.order, t)).toEqual({ ok: true, value: { body: 'We opened on Saturdays', quoted: null } });
  });

  it('a task lists its strengths without repeats, and its due date points at the first wrong part', () => {
    expect(splitNeeds('Cooking, welcoming people; cooking\n Italian ,,')).toEqual(['Cooking', 'welcoming people', 'Italian']);
    const form = parseForm(taskForm.schema, { title: 'Bake', details: '', needs: 'baking', ...date('dueOn', '12', '', '') }, taskForm.order, t, taskForm.ids);
    expect(form.ok ? [] : form.errorList).toEqual([{ text: 'errors.projects.dates.due_on.missing_month_year', href: '#dueOn-month' }]);
    const ok = parseForm(taskForm.schema, { title: 'Bake', details: '', needs: 'baking, Cooking', ...date('dueOn', '12', '4', '2027') }, taskForm.order, t, taskForm.ids);
    expect(ok).toEqual({ ok: true, value: { title: 'Bake', details: null, needs: ['baking', 'Cooking'], dueOn: '2027-04-12' } });
  });

  it('ratings: one answer per criterion, 1 to 5 or "don\'t know"', () => {
    const form = ratingsForm(['a', 'b']);
    const bad = parseForm(form.schema, { 'score-a': '6', 'comment-a': '', 'score-b': 'dont_know' }, form.order, t);
    expect(bad.ok ? [] : bad.errorList).toEqual([{ text: 'errors.projects.success.score_required', href: '#score-a' }]);
    const good = parseForm(form.schema, { 'score-a': '4', 'comment-a': 'Good start', 'score-b': 'dont_know', 'comment-b': '' }, form.order, t);
    expect(good).toEqual({ ok: true, value: [{ criterionId: 'a', score: 4, comment: 'Good start' }, { criterionId: 'b', score: null, comment: null }] });
  });
});
