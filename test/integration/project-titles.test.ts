import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { decodeEntities, pageTitle, tags } from '../helpers/html.js';
import { everythingAboutOnePerson, type OnePerson } from '../helpers/one-person.js';

/**
 * #12 "project sub-page titles do not name the project": every page under /projects/:id, found by following the links
 * from the project's overview, is titled "<page> – <project> – <organisation>" (the overview: "<project> – <organisation>").
 */
describe.each(testDialects())('project page titles (%s)', (dialect) => {
  let t: TestApp;
  let one: OnePerson;
  let facilitator: TestClient;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    one = await everythingAboutOnePerson(t.db);
    facilitator = new TestClient(t.app);
    await facilitator.signIn(one.facilitator.email, one.password);
  });
  afterAll(async () => t.close());

  it('names the project in the title of every page about it', async () => {
    const db = t.db.kysely;
    const project = await db.selectFrom('projects').select('title').where('id', '=', one.projectId).executeTakeFirstOrThrow();
    const organisation = await db.selectFrom('organisations').select('short_name').where('id', '=', one.organisationId).executeTakeFirstOrThrow();
    const base = `/projects/${one.projectId}`;
    const within = (href: string) => href === base || (href.startsWith(`${base}/`) && !href.endsWith('.ics') && !href.endsWith('/live/events'));

    const seen = new Set<string>([base]);
    const queue = [base];
    const titles: Record<string, string> = {};
    while (queue.length > 0 && seen.size <= 80) {
      const url = queue.shift() ?? base;
      const page = await facilitator.get(url);
      expect(page.status, url).toBe(200);
      titles[url] = pageTitle(page.body);
      for (const a of tags(page.body).filter((tag) => tag.name === 'a')) {
        // Links may be relative (the circle's people are `circle/<id>` from the circle page).
        const href = new URL(decodeEntities(a.attributes['href'] ?? ''), `http://app.test${url}`).pathname;
        if (within(href) && !seen.has(href)) {
          seen.add(href);
          queue.push(href);
        }
      }
    }

    // The walk reaches the hub's sections and the pages below them (a meeting, its live view, a person in the circle).
    const urls = Object.keys(titles);
    for (const part of ['/circle', '/agreement', '/meetings', '/meetings/new', `/meetings/${one.meetingId}`, `/meetings/${one.meetingId}/live`, '/cards', '/decisions', '/updates', '/tasks', '/success', '/journal', '/power-balance', '/edit', '/circle/']) {
      expect(urls.some((u) => u.startsWith(base + part)), part).toBe(true);
    }
    const suffix = ` – ${project.title} – ${organisation.short_name}`;
    for (const [url, title] of Object.entries(titles)) {
      if (url === base) expect(title, url).toBe(`${project.title} – ${organisation.short_name}`);
      else {
        expect(title.endsWith(suffix), `${url}: "${title}"`).toBe(true);
        expect(title.length, url).toBeGreaterThan(suffix.length);
      }
    }
  });
});
