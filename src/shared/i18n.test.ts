import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromAcceptLanguage, loadResource, mergeTrees, translatorFor } from './i18n.js';

const SRC = fileURLToPath(new URL('../', import.meta.url));
const LOCALES = fileURLToPath(new URL('../locales/', import.meta.url));


/** Flatten a tree of translations to `a.b.c` -> string; anything that is not a string or a tree is a mistake. */
function flatten(tree: Record<string, unknown>, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (typeof value === 'string') out.set(path, value);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, `${path}.`, out);
    } else throw new Error(`Translation ${path} is not a string`);
  }
  return out;
}

/** `{{name}}` and `{{value, format}}` give `name` and `value`. */
function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{-?\s*([^}\s,]+)[^}]*\}\}/g)].map((m) => m[1] ?? ''));
}

/** Every file under `folder` whose name ends with `extension`, as absolute paths. */
function filesUnder(folder: string, extension: string): string[] {
  return readdirSync(folder, { encoding: 'utf8', recursive: true })
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => `${folder}${name}`);
}

const en = flatten(loadResource('en-GB'));
const italian = flatten(loadResource('it'));

/**
 * i18next plural forms (`count_one`, `count_other`, ...) share the base key `count`. A key is a plural form only when
 * its `_other` sibling exists, so that a plain key such as `errors.sign_in.too_many` stays itself.
 */
const PLURAL_SUFFIX = /_(?:zero|one|two|few|many|other)$/;
const pluralBases = new Set(
  [...en.keys(), ...italian.keys()].filter((key) => key.endsWith('_other')).map((key) => key.slice(0, -'_other'.length)),
);
function baseKey(key: string): string {
  const stripped = key.replace(PLURAL_SUFFIX, '');
  return stripped !== key && pluralBases.has(stripped) ? stripped : key;
}

/** Base key -> the full keys (one, or several plural forms) that carry it. */
function byBaseKey(flat: Map<string, string>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const key of flat.keys()) groups.set(baseKey(key), [...(groups.get(baseKey(key)) ?? []), key]);
  return groups;
}

const enGroups = byBaseKey(en);
const itGroups = byBaseKey(italian);

