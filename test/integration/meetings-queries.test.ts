import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { makeProject } from '../helpers/meetings.js';
import { makePersonWithoutAccount } from '../helpers/projects.js';

/** The meeting page runs the same few queries for a circle of 6 as for a circle of 200, and stays small. */
describe.each(testDialects())('meeting page query counts on %s', (dialect) => {
  let t: TestApp;
  let client: TestClient;
  const meetings: Record<'small' | 'large', string> = { small: '', large: '' };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const db = t.db.kysely;
    const organisationId = await makeOrganisation(db);
    const facilitator: Actor = await makeMember(db, organisationId, { permission: 'facilitator', name: 'Priya Facilitator' });
    client = new TestClient(t.app);
    await client.signIn(facilitator.email, TEST_PASSWORD);
    for (const [size, count] of [['small', 6], ['large', 200]] as const) {
      const members = [{ personId: facilitator.personId }];
      for (let i = 1; i < count; i += 1) {
        const personId = await makePersonWithoutAccount(db, organisationId, `Person ${String(i).padStart(3, '0')} of ${String(count)}`);
        members.push({ personId });
      }
      const projectId = await makeProject(db, organisationId, members, `A circle of ${String(count)}`);
      await client.get(`/projects/${projectId}/meetings/new`);
      const planned = await client.post(`/projects/${projectId}/meetings`, {
        title: 'Planning', 'date-day': '14', 'date-month': '7', 'date-year': '2036', startTime: '14:30', endTime: '16:00', place: 'Riverside Hall', onlineUrl: '', ways: ['in_person'],
      });
      expect(planned.status).toBe(303);
      meetings[size] = planned.location ?? '';
    }
  }, 120_000);
  afterAll(async () => t.close());

  async function queriesFor(path: string): Promise<{ count: number; body: string }> {
    await client.get(path); // warm up: the session and templates
    const before = t.db.queryCount();
    const page = await client.get(path);
    expect(page.status).toBe(200);
    return { count: t.db.queryCount() - before, body: page.body };
  }

  it('the meeting page', async () => {
    const small = await queriesFor(meetings.small);
    const large = await queriesFor(meetings.large);
    expect(large.count).toBe(small.count);
    expect(small.count).toBeLessThanOrEqual(13);
  });

  it('a circle of 200 is not listed in every select: one search lists who matches, and the page stays small', async () => {
    const { body } = await queriesFor(meetings.large);
    expect(body).toContain('200 people are in this project&#39;s circle.');
    // Four selects of people (whose things, who does an action, card keeper, note-taker), none listing the circle.
    expect(body.match(/<option/g)?.length).toBeLessThan(12);
    expect(body.length).toBeLessThan(40_000);
    const found = await queriesFor(`${meetings.large}?find=person%2001`);
    expect(found.count).toBe((await queriesFor(meetings.small)).count);
    expect(found.body).toContain('10 people match “person 01”. They are listed in the choices below.');
    for (const id of ['forPerson', 'personId', 'keeperId', 'noteTakerId']) {
      const select = new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(found.body)?.[1] ?? '';
      expect(select.match(/Person 01\d of 200/g), id).toHaveLength(10);
    }
  });
});
