import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { pageTitle, tags } from '../helpers/html.js';

describe.each(testDialects())('organisations (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  /** An account that is a member of "Alder" and a facilitator in "Birch". */
  async function twoOrganisations() {
    const alder = await makeOrganisation(t.db.kysely, { name: 'Alder Peer Support', shortName: 'Alder' });
    const birch = await makeOrganisation(t.db.kysely, { name: 'Birch Carers Group', shortName: 'Birch' });
    const inAlder = await makeMember(t.db.kysely, alder, { name: 'Sam in Alder' });
    const inBirch = await makeMember(t.db.kysely, birch, { email: inAlder.email, permission: 'facilitator', name: 'Sam in Birch' });
    const client = new TestClient(t.app);
    await client.signIn(inAlder.email, TEST_PASSWORD);
    return { alder, birch, inAlder, inBirch, client };
  }

  async function lastOrganisation(accountId: string): Promise<string | null> {
    const row = await t.db.kysely.selectFrom('accounts').select('last_organisation_id').where('id', '=', accountId).executeTakeFirstOrThrow();
    return row.last_organisation_id;
  }

  it('lets someone in two organisations choose between them, and remembers the choice for next time', async () => {
    const { birch, inAlder, client } = await twoOrganisations();
    const home = await client.get('/');
    expect(home.body).toContain('Alder Peer Support');
    expect(pageTitle(home.body)).toBe('Home – Alder');

    const chooser = await client.get('/organisations');
    expect(chooser.status).toBe(200);
    expect(chooser.body).toContain('Alder Peer Support');
    expect(chooser.body).toContain('Birch Carers Group');
    expect(chooser.body).toContain('as Facilitator');
    const choices = tags(chooser.body).filter((tag) => tag.name === 'input' && tag.attributes['name'] === 'organisationId').map((tag) => tag.attributes['value']);
    expect(choices).toContain(birch);

    const switched = await client.post('/organisations/switch', { organisationId: birch });
    expect(switched.status).toBe(303);
    expect(switched.location).toBe('/');
    const now = await client.get('/');
    expect(pageTitle(now.body)).toBe('Home – Birch');
    expect(now.body).toContain('Hello, Sam in Birch');
    expect(now.body).toContain('You have changed organisation.');
    expect(now.body).toContain('href="/admin/people"'); // a facilitator here
    expect(await lastOrganisation(inAlder.accountId)).toBe(birch);

    await client.post('/sign-out');
    const again = new TestClient(t.app);
    await again.signIn(inAlder.email, TEST_PASSWORD);
    expect(pageTitle((await again.get('/')).body)).toBe('Home – Birch');
  });

  it('gives each organisation its own people: the facilitator sees Birch’s list only while in Birch', async () => {
    const { birch, client } = await twoOrganisations();
    expect((await client.get('/admin/people')).status).toBe(404); // a member in Alder
    await client.get('/organisations');
    await client.post('/organisations/switch', { organisationId: birch });
    const people = await client.get('/admin/people');
    expect(people.status).toBe(200);
    expect(people.body).toContain('Sam in Birch');
    expect(people.body).not.toContain('Sam in Alder');
  });

  it('answers "not found" when switching to an organisation the account does not belong to, and stays put', async () => {
    const { inAlder, client } = await twoOrganisations();
    const stranger = await makeOrganisation(t.db.kysely, { name: 'Cedar Private Group', shortName: 'Cedar' });
    await client.get('/organisations');
    const refused = await client.post('/organisations/switch', { organisationId: stranger });
    expect(refused.status).toBe(404);
    expect(pageTitle(refused.body)).toBe('Page not found – Alder');
    expect(refused.body).not.toContain('Cedar');
    expect(pageTitle((await client.get('/')).body)).toBe('Home – Alder');
    expect(await lastOrganisation(inAlder.accountId)).toBeNull();

    await client.get('/organisations');
    expect((await client.post('/organisations/switch', { organisationId: 'not-an-id' })).status).toBe(404);
    await client.get('/organisations');
    expect((await client.post('/organisations/switch', {})).status).toBe(404);
  });

  it('tells someone signed in but in no organisation that they need an invitation', async () => {
    const loner = await makeMember(t.db.kysely, await makeOrganisation(t.db.kysely));
    await t.db.kysely.updateTable('people').set({ archived_at: new Date().toISOString() }).where('id', '=', loner.personId).execute();
    const client = new TestClient(t.app);
    await client.signIn(loner.email, TEST_PASSWORD);
    const home = await client.get('/');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/organisations');
    const chooser = await client.get('/organisations');
    expect(chooser.body).toContain('Your account does not belong to any organisation yet.');
    expect((await client.get('/account')).location).toBe('/organisations');
  });

  it('shows an invited person in the list once they have joined, with what they may do', async () => {
    const organisationId = await makeOrganisation(t.db.kysely, { name: 'Dogwood Volunteers', shortName: 'Dogwood' });
    const admin = await makeMember(t.db.kysely, organisationId, { permission: 'admin' });
    const adminClient = new TestClient(t.app);
    await adminClient.signIn(admin.email, TEST_PASSWORD);
    await adminClient.get('/admin/people');
    const email = `joiner-${dialect}@test.example`;
    expect((await adminClient.post('/admin/people/invite', { displayName: 'Jo Joiner', email, permission: 'facilitator' })).status).toBe(303);
    // Not in the list of people yet: in the invitations not accepted yet.
    const before = (await adminClient.get('/admin/people')).body;
    expect(before).toContain('1 person');
    expect(before.indexOf('Jo Joiner')).toBeGreaterThan(before.indexOf('id="invitations"'));

    const token = (await t.mailer.linkTo(email)).split('/').at(-1) ?? '';
    const joiner = new TestClient(t.app);
    await joiner.get(`/invitations/${token}`);
    expect((await joiner.post(`/invitations/${token}`, { displayName: 'Jo', password: TEST_PASSWORD })).status).toBe(303);

    const list = await adminClient.get('/admin/people');
    expect(list.body).toContain('>Jo</a>');
    expect(list.body).toContain(email);
    expect(list.body).toContain('2 people');
    expect(list.body, 'no invitation waits any more').not.toContain('id="invitations"');
    const row = list.body.slice(list.body.indexOf('>Jo</a>'), list.body.indexOf('</tr>', list.body.indexOf('>Jo</a>')));
    expect(row).toContain('Facilitator');
  });
});
