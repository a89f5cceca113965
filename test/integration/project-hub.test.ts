import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { tags } from '../helpers/html.js';
import { everythingAboutOnePerson, type OnePerson } from '../helpers/one-person.js';

const SECTIONS = ['', '/circle', '/agreement', '/meetings', '/cards', '/decisions', '/updates', '/tasks', '/success', '/journal', '/power-balance'];

/** #12 "A project never links to its meetings, opportunity cards, decisions, gratitude journal or power balance". */
describe.each(testDialects())('the project hub (%s)', (dialect) => {
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

  it('reaches every part of the project from every page about it, and marks the page shown', async () => {
    const base = `/projects/${one.projectId}`;
    const pages = [...SECTIONS.map((s) => base + s), `${base}/meetings/${one.meetingId}`];
    for (const url of pages) {
      const page = await member.get(url);
      expect(page.status, url).toBe(200);
      const nav = page.body.slice(page.body.indexOf('<nav class="app-subnav"'), page.body.indexOf('</nav>', page.body.indexOf('<nav class="app-subnav"')));
      const links = tags(nav).filter((tag) => tag.name === 'a');
      expect(links.map((a) => a.attributes['href']), url).toEqual(SECTIONS.map((s) => base + s));
      const current = links.filter((a) => 'aria-current' in a.attributes).map((a) => a.attributes['href']);
      expect(current, url).toEqual(url.includes('/meetings/') ? [`${base}/meetings`] : [url]);
    }
  });

  it('keeps the count of new notifications in the menu on a page shown again with form errors (#12)', async () => {
    const page = await member.get(`/people/${one.member.personId}/edit/about`);
    expect(page.body).toContain('Notifications (1 new)');
    const failed = await member.post(`/people/${one.member.personId}/edit/about`, { displayName: '', knownAs: '', pronouns: '', age: '' });
    expect(failed.status).toBe(422);
    expect(failed.body).toContain('Notifications (1 new)');
  });
});
