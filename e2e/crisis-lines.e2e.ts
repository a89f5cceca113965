import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { andWaitForPage, checkPage, heading, screenshot, signIn, useJourneys } from './support/browser.js';
import { seedOrganisation, type Person } from './support/people.js';

const journeys = useJourneys();
let people: Record<'giulia', Person>;
let organisationId: string;

beforeAll(async () => {
  const seeded = await seedOrganisation(
    journeys.app.db,
    { name: 'Colline Insieme', shortName: 'Colline', crisisText: 'Il nostro ufficio: 055 000 000' },
    { giulia: { name: 'Giulia Conti', email: 'giulia@colline.example', permission: 'admin' } },
  );
  people = seeded.people;
  organisationId = seeded.organisationId;
  await journeys.app.db.updateTable('organisations').set({ country: 'IT', time_zone: 'Europe/Rome' }).where('id', '=', organisationId).execute();
});

async function click(page: Page, name: string): Promise<void> {
  await andWaitForPage(page, () => page.getByRole('button', { name, exact: true }).click());
}

/** The text of a list item on the "Get help now" page, spaces collapsed. */
async function lineTexts(page: Page): Promise<string[]> {
  return (await page.locator('main ul.govuk-list--spaced > li').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

describe('crisis lines by country (#11)', () => {
  it('an admin changes a line, starting from the defaults for Italy, and a mistake keeps what was typed', async () => {
    const giulia = await journeys.newPage();
    await signIn(giulia, people.giulia.email, people.giulia.password);
    await giulia.goto('/admin/organisation');
    await andWaitForPage(giulia, () => giulia.getByRole('link', { name: 'Change the crisis lines people see on the "Get help now" page' }).click());
    expect(await heading(giulia)).toBe('Crisis lines');
    expect(await giulia.locator('.govuk-inset-text').innerText()).toContain('These are the lines for Italy that come with Doing With.');
    await checkPage(giulia, 'crisis lines (the defaults)');

    await click(giulia, 'Change these lines');
    expect(await giulia.locator('.govuk-notification-banner').innerText()).toContain("These lines are now your organisation's own.");
    await checkPage(giulia, 'crisis lines (own, from the defaults)');

    await andWaitForPage(giulia, () => giulia.getByRole('link', { name: 'Change Telefono Amico Italia' }).click());
    expect(await heading(giulia)).toBe('Change Telefono Amico Italia');
    expect(await giulia.getByLabel('What it is for').inputValue()).toBe('Someone to talk to when you are finding things hard.');
    await checkPage(giulia, 'change a crisis line');
    await giulia.getByLabel('When it is open (optional)').fill('Every day, 10am to midnight');
    await giulia.getByLabel('Phone number').fill('call 02 2327 2327');
    await click(giulia, 'Save line');
    expect(await giulia.title()).toMatch(/^Error: /);
    expect(await giulia.getByLabel('When it is open (optional)').inputValue()).toBe('Every day, 10am to midnight');
    await checkPage(giulia, 'change a crisis line (number wrong)');
    await screenshot(giulia, 'crisis-line-error');
    await giulia.getByLabel('Phone number').fill('02 2327 2327');
    await click(giulia, 'Save line');
    expect(await heading(giulia)).toBe('Crisis lines');
    expect(await giulia.locator('#checked').innerText()).toMatch(/^Last checked on \d{1,2} \w+ \d{4} by Giulia Conti\.$/);
    await checkPage(giulia, 'crisis lines (a line changed)');
    await screenshot(giulia, 'crisis-lines-own');
  });

  it('a person who is not signed in reads the organisation’s lines from its link, the emergency number first', async () => {
    const visitor = await journeys.newPage({ javaScript: false });
    await visitor.goto(`/get-help?organisation=${organisationId}`);
    expect(await heading(visitor)).toBe('Get help now');
    expect(await visitor.locator('.govuk-warning-text').innerText()).toContain('call 112');
    const lines = await lineTexts(visitor);
    expect(lines[0]).toBe('112: Emergency: if a life is at risk. Call 112');
    expect(lines[1]).toBe('Telefono Amico Italia: Someone to talk to when you are finding things hard. Open: Every day, 10am to midnight. Call 02 2327 2327');
    expect(await visitor.getByRole('link', { name: '02 2327 2327' }).getAttribute('href')).toBe('tel:0223272327');
    expect(await visitor.getByText('Il nostro ufficio: 055 000 000').count()).toBe(1);
    expect(await visitor.locator('main').innerText()).toMatch(/These numbers were last checked on \d{1,2} \w+ \d{4}\./);
    await checkPage(visitor, 'get help now (signed out, from the organisation link)');
    await screenshot(visitor, 'get-help-signed-out');

    // Somewhere else: the defaults for that country, and the organisation's own lines are one link away.
    await andWaitForPage(visitor, () => visitor.getByRole('link', { name: 'Denmark' }).click());
    expect((await lineTexts(visitor)).join(' ')).toContain('Livslinien');
    await checkPage(visitor, 'get help now (signed out, another country)');
    await andWaitForPage(visitor, () => visitor.getByRole('link', { name: 'Italy' }).click());
    expect((await lineTexts(visitor))[1]).toContain('Every day, 10am to midnight');
  });
});
