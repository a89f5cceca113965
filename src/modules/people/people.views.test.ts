import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { useFastGovukComponents } from '../../plugins/govuk-components.js';
import { directoryCardsHtml, type ListedPerson } from './people.directory-cards.js';

/**
 * The people pages write some GOV.UK components out as plain markup, because calling the macros cost more than the
 * rest of the page. These tests render each written-out piece and the GOV.UK macro it stands for with the same
 * values and check the markup is the same, so the pages keep GOV.UK's structure (and an update of GOV.UK Frontend
 * that changes a component fails here, not silently in the pages).
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const env = new nunjucks.Environment(
  new nunjucks.FileSystemLoader([here('../../views'), here('..'), here('../../../node_modules/govuk-frontend/dist')]),
  { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
);
// As the app renders them: GOV.UK's English defaults replaced by our translations (here, the fake `t` below).
useFastGovukComponents(env);

/** A translator that shows which key and values were used, with characters that need escaping. */
const t = (key: string, options?: Record<string, unknown>) => (options === undefined ? `<${key}>` : `<${key}> ${JSON.stringify(options)}`);

/**
 * The same markup, ignoring layout whitespace: runs of whitespace become one space, and the space between tags, after
 * an opening tag and before a closing tag goes. Text in a textarea is kept exactly (whitespace there is the value).
 */
function sameMarkup(html: string): string {
  const kept: string[] = [];
  return html
    .replace(/(<textarea[^>]*>)([\s\S]*?)(<\/textarea>)/g, (_m, open: string, body: string, close: string) => `${open}\uE000${String(kept.push(body) - 1)}\uE000${close}`)
    .replace(/\s+/g, ' ')
    .replace(/>\s+</g, '><')
    .replace(/(<[^/!][^>]*>)\s+/g, '$1')
    .replace(/\s+(<\/)/g, '$1')
    .trim()
    .replace(/\uE000(\d+)\uE000/g, (_m, i: string) => kept[Number(i)] ?? '');
}

function render(template: string, context: Record<string, unknown>): string {
  return sameMarkup(env.renderString(template, { t, ...context }));
}

describe('sameMarkup', () => {
  it('ignores layout whitespace but keeps the space that separates words and the text of a textarea', () => {
    expect(sameMarkup('<p class="a">\n  <span>Error:</span> Too long\n</p>\n<div>\n  x\n</div>')).toBe('<p class="a"><span>Error:</span> Too long</p><div>x</div>');
    expect(sameMarkup('<textarea id="a">\n two  spaces\n</textarea>')).toBe('<textarea id="a">\n two  spaces\n</textarea>');
    expect(sameMarkup('<p><span>Error:</span>Too long</p>')).not.toBe(sameMarkup('<p><span>Error:</span> Too long</p>'));
  });
});

describe('the directory search form', () => {
  const reference = `
    {% from "govuk/components/input/macro.njk" import govukInput %}
    {% from "govuk/components/radios/macro.njk" import govukRadios %}
    {% from "govuk/components/button/macro.njk" import govukButton %}
    {{ govukInput({
      label: { text: t("people.directory.search_label"), classes: "govuk-label--s" },
      hint: { text: t("people.directory.search_hint") },
      id: "q", name: "q", type: "search", value: values.q, errorMessage: errors.q, autocomplete: "off", spellcheck: false
    }) }}
    {{ govukRadios({
      classes: "govuk-radios--small govuk-radios--inline",
      fieldset: { legend: { text: t("people.directory.kind_legend"), classes: "govuk-fieldset__legend--s" } },
      idPrefix: "kind", name: "kind", value: values.kind or "any",
      items: [
        { value: "any", text: t("people.directory.kind_any") },
        { value: "offer", text: t("people.directory.kind_offer") },
        { value: "grow", text: t("people.directory.kind_grow") }
      ]
    }) }}
    {{ govukButton({ text: t("people.directory.search_button"), classes: "govuk-button--secondary" }) }}`;

  it.each([
    ['nothing searched yet', { values: { q: '', kind: 'any' } }],
    ['a search of strengths offered', { values: { q: 'design & <print>', kind: 'offer' } }],
    ['a search of strengths to grow', { values: { q: 'facilitat', kind: 'grow' } }],
    ['a search that is too long', { values: { q: 'x'.repeat(10), kind: 'grow' }, errors: { q: { text: 'Search for 100 characters or fewer' } }, errorList: [{ text: 'x', href: '#q' }] }],
    ['a kind that is not one of the choices', { values: { kind: 'nonsense' }, errors: { q: { text: 'Problem & <fix>' } } }],
    ['no values at all', { values: {} }],
  ])('is the GOV.UK components\' markup: %s', (_name, context) => {
    const written = render('{% include "people/views/_search-form.njk" %}', context);
    expect(written).toBe(render(reference, context));
    expect(written).toContain('id="q"');
  });
});

