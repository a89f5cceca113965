import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createJobRunner } from '../../src/shared/jobs.js';
import { createMailer } from '../../src/shared/mailer.js';
import { createOutbox, MAIL_MAX_ATTEMPTS, retryDelayMs } from '../../src/shared/outbox.js';
import { startMailbox } from '../cli/mailbox.js';
import { testConfig } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { decodeEntities, errorSummaryLinks } from '../helpers/html.js';

/** What a person reads: tags out, entities decoded, spaces folded. */
const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();

/** The table of invitations not accepted yet. */
const INVITATIONS = /id="invitations">[\s\S]*?(<table[\s\S]*?<\/table>)/;

/**
 * #11: "Email is sent once and never retried: with SMTP down, an invitation was lost while the admin was told
 * invited". Here the app talks to a real SMTP server that is down, then up again on the same port.
 */
describe.each(testDialects())('email outbox with SMTP down, then up (%s)', (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  let smtp: Awaited<ReturnType<typeof startMailbox>> | undefined;
  let port: number;
  let logged: string[];
  const clock = fixedClock(new Date());

  beforeEach(async () => {
    clock.set(new Date());
    db = await createTestDb(dialect);
    // Take a port for the SMTP server, then close it: SMTP is down.
    const first = await startMailbox();
    port = first.port;
    await first.close();
    logged = [];
    const logger = { level: 'warn', stream: { write: (line: string) => logged.push(line) } };
    app = await buildApp({ config: testConfig({ SMTP_URL: `smtp://127.0.0.1:${String(port)}` }), db, clock, logger });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await smtp?.close();
    smtp = undefined;
    await db.destroy();
  });

  async function signedInAdmin() {
    const organisationId = await makeOrganisation(db.kysely, { name: 'Riverside' });
    const admin = await makeMember(db.kysely, organisationId, { permission: 'admin', name: 'Ada Admin' });
    const client = new TestClient(app);
    await client.signIn(admin.email, TEST_PASSWORD);
    return { organisationId, admin, client };
  }

  const invitationsOn = async (client: TestClient) => text(INVITATIONS.exec((await client.get('/admin/people')).body)?.[1] ?? '');
  const outboxRows = () => db.kysely.selectFrom('mail_outbox').select(['to_email', 'status', 'attempts', 'last_error', 'body']).execute();

  /** Two instances' runners, each with its own outbox, as two app processes on one database would have. */
  function twoRunners() {
    const other = createMailer({ smtpUrl: `smtp://127.0.0.1:${String(port)}`, from: 'test@localhost', logger: { info: () => {}, error: () => {} }, allowLogTransport: false });
    const runners = [
      createJobRunner({ db: db.kysely, clock, handlers: app.services.jobHandlers, outbox: app.services.outbox }),
      createJobRunner({ db: db.kysely, clock, handlers: app.services.jobHandlers, outbox: createOutbox({ db: db.kysely, clock, mailer: other }) }),
    ];
    return { runAll: () => Promise.all(runners.map((r) => r.runDue())), close: () => other.close() };
  }

  it('shows an invitation made while SMTP is down as "not delivered yet", then delivers it exactly once when SMTP is back', async () => {
    const { client } = await signedInAdmin();
    const email = 'jo.joiner@test.example';
    await client.get('/admin/people');
    expect((await client.post('/admin/people/invite', { displayName: 'Jo Joiner', email, permission: 'member' })).status).toBe(303);
    await app.mailer.idle(); // the attempt straight after the change has failed

    expect(await invitationsOn(client)).toContain(`Jo Joiner ${email} Member`);
    expect(await invitationsOn(client)).toContain('Not delivered yet');
    const [pending] = await outboxRows();
    expect(pending).toMatchObject({ to_email: email, status: 'pending', attempts: 1, last_error: 'ESOCKET ECONNREFUSED during CONN' });
    expect(pending?.body).toContain('/invitations/');
    // The log says what failed, in codes: not the address, not the link.
    const failures = logged.filter((line) => line.includes('could not be sent yet'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('ESOCKET ECONNREFUSED during CONN');
    expect(logged.join('\n')).not.toContain(email);
    expect(logged.join('\n')).not.toContain('/invitations/');

    smtp = await startMailbox(port);
    const runners = twoRunners();
    try {
      await runners.runAll(); // backing off: not due for another minute
      expect(smtp.received).toHaveLength(0);
      clock.advance(retryDelayMs(1));
      await runners.runAll();
      await runners.runAll();
      clock.advance(60 * 60_000);
      await runners.runAll();
    } finally {
      runners.close();
    }
    expect(smtp.received.map((m) => m.to)).toEqual([[email]]);
    expect(await invitationsOn(client)).toContain('Sent');
    expect(await invitationsOn(client)).not.toContain('Not delivered yet');
    expect(await outboxRows()).toMatchObject([{ status: 'sent', attempts: 2, last_error: null, body: '' }]);

    // The link in the email works.
    const link = /http:\/\/localhost:3000\/invitations\/[\w-]+/.exec(smtp.received[0]?.text ?? '')?.[0] ?? '';
    expect((await new TestClient(app).get(link.replace('http://localhost:3000', ''))).status).toBe(200);
  });

  it('says "could not be delivered" once it has given up, and sends it again with a new link that arrives', async () => {
    const { admin, client: before } = await signedInAdmin();
    const email = 'sam.second@test.example';
    let client = before;
    await client.get('/admin/people');
    await client.post('/admin/people/invite', { displayName: 'Sam Second', email, permission: 'facilitator' });
    await app.mailer.idle();
    const firstBody = (await outboxRows())[0]?.body ?? '';
    const firstLink = /\/invitations\/[\w-]+/.exec(firstBody)?.[0] ?? '';
    expect(firstLink).not.toBe('');

    const runners = twoRunners();
    try {
      for (let failed = 1; failed < MAIL_MAX_ATTEMPTS; failed += 1) {
        clock.advance(retryDelayMs(failed));
        await runners.runAll();
      }
    } finally {
      runners.close();
    }
    expect(await outboxRows()).toMatchObject([{ status: 'failed', attempts: MAIL_MAX_ATTEMPTS, last_error: 'ESOCKET ECONNREFUSED during CONN', body: '' }]);
    // Hours have passed: the admin signs in again.
    client = new TestClient(app);
    await client.signIn(admin.email, TEST_PASSWORD);
    const page = await client.get('/admin/people');
    expect(text(INVITATIONS.exec(page.body)?.[1] ?? '')).toContain('Could not be delivered');

    // Send again, SMTP back up: the new link arrives at once, the old one no longer works.
    smtp = await startMailbox(port);
    const invitationId = /action="\/admin\/people\/invitations\/([^/"]+)\/resend"/.exec(page.body)?.[1] ?? '';
    const resent = await client.post(`/admin/people/invitations/${invitationId}/resend`, {});
    expect(resent.status).toBe(303);
    expect(resent.headers['location']).toBe('/admin/people#invitations');
    await app.mailer.idle();
    expect(smtp.received.map((m) => m.to)).toEqual([[email]]);
    const newLink = /\/invitations\/[\w-]+/.exec(smtp.received[0]?.text ?? '')?.[0] ?? '';
    expect(newLink).not.toBe(firstLink);
    expect((await new TestClient(app).get(newLink)).status).toBe(200);
    expect((await new TestClient(app).get(firstLink)).status).toBe(404);
    const after = await client.get('/admin/people');
    expect(after.body).toContain(`We are emailing ${email} a new invitation link.`);
    expect(text(INVITATIONS.exec(after.body)?.[1] ?? '')).toContain('Sent');
    const audit = await db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'person.invitation_resent').execute();
    expect(audit).toHaveLength(1);
  });

  it('sending again while the first email is still waiting sends only the new one', async () => {
    const { client } = await signedInAdmin();
    const email = 'pat.pending@test.example';
    await client.get('/admin/people');
    await client.post('/admin/people/invite', { displayName: 'Pat Pending', email, permission: 'member' });
    await app.mailer.idle();
    const page = await client.get('/admin/people');
    const invitationId = /action="\/admin\/people\/invitations\/([^/"]+)\/resend"/.exec(page.body)?.[1] ?? '';
    smtp = await startMailbox(port);
    expect((await client.post(`/admin/people/invitations/${invitationId}/resend`, {})).status).toBe(303);
    await app.mailer.idle();
    clock.advance(60 * 60_000);
    const runners = twoRunners();
    try {
      await runners.runAll();
    } finally {
      runners.close();
    }
    expect(smtp.received.map((m) => m.to)).toEqual([[email]]);
  });
});

