import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type TFunction } from 'i18next';

export const LANGUAGES = [
  { code: 'en-GB', name: 'English' },
  { code: 'it', name: 'Italiano' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const DEFAULT_LANGUAGE: LanguageCode = 'en-GB';

export function isLanguage(value: unknown): value is LanguageCode {
  return LANGUAGES.some((language) => language.code === value);
}

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merge b into a; a key defined twice with different leaves is a mistake we want to hear about. */
export function mergeTrees(a: Tree, b: Tree, path = ''): Tree {
  const out: Tree = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const existing = out[key];
    if (isTree(existing) && isTree(value)) out[key] = mergeTrees(existing, value, `${path}${key}.`);
    else if (existing !== undefined) throw new Error(`Translation key ${path}${key} is defined twice`);
    else out[key] = value;
  }
  return out;
}

/**
 * Each language is a folder of JSON files (one per area of the product, so modules do not collide), merged into one
 * tree of keys.
 */
export function loadResource(code: string): Tree {
  const folder = fileURLToPath(new URL(`../locales/${code}/`, import.meta.url));
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .reduce<Tree>((tree, name) => mergeTrees(tree, JSON.parse(readFileSync(`${folder}${name}`, 'utf8')) as Tree), {});
}

let instance: i18n | undefined;

/** One i18next instance for the process; resources are loaded once at start. */
export function getI18n(): i18n {
  if (instance !== undefined) return instance;
  const created = i18next.createInstance();
  void created.init({
    initAsync: false,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: LANGUAGES.map((l) => l.code),
    load: 'currentOnly',
    resources: Object.fromEntries(LANGUAGES.map((l) => [l.code, { translation: loadResource(l.code) }])),
    interpolation: { escapeValue: false }, // Nunjucks escapes output
    returnNull: false,
    showSupportNotice: false,
  });
  instance = created;
  return created;
}

const translators = new Map<LanguageCode, TFunction>();

/** The translator for a language: made once, and shared by every request in that language. */
export function translatorFor(language: LanguageCode): TFunction {
  let translator = translators.get(language);
  if (translator === undefined) {
    translator = remembering(getI18n().getFixedT(language), withOptions(language));
    translators.set(language, translator);
  }
  return translator;
}

/** Far more than the product has keys; a bound on memory if a key were ever made from input. */
const MAX_REMEMBERED = 10_000;

type WithOptions = (key: string, options: Record<string, unknown>) => unknown;

/**
 * A lookup with options (interpolation, plurals) for one language, through i18next's own `t`. The translator from
 * getFixedT copies all of i18next's options on every call and works out the language's fallback chain again (with
 * Intl.getCanonicalLocales): most of the cost of such a call. Both are fixed, so the chain is worked out once and
 * passed as `lngs`, which i18next then uses as it is.
 */
function withOptions(language: LanguageCode): WithOptions {
  const i18n = getI18n();
  const languageUtils = i18n.services.languageUtils as { toResolveHierarchy(code: string): readonly string[] };
  const lngs = languageUtils.toResolveHierarchy(language);
  const t = i18n.t.bind(i18n) as unknown as (key: string, options: Record<string, unknown>) => unknown;
  return (key, options) => t(key, { ...options, lng: language, lngs });
}

const isOptions = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !('lng' in value) && !('lngs' in value);

/**
 * i18next's `t` takes tens of microseconds a call, and a page makes dozens of calls. The strings are loaded once at
 * start and never change, so a plain lookup (a key, no options) is remembered; a key with an options object goes to
 * i18next the short way (see withOptions); anything else goes to i18next's own translator.
 */
function remembering(t: TFunction, withOptions: WithOptions): TFunction {
  const remembered = new Map<string, string>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const fast = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (args.length === 2 && typeof key === 'string' && isOptions(options)) return withOptions(key, options);
    if (args.length !== 1 || typeof key !== 'string') return call(...args);
    const known = remembered.get(key);
    if (known !== undefined) return known;
    const value = call(key);
    if (typeof value === 'string' && remembered.size < MAX_REMEMBERED) remembered.set(key, value);
    return value;
  };
  return Object.assign(fast, t);
}

/** Pick from an Accept-Language header the first language we support. */
export function fromAcceptLanguage(header: string | undefined): LanguageCode | undefined {
  if (header === undefined) return undefined;
  const wanted = header
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.tag !== '' && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const exact = LANGUAGES.find((l) => l.code.toLowerCase() === tag);
    if (exact !== undefined) return exact.code;
    const primary = LANGUAGES.find((l) => l.code.toLowerCase().split('-')[0] === tag.split('-')[0]);
    if (primary !== undefined) return primary.code;
  }
  return undefined;
}
