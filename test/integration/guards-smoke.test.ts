import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';

describe('guards', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => t.close());

  it('answers "not found" to a member on an admin page, and never runs the handler', async () => {
    const organisationId = await makeOrganisation(t.db.kysely);
    const member = await makeMember(t.db.kysely, organisationId);
    const client = new TestClient(t.app);
    await client.signIn(member.email, TEST_PASSWORD);
    const page = await client.get('/admin/organisation');
    expect(page.status).toBe(404);
    expect(page.body).toContain('Page not found');
    const post = await client.submit('/', '/admin/organisation', { name: 'Taken over', shortName: 'X', defaultLanguage: 'en-GB', timeZone: 'UTC' });
    expect(post.status).toBe(404);
    const row = await t.db.kysely.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
    expect(row.name).not.toBe('Taken over');
  });
});
