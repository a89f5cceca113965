import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { everythingAboutOnePerson, type OnePerson } from '../helpers/one-person.js';

/** Text between tags (not attributes), where a person reads it. */
function visibleText(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]*>/g, ' ');
}

/** #12: "dates appear as 2026-11-21 in reviews, actions, toolkit and export but '24 November 2026' elsewhere". */
describe.each(testDialects())('dates in words on every page (%s)', (dialect) => {
  let t: TestApp;
  let one: OnePerson;
  let member: TestClient;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    one = await everythingAboutOnePerson(t.db);
    member = new TestClient(t.app);
    await member.signIn(one.member.email, one.password);
  });
  afterAll(async () => t.close());

  it('never shows a date as 2026-11-21', async () => {
    const reviews = await t.db.kysely.selectFrom('reviews').select('id').where('organisation_id', '=', one.organisationId).execute();
    const actions = await t.db.kysely.selectFrom('review_actions').select('id').where('organisation_id', '=', one.organisationId).execute();
    const urls = [
      '/reviews', '/toolkit', '/ladder', `/people/${one.member.personId}/export`, `/people/${one.member.personId}/edit`, `/projects/${one.projectId}/tasks`,
      ...reviews.flatMap((r) => [`/reviews/${r.id}`, `/reviews/${r.id}/results`]),
      ...actions.map((a) => `/reviews/actions/${a.id}`),
    ];
    for (const url of urls) {
      const page = await member.get(url);
      if (page.status !== 200) continue;
      expect(visibleText(page.body), url).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    }
    expect((await member.get('/reviews')).body).toMatch(/\d{1,2} [A-Z][a-z]+ 20\d\d/);
  });
});