describe('the directory page links', () => {
  // As the directory called the macro before it was written out.
  const reference = `
    {% from "govuk/components/pagination/macro.njk" import govukPagination %}
    {% set items = [] %}
    {% for item in pagination.items %}
      {% if item.ellipsis %}{% set items = (items.push({ ellipsis: true }), items) %}{% else %}{% set items = (items.push({ number: item.number, href: item.href, current: item.current }), items) %}{% endif %}
    {% endfor %}
    {{ govukPagination({
      items: items,
      previous: { href: pagination.previous, text: t("common.previous") } if pagination.previous else undefined,
      next: { href: pagination.next, text: t("common.next") } if pagination.next else undefined,
      landmarkLabel: t("common.pagination")
    }) }}`;
  const page = (n: number, current = false) => ({ number: n, href: `/people?q=a&kind=offer&page=${String(n)}`, current });

  it.each([
    ['the first of two pages', { items: [page(1, true), page(2)], previous: null, next: '/people?page=2' }],
    ['the last of two pages', { items: [page(1), page(2, true)], previous: '/people', next: null }],
    ['a page in the middle of many', { items: [page(1), { ellipsis: true }, page(199), page(200, true), page(201), { ellipsis: true }, page(401)], previous: '/people?page=199', next: '/people?page=201' }],
  ])('is the GOV.UK pagination\'s markup: %s', (_name, pagination) => {
    const written = render('{% include "people/views/_pagination.njk" %}', { pagination });
    expect(written).toBe(render(reference, { pagination }));
    expect(written).toContain('aria-current="page"');
  });
});

describe('the appreciation box on a profile', () => {
  // As the profile called the macro before it was written out.
  const reference = `
    {% from "govuk/components/character-count/macro.njk" import govukCharacterCount %}
    {{ govukCharacterCount({
      label: { text: t("people.appreciations.write_label", { name: name }), classes: "govuk-label--s", isPageHeading: false },
      hint: { text: t("people.appreciations.write_hint", { name: name }) },
      id: "appreciation", name: "appreciation", rows: 4, maxlength: limits.appreciation,
      value: values.appreciation, errorMessage: errors.appreciation
    }) }}`;
  const limits = { appreciation: 1000 };

  it.each([
    ['empty', { name: 'Priya', limits, values: {} }],
    ['sent back with a problem', { name: 'Sam & <Jo>', limits, values: { appreciation: '  Thank you\n\nfor <everything> & more  ' }, errors: { appreciation: { text: 'Write 1000 characters or fewer' } } }],
    ['with a value and no problem', { name: 'Priya', limits: { appreciation: 12 }, values: { appreciation: 'Thanks' } }],
  ])('is the GOV.UK character count\'s markup: %s', (_name, context) => {
    const written = render('{% include "people/views/_appreciation-field.njk" %}', context);
    expect(written).toBe(render(reference, context));
    expect(written).toContain('data-module="govuk-character-count"');
  });
});

