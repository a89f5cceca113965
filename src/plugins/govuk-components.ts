import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const COMPONENTS = fileURLToPath(new URL('../../node_modules/govuk-frontend/dist/govuk/components/', import.meta.url));

/** Where a page imports a component's macro from, as GOV.UK Frontend documents it. */
const MACRO_FILE = /^govuk\/components\/([a-z-]+)\/macro\.njk$/;

/** Each GOV.UK component: its folder and its macro's name (govukButton for button/). */
export function govukComponents(): { folder: string; macro: string }[] {
  return readdirSync(COMPONENTS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const source = readFileSync(`${COMPONENTS}${entry.name}/macro.njk`, 'utf8');
      const macro = /\{%\s*macro\s+(\w+)\(/.exec(source)?.[1];
      return macro === undefined ? [] : [{ folder: entry.name, macro }];
    });
}

type Kwargs = { caller?: unknown; __keywords?: boolean };
type Params = Record<string, unknown>;
type Translate = (key: string, options?: Record<string, unknown>) => string;

const isObject = (value: unknown): value is Params => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Set `key` to `value` unless the page gave one. */
function withDefault(params: Params, key: string, value: () => unknown): void {
  if (params[key] === undefined) params[key] = value();
}

/**
 * GOV.UK's components fall back to English for text a page does not give ("Error:" before a message, "Page 3",
 * "You can enter up to 500 characters", the password toggle's announcements). A page in Italian must not read those
 * out in English, so whatever the page left out is filled in from our translations, in the page's language. What a
 * page gives is never changed.
 */
export function localisedParams(macro: string, given: unknown, t: Translate): unknown {
  if (!isObject(given)) return given;
  const params: Params = { ...given };
  const error = params['errorMessage'];
  if (isObject(error) && error['visuallyHiddenText'] === undefined) params['errorMessage'] = { ...error, visuallyHiddenText: t('govuk.error') };
  switch (macro) {
    case 'govukCharacterCount':
      withDefault(params, 'textareaDescriptionText', () => t('govuk.character_count.description'));
      withDefault(params, 'charactersUnderLimitText', () => ({ one: t('govuk.character_count.under_one'), other: t('govuk.character_count.under_other'), many: t('govuk.character_count.under_other') }));
      withDefault(params, 'charactersAtLimitText', () => t('govuk.character_count.at_limit'));
      withDefault(params, 'charactersOverLimitText', () => ({ one: t('govuk.character_count.over_one'), other: t('govuk.character_count.over_other'), many: t('govuk.character_count.over_other') }));
      break;
    case 'govukPagination':
      withDefault(params, 'landmarkLabel', () => t('common.pagination'));
      if (Array.isArray(params['items'])) {
        params['items'] = params['items'].map((item: unknown) =>
          isObject(item) && item['number'] !== undefined && item['visuallyHiddenText'] === undefined ? { ...item, visuallyHiddenText: t('govuk.page_number', { number: item['number'] }) } : item,
        );
      }
      break;
    case 'govukPasswordInput':
      withDefault(params, 'showPasswordText', () => t('password_input.show'));
      withDefault(params, 'hidePasswordText', () => t('password_input.hide'));
      withDefault(params, 'showPasswordAriaLabelText', () => t('govuk.password.show_label'));
      withDefault(params, 'hidePasswordAriaLabelText', () => t('govuk.password.hide_label'));
      withDefault(params, 'passwordShownAnnouncementText', () => t('govuk.password.shown'));
      withDefault(params, 'passwordHiddenAnnouncementText', () => t('govuk.password.hidden'));
      break;
    case 'govukFileUpload':
      withDefault(params, 'chooseFilesButtonText', () => t('govuk.file_upload.choose'));
      withDefault(params, 'dropInstructionText', () => t('govuk.file_upload.drop'));
      withDefault(params, 'noFileChosenText', () => t('govuk.file_upload.none'));
      withDefault(params, 'enteredDropZoneText', () => t('govuk.file_upload.entered'));
      withDefault(params, 'leftDropZoneText', () => t('govuk.file_upload.left'));
      break;
    case 'govukWarningText':
      withDefault(params, 'iconFallbackText', () => t('govuk.warning'));
      break;
    default:
      break;
  }
  return params;
}

const isKwargs = (value: unknown): value is Kwargs => typeof value === 'object' && value !== null && (value as Kwargs).__keywords === true;

/**
 * GOV.UK Frontend's components, called the way pages always call them (`{% from "govuk/components/button/macro.njk"
 * import govukButton %}` then `{{ govukButton({...}) }}`), for about a third of the cost.
 *
 * Each component's macro.njk is a macro whose body includes its template.njk; every call then resolves the include's
 * path, copies the page's variables into a new context and renders the template (about 25 µs a call, and pages make
 * dozens). Here each template is compiled once, and the macro file a page imports is replaced (by a loader put in
 * front of the others) with one that exports a function rendering that compiled template with only what GOV.UK's
 * templates use: `params`, and `caller` for the `{% call %}` form. govuk-components.test.ts checks that every
 * fixture GOV.UK Frontend publishes renders exactly as through its own macros. On our pages the function also fills
 * in the text a page left to GOV.UK's English defaults, in the page's language (localisedParams).
 */
export function useFastGovukComponents(env: nunjucks.Environment): void {
  const macroSources = new Map<string, string>();
  for (const { folder, macro } of govukComponents()) {
    const template = env.getTemplate(`govuk/components/${folder}/template.njk`, true);
    // Nunjucks calls a page's functions with the page's context as `this`: its translator is the page's language.
    const render = function render(this: { lookup?: (name: string) => unknown } | undefined, ...args: unknown[]) {
      const last = args[args.length - 1];
      const kwargs = isKwargs(last) ? last : undefined;
      const given = args[0] === kwargs ? undefined : args[0];
      const t = this?.lookup?.('t');
      const params = typeof t === 'function' ? localisedParams(macro, given, t as Translate) : given;
      return new nunjucks.runtime.SafeString(template.render({ params, caller: kwargs?.caller }));
    };
    // A global of its own, not a member of an object: Nunjucks binds a member function to its object, and the
    // function needs the calling page's context as `this`.
    env.addGlobal(`__govuk_${macro}`, render);
    macroSources.set(folder, `{% set ${macro} = __govuk_${macro} %}`);
  }
  const loader = {
    /** The environment keeps each loader's compiled templates here (it sets this up only for loaders given at start). */
    cache: {},
    getSource(name: string) {
      const folder = MACRO_FILE.exec(name)?.[1];
      const src = folder === undefined ? undefined : macroSources.get(folder);
      return src === undefined ? null : { src, path: `fast:${name}`, noCache: false };
    },
  } as unknown as nunjucks.ILoader;
  (env as unknown as { loaders: nunjucks.ILoader[] }).loaders.unshift(loader);
}
