import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { testDialects } from '../helpers/db.js';

/** The flood guard (@fastify/rate-limit) is on every write and, to keep page views cheap, on no read. */
describe.each(testDialects())('flood guard (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('counts every form a person sends, keyed by their account once signed in, and no page they read', async () => {
    const organisationId = await makeOrganisation(t.db.kysely, { name: 'Flood Guard Collective' });
    const member = await makeMember(t.db.kysely, organisationId);
    const client = new TestClient(t.app);
    const form = await client.get('/sign-in');
    expect(form.headers['x-ratelimit-limit']).toBeUndefined();
    const signedIn = await client.post('/sign-in', { email: member.email, password: TEST_PASSWORD });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers['x-ratelimit-limit']).toBe('600');
    const home = await client.get('/');
    expect(home.status).toBe(200);
    expect(home.headers['x-ratelimit-limit']).toBeUndefined();
    const language = await client.post('/language', { language: 'it', returnTo: '/' });
    expect(language.status).toBe(303);
    expect(language.headers['x-ratelimit-limit']).toBe('300');
    expect(language.headers['x-ratelimit-remaining']).toBe('299');
    expect((await client.get('/nothing-here')).headers['x-ratelimit-limit']).toBeUndefined();
  });
});
