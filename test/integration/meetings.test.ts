import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { fieldValue } from '../helpers/html.js';
import { makeProject } from '../helpers/meetings.js';
import { expectFormErrors } from '../helpers/pages.js';

describe.each(testDialects())('meetings (%s)', (dialect) => {
  let t: TestApp;
  let org: string;
  let facilitator: Actor;
  let member: Actor;
  let keeper: Actor;
  let outsider: Actor;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.db.kysely;
    org = await makeOrganisation(db, { timeZone: 'Europe/London' });
    facilitator = await makeMember(db, org, { permission: 'facilitator', name: 'Priya Facilitator' });
    member = await makeMember(db, org, { name: 'Jordan Member' });
    keeper = await makeMember(db, org, { name: 'Kim Keeper' });
    outsider = await makeMember(db, org, { permission: 'facilitator', name: 'Olu Outsider' });
    projectId = await makeProject(db, org, [{ personId: keeper.personId }, { personId: facilitator.personId }, { personId: member.personId, circle: 'participants' }]);
  });
  afterAll(async () => t.close());

  async function signedIn(actor: Actor): Promise<TestClient> {
    const client = new TestClient(t.app);
    await client.signIn(actor.email, TEST_PASSWORD);
    return client;
  }

  async function planMeeting(client: TestClient, title = 'Café planning'): Promise<string> {
    await client.get(`/projects/${projectId}/meetings/new`);
    const page = await client.post(`/projects/${projectId}/meetings`, {
      title, 'date-day': '14', 'date-month': '7', 'date-year': '2036', startTime: '14:30', endTime: '16:00', place: 'Riverside Hall, 2 Mill Lane', onlineUrl: '', features: ['step_free', 'hearing_loop'], ways: ['in_person', 'phone'],
    });
    expect(page.status).toBe(303);
    const id = /meetings\/([0-9a-f-]{36})/.exec(page.location ?? '')?.[1];
    if (id === undefined) throw new Error('no meeting id');
    return id;
  }

  it('plans a meeting in the organisation time zone, stores it in UTC and shows it', async () => {
    const client = await signedIn(facilitator);
    const meetingId = await planMeeting(client);
    const row = await t.db.kysely.selectFrom('meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow();
    expect(row.starts_at).toBe('2036-07-14T13:30:00.000Z');
    expect(row.organisation_id).toBe(org);
    const page = await client.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Café planning');
    expect(page.body).toContain('Step-free access');
    expect(page.body).toContain('Hearing loop');
    expect(page.body).toContain('Step-free access, Hearing loop');
    expect(page.body).not.toContain('&amp;#'); // nothing escaped twice
    const mine = await client.get('/meetings');
    expect(mine.status).toBe(200);
    expect(mine.body).toContain(`/projects/${projectId}/meetings/${meetingId}`);
    expect(mine.body).toContain('href="/meetings"');
    const list = await client.get(`/projects/${projectId}/meetings`);
    expect(list.status).toBe(200);
    expect(list.body).toContain(`/meetings/${meetingId}`);
    const ics = await client.get(`/projects/${projectId}/meetings/${meetingId}/meeting.ics`);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('DTSTART:20360714T133000Z');
    expect(ics.body).toContain('LOCATION:Riverside Hall\\, 2 Mill Lane');
  });

  it('keeps what was typed when the meeting form is wrong', async () => {
    const client = await signedIn(facilitator);
    await client.get(`/projects/${projectId}/meetings/new`);
    const page = await client.post(`/projects/${projectId}/meetings`, { title: 'Open day', 'date-day': '31', 'date-month': '2', 'date-year': '2027', startTime: '15:00', endTime: '14:00', place: '', onlineUrl: '' });
    expect(page.status).toBe(422);
    expect(fieldValue(page.body, 'title')).toBe('Open day');
    expect(page.body).toContain('href="#date-day"');
    expect(page.body).toContain('href="#endTime"');
    expect(page.body).toContain('href="#place"');
    expect(page.body).toContain('href="#ways"');
  });

  it('a card that fails validation keeps its text and its one-off key; a double submit stores one card', async () => {
    const client = await signedIn(member);
    const form = await client.get(`/projects/${projectId}/cards`);
    expect(form.status).toBe(200);
    const formKey = fieldValue(form.body, 'formKey') ?? /name="formKey" value="([^"]+)"/.exec(form.body)?.[1];
    expect(formKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const failed = await client.post(`/projects/${projectId}/cards`, { body: 'A walking group on Saturdays', formKey: formKey ?? '' });
    expectFormErrors(failed, [
      { href: '#wantsToHelp', text: 'Choose whether you would like to help take it forward' },
      { href: '#showName', text: 'Choose whether the group can see your name' },
    ]);
    expect(fieldValue(failed.body, 'body')).toBe('A walking group on Saturdays');
    expect(failed.body).toContain(`name="formKey" value="${formKey ?? ''}"`);

    const fields = { body: 'A walking group on Saturdays', wantsToHelp: 'yes', showName: 'no', formKey: formKey ?? '' };
    const [first, second] = await Promise.all([client.post(`/projects/${projectId}/cards`, fields), client.post(`/projects/${projectId}/cards`, fields)]);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    const rows = await t.db.kysely.selectFrom('opportunity_cards').select(['id', 'status']).where('organisation_id', '=', org).where('body', '=', 'A walking group on Saturdays').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('new');
  });

  it('escapes a script typed into a card', async () => {
    const client = await signedIn(member);
    const form = await client.get(`/projects/${projectId}/cards`);
    const formKey = /name="formKey" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    await client.post(`/projects/${projectId}/cards`, { body: '<script>alert("x")</script>', wantsToHelp: 'no', showName: 'yes', formKey });
    const page = await client.get(`/projects/${projectId}/cards`);
    expect(page.body).not.toContain('<script>alert("x")</script>');
    expect(page.body).toContain('&lt;script&gt;');
  });

  it('the keeper introduces new cards at the meeting and sees the name; the group does not', async () => {
    const facilitatorClient = await signedIn(facilitator);
    const meetingId = await planMeeting(facilitatorClient, 'Cards meeting');
    await facilitatorClient.get(`/projects/${projectId}/meetings/${meetingId}`);
    const roles = await facilitatorClient.post(`/projects/${projectId}/meetings/${meetingId}/roles`, { keeperId: keeper.personId, keeperMode: 'rotate', noteTakerId: member.personId });
    expect(roles.status).toBe(303);

    const author = await signedIn(member);
    const form = await author.get(`/projects/${projectId}/cards`);
    const formKey = /name="formKey" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    await author.post(`/projects/${projectId}/cards`, { body: 'Free tea for newcomers', wantsToHelp: 'yes', showName: 'no', formKey });

    const keeperClient = await signedIn(keeper);
    const before = await keeperClient.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect(before.body).toContain(`/meetings/${meetingId}/introduce`);
    const introduced = await keeperClient.post(`/projects/${projectId}/meetings/${meetingId}/introduce`, {});
    expect(introduced.status).toBe(303);
    const asKeeper = await keeperClient.get(`/projects/${projectId}/meetings/${meetingId}`);
    const cardText = (html: string) => /Free tea for newcomers<\/span><br>\s*<span class="govuk-body-s">([^<]*)/.exec(html)?.[1] ?? '';
    expect(cardText(asKeeper.body)).toContain('From Jordan Member');

    const asGroup = await facilitatorClient.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect(asGroup.body).toContain('Free tea for newcomers');
    expect(cardText(asGroup.body)).toContain('Name not shown');
    expect(cardText(asGroup.body)).not.toContain('Jordan');
    const card = await t.db.kysely.selectFrom('opportunity_cards').select(['status', 'introduced_meeting_id']).where('body', '=', 'Free tea for newcomers').executeTakeFirstOrThrow();
    expect(card).toEqual({ status: 'introduced', introduced_meeting_id: meetingId });
  });

  it('a postcard that fails validation keeps its text; gratitude round allows three things', async () => {
    const client = await signedIn(member);
    const facilitatorClient = await signedIn(facilitator);
    const meetingId = await planMeeting(facilitatorClient, 'Postcard meeting');
    await client.get(`/projects/${projectId}/meetings/${meetingId}`);
    const long = 'Thank you all. '.repeat(50);
    const failed = await client.post(`/projects/${projectId}/meetings/${meetingId}/postcards`, { postcard: long });
    expectFormErrors(failed, [{ href: '#postcard', text: 'Your postcard must be 600 characters or fewer' }]);
    expect(fieldValue(failed.body, 'postcard')).toBe(long);
    const sent = await client.post(`/projects/${projectId}/meetings/${meetingId}/postcards`, { postcard: 'A kind, honest meeting.' });
    expect(sent.status).toBe(303);
    await client.get(`/projects/${projectId}/meetings/${meetingId}`);
    const round = await client.post(`/projects/${projectId}/meetings/${meetingId}/gratitude`, { thing1: 'Sunshine', thing2: 'My sister called', thing3: '' });
    expect(round.status).toBe(303);
    const page = await client.get(`/projects/${projectId}/meetings/${meetingId}`);
    expect(page.body).toContain('A kind, honest meeting.');
    expect(page.body).toContain('My sister called');
  });

  it('reaches a consent decision with one equal voice each; an objection needs a reason', async () => {
    const author = await signedIn(member);
    await author.get(`/projects/${projectId}/decisions`);
    const raised = await author.post(`/projects/${projectId}/decisions`, { title: 'Open on Saturdays', body: '', method: 'consent', meetingId: '' });
    expect(raised.status).toBe(303);
    const url = raised.location ?? '';
    await author.get(url);
    expect((await author.post(`${url}/respond`, { answer: 'agree', reason: '' })).status).toBe(303);
    const keeperClient = await signedIn(keeper);
    await keeperClient.get(url);
    const noReason = await keeperClient.post(`${url}/respond`, { answer: 'object', reason: '' });
    expectFormErrors(noReason, [{ href: '#reason', text: 'Give a reason for your objection' }]);
    expect((await keeperClient.post(`${url}/respond`, { answer: 'live_with', reason: '' })).status).toBe(303);
    const facilitatorClient = await signedIn(facilitator);
    await facilitatorClient.get(url);
    const closed = await facilitatorClient.post(`${url}/close`, {});
    expect(closed.status).toBe(303);
    const page = await facilitatorClient.get(url);
    expect(page.body).toContain('Nobody objected, so the proposal is agreed.');
    expect(page.body).toContain('2 people took part');
  });

  it('answers 404 to people outside the project and to other organisations, and changes nothing', async () => {
    const facilitatorClient = await signedIn(facilitator);
    const meetingId = await planMeeting(facilitatorClient, 'Private meeting');
    const out = await signedIn(outsider);
    for (const url of [`/projects/${projectId}/meetings`, `/projects/${projectId}/meetings/${meetingId}`, `/projects/${projectId}/cards`, `/projects/${projectId}/meetings/${meetingId}/live`, `/projects/${projectId}/meetings/${meetingId}/live/events`, `/projects/${projectId}/power-balance`]) {
      expect((await out.get(url)).status, url).toBe(404);
    }
    await out.get('/');
    const post = await out.post(`/projects/${projectId}/cards`, { body: 'Sneaky', wantsToHelp: 'no', showName: 'no', formKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' });
    expect(post.status).toBe(404);

    const other = await makeOrganisation(t.db.kysely);
    const stranger = await makeMember(t.db.kysely, other, { permission: 'admin' });
    const strangerClient = await signedIn(stranger);
    expect((await strangerClient.get(`/projects/${projectId}/meetings/${meetingId}`)).status).toBe(404);
    await strangerClient.get('/');
    expect((await strangerClient.post(`/projects/${projectId}/meetings/${meetingId}/postcards`, { postcard: 'Hello' })).status).toBe(404);
    const stored = await t.db.kysely.selectFrom('opportunity_cards').select('id').where('body', '=', 'Sneaky').execute();
    expect(stored).toHaveLength(0);
  });

  it('shows the power balance only when each group has at least three people', async () => {
    const client = await signedIn(facilitator);
    const page = await client.get(`/projects/${projectId}/power-balance`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('There is nothing to show yet');
    expect(page.body).not.toContain('<svg viewBox');
  });

  it('serves a token-protected calendar feed', async () => {
    const client = await signedIn(member);
    await client.get(`/projects/${projectId}/meetings`);
    const made = await client.post('/calendar/feed', {});
    expect(made.status).toBe(200);
    const url = /(http:\/\/localhost:3000\/calendar\/[A-Za-z0-9_-]{43}\.ics)/.exec(made.body)?.[1] ?? '';
    expect(url).not.toBe('');
    const anonymous = new TestClient(t.app);
    const feed = await anonymous.get(url.replace('http://localhost:3000', ''));
    expect(feed.status).toBe(200);
    expect(feed.body).toContain('BEGIN:VCALENDAR');
    expect(feed.body).toContain('Café planning');
    expect((await anonymous.get('/calendar/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG.ics')).status).toBe(404);
    const stored = await t.db.kysely.selectFrom('calendar_feeds').select('token_hash').executeTakeFirstOrThrow();
    expect(url).not.toContain(stored.token_hash);
  });
});
