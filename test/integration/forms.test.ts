import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { newId } from '../../src/db/portable.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient, type Page } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { checkedValue, fieldValue, pageTitle } from '../helpers/html.js';
import { expectFormErrors } from '../helpers/pages.js';

/** A password typed into a form that must never come back in the page. */
const TYPED_SECRET = 'Typed-Secret-Passphrase-7731';

describe.each(testDialects())('forms (%s)', (dialect) => {
  let t: TestApp;
  let organisationId: string;
  let admin: Actor;
  let facilitator: Actor;
  let plain: Actor;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    organisationId = await makeOrganisation(t.db.kysely, { name: 'Westfield Community Circle', shortName: 'Westfield' });
    admin = await makeMember(t.db.kysely, organisationId, { permission: 'admin', name: 'Ada Admin' });
    facilitator = await makeMember(t.db.kysely, organisationId, { permission: 'facilitator', name: 'Fay Facilitator' });
    plain = await makeMember(t.db.kysely, organisationId, { name: 'Mo Member' });
  });
  afterAll(async () => t.close());

  async function as(actor: Actor | null, pageUrl: string): Promise<TestClient> {
    const client = new TestClient(t.app);
    if (actor !== null) await client.signIn(actor.email, TEST_PASSWORD);
    expect((await client.get(pageUrl)).status).toBe(200);
    return client;
  }

  async function invitationFor(email: string, permission: 'member' | 'facilitator' = 'member'): Promise<string> {
    const client = await as(admin, '/admin/people');
    expect((await client.post('/admin/people/invite', { displayName: 'Invited Person', email, permission })).status).toBe(303);
    return (await t.mailer.linkTo(email)).split('/').at(-1) ?? '';
  }

  async function resetTokenFor(email: string): Promise<string> {
    const client = await as(null, '/password-reset');
    await client.post('/password-reset', { email });
    return (await t.mailer.linkTo(email)).split('/').at(-1) ?? '';
  }

  function expectNoSecret(page: Page): void {
    expect(page.body).not.toContain(TYPED_SECRET);
  }

  describe('sign in', () => {
    it('asks for both answers when nothing is typed', async () => {
      const page = await (await as(null, '/sign-in')).post('/sign-in', { email: '', password: '' });
      expectFormErrors(page, [
        { href: '#email', text: 'Enter your email address' },
        { href: '#password', text: 'Enter a password' },
      ]);
    });

    it('keeps the email typed, and never the password', async () => {
      const page = await (await as(null, '/sign-in')).post('/sign-in', { email: 'ada at example', password: TYPED_SECRET });
      expectFormErrors(page, [{ href: '#email', text: 'Enter an email address in the correct format, like name@example.com' }]);
      expect(fieldValue(page.body, 'email')).toBe('ada at example');
      expect(fieldValue(page.body, 'password')).toBeUndefined();
      expectNoSecret(page);
    });

    it('says the email or password is not right, without saying which', async () => {
      const page = await (await as(null, '/sign-in')).post('/sign-in', { email: plain.email, password: TYPED_SECRET });
      expectFormErrors(page, [{ href: '#email', text: 'The email address or password is not right' }]);
      expect(fieldValue(page.body, 'email')).toBe(plain.email);
      expectNoSecret(page);
      expect(page.body).not.toContain('Check your answer');
    });

    it('rejects a field the form does not have', async () => {
      const page = await (await as(null, '/sign-in')).post('/sign-in', { email: plain.email, password: TEST_PASSWORD, permission: 'admin' });
      expectFormErrors(page, [{ href: '#email', text: 'The form had something we did not expect. Reload the page and try again.' }]);
    });

    it('redirects with 303 when it works', async () => {
      const page = await (await as(null, '/sign-in')).post('/sign-in', { email: plain.email, password: TEST_PASSWORD });
      expect(page.status).toBe(303);
      expect(page.location).toBe('/');
    });
  });

  describe('asking for a sign-in link or a reset', () => {
    it.each(['/sign-in/link', '/password-reset'])('%s asks for an email in the right format and keeps what was typed', async (url) => {
      const client = await as(null, url);
      const empty = await client.post(url, { email: '  ' });
      expectFormErrors(empty, [{ href: '#email', text: 'Enter your email address' }]);
      const wrong = await client.post(url, { email: 'someone@' });
      expectFormErrors(wrong, [{ href: '#email', text: 'Enter an email address in the correct format, like name@example.com' }]);
      expect(fieldValue(wrong.body, 'email')).toBe('someone@');
    });
  });

  describe('choosing a new password', () => {
    it('asks for a longer password, shows the form again without it, and keeps the link working', async () => {
      const token = await resetTokenFor(plain.email);
      const client = await as(null, `/password-reset/${token}`);
      const page = await client.post(`/password-reset/${token}`, { password: 'short' });
      expectFormErrors(page, [{ href: '#password', text: 'Your password must be at least 10 characters' }]);
      expect(fieldValue(page.body, 'password')).toBeUndefined();
      expect((await client.post(`/password-reset/${token}`, { password: TEST_PASSWORD })).status).toBe(303);
    });
  });

  describe('accepting an invitation', () => {
    it('asks a new person for a name and a long enough password, keeping the name and never the password', async () => {
      const token = await invitationFor(`new-${newId()}@test.example`);
      const client = await as(null, `/invitations/${token}`);
      const empty = await client.post(`/invitations/${token}`, { displayName: ' ', password: '' });
      expectFormErrors(empty, [
        { href: '#displayName', text: 'Enter a name' },
        { href: '#password', text: 'Enter a password' },
      ]);
      const short = await client.post(`/invitations/${token}`, { displayName: 'Noor Hassan', password: 'abc' });
      expectFormErrors(short, [{ href: '#password', text: 'Your password must be at least 10 characters' }]);
      expect(fieldValue(short.body, 'displayName')).toBe('Noor Hassan');
      const long = await client.post(`/invitations/${token}`, { displayName: 'N'.repeat(101), password: TYPED_SECRET });
      expectFormErrors(long, [{ href: '#displayName', text: 'The name must be 100 characters or fewer' }]);
      expectNoSecret(long);
    });

    it('joins the new person with 303 to the home page, where they are welcomed', async () => {
      const token = await invitationFor(`new-${newId()}@test.example`, 'facilitator');
      const client = await as(null, `/invitations/${token}`);
      const done = await client.post(`/invitations/${token}`, { displayName: 'Noor Hassan', password: TEST_PASSWORD });
      expect(done.status).toBe(303);
      expect(done.location).toBe('/');
      const home = await client.get('/');
      expect(home.body).toContain('Welcome to Westfield Community Circle.');
      expect(home.body).toContain('Hello, Noor Hassan');
      expect(home.body).toContain('href="/admin/people"'); // a facilitator, as invited
    });

    it('asks someone who already has an account to sign in first, and joins them once they have', async () => {
      const otherOrganisation = await makeOrganisation(t.db.kysely);
      const elsewhere = await makeMember(t.db.kysely, otherOrganisation, { name: 'Ola Elsewhere' });
      const token = await invitationFor(elsewhere.email);

      const stranger = await as(null, `/invitations/${token}`);
      const page = await stranger.get(`/invitations/${token}`);
      expect(page.body).toContain('You already have an account with');
      expect(page.body).toContain(`href="/sign-in?next=/invitations/${token}"`);
      const refused = await stranger.post(`/invitations/${token}`, { displayName: 'Not Ola' });
      expect(refused.status).toBe(403);

      const ola = await as(elsewhere, `/invitations/${token}`);
      const joined = await ola.post(`/invitations/${token}`, { displayName: 'Ola' });
      expect(joined.status).toBe(303);
      expect((await ola.get('/')).body).toContain('Westfield Community Circle');
    });
  });

  describe('changing a password', () => {
    it('asks for the current password and a long enough new one, never showing either', async () => {
      const client = await as(plain, '/account');
      const empty = await client.post('/account/password', { currentPassword: '', password: 'short' });
      expectFormErrors(empty, [
        { href: '#currentPassword', text: 'Enter a password' },
        { href: '#password', text: 'Your password must be at least 10 characters' },
      ]);
      const wrong = await client.post('/account/password', { currentPassword: TYPED_SECRET, password: 'another long passphrase' });
      expectFormErrors(wrong, [{ href: '#currentPassword', text: 'Your current password is not right' }]);
      expectNoSecret(wrong);
      expect(wrong.body).not.toContain('another long passphrase');
    });
  });

  describe('inviting someone', () => {
    it('lists problems in the order of the form and keeps everything typed', async () => {
      const client = await as(admin, '/admin/people');
      const page = await client.post('/admin/people/invite', { displayName: '', email: 'priya@', permission: 'facilitator' });
      expectFormErrors(page, [
        { href: '#displayName', text: 'Enter their name' },
        { href: '#email', text: 'Enter their email address in the correct format, like name@example.com' },
      ]);
      expect(fieldValue(page.body, 'email')).toBe('priya@');
      expect(checkedValue(page.body, 'permission')).toBe('facilitator');
      expect(pageTitle(page.body)).toBe('Error: People and access – Westfield');
    });

    it('speaks about the person invited: "Enter their email address", never "your" (#12)', async () => {
      const client = await as(admin, '/admin/people');
      const empty = await client.post('/admin/people/invite', { displayName: '', email: '', permission: 'nobody' });
      expectFormErrors(empty, [
        { href: '#displayName', text: 'Enter their name' },
        { href: '#email', text: 'Enter their email address' },
        { href: '#permission', text: 'Choose what this person can do' },
      ]);
      const long = await client.post('/admin/people/invite', { displayName: 'P'.repeat(101), email: 'priya-long@test.example', permission: 'member' });
      expectFormErrors(long, [{ href: '#displayName', text: 'Their name must be 100 characters or fewer' }]);
      for (const page of [empty, long]) {
        const form = page.body.slice(page.body.indexOf('<main'), page.body.indexOf('</main>'));
        expect(form).not.toMatch(/\byour (email|name)\b/i);
      }
      expect(empty.body).toContain('Their email address');
    });

    it('asks what the person can do', async () => {
      const client = await as(admin, '/admin/people');
      const page = await client.post('/admin/people/invite', { displayName: 'Priya', email: 'priya@test.example', permission: 'owner' });
      expectFormErrors(page, [{ href: '#permission', text: 'Choose what this person can do' }]);
      expect(fieldValue(page.body, 'displayName')).toBe('Priya');
    });

    it('tells a facilitator only an admin can invite an admin, keeping what they typed', async () => {
      const client = await as(facilitator, '/admin/people');
      const page = await client.post('/admin/people/invite', { displayName: 'Priya', email: 'priya-admin@test.example', permission: 'admin' });
      expectFormErrors(page, [{ href: '#permission', text: 'Only an admin can invite someone as an admin' }]);
      expect(fieldValue(page.body, 'displayName')).toBe('Priya');
      expect(fieldValue(page.body, 'email')).toBe('priya-admin@test.example');
      const tokens = await t.db.kysely.selectFrom('auth_tokens').select('id').where('email', '=', 'priya-admin@test.example').execute();
      expect(tokens).toEqual([]);
    });

    it('says when the person already belongs here', async () => {
      const client = await as(admin, '/admin/people');
      const page = await client.post('/admin/people/invite', { displayName: 'Mo', email: plain.email, permission: 'member' });
      expectFormErrors(page, [{ href: '#email', text: 'This person already belongs to your organisation' }]);
    });

    it('sends the invitation and redirects with 303 to the list, saying so', async () => {
      const email = `new-${newId()}@test.example`;
      const client = await as(facilitator, '/admin/people');
      const page = await client.post('/admin/people/invite', { displayName: 'Priya Shah', email, permission: 'member' });
      expect(page.status).toBe(303);
      expect(page.location).toBe('/admin/people');
      expect((await client.get('/admin/people')).body).toContain(`We are emailing an invitation to ${email}.`);
      await t.mailer.idle();
      expect(t.mailer.sent.at(-1)).toMatchObject({ to: email, subject: 'You are invited to join Westfield Community Circle on Doing With' });
    });
  });

  describe('organisation settings', () => {
    it('lists every problem in the order of the form and keeps what was typed', async () => {
      const client = await as(admin, '/admin/organisation');
      const page = await client.post('/admin/organisation', {
        name: '', shortName: 'S'.repeat(31), defaultLanguage: 'fr', timeZone: 'Mars/Olympus_Mons', country: 'FR', crisisText: 'Ring 0800 123 456', accessNeedsDays: 'thirty',
      });
      expectFormErrors(page, [
        { href: '#name', text: 'Enter the name of the organisation' },
        { href: '#shortName', text: 'The short name must be 30 characters or fewer' },
        { href: '#defaultLanguage', text: 'Choose a language' },
        { href: '#timeZone', text: 'Enter a time zone like Europe/London' },
        { href: '#country', text: 'Choose the country your organisation is in' },
        { href: '#accessNeedsDays', text: 'Enter the number of days as a whole number, like 30' },
      ]);
      expect(fieldValue(page.body, 'accessNeedsDays')).toBe('thirty');
      expect(fieldValue(page.body, 'shortName')).toBe('S'.repeat(31));
      expect(fieldValue(page.body, 'timeZone')).toBe('Mars/Olympus_Mons');
      expect(fieldValue(page.body, 'crisisText')).toBe('Ring 0800 123 456');
      const row = await t.db.kysely.selectFrom('organisations').select(['name', 'time_zone']).where('id', '=', organisationId).executeTakeFirstOrThrow();
      expect(row).toEqual({ name: 'Westfield Community Circle', time_zone: 'Europe/London' });
    });

    it('says a bad time zone is one, on its own', async () => {
      const client = await as(admin, '/admin/organisation');
      const page = await client.post('/admin/organisation', { name: 'Westfield Community Circle', shortName: 'Westfield', defaultLanguage: 'en-GB', timeZone: 'London', country: 'GB', crisisText: '', accessNeedsDays: '30' });
      expectFormErrors(page, [{ href: '#timeZone', text: 'Enter a time zone like Europe/London' }]);
    });

    it('refuses a line break in the name, saying so beside it and keeping the rest (#11)', async () => {
      const client = await as(admin, '/admin/organisation');
      const page = await client.post('/admin/organisation', { name: 'Westfield\r\nInjected: yes', shortName: 'Westfield', defaultLanguage: 'en-GB', timeZone: 'Europe/London', country: 'GB', crisisText: 'Line one\nLine two', accessNeedsDays: '30' });
      expectFormErrors(page, [{ href: '#name', text: 'Write this on one line, without line breaks' }]);
      expect(fieldValue(page.body, 'crisisText')).toBe('Line one\nLine two');
    });

    it.each([
      ['', 'Enter the number of days after a meeting to keep access needs'],
      ['2.5', 'Enter the number of days as a whole number, like 30'],
      ['-3', 'Enter the number of days as a whole number, like 30'],
      ['0', 'The number of days must be between 1 and 365'],
      ['366', 'The number of days must be between 1 and 365'],
      ['99999999', 'Enter the number of days as a whole number, like 30'],
    ])('refuses %j days for keeping access needs, saying why and keeping it (#11)', async (days, message) => {
      const client = await as(admin, '/admin/organisation');
      const page = await client.post('/admin/organisation', { name: 'Westfield Community Circle', shortName: 'Westfield', defaultLanguage: 'en-GB', timeZone: 'Europe/London', country: 'GB', crisisText: '', accessNeedsDays: days });
      expectFormErrors(page, [{ href: '#accessNeedsDays', text: message }]);
      expect(fieldValue(page.body, 'accessNeedsDays')).toBe(days);
      const row = await t.db.kysely.selectFrom('organisations').select('meeting_access_needs_days').where('id', '=', organisationId).executeTakeFirstOrThrow();
      expect(row.meeting_access_needs_days).not.toBe(Number(days));
    });

    it('saves, redirects with 303, says so, and shows the saved values', async () => {
      const client = await as(admin, '/admin/organisation');
      const page = await client.post('/admin/organisation', {
        name: 'Westfield Community Circle', shortName: 'Westfield', defaultLanguage: 'en-GB', timeZone: 'Europe/Dublin', country: 'NL', crisisText: 'Ring the duty line: 0800 123 456', accessNeedsDays: ' 45 ',
      });
      expect(page.status).toBe(303);
      expect(page.location).toBe('/admin/organisation');
      const saved = await client.get('/admin/organisation');
      expect(saved.body).toContain('The organisation settings have been saved.');
      expect(fieldValue(saved.body, 'timeZone')).toBe('Europe/Dublin');
      expect(fieldValue(saved.body, 'crisisText')).toBe('Ring the duty line: 0800 123 456');
      expect(checkedValue(saved.body, 'defaultLanguage')).toBe('en-GB');
      expect(checkedValue(saved.body, 'country')).toBe('NL');
      expect(fieldValue(saved.body, 'accessNeedsDays')).toBe('45');
      // The banner shows once.
      expect((await client.get('/admin/organisation')).body).not.toContain('The organisation settings have been saved.');
    });
  });

  describe('changing what someone can do', () => {
    it('asks for a choice', async () => {
      const client = await as(admin, `/admin/people/${plain.personId}`);
      const page = await client.post(`/admin/people/${plain.personId}/permission`, {});
      expectFormErrors(page, [{ href: '#permission', text: 'Choose what this person can do' }]);
    });

    it('will not take admin away from the only admin', async () => {
      const lone = await makeOrganisation(t.db.kysely, { shortName: 'Lone' });
      const onlyAdmin = await makeMember(t.db.kysely, lone, { permission: 'admin' });
      const client = await as(onlyAdmin, `/admin/people/${onlyAdmin.personId}`);
      const page = await client.post(`/admin/people/${onlyAdmin.personId}/permission`, { permission: 'member' });
      expectFormErrors(page, [{ href: '#permission', text: 'This is the only admin. Make someone else an admin first.' }], 409);
      const row = await t.db.kysely.selectFrom('people').select('permission').where('id', '=', onlyAdmin.personId).executeTakeFirstOrThrow();
      expect(row.permission).toBe('admin');
    });

    it('saves with 303 to the list and an audit row', async () => {
      const someone = await makeMember(t.db.kysely, organisationId, { name: 'Sid Someone' });
      const client = await as(admin, `/admin/people/${someone.personId}`);
      const page = await client.post(`/admin/people/${someone.personId}/permission`, { permission: 'facilitator' });
      expect(page.status).toBe(303);
      expect(page.location).toBe('/admin/people');
      expect((await client.get('/admin/people')).body).toContain('What Sid Someone can do has been changed.');
      const audit = await t.db.kysely.selectFrom('audit_events').select(['action', 'actor_account_id']).where('subject_id', '=', someone.personId).execute();
      expect(audit).toEqual([{ action: 'person.permission_changed', actor_account_id: admin.accountId }]);
    });
  });
});
