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
    translator = fastTranslator(language, getI18n().getFixedT(language));
    translators.set(language, translator);
  }
  return translator;
}

/**
 * Options that change how i18next looks a key up or what it returns. A call with any of them goes to i18next itself;
 * every other option is a value for interpolation (`count` also picks the plural form).
 */
const I18NEXT_OPTIONS = new Set([
  'context', 'ordinal', 'defaultValue', 'returnObjects', 'returnDetails', 'joinArrays', 'lng', 'lngs', 'ns', 'replace',
  'postProcess', 'interpolation', 'keySeparator', 'nsSeparator', 'skipInterpolation', 'fallbackLng', 'missingInterpolationHandler',
]);

/** A string split at its `{{name}}` placeholders: literal text at even places, a variable's name at odd places. */
type Template = readonly string[];

/**
 * Every string of one language (and the languages it falls back to), ready to use: key -> template, or null where
 * the key holds something i18next treats specially (a tree of keys, nesting with $t(), a formatted or unescaped
 * value, a path in a variable's name). Plural forms are keys too (`people_one`, `people_other`).
 */
interface Catalogue {
  readonly code: string;
  readonly plural: Intl.PluralRules;
  readonly entries: ReadonlyMap<string, Template | null>;
}

const PLACEHOLDER = /\{\{(.+?)\}\}/g;

function templateOf(text: string): Template | null {
  if (text.includes('$t(')) return null;
  const parts: string[] = [];
  let at = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = (match[1] ?? '').trim();
    if (name === '' || name.startsWith('-') || name.includes(',') || name.includes('.')) return null;
    parts.push(text.slice(at, match.index), name);
    at = match.index + match[0].length;
  }
  parts.push(text.slice(at));
  return parts;
}

function catalogueOf(code: string, tree: Tree): Catalogue {
  const entries = new Map<string, Template | null>();
  const walk = (node: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = `${prefix}${key}`;
      if (typeof value === 'string') entries.set(path, templateOf(value));
      else {
        entries.set(path, null);
        if (isTree(value)) walk(value, `${path}.`);
      }
    }
  };
  walk(tree, '');
  return { code, plural: new Intl.PluralRules(code), entries };
}

function fill(template: Template, values: Record<string, unknown> | undefined): string {
  if (template.length === 1) return template[0] ?? '';
  let out = template[0] ?? '';
  for (let i = 1; i < template.length; i += 2) {
    const name = template[i] ?? '';
    const value = values?.[name];
    // As i18next does: a variable not given at all stays as written; one given as undefined or null becomes empty.
    if (value === undefined && (values === undefined || !Object.hasOwn(values, name))) out += `{{${name}}}`;
    // As i18next does: other values as String() makes them, objects included.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    else out += value === undefined || value === null ? '' : String(value);
    out += template[i + 1] ?? '';
  }
  return out;
}

/**
 * The string for a key, the way i18next resolves it: in each language of the fallback chain, the zero form (for a
 * count of 0), then the plural form, then the key itself. Undefined when i18next must answer (see Catalogue).
 */
function lookUp(catalogues: readonly Catalogue[], key: string, options: Record<string, unknown> | undefined): string | undefined {
  if (key.includes(':')) return undefined; // a namespace
  const count = options?.['count'];
  const plural = count !== undefined && typeof count !== 'string';
  if (plural && typeof count !== 'number') return undefined;
  for (const catalogue of catalogues) {
    const candidates = plural ? [`${key}_${catalogue.plural.select(count)}`, key] : [key];
    if (plural && count === 0) candidates.unshift(`${key}_zero`);
    for (const candidate of candidates) {
      const template = catalogue.entries.get(candidate);
      if (template === null) return undefined;
      if (template !== undefined) return fill(template, options);
    }
  }
  return undefined;
}

const isOptions = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((key) => !I18NEXT_OPTIONS.has(key));

/**
 * i18next's `t` takes tens of microseconds a call, and a page makes dozens of calls. Our strings are loaded once at
 * start and never change, and they use only plain `{{name}}` placeholders and plural forms, so the translator looks
 * keys up in a map made at start and fills the placeholders itself. Anything else (options that change the lookup,
 * a missing key, nesting or formatting in the string) goes to i18next's own translator, so the answer is always
 * i18next's: i18n-translator.test.ts checks that for every key in every language.
 */
function fastTranslator(language: LanguageCode, t: TFunction): TFunction {
  const i18n = getI18n();
  const languageUtils = i18n.services.languageUtils as { toResolveHierarchy(code: string): readonly string[] };
  const catalogues = languageUtils.toResolveHierarchy(language).map((code) => catalogueOf(code, loadedResource(code)));
  const call = t as unknown as (...args: unknown[]) => unknown;
  const plain = new Map<string, string>();
  const fast = (...args: unknown[]): unknown => {
    const [key, options] = args;
    if (args.length === 1 && typeof key === 'string') {
      const known = plain.get(key);
      if (known !== undefined) return known;
      const found = lookUp(catalogues, key, undefined);
      if (found !== undefined) plain.set(key, found);
      return found ?? call(key);
    }
    if (typeof key === 'string' && (args.length === 1 || (args.length === 2 && isOptions(options)))) {
      const found = lookUp(catalogues, key, options as Record<string, unknown> | undefined);
      if (found !== undefined) return found;
    }
    return call(...args);
  };
  return Object.assign(fast, t);
}

function loadedResource(code: string): Tree {
  const bundle: unknown = getI18n().getResourceBundle(code, 'translation');
  return isTree(bundle) ? bundle : {};
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
