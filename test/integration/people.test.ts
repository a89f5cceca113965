import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { checkedValue, elementById, errorSummaryLinks, fieldValue, heading, inlineError, pageTitle, tags } from '../helpers/html.js';
import { expectFormErrors } from '../helpers/pages.js';

const PAYLOAD = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe.each(testDialects())('people and one-page profiles (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  async function world() {
    const db = t.db.kysely;
    const organisationId = await makeOrganisation(db, { name: 'Riverbank Collective' });
    const admin = await makeMember(db, organisationId, { permission: 'admin', name: 'Alex Admin' });
    const facilitator = await makeMember(db, organisationId, { permission: 'facilitator', name: 'Priya Facilitator' });
    const member = await makeMember(db, organisationId, { name: 'Jordan Member' });
    const other = await makeMember(db, organisationId, { name: 'Sam Other' });
    const elsewhere = await makeOrganisation(db, { name: 'Elsewhere' });
    const stranger = await makeMember(db, elsewhere, { name: 'Stranger Elsewhere' });
    const added = await t.app.services.people.addPersonWithoutAccount(facilitator, { displayName: 'Maggie Doyle', knownAs: 'Maggie', consent: 'yes', consentNote: 'Agreed at the Thursday group' });
    if (!added.ok) throw new Error('could not add Maggie');
    return { organisationId, admin, facilitator, member, other, stranger, maggie: added.value.id };
  }

  async function as(actor: Actor): Promise<TestClient> {
    const client = new TestClient(t.app);
    await client.signIn(actor.email, TEST_PASSWORD);
    return client;
  }

  describe('pages', () => {
    it('answers 200 for every page a member may see, and 303 from "Your profile" to their own', async () => {
      const w = await world();
      const client = await as(w.member);
      const own = await client.get('/profile');
      expect(own.status).toBe(303);
      expect(own.location).toBe(`/people/${w.member.personId}`);
      const me = `/people/${w.member.personId}`;
      for (const path of ['/people', '/people/wall', me, `${me}/edit`, `${me}/edit/about`, `${me}/edit/profile`, `${me}/edit/strengths`, `${me}/edit/taking-part`, `${me}/edit/visibility`, `${me}/appreciations`, `${me}/export`, `${me}/remove`, `/people/${w.other.personId}`, `/people/${w.maggie}`]) {
        const page = await client.get(path);
        expect(page.status, path).toBe(200);
        expect(pageTitle(page.body), path).toMatch(/^[^<>]+ – Org [0-9a-f]{4}$/);
      }
      const profile = await client.get(me);
      expect(heading(profile.body)).toBe('Jordan Member');
      const navigation = tags(profile.body).filter((tag) => tag.name === 'a' && 'aria-current' in tag.attributes).map((tag) => tag.attributes['href']);
      expect(navigation).toEqual(['/profile']);
    });

    it('downloads everything held, as a file, and records that it was', async () => {
      const w = await world();
      const client = await as(w.member);
      const file = await client.get(`/people/${w.member.personId}/export.json`);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(file.headers['content-disposition']).toBe(`attachment; filename="doing-with-${w.member.personId}.json"`);
      const data = JSON.parse(file.body) as { person: { name: string }; held: { table: string; rows: { values: Record<string, unknown> }[] }[] };
      const rows = (table: string) => data.held.find((h) => h.table === table)?.rows.map((r) => r.values);
      expect(data.person.name).toBe('Jordan Member');
      expect(rows('accounts')).toEqual([expect.objectContaining({ email: w.member.email })]);
      expect(rows('people')).toEqual([expect.objectContaining({ display_name: 'Jordan Member', profile_visibility: 'organisation' })]);
      const page = await client.get(`/people/${w.member.personId}/export`);
      expect(page.body).toContain('Everyone in my organisation');
      const events = await t.db.kysely.selectFrom('audit_events').select('action').where('subject_id', '=', w.member.personId).execute();
      expect(events.map((e) => e.action)).toEqual(['person.exported', 'person.exported']);
    });

    it('names the person, not "me", when staff fill in a profile with someone who has no account (#12)', async () => {
      const w = await world();
      const facilitator = await as(w.facilitator);
      const titles = { about: 'About Maggie Doyle', profile: "Maggie Doyle's one-page profile", strengths: "Maggie Doyle's strengths", 'taking-part': 'How Maggie Doyle takes part' };
      for (const [section, title] of Object.entries(titles)) expect(heading((await facilitator.get(`/people/${w.maggie}/edit/${section}`)).body), section).toBe(title);
      const overview = (await facilitator.get(`/people/${w.maggie}/edit`)).body;
      expect(overview).not.toMatch(/About me|My strengths|How I take part|My one-page profile/);
      const own = await as(w.member);
      expect(heading((await own.get(`/people/${w.member.personId}/edit/about`)).body)).toBe('About me');
    });

    it('keeps staff-only pages from members, and the template from facilitators', async () => {
      const w = await world();
      const member = await as(w.member);
      expect((await member.get('/people/new')).status).toBe(404);
      expect((await member.get('/admin/organisation/profile-template')).status).toBe(404);
      expect((await member.get(`/people/${w.maggie}/edit`)).status).toBe(404);
      const facilitator = await as(w.facilitator);
      expect((await facilitator.get('/people/new')).status).toBe(200);
      expect((await facilitator.get(`/people/${w.maggie}/edit`)).status).toBe(200);
      expect((await facilitator.get(`/people/${w.member.personId}/edit`)).status).toBe(404);
      expect((await facilitator.get('/admin/organisation/profile-template')).status).toBe(404);
      const admin = await as(w.admin);
      expect((await admin.get('/admin/organisation/profile-template')).status).toBe(200);
      expect((await admin.get('/admin/organisation')).body).toContain('href="/admin/organisation/profile-template"');
    });
  });

  describe('bad input', () => {
    it('re-renders "about me" with 422, a summary linking to real inputs, and everything typed kept', async () => {
      const w = await world();
      const client = await as(w.member);
      const url = `/people/${w.member.personId}/edit/about`;
      await client.get(url);
      const page = await client.post(url, { displayName: 'x'.repeat(101), knownAs: 'Jordie', pronouns: 'he/him' });
      expectFormErrors(page, [{ href: '#displayName', text: 'The name must be 100 characters or fewer' }]);
      expect(fieldValue(page.body, 'displayName')).toBe('x'.repeat(101));
      expect(fieldValue(page.body, 'knownAs')).toBe('Jordie');
      expect(fieldValue(page.body, 'pronouns')).toBe('he/him');
      const fixed = await client.post(url, { displayName: 'Jordan Ellis', knownAs: 'Jordie', pronouns: 'he/him' });
      expect(fixed.status).toBe(303);
      expect(fixed.location).toBe(`/people/${w.member.personId}/edit`);
      expect((await client.get(fixed.location ?? '')).body).toContain('Your changes have been saved.');
    });

    it('names the heading of an over-long answer, and keeps the other answers', async () => {
      const w = await world();
      const client = await as(w.member);
      const url = `/people/${w.member.personId}/edit/profile`;
      await client.get(url);
      const page = await client.post(url, { 'answer-appreciate': 'My cooking', 'answer-important': 'y'.repeat(2001), 'answer-support': 'Tell me early' });
      expectFormErrors(page, [{ href: '#answer-important', text: 'Your answer to "What is important to me" must be 2,000 characters or fewer' }]);
      expect(fieldValue(page.body, 'answer-appreciate')).toBe('My cooking');
      expect(fieldValue(page.body, 'answer-support')).toBe('Tell me early');
    });

    it('asks for a strength and whether it is offered, and says when it is already there', async () => {
      const w = await world();
      const client = await as(w.member);
      const url = `/people/${w.member.personId}/edit/strengths`;
      await client.get(url);
      expectFormErrors(await client.post(url, { label: ' ' }), [
        { href: '#label', text: 'Enter a strength, for example cooking or listening' },
        { href: '#kind', text: 'Choose whether you offer this or would like to grow it' },
      ]);
      expect((await client.post(url, { label: 'Graphic design', kind: 'offer' })).status).toBe(303);
      await client.get(url);
      const again = await client.post(url, { label: 'graphic  DESIGN', kind: 'offer' });
      expectFormErrors(again, [{ href: '#label', text: 'This strength is already on the list' }]);
      expect(fieldValue(again.body, 'label')).toBe('graphic  DESIGN');
    });

    it('asks what else would help, keeping the boxes ticked', async () => {
      const w = await world();
      const client = await as(w.member);
      const url = `/people/${w.member.personId}/edit/taking-part`;
      await client.get(url);
      const page = await client.post(url, { perspectives: 'volunteer', participationWays: ['phone', 'online'], accessNeeds: ['bsl', 'other'], accessNeedsOther: '' });
      expectFormErrors(page, [{ href: '#accessNeedsOther', text: 'Say what else would help you take part' }]);
      const ticked = tags(page.body).filter((tag) => tag.name === 'input' && 'checked' in tag.attributes).map((tag) => `${tag.attributes['name'] ?? ''}=${tag.attributes['value'] ?? ''}`);
      expect(ticked).toEqual(['perspectives=volunteer', 'participationWays=online', 'participationWays=phone', 'accessNeeds=bsl', 'accessNeeds=other']);
    });

    it('refuses a tampered visibility with 422 and a clear message, changing nothing', async () => {
      const w = await world();
      const client = await as(w.member);
      const url = `/people/${w.member.personId}/edit/visibility`;
      await client.get(url);
      const page = await client.post(url, { visibility: 'everyone-on-the-internet' });
      expectFormErrors(page, [{ href: '#visibility', text: 'Choose one of the three options for who can see your profile' }]);
      const row = await t.db.kysely.selectFrom('people').select('profile_visibility').where('id', '=', w.member.personId).executeTakeFirstOrThrow();
      expect(row.profile_visibility).toBe('organisation');
      expect((await client.post(url, { visibility: 'private' })).status).toBe(303);
      expect(checkedValue((await client.get(url)).body, 'visibility')).toBe('private');
    });

    it('keeps an empty appreciation on the profile page, and a missing agreement when adding someone', async () => {
      const w = await world();
      const client = await as(w.member);
      await client.get(`/people/${w.other.personId}`);
      const page = await client.post(`/people/${w.other.personId}/appreciations`, { appreciation: '   ' });
      expectFormErrors(page, [{ href: '#appreciation', text: 'Write what you appreciate about them' }]);
      expect(heading(page.body)).toBe('Sam Other');

      const staff = await as(w.facilitator);
      await staff.get('/people/new');
      const added = await staff.post('/people/new', { displayName: 'Tomasz Nowak', knownAs: 'Tomek', consentNote: 'With an interpreter' });
      expectFormErrors(added, [{ href: '#consent', text: 'Confirm that they have agreed to be added' }]);
      expect(fieldValue(added.body, 'displayName')).toBe('Tomasz Nowak');
      expect(fieldValue(added.body, 'consentNote')).toBe('With an interpreter');
      const done = await staff.post('/people/new', { displayName: 'Tomasz Nowak', knownAs: 'Tomek', consent: 'yes', consentNote: 'With an interpreter' });
      expect(done.status).toBe(303);
      expect(done.location).toMatch(/^\/people\/[0-9a-f-]{36}\/edit$/);
    });

    it('escapes script in everything a person writes, wherever it is shown', async () => {
      const w = await world();
      const client = await as(w.member);
      const me = `/people/${w.member.personId}`;
      await client.submit(`${me}/edit/about`, `${me}/edit/about`, { displayName: PAYLOAD, knownAs: PAYLOAD, pronouns: PAYLOAD });
      await client.submit(`${me}/edit/profile`, `${me}/edit/profile`, { 'answer-appreciate': PAYLOAD, 'answer-important': '', 'answer-support': '' });
      await client.submit(`${me}/edit/strengths`, `${me}/edit/strengths`, { label: PAYLOAD, kind: 'offer' });
      const reader = await as(w.other);
      await reader.submit(me, `${me}/appreciations`, { appreciation: PAYLOAD });
      for (const [who, path] of [[reader, me], [reader, '/people'], [reader, `/people/wall?person=${w.member.personId}`], [client, `${me}/appreciations`], [client, `${me}/export`], [client, `${me}/edit`]] as const) {
        const page = await who.get(path);
        expect(page.status, path).toBe(200);
        expect(page.body, path).not.toContain(PAYLOAD);
        expect(page.body, path).toContain(ESCAPED);
      }
    });
  });

  describe('another organisation', () => {
    it('answers 404 for every page and form given another organisation’s person, and changes nothing', async () => {
      const w = await world();
      const client = await as(w.admin);
      const them = `/people/${w.stranger.personId}`;
      for (const path of [them, `${them}/edit`, `${them}/edit/about`, `${them}/appreciations`, `${them}/export`, `${them}/export.json`, `${them}/remove`]) {
        expect((await client.get(path)).status, path).toBe(404);
      }
      await client.get('/people');
      for (const [path, fields] of [
        [`${them}/edit/about`, { displayName: 'Taken over', knownAs: '', pronouns: '' }],
        [`${them}/appreciations`, { appreciation: 'Hello' }],
        [`${them}/edit/visibility`, { visibility: 'private' }],
        [`${them}/remove`, {}],
      ] as const) {
        expect((await client.post(path, fields)).status, path).toBe(404);
      }
      const row = await t.db.kysely.selectFrom('people').select(['display_name', 'profile_visibility', 'archived_at']).where('id', '=', w.stranger.personId).executeTakeFirstOrThrow();
      expect(row).toEqual({ display_name: 'Stranger Elsewhere', profile_visibility: 'organisation', archived_at: null });
      const wall = await client.get(`/people/wall?person=${w.stranger.personId}&person=${w.member.personId}`);
      expect(wall.body).not.toContain('Stranger Elsewhere');
      expect(wall.body).toContain('Jordan Member');
    });
  });

  describe('appreciations and removal, end to end', () => {
    it('shows an appreciation once accepted, and as from a "Former member" after its author removes their profile', async () => {
      const w = await world();
      const author = await as(w.other);
      await author.submit(`/people/${w.member.personId}`, `/people/${w.member.personId}/appreciations`, { appreciation: 'You made the first meeting feel welcoming.' });
      const owner = await as(w.member);
      const inbox = await owner.get(`/people/${w.member.personId}/appreciations`);
      const accept = tags(inbox.body).find((tag) => tag.name === 'form' && (tag.attributes['action'] ?? '').endsWith('/accept'))?.attributes['action'] ?? '';
      expect(accept).toMatch(/\/appreciations\/[0-9a-f-]{36}\/accept$/);
      expect((await author.post(accept, {})).status).toBe(404);
      expect((await owner.post(accept, {})).status).toBe(303);
      expect((await author.get(`/people/${w.member.personId}`)).body).toContain('From Sam Other');

      await author.get(`/people/${w.other.personId}/remove`);
      const removed = await author.post(`/people/${w.other.personId}/remove`, { confirmWord: 'remove' });
      expect(removed.status).toBe(303);
      expect(removed.location).toBe('/people/removed');
      expect((await author.get('/people/removed')).status).toBe(200);
      expect((await author.get('/people')).location).toBe('/sign-in?next=%2Fpeople');
      // #12: someone still signed in is never told their account has been deleted.
      const signedIn = await owner.get('/people/removed');
      expect(signedIn.status).toBe(303);
      expect(signedIn.location).toBe('/');
      const profile = await owner.get(`/people/${w.member.personId}`);
      expect(profile.body).toContain('You made the first meeting feel welcoming.');
      expect(profile.body).toContain('From Former member');
      expect(profile.body).not.toContain('Sam Other');
    });

    it('removes nothing until the word is typed, and refuses a stray post or unknown fields (#11)', async () => {
      const w = await world();
      const client = await as(w.other);
      const url = `/people/${w.other.personId}/remove`;
      await client.get(url);
      for (const fields of [{}, { confirmWord: 'delete' }, { confirmWord: 'remove', removeEverything: 'yes' }]) {
        const page = await client.post(url, fields);
        expect(page.status, JSON.stringify(fields)).toBe(422);
        expect(errorSummaryLinks(page.body).map((l) => l.href), JSON.stringify(fields)).toEqual(['#confirmWord']);
      }
      const wrong = await client.post(url, { confirmWord: 'delete' });
      expect(inlineError(wrong.body, 'confirmWord')).toContain('Type the word “remove” to confirm');
      expect(fieldValue(wrong.body, 'confirmWord')).toBe('delete');
      const row = await t.db.kysely.selectFrom('people').select('archived_at').where('id', '=', w.other.personId).executeTakeFirstOrThrow();
      expect(row.archived_at).toBeNull();
      expect((await client.post(url, { confirmWord: ' Remove ' })).status).toBe(303);
    });

    it('will not remove the only admin', async () => {
      const organisationId = await makeOrganisation(t.db.kysely);
      const admin = await makeMember(t.db.kysely, organisationId, { permission: 'admin', name: 'Only Admin' });
      const client = await as(admin);
      await client.get(`/people/${admin.personId}/remove`);
      const page = await client.post(`/people/${admin.personId}/remove`, { confirmWord: 'remove' });
      expect(page.status).toBe(409);
      expect(errorSummaryLinks(page.body)).toEqual([{ href: '#remove', text: 'You are the only admin. Make someone else an admin before you remove your profile' }]);
      expect(elementById(page.body, 'remove')?.name).toBe('button');
      expect(inlineError(page.body, 'remove')).toContain('You are the only admin');
    });
  });
});
