import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { makePersonWithoutAccount, placeDirectly, PROJECT_INPUT } from '../helpers/projects.js';
import { CIRCLES } from '../../src/modules/projects/projects.registry.js';

/** The project and circle pages run the same number of queries for a circle of 6 as for a circle of 200. */
describe.each(testDialects())('query counts on %s', (dialect) => {
  let t: TestApp;
  let client: TestClient;
  const projects: Record<'small' | 'large', string> = { small: '', large: '' };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const organisationId = await makeOrganisation(t.db.kysely);
    const facilitator: Actor = await makeMember(t.db.kysely, organisationId, { permission: 'facilitator' });
    client = new TestClient(t.app);
    await client.signIn(facilitator.email, TEST_PASSWORD);
    for (const [size, count] of [['small', 6], ['large', 200]] as const) {
      const result = await t.app.services.projects.create(facilitator, { ...PROJECT_INPUT, title: `A circle of ${String(count)}` });
      if (!result.ok) throw new Error('could not create the project');
      projects[size] = result.value.projectId;
      for (let i = 1; i < count; i += 1) {
        const personId = await makePersonWithoutAccount(t.db.kysely, organisationId, `Person ${String(i)} of ${String(count)}`);
        await placeDirectly(t.db.kysely, organisationId, result.value.projectId, personId, { circle: CIRCLES[i % 4] ?? 'participants' });
      }
      // More updates than fit on a page of the list for the large project.
      for (let i = 0; i < Math.min(count, 45); i += 1) {
        await t.app.services.projects.updates.post(facilitator, result.value.projectId, { body: `Update ${String(i)}`, quoted: null });
      }
    }
    await t.mailer.idle();
  }, 120_000);
  afterAll(async () => t.close());

  async function queriesFor(path: string): Promise<number> {
    await client.get(path); // warm up: the session and templates
    const before = t.db.queryCount();
    const page = await client.get(path);
    expect(page.status).toBe(200);
    return t.db.queryCount() - before;
  }

  it.each(['', '/circle', '/updates', '/tasks', '/success'])('the project page%s', async (suffix) => {
    const small = await queriesFor(`/projects/${projects.small}${suffix}`);
    const large = await queriesFor(`/projects/${projects.large}${suffix}`);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(12);
  });

  it.each(['', '?page=2', '?page=3'])('the updates list%s', async (query) => {
    expect(await queriesFor(`/projects/${projects.large}/updates${query}`)).toBe(await queriesFor(`/projects/${projects.small}/updates`));
  });

  it('the circle page lists all 200 people, with a few hundred bytes of markup each', async () => {
    const small = await client.get(`/projects/${projects.small}/circle`);
    const page = await client.get(`/projects/${projects.large}/circle`);
    expect(page.body).toContain('200 people in the circle');
    expect(page.body.match(/<title>Person \d+ of 200/g)).toHaveLength(199);
    expect(page.body.match(/<li><a href="circle\/[0-9a-f-]{36}">Person \d+ of 200<\/a>/g)).toHaveLength(199);
    // The drawing and the list together: about 250 bytes a person (92 KB for 200 before the markup was slimmed).
    expect((page.body.length - small.body.length) / 194).toBeLessThan(300);
  });

  it('the project page shows the latest three updates and links to all of them', async () => {
    const page = await client.get(`/projects/${projects.large}`);
    expect(page.body.match(/class="app-update app-update--compact"/g)).toHaveLength(3);
    expect(page.body).toContain('Update 44');
    expect(page.body).not.toContain('Update 41<');
    expect(page.body).toContain(`<a class="govuk-link" href="/projects/${projects.large}/updates">See all updates (45)</a>`);
  });
});
