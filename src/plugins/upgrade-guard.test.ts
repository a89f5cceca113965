import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, translatorFor } from '../shared/i18n.js';
import { govukComponents, useFastGovukComponents } from './govuk-components.js';

/**
 * What the code relies on inside its dependencies, beyond their documented use, each named here with where it is
 * used. When an upgrade changes one, this file fails and says which, before a page quietly renders something else.
 * The versions are pinned exactly in package.json so that an upgrade is always a deliberate change that runs this.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GOVUK = `${ROOT}node_modules/govuk-frontend/dist/`;

/** The versions these internals were last checked against. */
const CHECKED = { nunjucks: '3.2.4', 'govuk-frontend': '6.6.0' } as const;

const packageJson = (path: string) => JSON.parse(readFileSync(`${ROOT}${path}`, 'utf8')) as { version: string; dependencies: Record<string, string> };

describe('the versions the internals below were checked against', () => {
  it.each(Object.entries(CHECKED))('%s is pinned exactly, and installed, at the version checked', (name, version) => {
    const pinned = packageJson('package.json').dependencies[name];
    expect(pinned, `${name} must be pinned exactly in package.json (no ^ or ~): an upgrade must be deliberate`).toBe(version);
    expect(
      packageJson(`node_modules/${name}/package.json`).version,
      `${name} ${packageJson(`node_modules/${name}/package.json`).version} is installed but this file was checked against ${version}: ` +
        'go through every test below, and the differences listed for the layout, then update CHECKED',
    ).toBe(version);
  });
});

describe('GOV.UK Frontend internals (src/plugins/govuk-components.ts)', () => {
  const components = govukComponents();

  it('still ships its components as folders holding macro.njk, template.njk and fixtures.json', () => {
    expect(components.length, 'no components found under govuk-frontend/dist/govuk/components').toBeGreaterThan(30);
    for (const { folder } of components) {
      for (const file of ['template.njk', 'fixtures.json']) {
        expect(() => readFileSync(`${GOVUK}govuk/components/${folder}/${file}`), `${folder}/${file} is missing`).not.toThrow();
      }
    }
  });

  it('gives every macro.njk the one shape the fast loader replaces: a macro that includes ./template.njk with params', () => {
    for (const { folder, macro } of components) {
      const source = readFileSync(`${GOVUK}govuk/components/${folder}/macro.njk`, 'utf8').replace(/\s+/g, ' ').replaceAll("'", '"').trim();
      expect(
        source,
        `govuk/components/${folder}/macro.njk has changed shape: govuk-components.ts renders template.njk with only params and caller, ` +
          'and may no longer do what the macro does',
      ).toBe(`{% macro ${macro}(params) %} {%- include "./template.njk" -%} {% endmacro %}`);
    }
  });
});

describe('Nunjucks internals', () => {
  it('keeps an environment’s loaders in env.loaders, each with a cache of its own (govuk-components.ts puts a loader first)', () => {
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([GOVUK]));
    const loaders = (env as unknown as { loaders?: unknown }).loaders;
    expect(Array.isArray(loaders), 'Environment.loaders is no longer an array').toBe(true);
    expect((loaders as { cache?: unknown }[])[0]?.cache, 'a loader given at start no longer has a cache object').toBeTypeOf('object');
    useFastGovukComponents(env);
    expect((env.getTemplate('govuk/components/button/macro.njk') as unknown as { path: string }).path).toBe('fast:govuk/components/button/macro.njk');
  });

  it('calls a global function with the page’s context as this, which can look up the page’s variables (govuk-components.ts)', () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    env.addGlobal('whoIsT', function whoIsT(this: { lookup?: (name: string) => unknown } | undefined) {
      return typeof this?.lookup === 'function' ? String(this.lookup('t')) : 'no context';
    });
    expect(env.renderString('{{ whoIsT() }}', { t: 'the page’s t' })).toBe('the page’s t');
  });

  it('has runtime.SafeString, which autoescape leaves alone (govuk-components.ts returns the components’ markup as one)', () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    expect(env.renderString('{{ x }}', { x: new nunjucks.runtime.SafeString('<b>kept</b>') })).toBe('<b>kept</b>');
  });

  it('has lib.escape, and it is what autoescape uses (src/shared/markup.ts escapeHtml is it)', () => {
    const escape = (nunjucks.lib as unknown as { escape?: unknown }).escape;
    expect(escape, 'nunjucks.lib.escape is gone: src/shared/markup.ts needs another escape').toBeTypeOf('function');
    const env = new nunjucks.Environment(null, { autoescape: true });
    const text = `<a href="x" title='y'>&\\</a>`;
    expect((escape as (text: string) => string)(text)).toBe(env.renderString('{{ x }}', { x: text }));
  });
});

