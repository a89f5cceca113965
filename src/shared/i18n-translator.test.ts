import { describe, expect, it } from 'vitest';
import { getI18n, translatorFor } from './i18n.js';

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
});
