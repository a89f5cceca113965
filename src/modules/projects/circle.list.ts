import type { CirclePerson } from './circle.repository.js';
import { escapeXml } from './circle.svg.js';
import { circleListMarkupCache } from './projects.cache.js';
import { derivedKey, DERIVED_VERSION } from '../../shared/cache.js';
import type { Domain, Level } from './projects.registry.js';

/**
 * The people of one circle as the circle page lists them (the accessible equivalent of the drawing). Built here
 * rather than in the template for the same reason as the drawing: a template loop over 200 people costs several
 * times more than this string join. The markup is what the template used to write, item for item; every piece of
 * text is escaped.
 */

export interface CircleListLabels {
  /** Where a person's page in this circle starts: `/projects/<id>/circle/`, or `circle/` relative to the circle page. */
  readonly memberBase: string;
  /** Whether the viewer may open everyone's page (they may always open their own). */
  readonly canOpen: boolean;
  readonly viewerId: string;
  readonly levelNames: Readonly<Record<Level, string>>;
  readonly domainNames: Readonly<Record<Domain, string>>;
  /** The tag shown, to those who run the circle, beside someone who has asked to do more. */
  readonly wantsMore: string;
}

/**
 * Each list's markup by what it was written with: a cached circle's lists are the same arrays each time. A viewer
 * who may not open everyone's page has their own (only their name is a link).
 */
const written = circleListMarkupCache<string>();

export function circlePeopleHtml(people: readonly CirclePerson[], labels: CircleListLabels): string {
  const key = derivedKey(
    people, labels.memberBase, labels.canOpen ? 'everyone' : `own:${labels.viewerId}`, labels.wantsMore, ...Object.values(labels.levelNames), ...Object.values(labels.domainNames),
  );
  return written.getSync(key, DERIVED_VERSION, () => writeList(people, labels));
}

function writeList(people: readonly CirclePerson[], labels: CircleListLabels): string {
  const base = escapeXml(labels.memberBase);
  const wantsMore = ` <strong class="govuk-tag govuk-tag--yellow">${escapeXml(labels.wantsMore)}</strong>`;
  // "– Consult, We": nine combinations at most, each escaped once.
  const places = new Map<string, string>();
  let html = '<ul class="govuk-list app-circle-people">\n';
  for (const person of people) {
    const name = escapeXml(person.name);
    const key = `${person.level}|${person.domain}`;
    let place = places.get(key);
    if (place === undefined) {
      place = ` <span>– ${escapeXml(labels.levelNames[person.level])}, ${escapeXml(labels.domainNames[person.domain])}</span>`;
      places.set(key, place);
    }
    const who = labels.canOpen || person.personId === labels.viewerId ? `<a href="${base}${escapeXml(person.personId)}">${name}</a>` : name;
    html += `<li>${who}${place}${person.wantsMore && labels.canOpen ? wantsMore : ''}</li>\n`;
  }
  return `${html}</ul>`;
}
