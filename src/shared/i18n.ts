import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type TFunction } from 'i18next';
import { Cache, DERIVED_VERSION } from './cache.js';

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
    translator = rememberingAnswers(language, getI18n().getFixedT(language));
    translators.set(language, translator);
  }
  return translator;
}

/** Options made only of strings, numbers and booleans (counts, names, dates already written out). */
function isPlainOptions(value: unknown): value is Record<string, string | number | boolean> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
}

/**
 * i18next's own translator, with its answers remembered: a page makes dozens of lookups and each one walks i18next's
 * whole lookup. The strings are loaded once at start and never change, so an answer depends only on the key and its
 * options. A plain lookup (a key alone) is kept in a map, for keys that exist, so the map holds at most one entry per
 * string. A lookup with simple options (a count, a name) goes through the shared cache, bounded by bytes since names
 * vary without end, and checked against i18next on every hit in verify mode. Anything else goes to i18next as it is.
 */
function rememberingAnswers(language: LanguageCode, t: TFunction): TFunction {
  const i18n = getI18n();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const answers = new Map<string, unknown>();
  const withOptions = new Cache<unknown>({ name: `i18n.${language}`, maxBytes: 4 * 1024 * 1024 });
  const remembering = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (typeof key !== 'string') return call(...args);
    if (args.length === 2 && isPlainOptions(options)) {
      return withOptions.getSync(`${key}\u0000${JSON.stringify(options)}`, DERIVED_VERSION, () => call(key, options));
    }
    if (args.length !== 1) return call(...args);
    const known = answers.get(key);
    if (known !== undefined) return known;
    const answer = call(key);
    if (i18n.exists(key, { lng: language })) answers.set(key, answer);
    return answer;
  };
  return Object.assign(remembering, t);
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
