import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { generatePeople } from '../helpers/people-generator.js';

/**
 * The directory, the team wall and a profile run the same number of queries with 10 people as with 10,000: one
 * count, one page, and batched look-ups for the page's people, never one query per person.
 */
describe.each(testDialects())('people query counts (%s)', (dialect) => {
  let t: TestApp;
  let client: TestClient;
  let viewer: Actor;
  let organisationId: string;
  let someone = '';

  // A fixed clock: the session is saved at most once a minute, so a minute passing mid-test would add a query.
  const clock = fixedClock(new Date('2026-11-23T10:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock });
    organisationId = await makeOrganisation(t.db.kysely);
    viewer = await makeMember(t.db.kysely, organisationId, { name: 'Viewer' });
    client = new TestClient(t.app);
    await client.signIn(viewer.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  const PAGES = ['/people', '/people?q=design', '/people?q=facilitat&kind=grow', '/people?kind=offer&page=2', '/people/wall'];

  async function countQueries(path: string): Promise<number> {
    const before = t.db.queryCount();
    const page = await client.get(path);
    expect(page.status, path).toBe(200);
    return t.db.queryCount() - before;
  }

  /** Queries for a page just after the directory changed (nothing remembered holds), then for the same page again. */
  async function queriesFor(path: string): Promise<string> {
    await client.get(path); // warm up: templates and the session
    await t.db.kysely.updateTable('people').set({ pronouns: `they/them ${String(Date.now())}` }).where('id', '=', viewer.personId).execute();
    const cold = await countQueries(path);
    const warm = await countQueries(path);
    return `${String(cold)} then ${String(warm)}`;
  }

  async function measure(): Promise<Record<string, string>> {
    const counts: Record<string, string> = {};
    for (const path of [...PAGES, `/people/${someone}`]) counts[path.replace(someone, ':someone')] = await queriesFor(path);
    return counts;
  }

  it('is the same for 10 and for 10,000 people', async () => {
    const first = await generatePeople(t.db.kysely, organisationId, 10, { seed: 1 });
    someone = first[0] ?? '';
    await t.db.kysely.updateTable('people').set({ profile_visibility: 'organisation' }).where('id', '=', someone).execute();
    // Every search finds somebody with 10 people too, so no query is skipped for an empty result.
    for (const [label, kind] of [['Facilitating groups', 'grow'], ['Poster design', 'offer']] as const) {
      await t.app.services.people.addStrength({ ...viewer, permission: 'admin' }, someone, { label, kind });
    }
    const small = await measure();

    await generatePeople(t.db.kysely, organisationId, 9_990, { seed: 2 });
    const count = await t.db.kysely.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
    expect(count.n).toBe(10_001);
    const large = await measure();

    expect(large).toEqual(small);
    // The signed-in request itself (session, actor, unread count), who shares projects with the viewer, the
    // directory's version and labels, then just after a change: count + page + strengths + perspectives; for the
    // same page again (remembered at that version) none of those four. The wall: page + strengths + headings +
    // answers + appreciations + settings, each time.
    for (const path of PAGES) {
      const [cold = 0, warm = 0] = (small[path] ?? '').split(' then ').map(Number);
      expect(cold, path).toBeLessThanOrEqual(path === '/people/wall' ? 10 : 9);
      expect(warm, path).toBeLessThanOrEqual(path === '/people/wall' ? 10 : 5);
    }

    const page = await client.get('/people?q=design');
    expect(page.body).toMatch(/\d[\d,]* people found/);
    expect(page.body).toContain('aria-label="Pages"');
  }, 180_000);
});
