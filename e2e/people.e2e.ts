import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, expectFocused, expectReflows, heading, pressAndWait, screenshot, signIn, tabTo, useJourneys } from './support/browser.js';
import { linkIn } from './support/mailbox.js';
import { seedOrganisation, type Person } from './support/people.js';

const journeys = useJourneys();
let people: Record<'maya' | 'tom' | 'ade' | 'bea', Person>;

beforeAll(async () => {
  ({ people } = await seedOrganisation(
    journeys.app.db,
    { name: 'Meadow Lane Community Mental Health Team', shortName: 'Meadow Lane' },
    {
      maya: { name: 'Maya Lindqvist', email: 'maya@meadowlane.example', permission: 'facilitator' },
      tom: { name: 'Tom Achterberg', email: 'tom@meadowlane.example', permission: 'admin' },
      ade: { name: 'Ade Okoro', email: 'ade@meadowlane.example', permission: 'member' },
      bea: { name: 'Bea Quinn', email: 'bea@meadowlane.example', permission: 'member' },
    },
  ));
});

describe('inviting someone new', () => {
  it('a facilitator invites a person by email, and the person joins with their own name and password', async () => {
    const invitee = { name: 'Jess Ramírez', email: 'jess.ramirez@meadowlane.example', password: 'tea and toast at ten' };

    const facilitator = await journeys.newPage();
    await signIn(facilitator, people.maya.email, people.maya.password);
    await tabTo(facilitator, facilitator.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People and access' }));
    await pressAndWait(facilitator, 'Enter');
    expect(await heading(facilitator)).toBe('People and access');
    await checkPage(facilitator, 'people and access');

    // A mistake in the email address first.
    const name = facilitator.getByLabel('Their name');
    const email = facilitator.getByLabel('Their email address');
    await tabTo(facilitator, name);
    await facilitator.keyboard.type(invitee.name);
    await facilitator.keyboard.press('Tab');
    await expectFocused(facilitator, email, 'Tab from their name');
    await facilitator.keyboard.type('jess.ramirez at meadowlane');
    await pressAndWait(facilitator, 'Enter');
    const summary = facilitator.locator('.govuk-error-summary');
    await expectFocused(facilitator, summary, 'after an email address that is not one');
    expect(await summary.innerText()).toContain('Enter their email address in the correct format, like name@example.com');
    expect(await name.inputValue(), 'the name typed is kept').toBe(invitee.name);
    expect(await email.inputValue(), 'the email typed is kept').toBe('jess.ramirez at meadowlane');
    await checkPage(facilitator, 'people and access (error)');

    await facilitator.keyboard.press('Tab');
    await facilitator.keyboard.press('Enter');
    await expectFocused(facilitator, email, 'following the error summary link');
    await facilitator.keyboard.press('Control+A');
    await facilitator.keyboard.type(invitee.email);
    // The radios: Tab reaches the chosen one ("Member"), the arrow keys choose another.
    await facilitator.keyboard.press('Tab');
    const member = facilitator.getByRole('radio', { name: 'Member' });
    const facilitatorRadio = facilitator.getByRole('radio', { name: 'Facilitator' });
    await expectFocused(facilitator, member, 'Tab from the email address');
    expect(await facilitator.getByRole('radio', { name: 'Admin' }).count(), 'a facilitator cannot make admins').toBe(0);
    await facilitator.keyboard.press('ArrowDown');
    expect(await facilitatorRadio.isChecked()).toBe(true);
    await tabTo(facilitator, facilitator.getByRole('button', { name: 'Send invitation' }));
    await pressAndWait(facilitator, 'Enter');
    expect(new URL(facilitator.url()).pathname).toBe('/admin/people');
    expect(await facilitator.locator('.govuk-notification-banner').innerText()).toContain(`We are emailing an invitation to ${invitee.email}.`);
    await checkPage(facilitator, 'people and access (invited)');

    const message = await journeys.app.mailbox.next(invitee.email);
    expect(message.subject).toBe('You are invited to join Meadow Lane Community Mental Health Team on Doing With');
    expect(message.text).toContain(`Hello ${invitee.name},`);
    expect(message.text).toContain('Maya Lindqvist has invited you');
    const link = linkIn(message, journeys.app.baseUrl);

    // The invitee, on their own device.
    const page = await journeys.newPage();
    await page.goto(link);
    expect(await heading(page)).toBe('Join Meadow Lane Community Mental Health Team');
    expect(await page.locator('main').innerText()).toContain(invitee.email);
    const displayName = page.getByLabel('Your name');
    const password = page.getByLabel('Create a password');
    expect(await displayName.inputValue(), 'the name the facilitator gave').toBe(invitee.name);
    await checkPage(page, 'invitation');

    // They change the name they want to be known by, but forget to make a password.
    await tabTo(page, displayName);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Jess R');
    await pressAndWait(page, 'Enter');
    const inviteSummary = page.locator('.govuk-error-summary');
    await expectFocused(page, inviteSummary, 'after joining without a password');
    expect(await inviteSummary.innerText()).toContain('Enter a password');
    expect(await displayName.inputValue()).toBe('Jess R');
    await checkPage(page, 'invitation (error)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocused(page, password, 'following the error summary link');
    await page.keyboard.type(invitee.password);
    await pressAndWait(page, 'Enter');

    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Welcome to Meadow Lane Community Mental Health Team.');
    expect(await heading(page)).toBe('Hello, Jess R');
    expect(await page.locator('.govuk-caption-l').innerText()).toBe('Meadow Lane Community Mental Health Team');
    await checkPage(page, 'home (just joined)');

    // The invitation link has done its work.
    const reused = await journeys.newPage();
    await reused.goto(link);
    expect(await heading(reused)).toBe('This link does not work any more');

    // The facilitator sees them in the list, as a facilitator.
    await facilitator.reload();
    const row = facilitator.locator('tbody tr', { hasText: invitee.email });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/Jess R\s+jess\.ramirez@meadowlane\.example\s+Facilitator/);
    expect(await facilitator.locator('caption').innerText()).toBe('5 people');
  });
});

describe('looking after the organisation', () => {
  it('an admin corrects a mistake in the organisation settings, then sees the new name', async () => {
    const page = await journeys.newPage();
    await signIn(page, people.tom.email, people.tom.password);
    await screenshot(page, 'home');
    await page.goto('/admin/people');
    await screenshot(page, 'people-and-access');

    await tabTo(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Organisation settings' }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Organisation settings');
    const name = page.getByLabel('Name of the organisation');
    const timeZone = page.getByLabel('Time zone');
    expect(await name.inputValue()).toBe('Meadow Lane Community Mental Health Team');
    await checkPage(page, 'organisation settings');

    await tabTo(page, name);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await tabTo(page, timeZone);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Europe/Atlantis');
    await pressAndWait(page, 'Enter');
    const summary = page.locator('.govuk-error-summary');
    await expectFocused(page, summary, 'after two mistakes');
    const links = summary.getByRole('link');
    expect(await links.allInnerTexts()).toEqual(['Enter the name of the organisation', 'Enter a time zone like Europe/London']);
    expect(await timeZone.inputValue(), 'what was typed is kept').toBe('Europe/Atlantis');
    await checkPage(page, 'organisation settings (error)');
    await screenshot(page, 'organisation-settings-error');

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocused(page, name, 'the first error link');
    await page.keyboard.type('Meadow Lane Together');
    await tabTo(page, summary.getByRole('link', { name: 'Enter a time zone like Europe/London' }), { backwards: true });
    await page.keyboard.press('Enter');
    await expectFocused(page, timeZone, 'the second error link');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Europe/London');
    await pressAndWait(page, 'Enter');

    expect(new URL(page.url()).pathname).toBe('/admin/organisation');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('The organisation settings have been saved.');
    expect(await page.locator('.govuk-service-navigation').innerText()).toContain('Meadow Lane Together');
    await checkPage(page, 'organisation settings (saved)');
    await screenshot(page, 'organisation-settings');

    // On a small phone, or zoomed in to 400%, the pages reflow: the table of people too.
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/', '/admin/people', '/admin/organisation', '/account', '/get-help']) {
      await page.goto(path);
      await expectReflows(page, path);
    }
  });

  it('an admin opens a person from the list and changes what they can do', async () => {
    const page = await journeys.newPage();
    await signIn(page, people.tom.email, people.tom.password);
    await page.goto('/admin/people');
    await tabTo(page, page.getByRole('link', { name: people.ade.name }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe(people.ade.name);
    await checkPage(page, 'a person');

    await tabTo(page, page.getByRole('radio', { name: 'Member' }));
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Facilitator' }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await expectFocused(page, page.getByRole('button', { name: 'Save' }), 'Tab from the radios');
    await pressAndWait(page, ' ');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(`What ${people.ade.name} can do has been changed.`);
    expect(await page.locator('tbody tr', { hasText: people.ade.email }).innerText()).toContain('Facilitator');
  });

  it('a member sees their account, and a wrong current password is explained', async () => {
    const page = await journeys.newPage();
    await signIn(page, people.bea.email, people.bea.password);
    expect(await page.getByRole('link', { name: 'People and access' }).count(), 'members do not manage access').toBe(0);
    await tabTo(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your account' }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Your account');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(people.bea.email);
    await checkPage(page, 'your account');

    await tabTo(page, page.getByLabel('Current password'));
    await page.keyboard.type('not the current one');
    await page.keyboard.press('Tab');
    await tabTo(page, page.getByLabel('Create a password'));
    await page.keyboard.type('a brand new password');
    await pressAndWait(page, 'Enter');
    const summary = page.locator('.govuk-error-summary');
    await expectFocused(page, summary, 'after a wrong current password');
    expect(await summary.innerText()).toContain('Your current password is not right');
    await checkPage(page, 'your account (error)');

    const forbidden = await page.goto('/admin/organisation');
    expect(forbidden?.status(), 'only admins reach the settings; others are told it is not there').toBe(404);
    await checkPage(page, 'page not found (signed in)');
  });
});
