import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { elementById, errorSummaryLinks, fieldValue } from '../helpers/html.js';
import { expectFormErrors } from '../helpers/pages.js';
import type { Actor } from '../../src/shared/actor.js';

describe.each(testDialects())('ladder reflections, my toolkit and learning (%s)', (dialect) => {
  let t: TestApp;
  let organisationId: string;
  let me: Actor;
  let client: TestClient;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    organisationId = await makeOrganisation(t.db.kysely);
    me = await makeMember(t.db.kysely, organisationId, { name: 'Rae Reflective' });
    client = new TestClient(t.app);
    await client.signIn(me.email, TEST_PASSWORD);
  });
  afterEach(async () => {
    await t.close();
  });

  const sheet = {
    scope: 'practice',
    title: 'Care planning',
    'doing_to-what': 'Wrote a care plan without asking',
    'doing_to-rung': 'manipulation',
    'doing_with-what': 'Planned the group <b>together</b>',
    'doing_with-rung': 'partnership',
    'doing_with-outcomes': 'More people came',
    tend: 'Mostly for',
  };

  it('saves a reflection, places it on the ladder, keeps it private until shared', async () => {
    await client.get('/ladder/new');
    const saved = await client.post('/ladder', sheet);
    expect(saved.status).toBe(303);
    const page = await client.get(saved.location ?? '');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Planned the group &lt;b&gt;together&lt;/b&gt;');
    const ladder = page.body.slice(page.body.indexOf('id="ladder"'));
    expect(ladder.indexOf('Partnership')).toBeLessThan(ladder.indexOf('Planned the group'));
    expect(ladder.indexOf('Planned the group')).toBeLessThan(ladder.indexOf('Placation'));

    const colleague = new TestClient(t.app);
    await colleague.signIn((await makeMember(t.db.kysely, organisationId, { permission: 'admin' })).email, TEST_PASSWORD);
    expect((await colleague.get(saved.location ?? '')).status).toBe(404);
    expect((await colleague.get('/ladder')).body).not.toContain('Care planning');

    await client.get(saved.location ?? '');
    expect((await client.post(`${saved.location ?? ''}/share`, { share: 'yes' })).status).toBe(303);
    expect((await colleague.get(saved.location ?? '')).status).toBe(200);
    expect((await colleague.get('/ladder')).body).toContain('Care planning');

    const outsider = new TestClient(t.app);
    await outsider.signIn((await makeMember(t.db.kysely, await makeOrganisation(t.db.kysely))).email, TEST_PASSWORD);
    expect((await outsider.get(saved.location ?? '')).status).toBe(404);
  });

  it('answers 422 with summary links to real inputs and keeps what was typed', async () => {
    await client.get('/ladder/new');
    const page = await client.post('/ladder', { ...sheet, title: '', 'doing_with-rung': '' });
    expect(page.status).toBe(422);
    const links = errorSummaryLinks(page.body);
    expect(links.map((l) => l.href)).toEqual(['#title', '#doing_with-rung']);
    for (const link of links) expect(elementById(page.body, link.href.slice(1))).toBeDefined();
    expect(fieldValue(page.body, 'doing_with-what')).toBe('Planned the group <b>together</b>');
  });

  it('the knowledge-check error "Choose an answer" is not said twice: each message names its question (#12)', async () => {
    await client.get('/learning/assets');
    const none = await client.post('/learning/assets', {});
    expectFormErrors(none, [
      { href: '#check-assets-1', text: 'Choose an answer to question 1' },
      { href: '#check-assets-2', text: 'Choose an answer to question 2' },
    ]);
    // Each message once in the summary and once beside its question: no words repeated anywhere else.
    for (const n of [1, 2]) expect(none.body.split(`Choose an answer to question ${String(n)}`)).toHaveLength(3);
    expect(none.body.split('Choose an answer')).toHaveLength(5);
    // The questions carry the numbers the messages use.
    expect(none.body).toMatch(/govuk-fieldset__legend[^>]*>\s*1\. \S/);
    expect(none.body).toMatch(/govuk-fieldset__legend[^>]*>\s*2\. \S/);
  });

  it('marks knowledge checks, keeps progress, and shows it all on the printable toolkit page', async () => {
    await client.get('/learning/networks');
    const missing = await client.post('/learning/networks', { 'check-networks-1': 'c' });
    expect(missing.status).toBe(422);
    expect(errorSummaryLinks(missing.body).map((l) => l.href)).toEqual(['#check-networks-2']);
    const marked = await client.post('/learning/networks', { 'check-networks-1': 'c', 'check-networks-2': 'a' });
    expect(marked.status).toBe(200);
    expect(marked.body).toContain('app-feedback--right');
    expect(marked.body).toContain('app-feedback--wrong');
    await client.get('/ladder/new');
    await client.post('/ladder', sheet);
    const toolkit = await client.get('/toolkit');
    expect(toolkit.status).toBe(200);
    expect(toolkit.body).toContain('answered correctly: 1 of 14');
    expect(toolkit.body).toContain('Care planning');
    expect((await client.get('/learning')).status).toBe(200);
    expect((await client.get('/learning/nonsense')).status).toBe(404);
  });
});
