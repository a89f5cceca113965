import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import type { Actor } from '../../src/shared/actor.js';

/** #11: sign-in links, resets, invitations (possibly for the admin role) and calendar feeds never reach the log. */
describe.each(testDialects())('the request log (%s)', (dialect) => {
  const lines: string[] = [];
  let t: TestApp;
  let admin: Actor;
  let member: Actor;

  beforeAll(async () => {
    t = await createTestApp(dialect, { logTo: (line) => lines.push(line) });
    const organisationId = await makeOrganisation(t.db.kysely);
    admin = await makeMember(t.db.kysely, organisationId, { permission: 'admin' });
    member = await makeMember(t.db.kysely, organisationId);
  });
  afterAll(async () => t.close());

  const tokenOf = async (email: string) => (await t.mailer.linkTo(email)).split('/').at(-1) ?? '';

  it('holds none of the tokens issued by every flow that puts one in a URL', async () => {
    const issued: string[] = [];

    const linkClient = new TestClient(t.app);
    expect((await linkClient.submit('/sign-in/link', '/sign-in/link', { email: member.email })).status).toBe(200);
    const link = await tokenOf(member.email);
    issued.push(link);
    expect((await linkClient.get(`/sign-in/link/${link}`)).status).toBe(200);
    expect((await linkClient.post(`/sign-in/link/${link}`, {})).status).toBe(303);

    const resetClient = new TestClient(t.app);
    expect((await resetClient.submit('/password-reset', '/password-reset', { email: member.email })).status).toBe(200);
    const reset = await tokenOf(member.email);
    issued.push(reset);
    expect((await resetClient.get(`/password-reset/${reset}`)).status).toBe(200);
    // Refused for its CSRF token: the error handler logs the URL too.
    expect((await resetClient.post(`/password-reset/${reset}`, { password: 'a brand new passphrase' }, { csrf: null })).status).toBe(403);
    expect((await resetClient.post(`/password-reset/${reset}`, { password: 'a brand new passphrase' })).status).toBe(303);

    const adminClient = new TestClient(t.app);
    await adminClient.signIn(admin.email, TEST_PASSWORD);
    await adminClient.get('/admin/people');
    const invitedEmail = `invited-${dialect}@test.example`;
    expect((await adminClient.post('/admin/people/invite', { displayName: 'New Admin', email: invitedEmail, permission: 'admin' })).status).toBe(303);
    const invitation = await tokenOf(invitedEmail);
    issued.push(invitation);
    expect((await new TestClient(t.app).get(`/invitations/${invitation}?from=email`)).status).toBe(200);

    const feedClient = new TestClient(t.app);
    await feedClient.signIn(admin.email, TEST_PASSWORD);
    await feedClient.get('/meetings');
    const made = await feedClient.post('/calendar/feed', {});
    const feed = /\/calendar\/([A-Za-z0-9_-]{43})\.ics/.exec(made.body)?.[1] ?? '';
    expect(feed).not.toBe('');
    issued.push(feed);
    expect((await new TestClient(t.app).get(`/calendar/${feed}.ics`)).status).toBe(200);

    const log = lines.join('');
    expect(issued).toHaveLength(4);
    expect(log).toContain('/sign-in/link/[redacted]');
    expect(log).toContain('/calendar/[redacted]');
    for (const token of issued) expect(log).not.toContain(token);
  });
});
