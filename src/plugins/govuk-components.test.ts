import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../shared/i18n.js';
import { govukComponents, localisedParams, useFastGovukComponents } from './govuk-components.js';

const DIST = fileURLToPath(new URL('../../node_modules/govuk-frontend/dist/', import.meta.url));

interface Fixture {
  readonly name: string;
  readonly options: Record<string, unknown>;
}

function environment(fast: boolean): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([DIST]), { autoescape: true, trimBlocks: true, lstripBlocks: true });
  if (fast) useFastGovukComponents(env);
  return env;
}

describe('GOV.UK components without their macro files', () => {
  const original = environment(false);
  const fast = environment(true);
  const components = govukComponents();

  it('knows every component GOV.UK Frontend ships', () => {
    expect(components.length).toBeGreaterThan(30);
    expect(components).toContainEqual({ folder: 'button', macro: 'govukButton' });
    expect(components).toContainEqual({ folder: 'error-summary', macro: 'govukErrorSummary' });
    // The fast environment really does answer the import with its own macro file.
    expect((fast.getTemplate('govuk/components/button/macro.njk') as unknown as { path: string }).path).toBe('fast:govuk/components/button/macro.njk');
    expect((original.getTemplate('govuk/components/button/macro.njk') as unknown as { path: string }).path).toMatch(/\/button\/macro\.njk$/);
  });

  it.each(components)('renders every published fixture of $folder exactly as its own macro does', ({ folder, macro }) => {
    const fixtures = (JSON.parse(readFileSync(`${DIST}govuk/components/${folder}/fixtures.json`, 'utf8')) as { fixtures: Fixture[] }).fixtures;
    expect(fixtures.length).toBeGreaterThan(0);
    const page = `{% from "govuk/components/${folder}/macro.njk" import ${macro} %}{{ ${macro}(params) }}`;
    for (const fixture of fixtures) {
      const expected = original.renderString(page, { params: fixture.options });
      expect(fast.renderString(page, { params: fixture.options }), `${folder}: ${fixture.name}`).toBe(expected);
    }
  });

  it('passes what a {% call %} block holds to the component, as the macro does', () => {
    const page = `{% from "govuk/components/fieldset/macro.njk" import govukFieldset %}{% call govukFieldset({ legend: { text: "Your address" } }) %}<p>{{ inner }}</p>{% endcall %}`;
    const expected = original.renderString(page, { inner: '<b>escaped</b>' });
    expect(expected).toContain('&lt;b&gt;escaped&lt;/b&gt;');
    expect(fast.renderString(page, { inner: '<b>escaped</b>' })).toBe(expected);
  });

  it('escapes what pages pass in, as the macros do', () => {
    const page = `{% from "govuk/components/button/macro.njk" import govukButton %}{{ govukButton({ text: text }) }}`;
    expect(fast.renderString(page, { text: '<script>alert(1)</script>' })).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leaves every other template to the usual loaders', () => {
    expect(fast.render('govuk/components/button/template.njk', { params: { text: 'Go' } })).toBe(original.render('govuk/components/button/template.njk', { params: { text: 'Go' } }));
  });

  describe('on a page in Italian, the text GOV.UK would give in English', () => {
    const it_ = translatorFor('it');
    const tIt = (key: string, options?: Record<string, unknown>): string => it_(key, options ?? {});
    const render = (page: string, context: Record<string, unknown> = {}) => fast.renderString(page, { t: it_, ...context });

    it('says "Errore" before an error message, in every field that has one', () => {
      const html = render('{% from "govuk/components/textarea/macro.njk" import govukTextarea %}{{ govukTextarea({ id: "a", name: "a", label: { text: "A" }, errorMessage: { text: "Scrivi qualcosa" } }) }}');
      expect(html).toContain('<span class="govuk-visually-hidden">Errore:</span> Scrivi qualcosa');
      expect(html).not.toContain('>Error:<');
    });

    it('counts characters in Italian, with and without JavaScript', () => {
      const html = render('{% from "govuk/components/character-count/macro.njk" import govukCharacterCount %}{{ govukCharacterCount({ id: "b", name: "b", maxlength: 500, label: { text: "B" } }) }}');
      expect(html).toContain('Puoi scrivere fino a 500 caratteri');
      expect(html).toContain('Ti restano %{count} caratteri');
      expect(html).not.toContain('You can enter');
    });

    it('names each page link "Pagina N" and the password toggle in Italian', () => {
      const pages = render('{% from "govuk/components/pagination/macro.njk" import govukPagination %}{{ govukPagination({ items: [{ number: 1, href: "/p/1", current: true }, { number: 2, href: "/p/2" }] }) }}');
      expect(pages).toContain('aria-label="Pagina 2"');
      expect(pages).not.toContain('aria-label="Page');
      const password = render('{% from "govuk/components/password-input/macro.njk" import govukPasswordInput %}{{ govukPasswordInput({ id: "p", name: "p", label: { text: "Password" } }) }}');
      expect(password).toContain('Mostra la password');
      expect(password).toContain('La password è visibile');
      expect(password).not.toContain('Show password');
    });

    it('never changes what the page gave', () => {
      const given = { errorMessage: { text: 'x', visuallyHiddenText: 'Attenzione' }, textareaDescriptionText: 'Mine', items: [{ number: 1, visuallyHiddenText: 'Prima' }] };
      expect(localisedParams('govukCharacterCount', given, tIt)).toMatchObject({ errorMessage: { visuallyHiddenText: 'Attenzione' }, textareaDescriptionText: 'Mine' });
      expect(localisedParams('govukPagination', given, tIt)).toMatchObject({ items: [{ visuallyHiddenText: 'Prima' }] });
      expect(given).toEqual({ errorMessage: { text: 'x', visuallyHiddenText: 'Attenzione' }, textareaDescriptionText: 'Mine', items: [{ number: 1, visuallyHiddenText: 'Prima' }] });
      expect(localisedParams('govukButton', undefined, tIt)).toBeUndefined();
    });

    it('in English, matches GOV.UK’s own English', () => {
      const page = '{% from "govuk/components/textarea/macro.njk" import govukTextarea %}{{ govukTextarea({ id: "a", name: "a", label: { text: "A" }, errorMessage: { text: "Enter something" } }) }}';
      expect(fast.renderString(page, { t: translatorFor('en-GB') })).toBe(original.renderString(page, {}));
    });
  });
});
