import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrganisationCommand } from '../../src/cli/commands.js';
import { memoryOutput } from '../../src/cli/output.js';
import { createServices } from '../../src/services.js';
import { systemClock } from '../../src/shared/clock.js';
import { testConfig } from '../helpers/app.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeMember, makeOrganisation } from '../helpers/factories.js';
import { createCapturingMailer } from '../helpers/mailer.js';
import { startMailbox } from './mailbox.js';

const riverside = {
  name: 'Riverside Wellbeing Collective',
  shortName: 'Riverside',
  adminEmail: 'Ada.Admin@Example.org',
  adminName: 'Ada Admin',
} as const;

function tokenOf(link: string): string {
  const token = /\/invitations\/([A-Za-z0-9_-]+)$/.exec(link)?.[1];
  if (token === undefined) throw new Error(`not an invitation link: ${link}`);
  return token;
}

function printedLink(text: string): string {
  const link = /http:\/\/localhost:3000\/invitations\/\S+/.exec(text)?.[0];
  if (link === undefined) throw new Error(`no invitation link in:\n${text}`);
  return link;
}

/** A port nothing listens on, so sending mail there fails the way a wrong SMTP_URL does. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(testDialects())('npm run cli -- create-organisation (%s)', (dialect) => {
  let db: TestDb;

  beforeEach(async () => {
    db = await createTestDb(dialect);
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('creates the organisation and emails its first admin an invitation that works', async () => {
    const mailbox = await startMailbox();
    try {
      const config = testConfig({ SMTP_URL: mailbox.url });
      const out = memoryOutput();
      const code = await createOrganisationCommand({ db, config, out }, { ...riverside, defaultLanguage: 'it', timeZone: 'Europe/Rome' });
      expect(out.errors).toEqual([]);
      expect(code).toBe(0);

      const organisation = await db.kysely.selectFrom('organisations').selectAll().executeTakeFirstOrThrow();
      expect(organisation).toMatchObject({ name: riverside.name, short_name: 'Riverside', default_language: 'it', time_zone: 'Europe/Rome', is_demo: 0 });
      expect(out.text()).toContain(`Created the organisation "${riverside.name}" (Riverside), with id ${organisation.id}.`);
      expect(out.text()).toContain('Sent an invitation to ada.admin@example.org to be the first admin.');

      // The command waited for the email: it has already arrived, with the same link as printed.
      expect(mailbox.received).toHaveLength(1);
      const email = mailbox.received[0];
      expect(email?.to).toEqual(['ada.admin@example.org']);
      const link = printedLink(out.text());
      expect(email?.text).toContain(link);

      const token = await db.kysely.selectFrom('auth_tokens').selectAll().executeTakeFirstOrThrow();
      expect(token).toMatchObject({ purpose: 'invitation', permission: 'admin', email: 'ada.admin@example.org', organisation_id: organisation.id, created_by_account_id: null, display_name: 'Ada Admin', used_at: null });
      const audit = await db.kysely.selectFrom('audit_events').select(['action', 'actor_account_id', 'organisation_id']).orderBy('created_at').orderBy('id').execute();
      expect(audit).toEqual([
        { action: 'organisation.created', actor_account_id: null, organisation_id: organisation.id },
        { action: 'person.invited', actor_account_id: null, organisation_id: organisation.id },
      ]);

      // The person accepts the invitation and becomes the organisation's admin.
      const services = createServices({ db, clock: systemClock, mailer: createCapturingMailer(), config });
      const accepted = await services.auth.acceptInvitation({ token: tokenOf(link), displayName: 'Ada Admin', password: 'a long enough password', signedInAccountId: null, language: null });
      expect(accepted.ok && accepted.value.organisationId).toBe(organisation.id);
      const person = await db.kysely
        .selectFrom('people')
        .innerJoin('accounts', 'accounts.id', 'people.account_id')
        .select(['people.permission', 'people.display_name', 'accounts.email'])
        .where('people.organisation_id', '=', organisation.id)
        .execute();
      expect(person).toEqual([{ permission: 'admin', display_name: 'Ada Admin', email: 'ada.admin@example.org' }]);
      const again = await services.auth.acceptInvitation({ token: tokenOf(link), displayName: 'Ada', password: 'another long password', signedInAccountId: null, language: null });
      expect(again.ok).toBe(false);
    } finally {
      await mailbox.close();
    }
  });

  it('invites someone who already has an account, who joins once signed in as that account', async () => {
    const elsewhere = await makeOrganisation(db.kysely);
    const existing = await makeMember(db.kysely, elsewhere, { email: 'sam@example.org', permission: 'member' });
    const mailer = createCapturingMailer();
    const config = testConfig();
    const out = memoryOutput();
    expect(await createOrganisationCommand({ db, config, out, mailer }, { name: 'Hillside Peer Network', shortName: 'Hillside', adminEmail: 'sam@example.org' })).toBe(0);

    const link = await mailer.linkTo('sam@example.org');
    expect(out.text()).toContain(link);
    const services = createServices({ db, clock: systemClock, mailer, config });
    const notSignedIn = await services.auth.acceptInvitation({ token: tokenOf(link), displayName: 'Sam', password: null, signedInAccountId: null, language: null });
    expect(notSignedIn).toMatchObject({ ok: false, kind: 'forbidden' });
    const accepted = await services.auth.acceptInvitation({ token: tokenOf(link), displayName: 'Sam', password: null, signedInAccountId: existing.accountId, language: null });
    expect(accepted.ok).toBe(true);
    const memberships = await services.auth.listMemberships(existing.accountId);
    const hillside = await db.kysely.selectFrom('organisations').select('id').where('short_name', '=', 'Hillside').executeTakeFirstOrThrow();
    expect(new Map(memberships.map((m) => [m.organisationId, m.permission]))).toEqual(
      new Map([
        [elsewhere, 'member'],
        [hillside.id, 'admin'],
      ]),
    );
  });

  it('without SMTP_URL, prints the link and says no email was sent', async () => {
    const out = memoryOutput();
    const code = await createOrganisationCommand({ db, config: testConfig(), out }, riverside);
    expect(code).toBe(0);
    expect(out.text()).toContain('No email was sent, because SMTP_URL is not set. Send ada.admin@example.org this link yourself.');
    expect(printedLink(out.text())).toMatch(/^http:\/\/localhost:3000\/invitations\/[A-Za-z0-9_-]{40,}$/);
  });

  it('when the email cannot be sent, says so, prints the link and exits non-zero', async () => {
    const out = memoryOutput();
    const config = testConfig({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
    const code = await createOrganisationCommand({ db, config, out }, riverside);
    expect(code).toBe(1);
    expect(out.errors.join('\n')).toContain('The invitation email to ada.admin@example.org could not be sent');
    expect(out.errors.join('\n')).toContain('do not run this command again');
    const link = printedLink(out.errors.join('\n'));
    const services = createServices({ db, clock: systemClock, mailer: createCapturingMailer(), config });
    expect((await services.auth.checkInvitation(tokenOf(link))).ok).toBe(true);
  });

  it('gives a plain message for each wrong option, in order, and creates nothing', async () => {
    const out = memoryOutput();
    const code = await createOrganisationCommand(
      { db, config: testConfig(), out, mailer: createCapturingMailer() },
      { name: '  ', shortName: 'A short name that is far too long for titles', adminEmail: 'not-an-email', adminName: 'x'.repeat(101), defaultLanguage: 'fr', timeZone: 'Mars/Olympus' },
    );
    expect(code).toBe(2);
    expect(out.errors).toEqual([
      'The organisation was not created:',
      '  --name: Enter the name of the organisation.',
      '  --short-name: The short name must be 30 characters or fewer.',
      '  --admin-email: Enter an email address in the correct format, like name@example.com.',
      '  --admin-name: The name must be 100 characters or fewer.',
      '  --language: Choose a language (use one of: en-GB, it).',
      '  --time-zone: Enter a time zone like Europe/London.',
    ]);
    expect(await db.kysely.selectFrom('organisations').select('id').execute()).toEqual([]);
    expect(await db.kysely.selectFrom('auth_tokens').select('id').execute()).toEqual([]);
  });

  it('says which required options are missing and what they are for', async () => {
    const out = memoryOutput();
    const code = await createOrganisationCommand({ db, config: testConfig(), out, mailer: createCapturingMailer() }, { shortName: 'Riverside' });
    expect(code).toBe(2);
    expect(out.errors).toEqual([
      'The organisation was not created:',
      '  --name is missing: give the full name of the organisation, like "Riverside Wellbeing Collective".',
      "  --admin-email is missing: give the email address of the organisation's first admin.",
    ]);
    expect(await db.kysely.selectFrom('organisations').select('id').execute()).toEqual([]);
  });
});
