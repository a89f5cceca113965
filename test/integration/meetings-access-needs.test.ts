import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { makeProject } from '../helpers/meetings.js';

/**
 * #11: access needs told with a meeting reply can say something about health. Ordinary members of the circle saw
 * them by name, unaudited; now only the circle's facilitators (and admins) see them, each look recorded, and everyone
 * else sees how many people told them (never a number below 3).
 */
describe.each(testDialects())('access needs on the meeting page (%s)', (dialect) => {
  let t: TestApp;
  let facilitator: Actor;
  let coProducer: Actor;
  let people: Actor[];
  let projectId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.db.kysely;
    const org = await makeOrganisation(db, { timeZone: 'Europe/London' });
    facilitator = await makeMember(db, org, { permission: 'facilitator', name: 'Priya Facilitator' });
    coProducer = await makeMember(db, org, { name: 'Jordan Coproducer' });
    people = [
      await makeMember(db, org, { name: 'Grace Adeyemi' }),
      await makeMember(db, org, { name: 'Sam Okafor' }),
      await makeMember(db, org, { name: 'Lee Chan' }),
    ];
    projectId = await makeProject(db, org, [
      { personId: facilitator.personId },
      { personId: coProducer.personId },
      ...people.map((p) => ({ personId: p.personId, circle: 'participants' as const })),
    ]);
  });
  afterAll(async () => t.close());

  async function signedIn(actor: Actor): Promise<TestClient> {
    const client = new TestClient(t.app);
    await client.signIn(actor.email, TEST_PASSWORD);
    return client;
  }

  async function planMeeting(): Promise<string> {
    const client = await signedIn(facilitator);
    await client.get(`/projects/${projectId}/meetings/new`);
    const made = await client.post(`/projects/${projectId}/meetings`, {
      title: 'Checking in', 'date-day': '14', 'date-month': '7', 'date-year': '2036', startTime: '14:30', endTime: '16:00', place: 'Riverside Hall', onlineUrl: '', ways: ['in_person'],
    });
    return /meetings\/([0-9a-f-]{36})/.exec(made.location ?? '')?.[1] ?? '';
  }

  async function reply(actor: Actor, meetingId: string, accessNeeds: string): Promise<void> {
    const client = await signedIn(actor);
    const url = `/projects/${projectId}/meetings/${meetingId}`;
    await client.get(url);
    expect((await client.post(`${url}/reply`, { answer: 'coming', way: 'in_person', accessNeeds })).status).toBe(303);
  }

  const views = (meetingId: string) =>
    t.db.kysely.selectFrom('audit_events').select(['actor_account_id']).where('action', '=', 'meeting.access_needs_viewed').where('subject_id', '=', meetingId).execute();

  it('says only "fewer than 3" to the circle while one or two people have told', async () => {
    const meetingId = await planMeeting();
    await reply(people[0] as Actor, meetingId, 'I hear voices when stressed');
    const page = await (await signedIn(coProducer)).get(`/projects/${projectId}/meetings/${meetingId}`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('I hear voices when stressed');
    expect(page.body).toContain('Fewer than 3 people have told the facilitators about access needs for this meeting.');
    expect(await views(meetingId)).toEqual([]);
  });

  it('shows the needs by name to the facilitator, recording each look, and only a count to everyone else', async () => {
    const meetingId = await planMeeting();
    const [grace, sam, lee] = people as [Actor, Actor, Actor];
    await reply(grace, meetingId, 'I hear voices when stressed');
    await reply(sam, meetingId, 'I need to sit near the door');
    await reply(lee, meetingId, 'Large print, please');
    const url = `/projects/${projectId}/meetings/${meetingId}`;

    const forCoProducer = await (await signedIn(coProducer)).get(url);
    expect(forCoProducer.body).toContain('3 people have told the facilitators about access needs for this meeting.');
    for (const need of ['I hear voices when stressed', 'I need to sit near the door', 'Large print, please']) expect(forCoProducer.body).not.toContain(need);

    // A person sees their own, in their reply form, and nobody else's.
    const forSam = await (await signedIn(sam)).get(url);
    expect(forSam.body).toContain('I need to sit near the door');
    expect(forSam.body).not.toContain('I hear voices when stressed');
    expect(await views(meetingId)).toEqual([]);

    const forFacilitator = await (await signedIn(facilitator)).get(url);
    expect(forFacilitator.body).toContain('Grace Adeyemi: I hear voices when stressed');
    expect(forFacilitator.body).toContain('Sam Okafor: I need to sit near the door');
    expect(await views(meetingId)).toEqual([{ actor_account_id: facilitator.accountId }]);
  });

  it("tells the person replying and the facilitators, plainly, when access needs are deleted, as the organisation set it", async () => {
    const meetingId = await planMeeting();
    await reply(people[1] as Actor, meetingId, 'I need to sit near the door');
    const url = `/projects/${projectId}/meetings/${meetingId}`;
    const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text((await (await signedIn(people[1] as Actor)).get(url)).body)).toContain('Only the people running the meeting see this. It is deleted 30 days after the meeting.');
    expect(text((await (await signedIn(facilitator)).get(url)).body)).toContain('Access needs people give for this meeting are deleted 30 days after it ends.');
    const org = facilitator.organisationId;
    await t.db.kysely.updateTable('organisations').set({ meeting_access_needs_days: 1 }).where('id', '=', org).execute();
    expect(text((await (await signedIn(people[1] as Actor)).get(url)).body)).toContain('It is deleted 1 day after the meeting.');
    const forFacilitator = text((await (await signedIn(facilitator)).get(url)).body);
    expect(forFacilitator).toContain('are deleted 1 day after it ends.');
    await t.db.kysely.updateTable('organisations').set({ meeting_access_needs_days: 30 }).where('id', '=', org).execute();
  });
});
