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
      for (let i = 0; i < Math.min(count, 30); i += 1) {
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

  it('the circle page lists all 200 people', async () => {
    const page = await client.get(`/projects/${projects.large}/circle`);
    expect(page.body).toContain('200 people in the circle');
    expect(page.body.match(/<title>Person \d+ of 200/g)).toHaveLength(199);
  });
});
