import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { elementById, elementIds, errorSummaryLinks, fieldValue, inlineError, pageTitle } from '../helpers/html.js';
import { makeProject } from '../helpers/meetings.js';
import { expectFormErrors } from '../helpers/pages.js';

function layoutStrings(language: string): Record<string, string> {
  const common = JSON.parse(readFileSync(new URL(`../../src/locales/${language}/common.json`, import.meta.url), 'utf8')) as { layout: Record<string, string> };
  return common.layout;
}

/** The smaller faults found by using the product day to day (issue #12), one test each, named after the finding. */
describe.each(testDialects())('everyday faults (%s)', (dialect) => {
  let t: TestApp;
  let org: string;
  let facilitator: Actor;
  let member: Actor;
  let keeper: Actor;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.db.kysely;
    org = await makeOrganisation(db, { timeZone: 'Europe/London' });
    facilitator = await makeMember(db, org, { permission: 'facilitator', name: 'Priya Facilitator' });
    member = await makeMember(db, org, { name: 'Jordan Member' });
    keeper = await makeMember(db, org, { name: 'Kim Keeper' });
    projectId = await makeProject(db, org, [{ personId: keeper.personId }, { personId: facilitator.personId }, { personId: member.personId, circle: 'participants' }]);
  });
  afterAll(async () => t.close());

  async function signedIn(actor: Actor): Promise<TestClient> {
    const client = new TestClient(t.app);
    await client.signIn(actor.email, TEST_PASSWORD);
    return client;
  }

  async function planMeeting(client: TestClient, title: string, extra: Record<string, string | string[]> = {}): Promise<string> {
    await client.get(`/projects/${projectId}/meetings/new`);
    const page = await client.post(`/projects/${projectId}/meetings`, {
      title, 'date-day': '14', 'date-month': '7', 'date-year': '2099', startTime: '14:30', endTime: '16:00', place: 'Riverside Hall', onlineUrl: '', ways: ['in_person'], ...extra,
    });
    expect(page.status).toBe(303);
    const id = /meetings\/([0-9a-f-]{36})/.exec(page.location ?? '')?.[1];
    if (id === undefined) throw new Error('no meeting id');
    return id;
  }

  it('cards introduced: the message names how many cards, never the raw key meetings.flash.cards_introduced', async () => {
    const facilitatorClient = await signedIn(facilitator);
    const meetingId = await planMeeting(facilitatorClient, 'Cards meeting');
    await facilitatorClient.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect((await facilitatorClient.post(`/projects/${projectId}/meetings/${meetingId}/roles`, { keeperId: keeper.personId, keeperMode: 'rotate', noteTakerId: member.personId })).status).toBe(303);
    const author = await signedIn(member);
    const form = await author.get(`/projects/${projectId}/cards`);
    const formKey = /name="formKey" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    expect((await author.post(`/projects/${projectId}/cards`, { body: 'A bench by the door', wantsToHelp: 'no', showName: 'yes', formKey })).status).toBe(303);

    const keeperClient = await signedIn(keeper);
    await keeperClient.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect((await keeperClient.post(`/projects/${projectId}/meetings/${meetingId}/introduce`, {})).status).toBe(303);
    const after = await keeperClient.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect(after.body).not.toContain('meetings.flash');
    expect(after.body).toContain('1 card introduced at this meeting.');
  });

  it('an empty gratitude round records nothing and does not say "Thank you for sharing"', async () => {
    const facilitatorClient = await signedIn(facilitator);
    const meetingId = await planMeeting(facilitatorClient, 'Gratitude meeting');
    const client = await signedIn(member);
    await client.get(`/projects/${projectId}/meetings/${meetingId}`);
    const empty = await client.post(`/projects/${projectId}/meetings/${meetingId}/gratitude`, { thing1: '', thing2: '  ', thing3: '' });
    expectFormErrors(empty, [{ href: '#thing1', text: 'Nothing was recorded. Write at least one thing that made you grateful or happy' }]);
    expect(empty.body).not.toContain('Thank you for sharing');
    // Whoever writes for someone else gets the same plain answer.
    await facilitatorClient.get(`/projects/${projectId}/meetings/${meetingId}`);
    const forOther = await facilitatorClient.post(`/projects/${projectId}/meetings/${meetingId}/gratitude`, { forPerson: keeper.personId, thing1: '', thing2: '', thing3: '' });
    expectFormErrors(forOther, [{ href: '#thing1', text: 'Nothing was recorded. Write at least one thing that made you grateful or happy' }]);
    expect(forOther.body).not.toContain('Saved for them');
    const rows = await t.db.kysely.selectFrom('gratitude_entries').select('id').where('meeting_id', '=', meetingId).execute();
    expect(rows).toEqual([]);
    const page = await client.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect(page.body).not.toContain('Thank you for sharing');
  });

  it('an online meeting link is a link (http and https only), and anything else stays text', async () => {
    const client = await signedIn(facilitator);
    const meetingId = await planMeeting(client, 'Online catch-up', { place: '', onlineUrl: 'https://meet.example.org/peer-cafe?room=4&x=1', ways: ['online'] });
    const page = await client.get(`/projects/${projectId}/meetings/${meetingId}`);
    const link = /<a [^>]*href="https:\/\/meet\.example\.org\/peer-cafe\?room=4&amp;x=1"[^>]*>([^<]*)<\/a>/.exec(page.body);
    expect(link?.[0]).toContain('rel="noopener noreferrer"');
    expect(link?.[1]).toBe('Open the online meeting');

    // A stored address that is not a web address (written before the form checked, or by hand) is never a link.
    await t.db.kysely.updateTable('meetings').set({ online_url: 'javascript:alert(1)' }).where('id', '=', meetingId).execute();
    const unsafe = await client.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect(unsafe.body).toContain('javascript:alert(1)');
    expect(unsafe.body).not.toMatch(/href="javascript:/i);
    expect(unsafe.body).not.toContain('Open the online meeting');
  });

  it('a meeting cannot be planned for 1 January 2020: 422 naming the date, everything typed kept', async () => {
    const client = await signedIn(facilitator);
    await client.get(`/projects/${projectId}/meetings/new`);
    const typed = {
      title: 'Looking back', 'date-day': '1', 'date-month': '1', 'date-year': '2020', startTime: '14:30', endTime: '16:00', place: 'Riverside Hall', onlineUrl: 'https://meet.example.org/room',
      features: ['step_free', 'quiet_room'], ways: ['in_person', 'online'],
    };
    const page = await client.post(`/projects/${projectId}/meetings`, typed);
    // The date input's message sits by its fieldset (id date-error); the summary link lands on the day field.
    expect(page.status).toBe(422);
    expect(pageTitle(page.body)).toMatch(/^Error: /);
    expect(errorSummaryLinks(page.body)).toEqual([{ href: '#date-day', text: 'The date of the meeting must be today or in the future' }]);
    expect(elementById(page.body, 'date-day')?.name).toBe('input');
    expect(inlineError(page.body, 'date')).toContain('The date of the meeting must be today or in the future');
    for (const field of ['title', 'date-day', 'date-month', 'date-year', 'startTime', 'endTime', 'place', 'onlineUrl'] as const) {
      expect(fieldValue(page.body, field), field).toBe(typed[field]);
    }
    for (const value of [...typed.features, ...typed.ways]) expect(page.body).toMatch(new RegExp(`value="${value}" checked`));
    expect(page.body).not.toMatch(/value="hearing_loop" checked/);
    const rows = await t.db.kysely.selectFrom('meetings').select('id').where('title', '=', 'Looking back').execute();
    expect(rows).toEqual([]);
  });

  it('the meeting notes heading and textarea do not share the id "notes": the textarea is labelled and the error link reaches it', async () => {
    const facilitatorClient = await signedIn(facilitator);
    const meetingId = await planMeeting(facilitatorClient, 'Notes meeting');
    await facilitatorClient.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect((await facilitatorClient.post(`/projects/${projectId}/meetings/${meetingId}/roles`, { keeperId: keeper.personId, keeperMode: 'rotate', noteTakerId: member.personId })).status).toBe(303);
    const noteTaker = await signedIn(member);
    const page = await noteTaker.get(`/projects/${projectId}/meetings/${meetingId}`);
    const ids = elementIds(page.body);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), 'ids used more than once').toEqual([]);
    expect(elementById(page.body, 'notes')?.name).toBe('h2');
    expect(elementById(page.body, 'notes-body')?.name).toBe('textarea');
    expect(page.body).toMatch(/<label class="govuk-label govuk-label--s" for="notes-body">\s*Meeting notes\s*<\/label>/);

    const empty = await noteTaker.post(`/projects/${projectId}/meetings/${meetingId}/notes`, { notes: '  ' });
    expectFormErrors(empty, [{ href: '#notes-body', text: 'Write the notes' }]);
    const saved = await noteTaker.post(`/projects/${projectId}/meetings/${meetingId}/notes`, { notes: 'We agreed the bench.' });
    expect(saved.status).toBe(303);
    expect(saved.location).toMatch(/#notes$/);
    expect(fieldValue((await noteTaker.get(`/projects/${projectId}/meetings/${meetingId}`)).body, 'notes-body')).toBe('We agreed the bench.');
  });

  it('"Service information" and the rest of the page layout come from the locale files, in Italian too', async () => {
    const client = await signedIn(member);
    await client.get('/');
    await client.post('/language', { language: 'it', returnTo: '/' });
    const page = await client.get('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<section aria-label="Informazioni sul servizio" class="govuk-service-navigation"');
    // Nothing of the layout (everything outside <main>) is left in English where Italian has its own words.
    const layout = page.body.slice(0, page.body.indexOf('<main')) + page.body.slice(page.body.indexOf('</main>'));
    const english = layoutStrings('en-GB');
    const italian = layoutStrings('it');
    for (const [key, text] of Object.entries(english)) {
      if (italian[key] === text) continue;
      expect(layout, `layout.${key} in English`).not.toContain(text);
    }
    await client.post('/language', { language: 'en-GB', returnTo: '/' });
    expect((await client.get('/')).body).toContain('<section aria-label="Service information" class="govuk-service-navigation"');
  });
});