describe('i18next (src/shared/i18n.ts uses its public API only)', () => {
  it('is ready to translate as soon as init returns, with initAsync: false (getI18n does not wait)', () => {
    const instance = i18next.createInstance();
    void instance.init({ initAsync: false, lng: 'en-GB', resources: { 'en-GB': { translation: { a: 'A {{n}}' } } }, interpolation: { escapeValue: false }, showSupportNotice: false });
    expect(instance.getFixedT('en-GB')('a', { n: '<1>' })).toBe('A <1>');
    expect(instance.exists('a', { lng: 'en-GB' })).toBe(true);
    expect(instance.exists('b', { lng: 'en-GB' })).toBe(false);
  });
});

/** An element of a page reduced to what the comparison below looks at. */
interface Element {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: Element[];
}

const VOID = new Set(['meta', 'link', 'input', 'br', 'img', 'hr', 'source', 'path', 'circle']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** The elements of a page as a tree (text left out); enough for the well-formed markup of the templates compared. */
function parse(html: string): Element {
  const root: Element = { name: '#root', attributes: {}, children: [] };
  const open: Element[] = [root];
  for (const [, closing, rawName = '', rawAttributes = '', selfClosing] of html.replace(/<script([^>]*)>[\s\S]*?<\/script>/g, '<script$1></script>').matchAll(TAG)) {
    const name = rawName.toLowerCase();
    if (closing === '/') {
      const at = open.map((e) => e.name).lastIndexOf(name);
      if (at > 0) open.length = at;
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key = '', a, b, c] of rawAttributes.matchAll(ATTRIBUTE)) attributes[key.toLowerCase()] = a ?? b ?? c ?? '';
    const element: Element = { name, attributes, children: [] };
    open[open.length - 1]?.children.push(element);
    if (selfClosing !== '/' && !VOID.has(name)) open.push(element);
  }
  return root;
}

const classesOf = (element: Element) => (element.attributes['class'] ?? '').split(/\s+/).filter((c) => c !== '');

/** Attributes whose values are part of the skeleton; of the others only the name is. */
const VALUES_KEPT = new Set(['id', 'data-module', 'charset', 'name', 'aria-controls', 'aria-current', 'hidden', 'aria-hidden', 'type', 'method']);

/** One line per element, indented by depth: its name, GOV.UK classes, attribute names and the values that matter. */
function skeleton(element: Element, depth = 0): string[] {
  const classes = classesOf(element).filter((c) => c.startsWith('govuk-')).sort();
  const attributes = Object.keys(element.attributes)
    .filter((key) => key !== 'class')
    .sort()
    .map((key) => (VALUES_KEPT.has(key) || (key === 'href' && element.attributes[key]?.startsWith('#') === true) ? `${key}=${element.attributes[key] ?? ''}` : key));
  const line = `${'  '.repeat(depth)}${element.name}${classes.map((c) => `.${c}`).join('')}${attributes.length > 0 ? ` [${attributes.join(' ')}]` : ''}`;
  return [...(element.name === '#root' ? [] : [line]), ...element.children.flatMap((child) => skeleton(child, element.name === '#root' ? depth : depth + 1))];
}

/** The tree without the elements `drop` picks (and everything inside them). */
function without(element: Element, drop: (e: Element) => boolean): Element {
  return { ...element, children: element.children.filter((child) => !drop(child)).map((child) => without(child, drop)) };
}

/**
 * Where our layout deliberately differs from GOV.UK Frontend's page template, and why. Each is applied to GOV.UK's
 * page (`reference`) or to ours (`ours`) before the two skeletons are compared; anything else that differs fails.
 */
const DIFFERENCES: readonly { readonly what: string; readonly why: string; readonly reference?: (e: Element) => boolean; readonly ours?: (e: Element) => boolean }[] = [
  {
    what: 'our own elements and classes (app-*): the utility bar (help, language, sign in or out), the demo banner, the brand name',
    why: 'GOV.UK’s header has no place for a help link, a language form or signing out; elements whose classes are all ours are left out, and app-* classes are never compared',
    ours: (e) => classesOf(e).length > 0 && classesOf(e).every((c) => c.startsWith('app-')),
  },
  {
    what: 'GOV.UK’s icons (favicon.ico, mask icon, apple touch icon, manifest) in headIcons',
    why: 'they are the GOV.UK crown, for GOV.UK services only; our headIcons block links our own icon',
    reference: (e) => e.name === 'link' && ['icon', 'mask-icon', 'apple-touch-icon', 'manifest'].includes(e.attributes['rel'] ?? ''),
    ours: (e) => e.name === 'link' && e.attributes['rel'] === 'icon',
  },
  {
    what: 'the crown, the Open Government Licence and the Crown copyright in the footer',
    why: 'govukFooter always adds them, and none belongs to Doing With: our footer is written with GOV.UK’s footer classes and without them',
    reference: (e) => ['govuk-footer__crown', 'govuk-footer__licence-logo', 'govuk-footer__licence-description', 'govuk-footer__copyright-logo'].some((c) => classesOf(e).includes(c)) ||
      (classesOf(e).includes('govuk-footer__meta-item') && !classesOf(e).includes('govuk-footer__meta-item--grow')),
  },
];

