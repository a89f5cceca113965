import { describe, expect, it } from 'vitest';
import { parseForm } from '../../shared/forms.js';
import { translatorFor } from '../../shared/i18n.js';
import { aboutForm, appreciationForm, directorySearch, extraHeadingForm, newPersonForm, parseAnswers, strengthForm, takingPartForm, templateForm, visibilityForm } from './people.forms.js';
import { LIMITS } from './people.registry.js';

const t = translatorFor('en-GB');
const long = (n: number) => 'x'.repeat(n);

/** "#field message" for each error, in the order of the error summary. */
function messages(result: { ok: true } | { ok: false; errorList: readonly { text: string; href: string }[] }): string[] {
  return result.ok ? [] : result.errorList.map((e) => `${e.href} ${e.text}`);
}

describe('about me', () => {
  it('needs a name, keeps the rest optional, and trims', () => {
    const form = aboutForm(false);
    expect(parseForm(form.schema, { displayName: '  Ada  ', knownAs: '', pronouns: ' she/her ' }, form.order, t)).toEqual({
      ok: true,
      value: { displayName: 'Ada', knownAs: null, pronouns: 'she/her' },
    });
    expect(messages(parseForm(form.schema, { displayName: '   ' }, form.order, t))).toEqual(['#displayName Enter a name']);
  });

  it('gives a specific message for each over-long field, in the order of the page', () => {
    const form = aboutForm(true);
    const result = parseForm(form.schema, { displayName: long(LIMITS.displayName + 1), knownAs: long(LIMITS.knownAs + 1), pronouns: long(LIMITS.pronouns + 1), age: long(LIMITS.age + 1) }, form.order, t);
    expect(messages(result)).toEqual([
      '#displayName The name must be 100 characters or fewer',
      '#knownAs What you would like to be called must be 60 characters or fewer',
      '#pronouns Pronouns must be 40 characters or fewer',
      '#age Age must be 30 characters or fewer',
    ]);
  });

  it('accepts exactly the limits', () => {
    const form = aboutForm(true);
    expect(parseForm(form.schema, { displayName: long(LIMITS.displayName), knownAs: long(LIMITS.knownAs), pronouns: long(LIMITS.pronouns), age: long(LIMITS.age) }, form.order, t).ok).toBe(true);
  });

  it('refuses an age when the organisation does not ask for one (a field we never offered)', () => {
    const form = aboutForm(false);
    expect(messages(parseForm(form.schema, { displayName: 'Ada', age: '40' }, form.order, t))).toEqual([`#displayName ${t('errors.form.unexpected_field')}`]);
  });
});

describe('one-page profile answers', () => {
  const headings = [
    { key: 'appreciate', label: 'What people appreciate about me' },
    { key: 'important', label: 'What is important to me' },
  ];

  it('keys answers by heading, blank ones as null', () => {
    expect(parseAnswers(headings, { 'answer-appreciate': ' Kind ', 'answer-important': '' }, t)).toEqual({ ok: true, value: { appreciate: 'Kind', important: null } });
  });

  it('names the heading in the message for an over-long answer', () => {
    const result = parseAnswers(headings, { 'answer-appreciate': 'ok', 'answer-important': long(LIMITS.answer + 1) }, t);
    expect(messages(result)).toEqual(['#answer-important Your answer to "What is important to me" must be 2,000 characters or fewer']);
  });

  it('refuses answers to headings that do not exist', () => {
    expect(parseAnswers(headings, { 'answer-appreciate': 'ok', 'answer-made-up': 'x' }, t).ok).toBe(false);
  });
});

describe('strengths', () => {
  it('needs a label and whether it is offered or to grow', () => {
    expect(messages(parseForm(strengthForm.schema, {}, strengthForm.order, t))).toEqual([
      '#label Enter a strength, for example cooking or listening',
      '#kind Choose whether you offer this or would like to grow it',
    ]);
    expect(messages(parseForm(strengthForm.schema, { label: long(61), kind: 'offer' }, strengthForm.order, t))).toEqual(['#label A strength must be 60 characters or fewer']);
    expect(parseForm(strengthForm.schema, { label: ' Design ', kind: 'grow' }, strengthForm.order, t)).toEqual({ ok: true, value: { label: 'Design', kind: 'grow' } });
  });
});

