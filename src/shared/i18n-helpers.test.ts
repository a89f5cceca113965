import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGE, fromAcceptLanguage, isLanguage, mergeTrees, translatorFor } from './i18n.js';

describe('fromAcceptLanguage', () => {
  it.each([
    ['it', 'it'],
    ['it-IT,it;q=0.9,en;q=0.8', 'it'],
    ['en-GB', 'en-GB'],
    ['EN-gb', 'en-GB'],
    ['en-US,en;q=0.9', 'en-GB'],
    ['en', 'en-GB'],
    ['fr-FR, it;q=0.5', 'it'],
    ['en;q=0.4, it;q=0.9', 'it'],
    ['de, *;q=0.1', undefined],
    ['fr-FR,fr;q=0.9', undefined],
    ['', undefined],
    [undefined, undefined],
    ['it;q=nonsense, en-GB;q=0.2', 'en-GB'],
  ])('reads %j as %j', (header, expected) => {
    expect(fromAcceptLanguage(header)).toBe(expected);
  });
});

describe('mergeTrees', () => {
  it('merges nested keys from both trees without changing either', () => {
    const a = { nav: { home: 'Home' }, app: { name: 'Doing With' } };
    const b = { nav: { account: 'Your account' }, errors: { x: 'X' } };
    expect(mergeTrees(a, b)).toEqual({ nav: { home: 'Home', account: 'Your account' }, app: { name: 'Doing With' }, errors: { x: 'X' } });
    expect(a).toEqual({ nav: { home: 'Home' }, app: { name: 'Doing With' } });
    expect(b).toEqual({ nav: { account: 'Your account' }, errors: { x: 'X' } });
  });

  it('throws, naming the key, when the same key is defined twice', () => {
    expect(() => mergeTrees({ nav: { home: 'Home' } }, { nav: { home: 'Start' } })).toThrow('Translation key nav.home is defined twice');
  });

  it('throws when a key is a string in one file and a group of keys in another', () => {
    expect(() => mergeTrees({ nav: 'Menu' }, { nav: { home: 'Home' } })).toThrow('Translation key nav is defined twice');
    expect(() => mergeTrees({ nav: { home: 'Home' } }, { nav: 'Menu' })).toThrow('Translation key nav is defined twice');
  });

  it('throws even when both definitions say the same thing', () => {
    expect(() => mergeTrees({ a: { b: 'same' } }, { a: { b: 'same' } })).toThrow('a.b');
  });
});

describe('languages', () => {
  it('knows English and Italian, and nothing else yet', () => {
    expect(isLanguage('en-GB')).toBe(true);
    expect(isLanguage('it')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
    expect(DEFAULT_LANGUAGE).toBe('en-GB');
  });

  it('translates keys from the merged per-area files, with values put in', () => {
    const t = translatorFor('en-GB');
    expect(t('sign_in.title')).toBe('Sign in'); // auth.json
    expect(t('nav.home')).toBe('Home'); // common.json
    expect(t('choose.as', { permission: 'Admin' })).toBe('as Admin'); // organisations.json
  });
});
