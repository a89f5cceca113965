import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { testDialects } from '../helpers/db.js';

describe.each(testDialects())('signing in and out (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('signs a member in, shows their organisation, and signs them out', async () => {
    const organisationId = await makeOrganisation(t.db.kysely, { name: 'Smoke Test Collective' });
    const member = await makeMember(t.db.kysely, organisationId);
    const client = new TestClient(t.app);
    const signIn = await client.get('/sign-in');
    expect(signIn.status).toBe(200);
    expect(signIn.body).toContain('Email address');
    const done = await client.post('/sign-in', { email: member.email, password: TEST_PASSWORD });
    expect(done.status).toBe(303);
    const home = await client.get('/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('Smoke Test Collective');
    expect(home.headers['cache-control']).toBe('no-store');
    const out = await client.post('/sign-out');
    expect(out.status).toBe(303);
    const after = await client.get('/account');
    expect(after.status).toBe(303);
    expect(after.location).toBe('/sign-in?next=%2Faccount');
  });
});
