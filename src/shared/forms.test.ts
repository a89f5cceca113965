import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { csvList, emailField, fieldError, formValues, optionalLine, optionalText, parseForm, requiredLine, requiredText } from './forms.js';
import { translatorFor } from './i18n.js';

const english = translatorFor('en-GB');
/** A translator that shows which key it was asked for, so tests can see translation happened. */
const marked = (key: string) => `«${key}»`;

// Declared in a different order from the page, on purpose: messages must follow the page, not the schema.
const schema = z.strictObject({
  email: emailField('errors.email.required', 'errors.email.format'),
  crisisText: optionalText(20, 'errors.organisation.crisis_text_too_long'),
  displayName: requiredText(10, 'errors.display_name.required', 'errors.display_name.too_long'),
});
const order = ['displayName', 'email', 'crisisText'] as const;

describe('parseForm', () => {
  it('returns the parsed value when everything is right, trimmed and with the email in lower case', () => {
    const result = parseForm(schema, { _csrf: 'token', displayName: '  Ana  ', email: ' Ana@Example.ORG ', crisisText: '' }, order, english);
    expect(result).toEqual({ ok: true, value: { displayName: 'Ana', email: 'ana@example.org', crisisText: null } });
  });

  it('lists errors in the order the fields appear on the page, not the order of the schema', () => {
    const result = parseForm(schema, { displayName: '', email: 'not an email', crisisText: 'x'.repeat(21) }, order, english);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errorList.map((e) => e.href)).toEqual(['#displayName', '#email', '#crisisText']);
  });

  it('points each error at the id of its input, and keys inline messages by the same id', () => {
    const result = parseForm(schema, { displayName: '', email: 'x' }, order, english);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const error of result.errorList) {
      expect(error.href.startsWith('#')).toBe(true);
      expect(result.errors[error.href.slice(1)]?.text).toBe(error.text);
    }
    expect(Object.keys(result.errors).sort()).toEqual(['displayName', 'email']);
  });

  it('uses the id given for a field (a date points at its day input)', () => {
    const dated = z.strictObject({ when: z.string().min(1, 'errors.form.check_answer'), name: z.string().min(1, 'errors.display_name.required') });
    const result = parseForm(dated, { when: '', name: '' }, ['when', 'name'], english, { when: 'when-day' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errorList.map((e) => e.href)).toEqual(['#when-day', '#name']);
    expect(result.errors['when-day']?.text).toBe('Check your answer');
  });

  it('translates messages with the translator it is given', () => {
    const inEnglish = parseForm(schema, { displayName: '', email: '' }, order, english);
    const marks = parseForm(schema, { displayName: '', email: '' }, order, marked);
    expect(inEnglish.ok || inEnglish.errorList.map((e) => e.text)).toEqual(['Enter a name', 'Enter your email address']);
    expect(marks.ok || marks.errorList.map((e) => e.text)).toEqual(['«errors.display_name.required»', '«errors.email.required»']);
  });

  it('gives the message of the first problem when a field has several', () => {
    const result = parseForm(schema, { displayName: 'A name', email: '' }, order, marked);
    expect(result.ok || result.errorList).toEqual([{ text: '«errors.email.required»', href: '#email' }]);
  });

  it('turns a message that is not one of our keys into the plain "check your answer"', () => {
    const loose = z.strictObject({ age: z.coerce.number().int() });
    const result = parseForm(loose, { age: 'ten' }, ['age'], english);
    expect(result.ok || result.errorList).toEqual([{ text: 'Check your answer', href: '#age' }]);
  });

  it('rejects a field the form does not have, with the unexpected-field message on the first field', () => {
    const result = parseForm(schema, { displayName: 'Ana', email: 'ana@example.org', isAdmin: 'yes' }, order, english);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errorList).toEqual([
      { text: 'The form had something we did not expect. Reload the page and try again.', href: '#displayName' },
    ]);
  });

  it('does not count the CSRF token as an unexpected field', () => {
    const result = parseForm(schema, { _csrf: 'abc', displayName: 'Ana', email: 'ana@example.org' }, order, english);
    expect(result.ok).toBe(true);
  });

  it('keeps every value the person typed, exactly as typed, so the form can show them again', () => {
    const body = { _csrf: 'abc', displayName: '  far too long a name  ', email: 'Not An Email', crisisText: 'Call 0800' };
    const result = parseForm(schema, body, order, english);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.values).toEqual({ displayName: '  far too long a name  ', email: 'Not An Email', crisisText: 'Call 0800' });
  });
});

describe('formValues', () => {
  it('keeps strings and lists of strings, and drops the CSRF token and anything else', () => {
    expect(formValues({ _csrf: 't', a: 'one', b: ['x', 2, 'y'], c: 3, d: null })).toEqual({ a: 'one', b: ['x', 'y'] });
  });

  it('gives nothing for a body that is not an object', () => {
    expect(formValues(undefined)).toEqual({});
    expect(formValues('a=b')).toEqual({});
  });
});

describe('fieldError', () => {
  it('builds a one-field error the same shape as a failed parse, translated', () => {
    expect(fieldError('email', 'errors.sign_in.incorrect', english, { email: 'a@b.c' })).toEqual({
      ok: false,
      errors: { email: { text: 'The email address or password is not right' } },
      errorList: [{ text: 'The email address or password is not right', href: '#email' }],
      values: { email: 'a@b.c' },
    });
  });
});

describe('csvList', () => {
  it('turns one value or several into a list', () => {
    expect(csvList(undefined)).toEqual([]);
    expect(csvList('a')).toEqual(['a']);
    expect(csvList(['a', 'b'])).toEqual(['a', 'b']);
  });
});

describe('one-line fields (#11)', () => {
  const schema = z.strictObject({ name: requiredLine(100, 'errors.people.name_required', 'errors.people.name_too_long'), place: optionalLine(300, 'errors.meetings.place_too_long') });

  it.each(['Grace\nAdeyemi', 'Grace\r\nAdeyemi', 'Grace\rAdeyemi', 'Grace\u2028Adeyemi'])('refuses a line break inside a name (%j), keeping what was typed', (name) => {
    const result = parseForm(schema, { name, place: 'Hall\nB' }, ['name', 'place'], english);
    expect(result).toEqual({
      ok: false,
      errors: { name: { text: 'Write this on one line, without line breaks' }, place: { text: 'Write this on one line, without line breaks' } },
      errorList: [
        { text: 'Write this on one line, without line breaks', href: '#name' },
        { text: 'Write this on one line, without line breaks', href: '#place' },
      ],
      values: { name, place: 'Hall\nB' },
    });
  });

  it('takes a name with spaces around it, and an empty optional line as nothing', () => {
    expect(parseForm(schema, { name: '  Grace Adeyemi \n', place: '' }, ['name', 'place'], english)).toEqual({ ok: true, value: { name: 'Grace Adeyemi', place: null } });
  });

  it('says so in Italian too', () => {
    expect(translatorFor('it')('errors.form.one_line')).toBe('Scrivi questo su una sola riga, senza andare a capo');
  });
});
