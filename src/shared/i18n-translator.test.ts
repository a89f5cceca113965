import { describe, expect, it } from 'vitest';
import { getI18n, translatorFor } from './i18n.js';

type Translate = (key: string, options?: Record<string, unknown>) => unknown;

describe('translatorFor', () => {
  it('gives each language one translator, shared by every request', () => {
    expect(translatorFor('en-GB')).toBe(translatorFor('en-GB'));
    expect(translatorFor('it')).not.toBe(translatorFor('en-GB'));
  });

  it('answers plain lookups exactly as i18next does, again and again, in the right language', () => {
    for (const language of ['en-GB', 'it'] as const) {
      const t = translatorFor(language);
      const reference = getI18n().getFixedT(language);
      for (const key of ['layout.get_help', 'home.title', 'errors.email.required', 'no.such.key']) {
        expect(t(key)).toBe(reference(key));
        expect(t(key)).toBe(reference(key)); // the remembered answer
      }
    }
    expect(translatorFor('it')('home.title')).not.toBe(translatorFor('en-GB')('home.title'));
  });

  it('still interpolates and counts when given options, with different values each time', () => {
    const t = translatorFor('en-GB');
    expect(t('home.greeting', { name: 'Alex' })).toBe('Hello, Alex');
    expect(t('home.greeting', { name: 'Priya' })).toBe('Hello, Priya');
    expect(t('people_admin.count', { count: 1 })).toBe('1 person');
    expect(t('people_admin.count', { count: 3 })).toBe('3 people');
  });

  it('never answers a call with options from a remembered plain lookup', () => {
    const t = translatorFor('it') as unknown as Translate;
    const italian = t('home.title');
    expect(t('home.title')).toBe(italian);
    expect(t('home.title', { lng: 'en-GB' })).toBe(getI18n().getFixedT('en-GB')('home.title'));
    expect(t('home.title', { lng: 'en-GB' })).not.toBe(italian);
    expect(t('no.such.key', { defaultValue: 'Something else' })).toBe('Something else');
  });

  it('remembers only keys that exist, so a missing key is looked up again and a map of misses cannot grow', () => {
    const t = translatorFor('en-GB');
    expect(t('test_only.added_later')).toBe('test_only.added_later');
    getI18n().addResource('en-GB', 'translation', 'test_only.added_later', 'Added later');
    expect(t('test_only.added_later')).toBe('Added later');
  });
});

/** Every key of a language's strings (plural forms also under their base key). */
function everyKey(language: 'en-GB' | 'it'): string[] {
  const keys = new Set<string>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = `${prefix}${key}`;
      if (typeof value === 'object' && value !== null) walk(value as Record<string, unknown>, `${path}.`);
      else keys.add(path).add(path.replace(/_(zero|one|two|few|many|other)$/, ''));
    }
  };
  walk(getI18n().getResourceBundle(language, 'translation') as Record<string, unknown>, '');
  return [...keys];
}

describe('the translator answers plain lookups exactly as i18next does', () => {
  for (const language of ['en-GB', 'it'] as const) {
    it(`for every key in ${language}, the first time and when remembered`, () => {
      const t = translatorFor(language) as unknown as Translate;
      const reference = getI18n().getFixedT(language) as unknown as Translate;
      const keys = everyKey(language);
      expect(keys.length).toBeGreaterThan(500);
      for (const key of keys) expect(t(key), `${language} ${key}`).toEqual(reference(key));
      for (const key of keys) expect(t(key), `${language} ${key}, remembered`).toEqual(reference(key));
    });
  }
});

describe('answers with options (counts, names)', () => {
  it('are i18next’s own, the first time and when remembered, and differ when the options do', () => {
    const own = getI18n().getFixedT('en-GB');
    const t = translatorFor('en-GB');
    for (const count of [1, 2, 1, 7]) {
      expect(t('meetings.reply.needs_told', { count })).toBe(own('meetings.reply.needs_told', { count }));
    }
    expect(t('help.emergency', { number: '112' })).toBe('If you or someone else is in immediate danger, call 112.');
    expect(t('help.emergency', { number: '999' })).toBe('If you or someone else is in immediate danger, call 999.');
    expect(translatorFor('it')('help.emergency', { number: '112' })).toBe("Se tu o un'altra persona siete in pericolo immediato, chiama il 112.");
  });
});
