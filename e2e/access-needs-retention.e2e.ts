import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { andWaitForPage, checkPage, heading, screenshot, signIn, useJourneys } from './support/browser.js';
import { seedOrganisation, type Person } from './support/people.js';
import { makeMeeting, makeProject } from '../test/helpers/meetings.js';

const journeys = useJourneys();
let people: Record<'rosa' | 'kofi', Person>;
let meetingUrl: string;

beforeAll(async () => {
  const seeded = await seedOrganisation(
    journeys.app.db,
    { name: 'Brookside Recovery College', shortName: 'Brookside' },
    {
      rosa: { name: 'Rosa Marchetti', email: 'rosa@brookside.example', permission: 'admin' },
      kofi: { name: 'Kofi Mensah', email: 'kofi@brookside.example', permission: 'member' },
    },
  );
  people = seeded.people;
  const rows = await journeys.app.db.selectFrom('people').select('id').where('organisation_id', '=', seeded.organisationId).execute();
  const projectId = await makeProject(journeys.app.db, seeded.organisationId, rows.map((r) => ({ personId: r.id })), 'Recovery café');
  const meetingId = await makeMeeting(journeys.app.db, seeded.organisationId, projectId, new Date(Date.now() + 7 * 24 * 3_600_000));
  meetingUrl = `/projects/${projectId}/meetings/${meetingId}`;
});

async function save(page: Page): Promise<void> {
  await andWaitForPage(page, () => page.getByRole('button', { name: 'Save', exact: true }).click());
}

describe('how long meeting access needs are kept (#11)', () => {
  it('an admin sets the number of days, a mistake is explained and kept, and people replying are told', async () => {
    const rosa = await journeys.newPage();
    await signIn(rosa, people.rosa.email, people.rosa.password);
    await rosa.goto('/admin/organisation');
    expect(await heading(rosa)).toBe('Organisation settings');
    const days = rosa.getByLabel('Delete access needs from meeting replies after');
    expect(await days.inputValue()).toBe('30');

    await days.fill('two weeks');
    await save(rosa);
    expect(await rosa.title()).toMatch(/^Error: /);
    expect(await rosa.locator('.govuk-error-summary').innerText()).toContain('Enter the number of days as a whole number, like 30');
    expect(await days.inputValue()).toBe('two weeks');
    await checkPage(rosa, 'organisation settings (days not a number)');

    await days.fill('400');
    await save(rosa);
    expect(await rosa.locator('.govuk-error-summary').innerText()).toContain('The number of days must be between 1 and 365');
    await checkPage(rosa, 'organisation settings (days out of range)');
    await screenshot(rosa, 'settings-access-needs-days-error');

    await days.fill('14');
    await save(rosa);
    expect(await rosa.locator('.govuk-notification-banner').innerText()).toContain('The organisation settings have been saved.');
    expect(await rosa.getByLabel('Delete access needs from meeting replies after').inputValue()).toBe('14');
    await checkPage(rosa, 'organisation settings (saved)');

    // A member replying to a meeting is told, beside the box, when what they write is deleted.
    const kofi = await journeys.newPage({ javaScript: false });
    await signIn(kofi, people.kofi.email, people.kofi.password);
    await kofi.goto(meetingUrl);
    expect(await kofi.locator('#accessNeeds-hint').innerText()).toBe('Only the people running the meeting see this. It is deleted 14 days after the meeting.');
    await checkPage(kofi, 'meeting page (member, retention said)');
  });
});
