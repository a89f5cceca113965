import { describe, expect, it } from 'vitest';
import { parseForm } from '../../shared/forms.js';
import { actionForm, cardForm, meetingForm, postcardForm, responseForm, rolesForm, roundForm } from './meetings.forms.js';

const t = (key: string) => key;
const KEY = 'a'.repeat(43);

describe('meetings forms', () => {
  it('a card needs its idea and both answers, in page order, and keeps what was typed', () => {
    const result = parseForm(cardForm.schema, { body: '  ', formKey: KEY }, cardForm.order, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errorList.map((e) => e.href)).toEqual(['#body', '#wantsToHelp', '#showName']);
    expect(result.errorList[0]?.text).toBe('errors.meetings.card.body_required');
    expect(result.values['formKey']).toBe(KEY);
  });

  it('a card reads yes/no answers and refuses unknown fields', () => {
    expect(parseForm(cardForm.schema, { body: 'Idea', wantsToHelp: 'yes', showName: 'no', formKey: KEY }, cardForm.order, t)).toEqual({ ok: true, value: { body: 'Idea', wantsToHelp: true, showName: false, formKey: KEY } });
    const extra = parseForm(cardForm.schema, { body: 'Idea', wantsToHelp: 'yes', showName: 'no', formKey: KEY, authorId: 'x' }, cardForm.order, t);
    expect(extra.ok).toBe(false);
  });

  it('a postcard has a length limit', () => {
    const result = parseForm(postcardForm.schema, { postcard: 'x'.repeat(601) }, postcardForm.order, t);
    expect(!result.ok && result.errorList).toEqual([{ href: '#postcard', text: 'errors.meetings.postcard.too_long' }]);
  });

  it('the gratitude round needs at least one thing', () => {
    const result = parseForm(roundForm.schema, { thing1: '', thing2: '', thing3: '' }, roundForm.order, t);
    expect(!result.ok && result.errorList).toEqual([{ href: '#thing1', text: 'errors.meetings.gratitude.thing_required' }]);
  });

  it('the forms that choose a person take back the search that listed them, up to the longest name searched for', () => {
    const id = '0190a0b0-0000-7000-8000-000000000001';
    expect(parseForm(rolesForm.schema, { find: 'zoe', keeperId: id, keeperMode: 'stay', noteTakerId: '' }, rolesForm.order, t)).toEqual({ ok: true, value: { find: 'zoe', keeperId: id, keeperMode: 'stay', noteTakerId: null } });
    expect(parseForm(actionForm.schema, { find: 'zoe', action: 'Book the hall', personId: id }, actionForm.order, t).ok).toBe(true);
    expect(parseForm(roundForm.schema, { find: 'zoe', forPerson: id, thing1: 'Sun' }, roundForm.order, t).ok).toBe(true);
    expect(parseForm(actionForm.schema, { find: 'z'.repeat(101), action: 'Book the hall', personId: id }, actionForm.order, t).ok).toBe(false);
  });

  it('an objection needs a reason', () => {
    const result = parseForm(responseForm.schema, { answer: 'object', reason: '' }, responseForm.order, t);
    expect(!result.ok && result.errorList).toEqual([{ href: '#reason', text: 'errors.meetings.response.reason_required' }]);
  });

  it('a meeting points at the first wrong part and reads times', () => {
    const wrong = parseForm(meetingForm.schema, { title: 'X', 'date-day': '', 'date-month': '', 'date-year': '', startTime: '9', endTime: '8:00', place: '', ways: 'online' }, meetingForm.order, t, meetingForm.ids);
    expect(!wrong.ok && wrong.errorList.map((e) => e.href)).toEqual(['#date-day', '#startTime', '#place']);
    const right = parseForm(meetingForm.schema, { title: 'X', 'date-day': '3', 'date-month': '4', 'date-year': '2027', startTime: '9:30', endTime: '11:00', place: '', onlineUrl: 'https://meet.example/x', ways: ['online', 'phone'], features: 'quiet_room' }, meetingForm.order, t, meetingForm.ids);
    expect(right.ok && right.value).toMatchObject({ date: { year: 2027, month: 4, day: 3 }, start: { hour: 9, minute: 30 }, ways: ['online', 'phone'], features: ['quiet_room'], onlineUrl: 'https://meet.example/x' });
  });
});
