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

/** Every key of a language's strings (plural forms also under their base key), with the variables each uses. */
function everyKey(language: 'en-GB' | 'it'): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = `${prefix}${key}`;
      if (typeof value === 'object' && value !== null) {
        walk(value as Record<string, unknown>, `${path}.`);
        continue;
      }
      const variables = new Set([...String(value).matchAll(/\{\{(.+?)\}\}/g)].map((m) => (m[1] ?? '').trim()));
      for (const name of [path, path.replace(/_(zero|one|two|few|many|other)$/, '')]) {
        keys.set(name, new Set([...(keys.get(name) ?? []), ...variables]));
      }
    }
  };
  walk(getI18n().getResourceBundle(language, 'translation') as Record<string, unknown>, '');
  return keys;
}

describe('the translator answers exactly as i18next does', () => {
  for (const language of ['en-GB', 'it'] as const) {
    it(`for every key in ${language}, with and without values, for every plural form`, () => {
      const t = translatorFor(language) as unknown as (key: string, options?: Record<string, unknown>) => unknown;
      const reference = getI18n().getFixedT(language) as unknown as (key: string, options?: Record<string, unknown>) => unknown;
      const keys = everyKey(language);
      expect(keys.size).toBeGreaterThan(500);
      let checked = 0;
      for (const [key, variables] of keys) {
        const values = Object.fromEntries([...variables].map((name) => [name, `<${name} $& 1>`]));
        const optionSets: (Record<string, unknown> | undefined)[] = [
          undefined,
          values,
          {},
          { ...values, [[...variables][0] ?? 'unused']: undefined },
          { ...values, [[...variables][0] ?? 'unused']: null },
          ...[0, 1, 2, 3, 7, 21, 1_000_000, 1.5].map((count) => ({ ...values, count })),
          { ...values, count: '4' },
        ];
        for (const options of optionSets) {
          const args = options === undefined ? [key] : [key, options];
          expect(t(...(args as [string])), `${language} ${key} ${JSON.stringify(options)}`).toEqual(reference(...(args as [string])));
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(5000);
    });
  }

  it('hands options that change the lookup, and unknown keys, to i18next', () => {
    const t = translatorFor('it') as unknown as (key: string, options?: Record<string, unknown>) => unknown;
    expect(t('home.title', { lng: 'en-GB' })).toBe(getI18n().getFixedT('en-GB')('home.title'));
    expect(t('no.such.key', { count: 2 })).toBe('no.such.key');
    expect(t('no.such.key', { defaultValue: 'Something else' })).toBe('Something else');
  });
});