describe('the directory\'s cards', () => {
  /** The loop the directory template held before the cards were built in TypeScript. */
  const reference = `
    {# Words every card uses, looked up once rather than once a card. #}
    {% set youText = t("people.directory.you") %}
    {% set offersText = t("people.strengths.offers_short") %}
    {% set growsText = t("people.strengths.grows_short") %}
    {% set noStrengthsText = t("people.directory.no_strengths") %}
    <ul class="app-people-list">
      {% for p in entries %}
        <li class="app-person-card">
          <h3 class="govuk-heading-s app-person-card__name">
            <a class="govuk-link" href="/people/{{ p.id }}">{{ p.displayName }}</a>
            {% if p.isSelf %}<span class="govuk-tag govuk-tag--grey">{{ youText }}</span>{% endif %}
          </h3>
          {% if p.knownAs or p.pronouns %}
            <p class="govuk-body-s app-person-card__meta">
              {% if p.knownAs %}{{ t("people.directory.known_as", { name: p.knownAs }) }}{% endif %}
              {% if p.knownAs and p.pronouns %} · {% endif %}
              {% if p.pronouns %}{{ p.pronouns }}{% endif %}
            </p>
          {% endif %}
          {% if p.strengths.offer.length %}
            <p class="govuk-body-s govuk-!-margin-bottom-1"><strong>{{ offersText }}</strong></p>
            <ul class="app-strengths">
              {% for s in p.strengths.offer %}<li class="app-strengths__item">{{ s.label }}</li>{% endfor %}
            </ul>
          {% endif %}
          {% if p.strengths.grow.length %}
            <p class="govuk-body-s govuk-!-margin-bottom-1"><strong>{{ growsText }}</strong></p>
            <ul class="app-strengths">
              {% for s in p.strengths.grow %}<li class="app-strengths__item">{{ s.label }}</li>{% endfor %}
            </ul>
          {% endif %}
          {% if not p.strengths.offer.length and not p.strengths.grow.length %}
            <p class="govuk-body-s app-muted">{{ noStrengthsText }}</p>
          {% endif %}
          <div class="govuk-checkboxes govuk-checkboxes--small app-person-card__choose" data-module="govuk-checkboxes">
            <div class="govuk-checkboxes__item">
              <input class="govuk-checkboxes__input" id="wall-{{ p.id }}" name="person" type="checkbox" value="{{ p.id }}" form="team-wall">
              <label class="govuk-label govuk-checkboxes__label" for="wall-{{ p.id }}">{{ t("people.directory.choose", { name: p.displayName }) }}</label>
            </div>
          </div>
        </li>
      {% endfor %}
    </ul>
`;
  const strength = (label: string, kind: 'offer' | 'grow') => ({ id: label, personId: 'x', kind, label, createdAt: '2026-12-01T10:00:00.000Z' });
  const listing: ListedPerson[] = [
    { id: 'a1', displayName: 'Ada <Lovelace>', knownAs: 'Ada & "Co"', pronouns: 'she/her', ageText: null, hasAccount: true, visibility: 'organisation', strengths: { offer: [strength('Graphic <design>', 'offer'), strength('Baking', 'offer')], grow: [strength("Facilitating 'groups'", 'grow')] } },
    { id: 'b2', displayName: 'Ben', knownAs: null, pronouns: 'he/him', ageText: null, hasAccount: false, visibility: 'projects', strengths: { offer: [], grow: [strength('Guitar', 'grow')] } },
    { id: 'c3', displayName: 'Cat', knownAs: 'Kit', pronouns: null, ageText: '40s', hasAccount: true, visibility: 'organisation', strengths: { offer: [strength('Listening', 'offer')], grow: [] } },
    { id: 'd4', displayName: 'Dee', knownAs: null, pronouns: null, ageText: null, hasAccount: true, visibility: 'organisation', strengths: { offer: [], grow: [] } },
  ];

  it('are the markup the template wrote, for the viewer on the page and for someone else', () => {
    for (const viewer of ['b2', 'someone-else']) {
      const entries = listing.map((p) => ({ ...p, isSelf: p.id === viewer }));
      const built = directoryCardsHtml(listing, viewer, 'en-GB', t as unknown as TFunction);
      expect(sameMarkup(built), viewer).toBe(render(reference, { entries }));
    }
    expect(directoryCardsHtml(listing, 'b2', 'en-GB', t as unknown as TFunction)).toContain('govuk-tag--grey');
    expect(directoryCardsHtml(listing, 'someone-else', 'en-GB', t as unknown as TFunction)).not.toContain('govuk-tag--grey');
  });

  it('are kept with the list and language they were written for', () => {
    const english = directoryCardsHtml(listing, 'x', 'en-GB', t as unknown as TFunction);
    const italian = (key: string) => `it:${key}`;
    expect(directoryCardsHtml(listing, 'x', 'it', italian as unknown as TFunction)).toContain('it:people.directory.choose');
    expect(directoryCardsHtml(listing, 'y', 'en-GB', t as unknown as TFunction)).toBe(english);
    expect(directoryCardsHtml([...listing], 'x', 'it', t as unknown as TFunction)).not.toContain('it:');
  });
});
