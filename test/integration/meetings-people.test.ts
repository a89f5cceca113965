import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { CHOOSE_LIMIT } from '../../src/modules/projects/circle.find.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, type Page } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { decodeEntities, elementById, fieldValue } from '../helpers/html.js';
import { makeProject } from '../helpers/meetings.js';
import { expectFormErrors } from '../helpers/pages.js';
import { makePersonWithoutAccount } from '../helpers/projects.js';

const SELECTS = ['forPerson', 'personId', 'keeperId', 'noteTakerId'] as const;

/** The names a select lists, without its empty first option; and the value selected. */
function options(page: Page, id: string): { names: string[]; selected: string | undefined } {
  const select = elementById(page.body, id);
  if (select?.name !== 'select') return { names: [], selected: undefined };
  const inner = page.body.slice(select.end, page.body.indexOf('</select>', select.end));
  const all = [...inner.matchAll(/<option value="([^"]*)"([^>]*)>([^<]*)<\/option>/g)];
  return {
    names: all.filter((m) => m[1] !== '').map((m) => decodeEntities((m[3] ?? '').trim())),
    selected: all.find((m) => (m[2] ?? '').includes('selected'))?.[1],
  };
}

const text = (page: Page) => decodeEntities(page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));

/** The meeting page of a circle too large to list in each select: one search, whose matches every select lists. */
describe.each(testDialects())('choosing people on the meeting page of a large circle, on %s', (dialect) => {
  let t: TestApp;
  let facilitator: Actor;
  let member: Actor;
  let priya: TestClient;
  let meetingPath = '';
  let zoe = '';
  let outsider = '';
  const CIRCLE = 44;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.db.kysely;
    const organisationId = await makeOrganisation(db);
    facilitator = await makeMember(db, organisationId, { permission: 'facilitator', name: 'Priya Shah' });
    member = await makeMember(db, organisationId, { name: 'Jordan Member' });
    zoe = await makePersonWithoutAccount(db, organisationId, 'Zoë Ashby');
    outsider = await makePersonWithoutAccount(db, organisationId, 'Olu Outside');
    const zoeToo = await makePersonWithoutAccount(db, organisationId, 'Zoe  Ashworth');
    const members = [{ personId: facilitator.personId }, { personId: member.personId, circle: 'participants' as const }, { personId: zoe }, { personId: zoeToo }];
    while (members.length < CIRCLE) members.push({ personId: await makePersonWithoutAccount(db, organisationId, `Person ${String(members.length).padStart(2, '0')}`) });
    const projectId = await makeProject(db, organisationId, members);
    priya = new TestClient(t.app);
    await priya.signIn(facilitator.email, TEST_PASSWORD);
    await priya.get(`/projects/${projectId}/meetings/new`);
    const planned = await priya.post(`/projects/${projectId}/meetings`, {
      title: 'Planning', 'date-day': '14', 'date-month': '7', 'date-year': '2036', startTime: '14:30', endTime: '16:00', place: 'Riverside Hall', onlineUrl: '', ways: ['in_person'],
    });
    meetingPath = planned.location ?? '';
    expect(meetingPath).toMatch(/^\/projects\/[0-9a-f-]{36}\/meetings\/[0-9a-f-]{36}$/);
  });
  afterAll(async () => t.close());

  it('asks for part of a name once, rather than listing the circle in every select', async () => {
    const page = await priya.get(meetingPath);
    expect(page.status).toBe(200);
    expect(elementById(page.body, 'find')?.name).toBe('input');
    expect(text(page)).toContain(`${String(CIRCLE)} people are in this project's circle. Type part of a name to list them in the choices below`);
    // Each select lists only whom it holds: the facilitator's own things, the card keeper Doing With chose.
    expect(options(page, 'forPerson').names).toEqual(['Priya Shah (you)']);
    expect(options(page, 'personId').names).toEqual([]);
    expect(options(page, 'noteTakerId').names).toEqual([]);
    expect(options(page, 'keeperId').names.length).toBeLessThanOrEqual(1);
    expect(text(page).split('Lists the people found with “Find someone in the circle”, above.')).toHaveLength(SELECTS.length + 1);
  });

  it('lists in every select the people whose name holds the text, whatever its case or accents', async () => {
    const page = await priya.get(`${meetingPath}?find=${encodeURIComponent('ZOE ASH')}`);
    expect(page.status).toBe(200);
    expect(fieldValue(page.body, 'find')).toBe('ZOE ASH');
    expect(text(page)).toContain('2 people match “ZOE ASH”. They are listed in the choices below.');
    for (const id of ['personId', 'noteTakerId'] as const) expect(options(page, id).names).toEqual(['Zoe  Ashworth', 'Zoë Ashby']);
    // The facilitator stays listed as the one whose things these are, unless they choose someone else.
    expect(options(page, 'forPerson').names).toEqual(['Priya Shah (you)', 'Zoe  Ashworth', 'Zoë Ashby']);
    // Each form sends the search again.
    expect(page.body.match(/<input type="hidden" name="find" value="ZOE ASH">/g)).toHaveLength(3);
  });

  it('lists no more than the limit, and says how to find fewer; says when nobody matches, escaping what was typed', async () => {
    const wide = await priya.get(`${meetingPath}?find=person`);
    expect(options(wide, 'noteTakerId').names).toHaveLength(CHOOSE_LIMIT);
    expect(text(wide)).toContain(`${String(CIRCLE - 4)} people match “person”. The choices below list the first ${String(CHOOSE_LIMIT)}: type more of the name to find fewer.`);
    const none = await priya.get(`${meetingPath}?find=${encodeURIComponent('<b>x</b>')}`);
    expect(none.body).not.toContain('<b>x</b>');
    expect(text(none)).toContain('No one in the circle matches “<b>x</b>”. Check the spelling.');
  });

  it('a search too long to be a name: said beside the box, keeping what was typed', async () => {
    const long = 'z'.repeat(101);
    const page = await priya.get(`${meetingPath}?find=${long}`);
    expectFormErrors(page, [{ href: '#find', text: 'The name to find must be 100 characters or fewer' }]);
    expect(fieldValue(page.body, 'find')).toBe(long);
  });

  it('an action without a person keeps the text and the search; chosen from the search, it is saved', async () => {
    await priya.get(`${meetingPath}?find=zoe`);
    const wrong = await priya.post(`${meetingPath}/actions`, { find: 'zoe', action: 'Book the hall', personId: '' });
    expectFormErrors(wrong, [{ href: '#personId', text: 'Choose who will do it' }]);
    expect(fieldValue(wrong.body, 'action')).toBe('Book the hall');
    expect(options(wrong, 'personId').names).toEqual(['Zoe  Ashworth', 'Zoë Ashby']);
    expect(fieldValue(wrong.body, 'find')).toBe('zoe');
    const saved = await priya.post(`${meetingPath}/actions`, { find: 'zoe', action: 'Book the hall', personId: zoe });
    expect(saved.status).toBe(303);
    expect(text(await priya.get(meetingPath))).toContain('Book the hall — Zoë Ashby');
  });

  it('roles chosen from a search stay chosen, and listed, without it; someone outside the circle is refused', async () => {
    await priya.get(`${meetingPath}?find=ashby`);
    const saved = await priya.post(`${meetingPath}/roles`, { find: 'ashby', keeperId: zoe, keeperMode: 'stay', noteTakerId: zoe });
    expect(saved.status).toBe(303);
    const page = await priya.get(meetingPath);
    for (const id of ['keeperId', 'noteTakerId'] as const) expect(options(page, id)).toEqual({ names: ['Zoë Ashby'], selected: zoe });
    const refused = await priya.post(`${meetingPath}/roles`, { find: 'ashby', keeperId: outsider, keeperMode: 'stay', noteTakerId: '' });
    expectFormErrors(refused, [{ href: '#keeperId', text: "Choose someone in the project's circle" }]);
    expect(options(refused, 'keeperId').names).toEqual(['Zoë Ashby']);
  });

  it('a member, with no one to choose, has no search box', async () => {
    const jordan = new TestClient(t.app);
    await jordan.signIn(member.email, TEST_PASSWORD);
    const page = await jordan.get(meetingPath);
    expect(page.status).toBe(200);
    expect(elementById(page.body, 'find')).toBeUndefined();
  });

  it('in Italian', async () => {
    await priya.post('/language', { language: 'it', returnTo: meetingPath });
    const page = await priya.get(`${meetingPath}?find=ashworth`);
    expect(text(page)).toContain('1 persona corrisponde a “ashworth”. La trovi nelle scelte qui sotto.');
    expect(text(page)).toContain('Trova qualcuno nel cerchio');
    expect(text(page)).toContain('Elenca le persone trovate con «Trova qualcuno nel cerchio», più in alto.');
    await priya.post('/language', { language: 'en-GB', returnTo: meetingPath });
  });
});
