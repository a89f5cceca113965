import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';

/** The text of <main>, tags removed, spaces collapsed. */
function mainText(html: string): string {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  return main.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/** #11 (safety): crisis numbers follow the country the organisation is in, not the language of the page. */
describe.each(testDialects())('"Get help now" by country (%s)', (dialect) => {
  let t: TestApp;
  let italian: { admin: Awaited<ReturnType<typeof makeMember>>; member: Awaited<ReturnType<typeof makeMember>> };
  let british: Awaited<ReturnType<typeof makeMember>>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const colline = await makeOrganisation(t.db.kysely, { name: 'Colline Insieme', shortName: 'Colline', defaultLanguage: 'it', timeZone: 'Europe/Rome' });
    await t.db.kysely.updateTable('organisations').set({ country: 'IT' }).where('id', '=', colline).execute();
    italian = {
      admin: await makeMember(t.db.kysely, colline, { permission: 'admin' }),
      member: await makeMember(t.db.kysely, colline),
    };
    british = await makeMember(t.db.kysely, await makeOrganisation(t.db.kysely, { name: 'Riverside Wellbeing' }));
  });
  afterAll(async () => t.close());

  async function signedIn(email: string): Promise<TestClient> {
    const client = new TestClient(t.app);
    await client.signIn(email, TEST_PASSWORD);
    return client;
  }

  it('tells a member of an Italian organisation to call 112, in English too, and never 999', async () => {
    const client = await signedIn(italian.member.email);
    await client.get('/get-help');
    await client.post('/language', { language: 'en-GB', returnTo: '/get-help' });
    const page = await client.get('/get-help');
    expect(page.status).toBe(200);
    const text = mainText(page.body);
    expect(text).toContain('If you or someone else is in immediate danger, call 112.');
    expect(text).toContain('Numbers for Italy.');
    expect(text).toContain('Telefono Amico Italia');
    expect(page.body).toContain('href="tel:+390223272327"');
    expect(page.body).toContain('href="tel:112"');
    expect(page.body).not.toContain('tel:999');
    expect(text).not.toContain('NHS 111');
    expect(text).toContain('These numbers were last checked on 3 December 2026.');

    await client.post('/language', { language: 'it', returnTo: '/get-help' });
    const inItalian = mainText((await client.get('/get-help')).body);
    expect(inItalian).toContain('chiama il 112');
    expect(inItalian).toContain('Numeri per: Italia.');
    expect(inItalian).toContain('3 dicembre 2026');
  });

  it('tells a member of a British organisation to call 999, with Samaritans, NHS 111 and Shout', async () => {
    const page = await (await signedIn(british.email)).get('/get-help');
    const text = mainText(page.body);
    expect(text).toContain('call 999.');
    expect(text).toMatch(/Samaritans : .* Call 116 123/);
    expect(text).toMatch(/NHS 111 : .*option 2.* Call 111/);
    expect(text).toMatch(/Shout : .* Text 85258/);
    expect(page.body).toContain('href="sms:85258"');
  });

  it('works signed out, guessing from the language, with every other country one link away', async () => {
    const visitor = new TestClient(t.app);
    const english = await visitor.get('/get-help');
    expect(mainText(english.body)).toContain('call 999.');
    for (const country of ['IT', 'NL', 'DK']) expect(english.body).toContain(`href="/get-help?country=${country}"`);
    expect(mainText((await visitor.get('/get-help?country=DK')).body)).toMatch(/call 112\..*Livslinien : .* Call 70 201 201/);
    expect(mainText((await visitor.get('/get-help?country=NL')).body)).toContain('113 Zelfmoordpreventie');
    expect(mainText((await visitor.get('/get-help?country=<script>')).body)).toContain('call 999.');
  });

  it('follows the country an admin sets in the settings', async () => {
    const admin = await signedIn(italian.admin.email);
    await admin.get('/admin/organisation');
    const saved = await admin.post('/admin/organisation', { name: 'Colline Insieme', shortName: 'Colline', defaultLanguage: 'it', timeZone: 'Europe/Rome', country: 'DK', crisisText: '', accessNeedsDays: '30' });
    expect(saved.status).toBe(303);
    expect(mainText((await (await signedIn(italian.member.email)).get('/get-help')).body)).toContain('Livslinien');
    await admin.get('/admin/organisation');
    await admin.post('/admin/organisation', { name: 'Colline Insieme', shortName: 'Colline', defaultLanguage: 'it', timeZone: 'Europe/Rome', country: 'IT', crisisText: '', accessNeedsDays: '30' });
  });
});
