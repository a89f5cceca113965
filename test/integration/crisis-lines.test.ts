import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { fieldValue } from '../helpers/html.js';
import { expectFormErrors } from '../helpers/pages.js';

/** The text of <main>, tags removed, spaces collapsed. */
function mainText(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  return main.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/\s+/g, ' ');
}

const LINE = { name: 'Colline night line', purpose: 'Our own peer workers, for members who are struggling.', reach: 'call', number: '+39 055 123 4567', instruction: '', hours: 'Every night, 8pm to 2am' };

/** #11 item 14: admins edit their organisation's crisis lines; the page says when they were checked; it works signed out. */
describe.each(testDialects())('crisis lines an admin can change (%s)', (dialect) => {
  let t: TestApp;
  const clock = fixedClock(new Date('2027-02-14T10:00:00.000Z'));
  let org: string;
  let admin: Actor;
  let member: Actor;
  let otherAdmin: Actor;

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock });
    org = await makeOrganisation(t.db.kysely, { name: 'Colline Insieme', defaultLanguage: 'en-GB', timeZone: 'Europe/Rome', crisisText: 'Our office: 055 000 000' });
    await t.db.kysely.updateTable('organisations').set({ country: 'IT' }).where('id', '=', org).execute();
    admin = await makeMember(t.db.kysely, org, { permission: 'admin', name: 'Ada Admin' });
    member = await makeMember(t.db.kysely, org, { name: 'Mo Member' });
    otherAdmin = await makeMember(t.db.kysely, await makeOrganisation(t.db.kysely), { permission: 'admin' });
  });
  afterAll(async () => t.close());

  async function as(actor: Actor, path: string): Promise<TestClient> {
    const client = new TestClient(t.app);
    await client.signIn(actor.email, TEST_PASSWORD);
    await client.get(path);
    return client;
  }

  const ownLines = () => t.db.kysely.selectFrom('crisis_lines').select(['id', 'name', 'default_id', 'number', 'hours']).where('organisation_id', '=', org).orderBy('position').execute();
  const checked = () => t.db.kysely.selectFrom('organisations').select(['crisis_lines_checked_on', 'crisis_lines_checked_by']).where('id', '=', org).executeTakeFirstOrThrow();

  it('is for admins only: members find nothing', async () => {
    const client = await as(member, '/get-help');
    expect((await client.get('/admin/crisis-lines')).status).toBe(404);
    expect((await client.post('/admin/crisis-lines', LINE)).status).toBe(404);
    expect(await ownLines()).toEqual([]);
  });

  it("starts from the country's defaults, and an added line shows at once to everyone, after the emergency number", async () => {
    const client = await as(admin, '/admin/crisis-lines');
    const list = mainText((await client.get('/admin/crisis-lines')).body);
    expect(list).toContain('These are the lines for Italy that come with Doing With. They were last checked on 3 December 2026.');
    expect(list).toContain('Telefono Amico Italia');
    expect(list).toContain('The emergency number for Italy, 112, always comes first.');

    await client.get('/admin/crisis-lines/new');
    const added = await client.post('/admin/crisis-lines', LINE);
    expect(added.status).toBe(303);
    expect(added.location).toBe('/admin/crisis-lines');
    expect((await ownLines()).map((l) => [l.name, l.default_id])).toEqual([
      ['Telefono Amico Italia', 'telefono_amico'],
      ['Samaritans Onlus', 'samaritans_onlus'],
      ['Colline night line', null],
    ]);
    expect(await checked()).toEqual({ crisis_lines_checked_on: '2027-02-14', crisis_lines_checked_by: admin.personId });
    expect(mainText((await client.get('/admin/crisis-lines')).body)).toContain('Last checked on 14 February 2027 by Ada Admin.');

    const page = await (await as(member, '/get-help')).get('/get-help');
    const text = mainText(page.body);
    expect(text).toMatch(/call 112\..*112 : Emergency.*Telefono Amico Italia : .*Colline night line : Our own peer workers, for members who are struggling\. Open: Every night, 8pm to 2am\. Call \+39 055 123 4567/);
    expect(page.body).toContain('href="tel:+390551234567"');
    expect(text).toContain('These numbers were last checked on 14 February 2027.');
    const audit = await t.db.kysely.selectFrom('audit_events').select(['action', 'detail']).where('organisation_id', '=', org).where('action', 'like', 'crisis_lines.%').execute();
    expect(audit).toEqual([{ action: 'crisis_lines.line_added', detail: '{}' }]);
  });

  it('explains each mistake beside its field and keeps everything typed', async () => {
    const client = await as(admin, '/admin/crisis-lines/new');
    const page = await client.post('/admin/crisis-lines', { name: '', purpose: 'For anyone', reach: 'call', number: 'ring me', instruction: 'Ask for Sam', hours: '' });
    expectFormErrors(page, [
      { href: '#name', text: 'Enter the name of the service' },
      { href: '#number', text: 'Enter a phone number using only numbers, spaces and a + at the start, like 0800 123 4567' },
    ]);
    expect(fieldValue(page.body, 'number')).toBe('ring me');
    const second = await client.post('/admin/crisis-lines', { name: 'Sam', purpose: 'For anyone', reach: 'call', number: 'ring me', instruction: 'Ask for Sam', hours: '' });
    expectFormErrors(second, [{ href: '#number', text: 'Enter a phone number using only numbers, spaces and a + at the start, like 0800 123 4567' }]);
    expect(fieldValue(second.body, 'instruction')).toBe('Ask for Sam');
    const third = await client.post('/admin/crisis-lines', { name: 'Drop-in', purpose: 'For anyone', reach: 'other', number: '', instruction: '', hours: '' });
    expectFormErrors(third, [{ href: '#instruction', text: 'Say how people reach it' }]);
    expect((await client.post('/admin/crisis-lines', { ...LINE, colour: 'red' })).status).toBe(422);
    expect(await ownLines()).toHaveLength(3);
  });

  it('changes a default line, removes another, and records the day and who each time', async () => {
    const [telefono, samaritans] = await ownLines();
    if (telefono === undefined || samaritans === undefined) throw new Error('no lines');
    clock.set(new Date('2027-02-20T09:00:00.000Z'));
    const client = await as(admin, `/admin/crisis-lines/${telefono.id}`);
    const form = (await client.get(`/admin/crisis-lines/${telefono.id}`)).body;
    expect(fieldValue(form, 'purpose')).toBe('Someone to talk to when you are finding things hard.');
    const changed = await client.post(`/admin/crisis-lines/${telefono.id}`, { name: 'Telefono Amico Italia', purpose: 'Someone to talk to.', reach: 'call', number: '02 2327 2327', instruction: '', hours: 'Every day, 10am to midnight' });
    expect(changed.status).toBe(303);
    expect((await client.post(`/admin/crisis-lines/${samaritans.id}/remove`, {})).status).toBe(303);
    expect((await ownLines()).map((l) => [l.name, l.hours])).toEqual([['Telefono Amico Italia', 'Every day, 10am to midnight'], ['Colline night line', 'Every night, 8pm to 2am']]);
    expect(await checked()).toEqual({ crisis_lines_checked_on: '2027-02-20', crisis_lines_checked_by: admin.personId });
    const text = mainText((await (await as(member, '/get-help')).get('/get-help')).body);
    expect(text).toContain('Telefono Amico Italia : Someone to talk to. Open: Every day, 10am to midnight. Call 02 2327 2327');
    expect(text).not.toContain('Samaritans Onlus');
  });

  it("lets an admin mark them checked today, and never touches another organisation's lines", async () => {
    clock.set(new Date('2027-03-01T23:30:00.000Z')); // already 2 March in Rome
    const client = await as(admin, '/admin/crisis-lines');
    expect((await client.post('/admin/crisis-lines/checked', {})).status).toBe(303);
    expect(await checked()).toEqual({ crisis_lines_checked_on: '2027-03-02', crisis_lines_checked_by: admin.personId });
    expect(mainText((await client.get('/admin/crisis-lines')).body)).toContain('The lines are marked as checked today.');

    const [line] = await ownLines();
    const outsider = await as(otherAdmin, '/admin/crisis-lines');
    expect((await outsider.get(`/admin/crisis-lines/${line?.id ?? ''}`)).status).toBe(404);
    expect((await outsider.post(`/admin/crisis-lines/${line?.id ?? ''}`, LINE)).status).toBe(404);
    expect((await outsider.post(`/admin/crisis-lines/${line?.id ?? ''}/remove`, {})).status).toBe(404);
    expect(await ownLines()).toHaveLength(2);
  });

  it("works signed out: the organisation's lines from its link, or the defaults by country", async () => {
    const visitor = new TestClient(t.app);
    const linked = await visitor.get(`/get-help?organisation=${org}`);
    expect(linked.status).toBe(200);
    const text = mainText(linked.body);
    expect(text).toContain('Colline night line');
    expect(text).toContain('Support from Colline Insieme');
    expect(text).toContain('These numbers were last checked on 2 March 2027.');
    expect(linked.body).toContain(`href="/get-help?country=GB&amp;organisation=${org}"`);
    const plain = mainText((await visitor.get('/get-help?country=IT')).body);
    expect(plain).toContain('Samaritans Onlus');
    expect(plain).not.toContain('Colline night line');
    expect(plain).toContain('These numbers were last checked on 3 December 2026.');
    for (const junk of ['not-an-id', '00000000-0000-4000-8000-000000000000', "' or 1=1 --"]) {
      const page = await visitor.get(`/get-help?organisation=${encodeURIComponent(junk)}`);
      expect(page.status).toBe(200);
      expect(mainText(page.body)).toContain('call 999.');
    }
  });

  it('resets to the defaults for the country', async () => {
    const client = await as(admin, '/admin/crisis-lines');
    expect((await client.post('/admin/crisis-lines/reset', {})).status).toBe(303);
    expect(await ownLines()).toEqual([]);
    expect(await checked()).toEqual({ crisis_lines_checked_on: null, crisis_lines_checked_by: null });
    const text = mainText((await (await as(member, '/get-help')).get('/get-help')).body);
    expect(text).toContain('Samaritans Onlus');
    expect(text).not.toContain('Colline night line');
    expect(text).toContain('These numbers were last checked on 3 December 2026.');
    expect((await client.post('/admin/crisis-lines/reset', { everything: 'yes' })).status).toBe(400);
  });
});
