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
 * fixture GOV.UK Frontend publishes renders exactly as through its own macros.
 */
export function useFastGovukComponents(env: nunjucks.Environment): void {
  const renderers: Record<string, (...args: unknown[]) => unknown> = {};
  const macroSources = new Map<string, string>();
  for (const { folder, macro } of govukComponents()) {
    const template = env.getTemplate(`govuk/components/${folder}/template.njk`, true);
    renderers[macro] = (...args: unknown[]) => {
      const last = args[args.length - 1];
      const kwargs = isKwargs(last) ? last : undefined;
      const params = args[0] === kwargs ? undefined : args[0];
      return new nunjucks.runtime.SafeString(template.render({ params, caller: kwargs?.caller }));
    };
    macroSources.set(folder, `{% set ${macro} = __govukComponents.${macro} %}`);
  }
  env.addGlobal('__govukComponents', renderers);
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
