import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { elementById, errorSummaryLinks, fieldValue, checkedValue } from '../helpers/html.js';
import type { Actor } from '../../src/shared/actor.js';
import { PRINCIPLE_KEYS, questionInputId, questionsFor } from '../../src/modules/reviews/reviews.registry.js';

async function answerAll(client: TestClient, reviewId: string, value: (principle: string, index: number) => string): Promise<void> {
  for (const principle of PRINCIPLE_KEYS) {
    const fields: Record<string, string> = {};
    questionsFor(principle).forEach((q, i) => {
      fields[questionInputId(q.key)] = value(principle, i);
    });
    await client.get(`/reviews/${reviewId}/answer/${principle}`);
    const saved = await client.post(`/reviews/${reviewId}/answer/${principle}`, { ...fields, then: 'continue' });
    expect(saved.status).toBe(303);
  }
  await client.get(`/reviews/${reviewId}/check`);
  const sent = await client.post(`/reviews/${reviewId}/send`);
  expect(sent.status).toBe(303);
}

async function signedIn(t: TestApp, actor: Actor): Promise<TestClient> {
  const client = new TestClient(t.app);
  await client.signIn(actor.email, TEST_PASSWORD);
  return client;
}

async function startReview(client: TestClient, fields: Record<string, string>): Promise<string> {
  await client.get('/reviews/new');
  const page = await client.post('/reviews', fields);
  expect(page.status).toBe(303);
  const id = /\/reviews\/([^/]+)$/.exec(page.location ?? '')?.[1];
  if (id === undefined) throw new Error(`no review id in ${String(page.location)}`);
  return id;
}

/** Publish a round of results from the results page, as a facilitator does. */
async function publish(client: TestClient, reviewId: string): Promise<void> {
  await client.get(`/reviews/${reviewId}/results`);
  const done = await client.post(`/reviews/${reviewId}/publish`);
  expect(done.status).toBe(303);
}

async function perspective(db: Kysely<Database>, actor: Actor, value: string): Promise<void> {
  await db.insertInto('person_perspectives').values({ organisation_id: actor.organisationId, person_id: actor.personId, perspective: value }).execute();
}

