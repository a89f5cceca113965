import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { CHOOSE_LIMIT } from '../../src/modules/projects/circle.find.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, type Page } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { decodeEntities, elementById, fieldValue, tags } from '../helpers/html.js';
import { expectFormErrors } from '../helpers/pages.js';
import { generatePeople } from '../helpers/people-generator.js';
import { makePersonWithoutAccount } from '../helpers/projects.js';

const GENERATED = 120;

/** The names in the "Someone already in the organisation" list, without its "Choose a person" first option. */
function listed(page: Page): string[] {
  const select = elementById(page.body, 'personId');
  if (select?.name !== 'select') return [];
  const end = page.body.indexOf('</select>', select.end);
  return [...page.body.slice(select.end, end).matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)]
    .filter((m) => m[1] !== '')
    .map((m) => decodeEntities(m[2] ?? ''));
}

const chosen = (page: Page) => tags(page.body).find((tag) => tag.name === 'option' && 'selected' in tag.attributes)?.attributes['value'];
const text = (page: Page) => decodeEntities(page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

describe.each(testDialects())('the circle page in a large organisation, on %s', (dialect) => {
  let t: TestApp;
  let facilitator: Actor;
  let priya: TestClient;
  let circlePath: string;
  let zoe: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const organisationId = await makeOrganisation(t.db.kysely, { name: 'Big City Mind' });
    facilitator = await makeMember(t.db.kysely, organisationId, { permission: 'facilitator', name: 'Priya Shah' });
    await generatePeople(t.db.kysely, organisationId, GENERATED, { strengths: 0, answers: false });
    zoe = await makePersonWithoutAccount(t.db.kysely, organisationId, 'Zoë Quartermain');
    await makePersonWithoutAccount(t.db.kysely, organisationId, 'Zoe  Quartz');
    priya = new TestClient(t.app);
    await priya.signIn(facilitator.email, TEST_PASSWORD);
    await priya.get('/projects/new');
    const created = await priya.post('/projects', {
      title: 'Open door café', purpose: 'A drop-in run by members.', whoFor: 'Everyone',
      'startsOn-day': '1', 'startsOn-month': '3', 'startsOn-year': '2027', 'endsOn-day': '', 'endsOn-month': '', 'endsOn-year': '', visibility: 'open',
    });
    circlePath = /^(\/projects\/[0-9a-f-]{36}\/circle)/.exec(created.location ?? '')?.[1] ?? '';
    expect(circlePath).not.toBe('');
  });
  afterAll(async () => t.close());

  it('asks for part of a name rather than listing everyone outside the circle', async () => {
    const page = await priya.get(circlePath);
    expect(page.status).toBe(200);
    expect(elementById(page.body, 'find')?.name).toBe('input');
    // Everyone but the facilitator, who started the project and is in its circle.
    expect(text(page)).toContain(`${String(GENERATED + 2)} people in the organisation are not in this circle. Type part of their name.`);
    expect(elementById(page.body, 'personId')).toBeUndefined();
    expect(text(page)).toContain('Find the person first, using the box above.');
    // Adding someone new by name still works from here.
    expect(elementById(page.body, 'newName')?.name).toBe('input');
  });

  it('lists the people whose name holds the text, whatever its case or accents', async () => {
    const page = await priya.get(`${circlePath}?find=${encodeURIComponent('ZOE QUA')}`);
    expect(page.status).toBe(200);
    expect(listed(page).sort()).toEqual(['Zoe  Quartz', 'Zoë Quartermain']);
    expect(fieldValue(page.body, 'find')).toBe('ZOE QUA');
    expect(decodeEntities(page.body)).toContain('2 people match “ZOE QUA”.');
    expect(elementById(page.body, 'personId')?.attributes['aria-describedby']).toBe('personId-hint');
  });

  it('lists no more than the limit, and says how to find fewer', async () => {
    const page = await priya.get(`${circlePath}?find=+`); // a space: no search at all
    expect(elementById(page.body, 'personId')).toBeUndefined();
    const wide = await priya.get(`${circlePath}?find=e`);
    expect(listed(wide)).toHaveLength(CHOOSE_LIMIT);
    expect(text(wide)).toMatch(new RegExp(`\\d+ people match “e”\\. The list shows the first ${String(CHOOSE_LIMIT)}: type more of the name to find fewer\\.`));
  });

  it('says when nobody matches, and escapes what was typed', async () => {
    const page = await priya.get(`${circlePath}?find=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(text(page)).toContain('No one outside the circle matches “<script>alert(1)</script>”. Check the spelling, or add them as someone new by name.');
    expect(elementById(page.body, 'personId')).toBeUndefined();
  });

  it('a search too long to be a name: said beside the box, keeping what was typed', async () => {
    const long = 'z'.repeat(101);
    const page = await priya.get(`${circlePath}?find=${long}`);
    expectFormErrors(page, [{ href: '#find', text: 'The name to find must be 100 characters or fewer' }]);
    expect(fieldValue(page.body, 'find')).toBe(long);
  });

  it('"choose a person" with nobody listed points at the search box', async () => {
    await priya.get(circlePath);
    const page = await priya.post(circlePath, { personId: '', newName: '', circle: 'participants', level: '', domain: 'me', note: '' });
    expectFormErrors(page, [{ href: '#find', text: 'Choose a person, or add someone new by name' }]);
  });

  it('a form with errors keeps the search and the person chosen; sent right, the person joins and leaves the list', async () => {
    await priya.get(`${circlePath}?find=zoe+qua`);
    const wrong = await priya.post(circlePath, { find: 'zoe qua', personId: zoe, newName: '', level: '', domain: 'me', note: 'Runs the café' });
    expectFormErrors(wrong, [{ href: '#circle', text: 'Choose which circle fits them best' }]);
    expect(listed(wrong).sort()).toEqual(['Zoe  Quartz', 'Zoë Quartermain']);
    expect(chosen(wrong)).toBe(zoe);
    expect(fieldValue(wrong.body, 'find')).toBe('zoe qua');
    expect(fieldValue(wrong.body, 'note')).toBe('Runs the café');

    const added = await priya.post(circlePath, { find: 'zoe qua', personId: zoe, newName: '', circle: 'co_producers', level: '', domain: 'me', note: 'Runs the café' });
    expect(added.status).toBe(303);
    const after = await priya.get(`${circlePath}?find=zoe+qua`);
    expect(listed(after)).toEqual(['Zoe  Quartz']);
    expect(text(after)).toContain('1 person matches “zoe qua”.');
    expect(text(after)).toContain(`${String(GENERATED + 1)} people in the organisation are not in this circle.`);
  });

  it('in Italian', async () => {
    await priya.post('/language', { language: 'it', returnTo: circlePath });
    const page = await priya.get(`${circlePath}?find=quartz`);
    expect(text(page)).toContain('1 persona corrisponde a “quartz”.');
    expect(text(page)).toContain("Trova qualcuno che fa già parte dell'organizzazione");
    await priya.post('/language', { language: 'en-GB', returnTo: circlePath });
  });
});
