import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/shared/markup.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { makeProject } from '../helpers/meetings.js';

/**
 * Markup the server keeps between requests (the circle's drawing and list, the directory's cards) was once printed as
 * a token (\uE000, a secret, a number, \uE001) and swapped for the kept markup as the page was sent. It is printed as
 * ordinary markup now, so a name typed to look like such a token, or like markup, is only ever text.
 */
const TOKEN_LIKE = '\uE0000123456789abcdef01234567:1\uE001';
const NAME = `${TOKEN_LIKE} <b>Jo & "Co"</b>`;

/** How often `part` occurs in `text`. */
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe.each(testDialects())('a name that looks like a kept-markup token, on %s', (dialect) => {
  let t: TestApp;
  let client: TestClient;
  let circlePath: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const organisationId = await makeOrganisation(t.db.kysely);
    const facilitator = await makeMember(t.db.kysely, organisationId, { permission: 'facilitator', name: 'Priya Shah' });
    const odd = await makeMember(t.db.kysely, organisationId, { name: NAME });
    const projectId = await makeProject(t.db.kysely, organisationId, [{ personId: facilitator.personId }, { personId: odd.personId, circle: 'participants' }]);
    circlePath = `/projects/${projectId}/circle`;
    client = new TestClient(t.app);
    await client.signIn(facilitator.email, TEST_PASSWORD);
  });
  afterAll(async () => t.close());

  it('is printed as plain escaped text in the circle’s list and drawing, every time the page is seen', async () => {
    for (let view = 0; view < 2; view++) {
      const page = await client.get(circlePath);
      expect(page.status).toBe(200);
      expect(page.body).toContain(`>${escapeHtml(NAME)}</a>`);
      expect(page.body).toContain(`<title>${escapeHtml(NAME)}</title>`);
      expect(page.body).not.toContain('<b>Jo');
      // Every token's end on the page is the one in a printing of the name: nothing else prints such a token.
      expect(occurrences(page.body, '\uE001')).toBe(occurrences(page.body, escapeHtml(NAME)));
      expect(occurrences(page.body, '\uE001')).toBe(2);
    }
  });

  it('is printed as plain escaped text on the directory’s cards', async () => {
    for (let view = 0; view < 2; view++) {
      const page = await client.get('/people');
      expect(page.status).toBe(200);
      expect(page.body).toContain(`>${escapeHtml(NAME)}</a>`);
      expect(page.body).not.toContain('<b>Jo');
      expect(occurrences(page.body, '\uE001')).toBe(occurrences(page.body, TOKEN_LIKE));
      expect(occurrences(page.body, TOKEN_LIKE)).toBeGreaterThanOrEqual(1);
    }
  });
});