describe('Italian translation', () => {
  it('has every English key, and no key English lacks (plural forms compared by base key)', () => {
    const missing = [...enGroups.keys()].filter((key) => !itGroups.has(key));
    const extra = [...itGroups.keys()].filter((key) => !enGroups.has(key));
    expect(missing, 'keys in en-GB but not in it').toEqual([]);
    expect(extra, 'keys in it but not in en-GB').toEqual([]);
    expect(enGroups.size).toBeGreaterThan(100);
  });

  it('gives every plural an "other" form, which i18next falls back to', () => {
    const plurals = [...itGroups].filter(([base, keys]) => keys.some((key) => key !== base));
    expect(plurals.length).toBeGreaterThan(0);
    const withoutOther = plurals.filter(([base, keys]) => !keys.includes(`${base}_other`)).map(([base]) => base);
    expect(withoutOther).toEqual([]);
  });

  it('has no empty strings', () => {
    const empty = [...italian].filter(([, value]) => value.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('keeps every {{placeholder}} of the English, and adds none', () => {
    const problems: string[] = [];
    for (const [key, english] of en) {
      const counterparts = italian.has(key) ? [key] : (itGroups.get(baseKey(key)) ?? []);
      for (const itKey of counterparts) {
        const text = italian.get(itKey) ?? '';
        for (const name of placeholders(english)) {
          if (!placeholders(text).has(name)) problems.push(`${itKey} lacks {{${name}}}`);
        }
      }
    }
    for (const [key, text] of italian) {
      const englishNames = new Set((enGroups.get(baseKey(key)) ?? []).flatMap((enKey) => [...placeholders(en.get(enKey) ?? '')]));
      for (const name of placeholders(text)) {
        if (!englishNames.has(name)) problems.push(`${key} has {{${name}}}, which English does not`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the line breaks of the emails', () => {
    const mailKeys = [...en.keys()].filter((key) => key.startsWith('mail.') && key.endsWith('.body'));
    expect(mailKeys.length).toBeGreaterThan(0);
    for (const key of mailKeys) {
      expect(italian.get(key)?.split('\n').length, key).toBe(en.get(key)?.split('\n').length);
    }
  });

  it('translates every string: none is a copy of the English, apart from names and words Italian shares', () => {
    // Product and service names, and words Italian borrows unchanged.
    const sameInBoth = new Set(['Doing With', 'Password', 'Menu', 'Samaritans', 'NHS 111', 'No', 'Online']);
    const copies = [...italian]
      .filter(([key, value]) => value === en.get(key))
      .filter(([, value]) => !sameInBoth.has(value))
      // Numbers, punctuation and bare placeholders need no translation.
      .filter(([, value]) => /\p{L}/u.test(value.replace(/\{\{[^}]*\}\}/g, '')))
      .map(([key, value]) => `${key}: ${value}`);
    expect(copies).toEqual([]);
  });

  it('renders through i18next, with Italian plurals', () => {
    const t = translatorFor('it');
    expect(t('help.title')).toBe('Aiuto subito');
    expect(t('people_admin.count', { count: 1 })).toBe('1 persona');
    expect(t('people_admin.count', { count: 3 })).toBe('3 persone');
    expect(t('flash.invited', { email: 'ada@example.com' })).toBe('Stiamo mandando un invito a ada@example.com. L’elenco degli inviti mostra quando l’email è partita.');
  });
});

/** Words the product avoids (ARCHITECTURE.md section 8), in English and Italian. */
const AVOIDED: readonly RegExp[] = [
  /\bpatients?\b/i,
  /\bservice[- ]users?\b/i,
  /\bassessments?\b/i,
  /\bappointments?\b/i,
  /\bclients?\b(?!-)/i,
  /\bcase ?(?:loads?|workers?|managers?|notes?|files?)\b/i,
  /(?<!\bin\s)\b(?:my|your|his|her|their|our|new|open|closed)\s+cases?\b/i,
  /\bpazient/i,
  /valutazion/i,
  /appuntament/i,
  /\butent[ei] dei servizi\b/i,
  /\bclient[ei]\b/i,
];

function avoidedWords(text: string): string[] {
  return AVOIDED.flatMap((pattern) => text.match(pattern)?.[0] ?? []);
}

describe('vocabulary', () => {
  it('recognises the words we avoid, and leaves ordinary phrases alone', () => {
    for (const bad of [
      'Book an appointment',
      'Our patients',
      'For service users',
      'The readiness assessment',
      'My caseload',
      'Your case',
      'Our clients',
      'I pazienti',
      'La valutazione',
      'Il tuo appuntamento',
      'Gli utenti dei servizi',
      'Il cliente',
    ]) {
      expect(avoidedWords(bad), bad).not.toEqual([]);
    }
    for (const fine of [
      'In case you forget',
      'In any case, try again',
      'In your case, try again',
      'The readiness review',
      'A conversation',
      'Sono impaziente',
      'In caso di crisi',
      'La revisione',
      'Una conversazione',
      'Works client-side',
    ]) {
      expect(avoidedWords(fine), fine).toEqual([]);
    }
  });

  it('is respected in every locale file and every template', () => {
    const files = [...filesUnder(LOCALES, '.json'), ...filesUnder(SRC, '.njk')];
    expect(files.filter((file) => file.endsWith('.json')).length).toBeGreaterThanOrEqual(6);
    expect(files.filter((file) => file.endsWith('.njk')).length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          for (const word of avoidedWords(line)) found.push(`${file.slice(SRC.length)}:${index + 1}: "${word}"`);
        });
    }
    expect(found).toEqual([]);
  });
});

describe('i18n helpers', () => {
  it('picks a supported language from Accept-Language', () => {
    expect(fromAcceptLanguage('it-IT,it;q=0.9')).toBe('it');
    expect(fromAcceptLanguage('fr')).toBeUndefined();
    expect(fromAcceptLanguage('fr,it;q=0.5,en;q=0.8')).toBe('en-GB');
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });

  it('merges trees of keys, and throws on a key defined twice', () => {
    expect(mergeTrees({ a: { b: 'x' } }, { a: { c: 'y' } })).toEqual({ a: { b: 'x', c: 'y' } });
    expect(() => mergeTrees({ a: { b: 'x' } }, { a: { b: 'y' } })).toThrow('Translation key a.b is defined twice');
  });
});