describe.each(testDialects())('sending an invitation again: who may, and the form (%s)', (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;

  beforeEach(async () => {
    db = await createTestDb(dialect);
    app = await buildApp({ config: testConfig(), db, logger: false });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await db.destroy();
  });

  it('checks permission before the form: 404 for members, facilitators with an admin invitation and other organisations', async () => {
    const a = await makeOrganisation(db.kysely);
    const b = await makeOrganisation(db.kysely);
    const adminA = await makeMember(db.kysely, a, { permission: 'admin' });
    const facilitatorA = await makeMember(db.kysely, a, { permission: 'facilitator' });
    const memberA = await makeMember(db.kysely, a);
    const adminB = await makeMember(db.kysely, b, { permission: 'admin' });
    const invite = async (actor: typeof adminA, permission: 'member' | 'admin') => {
      const email = `${permission}-${String(Math.random()).slice(2)}@test.example`;
      const invited = await app.services.auth.invite(actor, { email, displayName: 'Someone', permission });
      if (!invited.ok) throw new Error('could not invite');
      return (await db.kysely.selectFrom('auth_tokens').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    };
    const memberInvitation = await invite(adminA, 'member');
    const adminInvitation = await invite(adminA, 'admin');
    const otherOrganisation = await invite(adminB, 'member');
    const as = async (email: string) => {
      const client = new TestClient(app);
      await client.signIn(email, TEST_PASSWORD);
      await client.get('/admin/people');
      return client;
    };
    const url = (id: string) => `/admin/people/invitations/${id}/resend`;
    const member = await as(memberA.email);
    const facilitator = await as(facilitatorA.email);
    const admin = await as(adminA.email);
    // A facilitator is offered "Send again" only for invitations they could have made.
    const facilitatorPage = (await facilitator.get('/admin/people')).body;
    expect(facilitatorPage).toContain(url(memberInvitation));
    expect(facilitatorPage).not.toContain(url(adminInvitation));
    expect((await admin.get('/admin/people')).body).toContain(url(adminInvitation));
    for (const fields of [{}, { surprise: 'x' }]) {
      expect((await member.post(url(memberInvitation), fields)).status).toBe(404);
      expect((await facilitator.post(url(adminInvitation), fields)).status).toBe(404);
      expect((await admin.post(url(otherOrganisation), fields)).status).toBe(404);
      expect((await admin.post(url('not-an-invitation'), fields)).status).toBe(404);
    }
    // Their own organisation's invitation, with something unexpected in the form: refused, nothing changed.
    const before = await db.kysely.selectFrom('auth_tokens').select(['id', 'used_at']).orderBy('id').execute();
    const bad = await admin.post(url(memberInvitation), { surprise: 'x' });
    expect(bad.status).toBe(422);
    expect(errorSummaryLinks(bad.body)).toEqual([{ text: 'The form had something we did not expect. Reload the page and try again.', href: `#resend-${memberInvitation}` }]);
    expect(await db.kysely.selectFrom('auth_tokens').select(['id', 'used_at']).orderBy('id').execute()).toEqual(before);
    // Facilitators may send again what they may invite.
    expect((await facilitator.post(url(memberInvitation), {})).status).toBe(303);
    await app.mailer.idle();
  });

  it('shows the invitations table in Italian', async () => {
    const organisationId = await makeOrganisation(db.kysely, { defaultLanguage: 'it' });
    const admin = await makeMember(db.kysely, organisationId, { permission: 'admin' });
    await db.kysely.updateTable('accounts').set({ language: 'it' }).where('id', '=', admin.accountId).execute();
    await app.services.auth.invite(admin, { email: 'giulia@test.example', displayName: 'Giulia', permission: 'member' });
    await app.mailer.idle();
    const client = new TestClient(app);
    await client.signIn(admin.email, TEST_PASSWORD);
    const page = text((await client.get('/admin/people')).body);
    expect(page).toContain('Inviti non ancora accettati');
    expect(page).toMatch(/Inviata|Non ancora consegnata/);
    expect(page).toContain('Manda di nuovo');
  });
});
