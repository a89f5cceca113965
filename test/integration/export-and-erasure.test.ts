import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PERSONAL_DATA_REGISTRY } from '../../src/modules/personal-data.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { decodeEntities } from '../helpers/html.js';
import { everythingAboutOnePerson, type OnePerson } from '../helpers/one-person.js';

interface Hit {
  readonly table: string;
  readonly column: string;
  readonly needle: string;
}

/** Every place in every column of every table where one of the needles is found. */
async function scan(t: TestApp, needles: readonly string[]): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const entry of PERSONAL_DATA_REGISTRY) {
    const rows = (await t.db.kysely.selectFrom(entry.table as 'people').selectAll().execute()) as Record<string, unknown>[];
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        const text = typeof value === 'string' ? value : value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : '';
        for (const needle of needles) if (text.toLowerCase().includes(needle.toLowerCase())) hits.push({ table: entry.table, column, needle });
      }
    }
  }
  return hits;
}

/** Whether the registry keeps this column after erasure, and says why. */
function keptWithReason(table: string, column: string): boolean {
  const declared = PERSONAL_DATA_REGISTRY.find((e) => e.table === table)?.personal[column];
  return declared?.erasure === 'keep' && (declared.why ?? '').trim() !== '';
}

/**
 * #11 "Removing a profile leaves data behind" and "Download your data is incomplete": one member touches every
 * feature with a marker in every text; the download must hold every marker, and after the profile is removed no table
 * may hold the marker, name or email except where the registry keeps a record for others and says why.
 */
describe.each(testDialects())('everything about one person: export and erasure (%s)', (dialect) => {
  let t: TestApp;
  let one: OnePerson;
  let member: TestClient;

  beforeEach(async () => {
    t = await createTestApp(dialect);
    one = await everythingAboutOnePerson(t.db);
    member = new TestClient(t.app);
    await member.signIn(one.member.email, one.password);
  });
  afterEach(async () => t.close());

  it('puts every marker in the download and on the readable page, marking what others wrote about the person', async () => {
    const file = await member.get(`/people/${one.member.personId}/export.json`);
    expect(file.status).toBe(200);
    const missingFromFile = Object.entries(one.markers).filter(([, marker]) => !file.body.includes(marker)).map(([name]) => name);
    expect(missingFromFile).toEqual([]);
    expect(file.body).toContain(one.member.email);
    expect(file.body).not.toMatch(/password_hash|token_hash/);

    const page = await member.get(`/people/${one.member.personId}/export`);
    expect(page.status).toBe(200);
    const text = decodeEntities(page.body);
    const missingFromPage = Object.entries(one.markers).filter(([, marker]) => !text.includes(marker)).map(([name]) => name);
    expect(missingFromPage).toEqual([]);
    // Each thing someone else wrote about them is labelled so, on the line that holds it.
    for (const name of ['circleNote', 'circleMoveNote', 'appreciationReceived']) {
      const marker = one.markers[name] ?? name;
      const line = text.split('<div class="govuk-summary-list__row').find((row) => row.includes(marker));
      expect(line, marker).toContain('written about you by someone else');
    }
  });

  it('leaves no marker, name or email anywhere after the profile is removed, except records the registry keeps and explains', async () => {
    const name = one.member.displayName;
    const before = await scan(t, [name, one.member.email]);
    expect(before.length).toBeGreaterThan(0);

    const confirm = await member.get(`/people/${one.member.personId}/remove`);
    expect(confirm.status).toBe(200);
    const removed = await member.post(`/people/${one.member.personId}/remove`, { confirmWord: 'remove' });
    expect(removed.status).toBe(303);

    expect(await scan(t, [name, one.member.email]), 'the name or email is still held').toEqual([]);
    const left = await scan(t, Object.values(one.markers));
    expect(left.filter((hit) => !keptWithReason(hit.table, hit.column)), 'words that erasure should have removed').toEqual([]);
    // Nothing others wrote about the person stays, unless it is part of a group's record.
    const aboutThem = left.filter((hit) => one.markersAboutThem.includes(hit.needle));
    expect(aboutThem.every((hit) => keptWithReason(hit.table, hit.column))).toBe(true);

    const tokens = await t.db.kysely.selectFrom('auth_tokens').select('id').where('email', '=', one.member.email).execute();
    expect(tokens).toEqual([]);
    const replies = await t.db.kysely.selectFrom('meeting_replies').select('id').where('person_id', '=', one.member.personId).execute();
    expect(replies).toEqual([]);

    // What the facilitator sees: no trace on the meeting, decision and circle pages.
    const facilitator = new TestClient(t.app);
    await facilitator.signIn(one.facilitator.email, one.password);
    const decisions = await t.db.kysely.selectFrom('proposals').select('id').where('project_id', '=', one.projectId).where('status', '!=', 'open').execute();
    const pages = [
      `/projects/${one.projectId}/meetings/${one.meetingId}`,
      `/projects/${one.projectId}/meetings/${one.secondMeetingId}`,
      `/projects/${one.projectId}/circle`,
      ...decisions.map((d) => `/projects/${one.projectId}/decisions/${d.id}`),
    ];
    expect(decisions.length).toBeGreaterThan(0);
    for (const url of pages) {
      const page = await facilitator.get(url);
      expect(page.status, url).toBe(200);
      const body = decodeEntities(page.body);
      expect(body, url).not.toContain(name);
      for (const marker of ['meetingAccessNeeds', 'circleNote', 'circleMoveNote', 'gratitudeRecordedForThem']) expect(body, `${url} ${marker}`).not.toContain(one.markers[marker]);
    }
    const decision = decodeEntities((await facilitator.get(pages[pages.length - 1] ?? '')).body);
    expect(decision).toContain('Former member');
  });
});