describe('how I take part', () => {
  it('takes nothing, one or several ticked boxes, without repeats', () => {
    expect(parseForm(takingPartForm.schema, {}, takingPartForm.order, t)).toEqual({
      ok: true,
      value: { perspectives: [], perspectiveDescription: null, participationWays: [], accessNeeds: [], accessNeedsOther: null },
    });
    const result = parseForm(takingPartForm.schema, { perspectives: ['volunteer', 'volunteer', 'family_carer'], participationWays: 'phone', accessNeeds: 'bsl' }, takingPartForm.order, t);
    expect(result).toEqual({ ok: true, value: { perspectives: ['volunteer', 'family_carer'], perspectiveDescription: null, participationWays: ['phone'], accessNeeds: ['bsl'], accessNeedsOther: null } });
  });

  it('refuses values we never offered', () => {
    expect(messages(parseForm(takingPartForm.schema, { perspectives: 'patient', accessNeeds: ['bsl', 'x'] }, takingPartForm.order, t))).toEqual([
      '#perspectives Choose from the perspectives listed',
      '#accessNeeds Choose from the kinds of support listed',
    ]);
  });

  it('asks what else would help when "something else" is ticked, and forgets the words when it is not', () => {
    expect(messages(parseForm(takingPartForm.schema, { accessNeeds: 'other', accessNeedsOther: '  ' }, takingPartForm.order, t))).toEqual(['#accessNeedsOther Say what else would help you take part']);
    const dropped = parseForm(takingPartForm.schema, { accessNeeds: 'bsl', accessNeedsOther: 'a hearing loop' }, takingPartForm.order, t);
    expect(dropped.ok && dropped.value.accessNeedsOther).toBeNull();
  });
});

describe('who can see my profile', () => {
  it('tells a missing choice from a tampered one', () => {
    expect(messages(parseForm(visibilityForm.schema, {}, visibilityForm.order, t))).toEqual(['#visibility Choose who can see your profile']);
    expect(messages(parseForm(visibilityForm.schema, { visibility: 'everyone' }, visibilityForm.order, t))).toEqual(['#visibility Choose one of the three options for who can see your profile']);
    expect(parseForm(visibilityForm.schema, { visibility: 'projects' }, visibilityForm.order, t)).toEqual({ ok: true, value: { visibility: 'projects' } });
  });
});

describe('appreciations, adding someone, the template and the search', () => {
  it('needs an appreciation, up to 1,000 characters', () => {
    expect(messages(parseForm(appreciationForm.schema, { appreciation: ' ' }, appreciationForm.order, t))).toEqual(['#appreciation Write what you appreciate about them']);
    expect(messages(parseForm(appreciationForm.schema, { appreciation: long(1001) }, appreciationForm.order, t))).toEqual(['#appreciation An appreciation must be 1,000 characters or fewer']);
  });

  it('needs a name, the agreement ticked and how it was given', () => {
    expect(messages(parseForm(newPersonForm.schema, {}, newPersonForm.order, t))).toEqual([
      '#displayName Enter a name',
      '#consent Confirm that they have agreed to be added',
      '#consentNote Say how they agreed, for example in person at a group',
    ]);
    expect(parseForm(newPersonForm.schema, { displayName: 'Maggie', knownAs: '', consent: 'yes', consentNote: 'At the group' }, newPersonForm.order, t)).toEqual({
      ok: true,
      value: { displayName: 'Maggie', knownAs: null, consent: 'yes', consentNote: 'At the group' },
    });
  });

  it('reads the template checkboxes and optional headings', () => {
    expect(parseForm(templateForm.schema, { ageEnabled: 'yes', 'heading-support': ' How to help me ' }, templateForm.order, t)).toEqual({
      ok: true,
      value: { ageEnabled: true, pictureEnabled: false, 'heading-appreciate': null, 'heading-important': null, 'heading-support': 'How to help me' },
    });
    expect(messages(parseForm(templateForm.schema, { 'heading-important': long(81) }, templateForm.order, t))).toEqual(['#heading-important A heading must be 80 characters or fewer']);
    expect(messages(parseForm(extraHeadingForm.schema, { label: '' }, extraHeadingForm.order, t))).toEqual(['#label Enter the heading']);
  });

  it('reads the directory search leniently, but not an over-long one', () => {
    expect(directorySearch.schema.parse({})).toEqual({ q: '', kind: 'any', page: 1 });
    expect(directorySearch.schema.parse({ q: ' design ', kind: 'grow', page: '3' })).toEqual({ q: 'design', kind: 'grow', page: 3 });
    expect(directorySearch.schema.parse({ kind: 'nonsense', page: '-4' })).toEqual({ q: '', kind: 'any', page: 1 });
    expect(messages(parseForm(directorySearch.schema, { q: long(101) }, directorySearch.order, t))).toEqual(['#q Search for 100 characters or fewer']);
  });
});
