/**
 * Review results that cannot be differenced (issue #11, ADR 0014): combined results change only in published rounds,
 * each with at least three new answers, and never show a group of fewer than three.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { errorSummaryLinks, elementById } from '../helpers/html.js';
import type { Actor } from '../../src/shared/actor.js';
import { newId } from '../../src/db/portable.js';
import { QUESTIONS } from '../../src/modules/reviews/reviews.registry.js';

async function signedIn(t: TestApp, actor: Actor): Promise<TestClient> {
  const client = new TestClient(t.app);
  await client.signIn(actor.email, TEST_PASSWORD);
  return client;
}

/** The results table's rows as text: what anyone can read off the page. */
function table(html: string): string {
  const start = html.indexOf('id="results-table"');
  if (start < 0) return '';
  return html.slice(start, html.indexOf('</table>', start)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describe.each(testDialects())('review results in rounds (%s)', (dialect) => {
  let t: TestApp;
  let organisationId: string;
  let facilitator: Actor;
  let fac: TestClient;
  let reviewId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    organisationId = await makeOrganisation(t.db.kysely);
    facilitator = await makeMember(t.db.kysely, organisationId, { permission: 'facilitator' });
    fac = await signedIn(t, facilitator);
    await fac.get('/reviews/new');
    const started = await fac.post('/reviews', { subjectKind: 'service', serviceName: 'Drop-in café', mode: 'individual' });
    reviewId = /\/reviews\/([^/]+)$/.exec(started.location ?? '')?.[1] ?? '';
    expect(reviewId).not.toBe('');
  });
  afterEach(async () => {
    await t.close();
  });

  /** A person who sent the same answer to every question (through the database: the form is tested elsewhere). */
  async function sends(value: number, perspectives: readonly string[] = []): Promise<{ person: Actor; responseId: string }> {
    const person = await makeMember(t.db.kysely, organisationId);
    for (const perspective of perspectives) await t.db.kysely.insertInto('person_perspectives').values({ organisation_id: organisationId, person_id: person.personId, perspective }).execute();
    const responseId = newId();
    const now = new Date().toISOString();
    await t.db.kysely.insertInto('review_responses').values({ id: responseId, organisation_id: organisationId, review_id: reviewId, person_id: person.personId, kind: 'individual', submitted_at: now, created_at: now, updated_at: now }).execute();
    await t.db.kysely.insertInto('review_answers').values(QUESTIONS.map((q) => ({ organisation_id: organisationId, response_id: responseId, review_id: reviewId, question_key: q.key, value, comment: null, updated_at: now }))).execute();
    return { person, responseId };
  }

  async function publish(): Promise<number> {
    await fac.get(`/reviews/${reviewId}/results`);
    return (await fac.post(`/reviews/${reviewId}/publish`)).status;
  }

  const rounds = async () => (await t.db.kysely.selectFrom('review_rounds').select('number').where('review_id', '=', reviewId).execute()).length;

  it('the differencing repro: a fourth answer does not move the results until a round with three new answers', async () => {
    const first = await sends(2);
    await sends(2);
    await sends(2);
    expect(await publish()).toBe(303);
    const member = await signedIn(t, first.person);
    const shown = await member.get(`/reviews/${reviewId}/results`);
    expect(shown.body).toContain('Results from 3 answers, published');
    expect(table(shown.body)).toContain('Assets 2');
    const before = table(shown.body);

    // The fourth person's 5s would lift every average to 2.8: nothing shows it.
    await sends(5);
    const after = await member.get(`/reviews/${reviewId}/results`);
    expect(table(after.body)).toBe(before);
    expect(after.body).toContain('Results from 3 answers');
    expect(after.body, 'a count under three is not shown to members').not.toMatch(/new answers? ha(s|ve) come in/);
    const facPage = await fac.get(`/reviews/${reviewId}/results`);
    expect(table(facPage.body)).toBe(before);
    expect(facPage.body).toContain('2 more answers are needed before results can be updated.');
    expect(facPage.body).not.toContain('Publish results');

    // Refused, with the reason, and nothing published.
    const refused = await fac.post(`/reviews/${reviewId}/publish`);
    expect(refused.status).toBe(409);
    const links = errorSummaryLinks(refused.body);
    expect(links.map((l) => l.text)).toEqual(['The results were not published: 2 more answers are needed first.']);
    for (const link of links) expect(elementById(refused.body, link.href.slice(1))).toBeDefined();
    expect(await rounds()).toBe(1);

    await sends(1);
    expect(await publish()).toBe(409);
    await sends(1);
    expect((await member.get(`/reviews/${reviewId}/results`)).body).toContain('3 new answers have come in since then.');
    expect(table((await member.get(`/reviews/${reviewId}/results`)).body)).toBe(before);
    expect((await fac.get(`/reviews/${reviewId}/results`)).body).toContain('Publish results');
    expect(await publish()).toBe(303);
    const updated = await member.get(`/reviews/${reviewId}/results`);
    expect(updated.body).toContain('Results from 6 answers');
    // (2 * 3 + 5 + 1 + 1) / 6
    expect(table(updated.body)).toContain('Assets 2.2');
    expect(await rounds()).toBe(2);
  });

  it('a published round is a snapshot: a withdrawal or a changed perspective does not move it', async () => {
    const people = [await sends(2, ['lived_experience']), await sends(2, ['lived_experience']), await sends(2, ['lived_experience'])];
    for (let i = 0; i < 3; i += 1) await sends(4, ['professional_staff']);
    expect(await publish()).toBe(303);
    const page = await fac.get(`/reviews/${reviewId}/results`);
    expect(page.body).toContain('People with lived experience</th>');
    const before = table(page.body);

    const [withdrawn, moved] = people;
    await t.db.kysely.deleteFrom('review_responses').where('id', '=', withdrawn?.responseId ?? '').execute();
    await t.db.kysely.deleteFrom('person_perspectives').where('person_id', '=', moved?.person.personId ?? '').execute();
    expect(table((await fac.get(`/reviews/${reviewId}/results`)).body)).toBe(before);
    // A changed perspective changes the groups, not the whole review: one gone and one new are two changes, too few.
    await sends(3);
    expect(await publish()).toBe(409);
    // A third change publishes the whole review, but the lived experience group is down to one: left out.
    await sends(3);
    expect(await publish()).toBe(303);
    const next = await fac.get(`/reviews/${reviewId}/results`);
    expect(next.body).toContain('Results from 7 answers');
    expect(next.body).not.toContain('People with lived experience</th>');
    expect(next.body).toContain('only when each group has at least three');
  });

  it('never shows a group under three, nor one that the total and the other groups would give away', async () => {
    for (let i = 0; i < 3; i += 1) await sends(2, ['lived_experience']);
    for (let i = 0; i < 2; i += 1) await sends(4, ['professional_staff']);
    await sends(5, ['professional_staff', 'lived_experience']);
    // Lived experience 4 (one in both), professionals 3, the rest (in neither, less those in both) 1: left out.
    expect(await publish()).toBe(303);
    let page = await fac.get(`/reviews/${reviewId}/results`);
    expect(page.body).toContain('Results from 6 answers');
    expect(page.body).not.toContain('People with lived experience</th>');
    expect(page.body).not.toContain('Professionals</th>');

    // Three more in neither group: the rest is 4, each group changed by none: shown.
    for (let i = 0; i < 3; i += 1) await sends(3);
    expect(await publish()).toBe(303);
    page = await fac.get(`/reviews/${reviewId}/results`);
    expect(page.body).toContain('People with lived experience</th>');
    const row = /Assets<\/th>\s*<td[^>]*>([\d.]+)<\/td>\s*<td[^>]*>([\d.]+)<\/td>\s*<td[^>]*>([\d.]+)<\/td>/.exec(page.body);
    // All: (6 + 8 + 5 + 9) / 9; lived experience: (6 + 5) / 4; professionals: (8 + 5) / 3.
    expect(row?.slice(1)).toEqual(['3.1', '2.8', '4.3']);
  });

  it('closing publishes a final round; with fewer than three new answers the last round stands', async () => {
    for (let i = 0; i < 3; i += 1) await sends(3);
    await fac.get(`/reviews/${reviewId}`);
    const closed = await fac.post(`/reviews/${reviewId}/close`);
    expect(closed.status).toBe(303);
    expect((await fac.get(`/reviews/${reviewId}`)).body).toContain('its final results are published');
    const page = await fac.get(`/reviews/${reviewId}/results`);
    expect(page.body).toContain('Final results from 3 answers, published when the review closed');
    expect(page.body).not.toContain('Publish results');
    expect((await fac.post(`/reviews/${reviewId}/publish`)).status).toBe(404);

    // Another review: a round, then two more answers, then closing.
    await fac.get('/reviews/new');
    const started = await fac.post('/reviews', { subjectKind: 'organisation', mode: 'individual' });
    reviewId = /\/reviews\/([^/]+)$/.exec(started.location ?? '')?.[1] ?? '';
    for (let i = 0; i < 3; i += 1) await sends(3);
    expect(await publish()).toBe(303);
    await sends(1);
    await sends(1);
    await fac.get(`/reviews/${reviewId}`);
    await fac.post(`/reviews/${reviewId}/close`);
    expect((await fac.get(`/reviews/${reviewId}`)).body).toContain('so those results are final');
    const last = await fac.get(`/reviews/${reviewId}/results`);
    expect(last.body).toContain('Results from 3 answers');
    expect(table(last.body)).toContain('Assets 3');
    expect(await rounds()).toBe(1);
  });

  it('closing with fewer than three answers publishes nothing', async () => {
    await sends(3);
    await sends(3);
    await fac.get(`/reviews/${reviewId}`);
    await fac.post(`/reviews/${reviewId}/close`);
    expect((await fac.get(`/reviews/${reviewId}`)).body).toContain('there are no combined results');
    const page = await fac.get(`/reviews/${reviewId}/results`);
    expect(page.body).toContain('fewer than three people sent their answers before the review closed');
    expect(table(page.body)).toBe('');
  });

  it('two facilitators publishing at once make one round, and the other is told why not', async () => {
    for (let i = 0; i < 3; i += 1) await sends(3);
    const other = await makeMember(t.db.kysely, organisationId, { permission: 'facilitator' });
    const results = await Promise.all([t.app.services.reviews.publish(facilitator, reviewId), t.app.services.reviews.publish(other, reviewId)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, kind: 'conflict', reason: '3' }]);
    expect(await rounds()).toBe(1);
  });

  it('only a facilitator may publish', async () => {
    for (let i = 0; i < 3; i += 1) await sends(3);
    const member = await signedIn(t, (await sends(3)).person);
    await member.get(`/reviews/${reviewId}/results`);
    expect((await member.post(`/reviews/${reviewId}/publish`)).status).toBe(404);
    expect(await rounds()).toBe(0);
    expect((await member.get(`/reviews/${reviewId}/results`)).body).not.toContain('Publish results');
  });
});