const NAVIGATION = [{ href: '/', text: 'Home', active: true }, { href: '/people', text: 'People' }];

/**
 * GOV.UK's own page template, its blocks filled the way GOV.UK documents, with GOV.UK's own components: what our
 * hand-written layout stands for. Our head and bodyEnd blocks (robots, stylesheet, script) go in the same blocks.
 */
const REFERENCE = `{% extends "govuk/template.njk" %}
{% from "govuk/components/generic-header/macro.njk" import govukGenericHeader %}
{% from "govuk/components/service-navigation/macro.njk" import govukServiceNavigation %}
{% from "govuk/components/footer/macro.njk" import govukFooter %}
{% block head %}<meta name="robots" content="noindex"><link rel="stylesheet" href="/assets/app.css">{% endblock %}
{% block govukHeader %}{{ govukGenericHeader({ url: "/", logoText: "Doing With" }) }}{% endblock %}
{% block govukServiceNavigation %}{{ govukServiceNavigation({ serviceName: "Riverside", serviceUrl: "/", navigation: navigation, navigationLabel: "Menu" }) }}{% endblock %}
{% block govukFooter %}{{ govukFooter({ meta: { visuallyHiddenTitle: "Support links", items: [{ href: "/get-help", text: "Help" }, { href: "/accessibility", text: "Accessibility" }, { href: "/privacy", text: "Privacy" }], html: "<p class='govuk-body-s'>About</p><p class='govuk-body-s'>Licence</p>" } }) }}{% endblock %}
{% block bodyEnd %}<script type="module" src="/assets/app.js" nonce="{{ cspNonce }}"></script>{% endblock %}`;

function govukPage(): string {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([GOVUK]), { autoescape: true });
  return env.renderString(REFERENCE, { htmlLang: 'en-GB', cspNonce: 'nonce', navigation: NAVIGATION });
}

function ourPage(): string {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([`${ROOT}src/views`, `${ROOT}src/modules`, GOVUK]), { autoescape: true, trimBlocks: true, lstripBlocks: true });
  useFastGovukComponents(env);
  // Built assets have hashed names (src/shared/assets.ts); any name will do for comparing the skeleton.
  env.addGlobal('asset', (name: string) => `/assets/${name}`);
  return env.render('layout.njk', {
    t: translatorFor('en-GB'),
    lang: 'en-GB',
    languages: LANGUAGES.map((l) => ({ ...l, current: l.code === 'en-GB' })),
    csrfToken: 'token',
    cspNonce: 'nonce',
    currentPath: '/',
    signedIn: true,
    organisation: { name: 'Riverside', shortName: 'Riverside' },
    demo: true,
    navigation: NAVIGATION,
    title: 'Home',
  });
}

function compared(html: string, side: 'reference' | 'ours'): string[] {
  let tree = parse(html);
  for (const difference of DIFFERENCES) {
    const drop = difference[side];
    if (drop !== undefined) tree = without(tree, drop);
  }
  return skeleton(tree);
}

describe('src/views/layout.njk against GOV.UK Frontend’s page template', () => {
  it('has the same skeleton of landmarks, blocks, classes and attributes, apart from the differences listed', () => {
    const reference = compared(govukPage(), 'reference');
    const ours = compared(ourPage(), 'ours');
    expect(reference.length).toBeGreaterThan(30);
    expect(
      ours.join('\n'),
      'src/views/layout.njk no longer matches govuk/template.njk (with the generic header, service navigation and footer): ' +
        'update the layout to GOV.UK’s new markup, or list a deliberate difference in DIFFERENCES with why',
    ).toBe(reference.join('\n'));
  });

  it('finds a difference in a landmark, so the comparison above can fail', () => {
    const broken = ourPage().replace('<main class="govuk-main-wrapper" id="main-content">', '<div class="govuk-main-wrapper" id="main-content">').replace('</main>', '</div>');
    expect(compared(broken, 'ours')).not.toEqual(compared(govukPage(), 'reference'));
  });
});