describe.each(testDialects())('readiness reviews (%s)', (dialect) => {
  let t: TestApp;
  let organisationId: string;
  let facilitator: Actor;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    organisationId = await makeOrganisation(t.db.kysely);
    facilitator = await makeMember(t.db.kysely, organisationId, { permission: 'facilitator', name: 'Fran Facilitator' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('three people answer privately; the results show the combined scores and name the weakest principle', async () => {
    const fac = await signedIn(t, facilitator);
    const id = await startReview(fac, { subjectKind: 'service', serviceName: 'Drop-in café', mode: 'individual' });
    for (let i = 0; i < 3; i += 1) {
      const person = await makeMember(t.db.kysely, organisationId);
      const client = await signedIn(t, person);
      // Networks gets 1s, everything else 4s; one "don't know" on assets never counts.
      await answerAll(client, id, (principle, index) => (principle === 'networks' ? '1' : principle === 'assets' && index === 0 ? '0' : '4'));
    }
    await publish(fac, id);
    await fac.get(`/reviews/${id}`); // any session write happens here, not in the count
    const before = t.db.queryCount();
    const results = await fac.get(`/reviews/${id}/results`);
    const withThree = t.db.queryCount() - before;
    expect(results.status).toBe(200);
    expect(results.body).toContain('Weakest: Networks');
    const table = results.body.slice(results.body.indexOf('id="results-table"'));
    expect(table).toMatch(/Networks<\/th>\s*<td[^>]*>1<\/td>/);
    expect(table).toMatch(/Assets<\/th>\s*<td[^>]*>4<\/td>/);
    expect(results.body).toContain('<svg');

    // The page's queries do not grow with the number of people who answered (both counts are of fresh totals).
    for (let i = 0; i < 3; i += 1) await answerAll(await signedIn(t, await makeMember(t.db.kysely, organisationId)), id, () => '2');
    await publish(fac, id);
    await fac.get(`/reviews/${id}`);
    const after = t.db.queryCount();
    const page = await fac.get(`/reviews/${id}/results`);
    expect(page.body).toContain('6 people');
    expect(t.db.queryCount() - after).toBe(withThree);

    // The results section is kept between views, but per language: in Italian it is in Italian.
    await fac.post('/language', { language: 'it', returnTo: `/reviews/${id}/results` });
    const italian = await fac.get(`/reviews/${id}/results`);
    expect(italian.body).toContain('Più debole: Reti');
    expect(italian.body).not.toContain('Weakest: Networks');
    expect((await fac.get(`/reviews/${id}/results`)).body).toContain('Più debole: Reti');
  }, 120_000);

  it('holds results back until a round is published, and a round until three people have answered', async () => {
    const fac = await signedIn(t, facilitator);
    const id = await startReview(fac, { subjectKind: 'organisation', mode: 'individual' });
    await answerAll(fac, id, () => '3');
    const results = await fac.get(`/reviews/${id}/results`);
    expect(results.status).toBe(200);
    expect(results.body).toContain('No results have been published yet.');
    expect(results.body).toContain('2 more answers are needed before results can be published.');
    expect(results.body).not.toContain('Publish results');
    expect(results.body).not.toContain('id="results-table"');
  }, 120_000);

  it('shows lived experience beside professionals only when both groups have three people', async () => {
    const fac = await signedIn(t, facilitator);
    const id = await startReview(fac, { subjectKind: 'organisation', mode: 'individual' });
    const people: Actor[] = [];
    for (let i = 0; i < 5; i += 1) people.push(await makeMember(t.db.kysely, organisationId));
    for (const [i, p] of people.entries()) await perspective(t.db.kysely, p, i < 3 ? 'lived_experience' : 'professional_staff');
    for (const [i, p] of people.entries()) await answerAll(await signedIn(t, p), id, () => (i < 3 ? '2' : '5'));
    await publish(fac, id);
    let results = await fac.get(`/reviews/${id}/results`);
    expect(results.body).not.toContain('People with lived experience</th>');
    expect(results.body).toContain('only when each group has at least three');
    // A new review of another subject: three in each group from the start.
    const second = await startReview(fac, { subjectKind: 'service', serviceName: 'Allotment group', mode: 'individual' });
    const sixth = await makeMember(t.db.kysely, organisationId);
    await perspective(t.db.kysely, sixth, 'professional_staff');
    for (const [i, p] of [...people, sixth].entries()) await answerAll(await signedIn(t, p), second, () => (i < 3 ? '2' : '5'));
    await publish(fac, second);
    results = await fac.get(`/reviews/${second}/results`);
    expect(results.body).toContain('People with lived experience</th>');
    const row = /Assets<\/th>\s*<td[^>]*>([\d.]+)<\/td>\s*<td[^>]*>([\d.]+)<\/td>\s*<td[^>]*>([\d.]+)<\/td>/.exec(results.body);
    expect(row?.slice(1)).toEqual(['3.5', '2', '5']);
  }, 120_000);

  it('keeps what was typed and links the summary to real inputs on a 422', async () => {
    const fac = await signedIn(t, facilitator);
    const id = await startReview(fac, { subjectKind: 'organisation', mode: 'individual' });
    await fac.get(`/reviews/${id}/answer/assets`);
    const page = await fac.post(`/reviews/${id}/answer/assets`, { 'q-assets-1': '2', 'c-assets-1': '<script>alert(1)</script>', then: 'continue' });
    expect(page.status).toBe(422);
    const links = errorSummaryLinks(page.body);
    expect(links.map((l) => l.href)).toEqual(['#q-assets-2', '#q-assets-3']);
    for (const link of links) expect(elementById(page.body, link.href.slice(1))).toBeDefined();
    expect(checkedValue(page.body, 'q-assets-1')).toBe('2');
    expect(fieldValue(page.body, 'c-assets-1')).toBe('<script>alert(1)</script>');
    expect(page.body).not.toContain('<script>alert(1)</script>');
  });

  it('answers 404 for another organisation\'s review and for someone else\'s practice review', async () => {
    const fac = await signedIn(t, facilitator);
    const id = await startReview(fac, { subjectKind: 'organisation', mode: 'individual' });
    await fac.get('/reviews');
    const practice = await fac.post('/reviews/practice');
    const practiceId = /\/reviews\/([^/]+)\//.exec(practice.location ?? '')?.[1] ?? '';
    const otherOrg = await makeOrganisation(t.db.kysely);
    const outsider = await signedIn(t, await makeMember(t.db.kysely, otherOrg, { permission: 'admin' }));
    for (const path of [`/reviews/${id}`, `/reviews/${id}/results`, `/reviews/${id}/answer/assets`]) expect((await outsider.get(path)).status).toBe(404);
    const colleague = await signedIn(t, await makeMember(t.db.kysely, organisationId, { permission: 'admin' }));
    expect((await colleague.get(`/reviews/${practiceId}/results`)).status).toBe(404);
    expect((await fac.get(`/reviews/${practiceId}/results`)).status).toBe(200);
  });

  it('saves a draft of a page as the person goes: answered questions and comments, unanswered ones left open', async () => {
    const fac = await signedIn(t, facilitator);
    const id = await startReview(fac, { subjectKind: 'organisation', mode: 'individual' });
    await fac.get(`/reviews/${id}/answer/assets`);
    const draft = await fac.post(`/reviews/${id}/answer/assets/draft`, { 'q-assets-2': '1', 'c-assets-2': 'Not yet asked', 'c-assets-3': 'A comment typed before choosing' });
    expect(draft.status).toBe(204);
    const page = await fac.get(`/reviews/${id}/answer/assets`);
    expect(checkedValue(page.body, 'q-assets-2')).toBe('1');
    expect(fieldValue(page.body, 'c-assets-2')).toBe('Not yet asked');
    expect(checkedValue(page.body, 'q-assets-1')).toBeUndefined();

    const tooLong = await fac.post(`/reviews/${id}/answer/assets/draft`, { 'q-assets-1': '3', 'c-assets-1': 'x'.repeat(5000) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toContain('Your answers are still on this page');
    expect(checkedValue((await fac.get(`/reviews/${id}/answer/assets`)).body, 'q-assets-1'), 'nothing saved from a refused draft').toBeUndefined();
    expect((await fac.post(`/reviews/${id}/answer/nothing/draft`, { 'q-assets-1': '3' })).status).toBe(404);
  });

  it('refuses a draft once the answers are sent, and changes nothing', async () => {
    const fac = await signedIn(t, facilitator);
    const id = await startReview(fac, { subjectKind: 'organisation', mode: 'individual' });
    await answerAll(fac, id, () => '4');
    await fac.get(`/reviews/${id}/results`);
    const late = await fac.post(`/reviews/${id}/answer/assets/draft`, { 'q-assets-1': '1' });
    expect(late.status).toBe(409);
    const rows = await t.db.kysely.selectFrom('review_answers').select('value').where('review_id', '=', id).where('question_key', '=', 'assets.1').execute();
    expect(rows.map((r) => r.value)).toEqual([4]);
  });
});
