import type { TFunction } from 'i18next';
import { escapeHtml } from '../../shared/markup.js';
import { cardsKey, directoryCardsCache } from './people.cache.js';
import { DERIVED_VERSION } from '../../shared/cache.js';
import type { DirectoryEntry } from './people-directory.service.js';

/** A person as a page of the directory lists them, the same for every viewer (the service caches these). */
export type ListedPerson = Omit<DirectoryEntry, 'isSelf'>;

type Translate = TFunction;

/**
 * The directory's cards, built here rather than in the template: a page of 25 people was a template loop within a
 * loop (each person's strengths), and rendering it cost more than anything else on the page. The markup is what the
 * template wrote (people.views.test.ts compares the two), and it is kept with the page's list of people, which
 * the service shares while the directory is unchanged, per language and, when the viewer is on the page, per viewer
 * (their card says "You").
 */
const written = directoryCardsCache<string>();

export function directoryCardsHtml(listing: readonly ListedPerson[], viewerPersonId: string, language: string, t: Translate): string {
  const self = listing.some((person) => person.id === viewerPersonId) ? viewerPersonId : '';
  return written.getSync(cardsKey(listing, language, self), DERIVED_VERSION, () => writeCards(listing, self, t));
}

function strengthList(heading: string, labels: readonly { readonly label: string }[]): string {
  if (labels.length === 0) return '';
  let html = `<p class="govuk-body-s govuk-!-margin-bottom-1"><strong>${heading}</strong></p>\n<ul class="app-strengths">`;
  for (const s of labels) html += `<li class="app-strengths__item">${escapeHtml(s.label)}</li>`;
  return `${html}</ul>\n`;
}

function writeCards(listing: readonly ListedPerson[], self: string, t: Translate): string {
  const you = `<span class="govuk-tag govuk-tag--grey">${escapeHtml(t('people.directory.you'))}</span>`;
  const offers = escapeHtml(t('people.strengths.offers_short'));
  const grows = escapeHtml(t('people.strengths.grows_short'));
  const noStrengths = `<p class="govuk-body-s app-muted">${escapeHtml(t('people.directory.no_strengths'))}</p>\n`;
  let html = '<ul class="app-people-list">\n';
  for (const p of listing) {
    const id = escapeHtml(p.id);
    const name = escapeHtml(p.displayName);
    html += `<li class="app-person-card">\n<h3 class="govuk-heading-s app-person-card__name">\n<a class="govuk-link" href="/people/${id}">${name}</a>\n`;
    if (p.id === self) html += `${you}\n`;
    html += '</h3>\n';
    const knownAs = p.knownAs ?? '';
    const pronouns = p.pronouns ?? '';
    if (knownAs !== '' || pronouns !== '') {
      const knownAsText = knownAs === '' ? '' : escapeHtml(t('people.directory.known_as', { name: knownAs }));
      html += `<p class="govuk-body-s app-person-card__meta">${knownAsText}${knownAs !== '' && pronouns !== '' ? ' · ' : ''}${escapeHtml(pronouns)}</p>\n`;
    }
    html += strengthList(offers, p.strengths.offer);
    html += strengthList(grows, p.strengths.grow);
    if (p.strengths.offer.length === 0 && p.strengths.grow.length === 0) html += noStrengths;
    html +=
      '<div class="govuk-checkboxes govuk-checkboxes--small app-person-card__choose" data-module="govuk-checkboxes">\n<div class="govuk-checkboxes__item">\n' +
      `<input class="govuk-checkboxes__input" id="wall-${id}" name="person" type="checkbox" value="${id}" form="team-wall">\n` +
      `<label class="govuk-label govuk-checkboxes__label" for="wall-${id}">${escapeHtml(t('people.directory.choose', { name: p.displayName }))}</label>\n</div>\n</div>\n</li>\n`;
  }
  return `${html}</ul>`;
}
