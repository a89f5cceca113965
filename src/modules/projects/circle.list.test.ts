import { describe, expect, it } from 'vitest';
import { circlePeopleHtml, type CircleListLabels } from './circle.list.js';
import type { CirclePerson } from './circle.repository.js';

const labels: CircleListLabels = {
  memberBase: '/projects/p1/circle/',
  canOpen: true,
  viewerId: 'me',
  levelNames: { inform: 'Inform', consult: 'Consult', involve: 'Involve' },
  domainNames: { me: 'Me', we: 'We', community: 'Community' },
  wantsMore: 'Would like to do more',
};

const person = (over: Partial<CirclePerson>): CirclePerson => ({ personId: 'a', name: 'Amina Patel', circle: 'participants', level: 'consult', domain: 'we', wantsMore: false, ...over });

describe('the list of people in a circle', () => {
  it('links each name to their page in the circle, with their level and domain', () => {
    expect(circlePeopleHtml([person({}), person({ personId: 'b', name: 'Jo', level: 'involve', domain: 'me' })], labels)).toBe(
      '<ul class="govuk-list app-circle-people">\n' +
        '<li><a href="/projects/p1/circle/a">Amina Patel</a> <span>– Consult, We</span></li>\n' +
        '<li><a href="/projects/p1/circle/b">Jo</a> <span>– Involve, Me</span></li>\n' +
        '</ul>',
    );
  });

  it('shows who would like to do more to the people who run the circle only', () => {
    const keen = [person({ wantsMore: true })];
    expect(circlePeopleHtml(keen, labels)).toContain('<span>– Consult, We</span> <strong class="govuk-tag govuk-tag--yellow">Would like to do more</strong></li>');
    expect(circlePeopleHtml(keen, { ...labels, canOpen: false })).not.toContain('govuk-tag');
  });

  it('links only the viewer\'s own name for someone who cannot open everyone\'s page', () => {
    const html = circlePeopleHtml([person({}), person({ personId: 'me', name: 'Me Myself' })], { ...labels, canOpen: false });
    expect(html).toContain('<li>Amina Patel <span');
    expect(html).toContain('<li><a href="/projects/p1/circle/me">Me Myself</a>');
  });

  it('escapes names, ids and labels', () => {
    const html = circlePeopleHtml([person({ personId: '"x', name: '<b>Jo & "Co"</b>' })], { ...labels, levelNames: { ...labels.levelNames, consult: '<i>' }, wantsMore: '<' });
    expect(html).toContain('href="/projects/p1/circle/&quot;x">&lt;b&gt;Jo &amp; &quot;Co&quot;&lt;/b&gt;</a>');
    expect(html).toContain('– &lt;i&gt;, We');
    expect(html).not.toMatch(/<(b|i)>/);
  });

  it('is written again for other words or another viewer, though the list of people is the same one', () => {
    const people = [person({}), person({ personId: 'me', name: 'Me Myself', wantsMore: true })];
    const english = circlePeopleHtml(people, labels);
    expect(circlePeopleHtml(people, labels)).toBe(english);
    expect(circlePeopleHtml(people, { ...labels, levelNames: { ...labels.levelNames, consult: 'Consultare' }, wantsMore: 'Vorrebbe fare di più' })).toContain('– Consultare, We</span> <strong class="govuk-tag govuk-tag--yellow">Vorrebbe fare di più</strong>');
    const mine = circlePeopleHtml(people, { ...labels, canOpen: false });
    expect(mine).toContain('href="/projects/p1/circle/me"');
    expect(circlePeopleHtml(people, { ...labels, canOpen: false, viewerId: 'a' })).toContain('href="/projects/p1/circle/a"');
    expect(circlePeopleHtml(people, { ...labels, canOpen: false, viewerId: 'a' })).not.toContain('href="/projects/p1/circle/me"');
  });

  it('is an empty list for nobody', () => {
    expect(circlePeopleHtml([], labels)).toBe('<ul class="govuk-list app-circle-people">\n</ul>');
  });
});
