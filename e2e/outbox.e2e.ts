import { beforeAll, describe, expect, it } from 'vitest';
import { andWaitForPage, checkPage, expectFocused, heading, pressAndWait, screenshot, signIn, tabTo, useJourneys } from './support/browser.js';
import { linkIn } from './support/mailbox.js';
import { seedOrganisation, type Person } from './support/people.js';

const journeys = useJourneys();
let people: Record<'rosa', Person>;

beforeAll(async () => {
  ({ people } = await seedOrganisation(
    journeys.app.db,
    { name: 'Harbour Recovery College', shortName: 'Harbour' },
    { rosa: { name: 'Rosa Mendes', email: 'rosa@harbour.example', permission: 'admin' } },
  ));
});

/** The email status shown in the invitations table for this person. */
async function statusOf(page: import('playwright-core').Page, name: string): Promise<string> {
  return page.getByRole('row').filter({ hasText: name }).locator('.govuk-tag').innerText();
}

describe('an invitation whose email has not gone', () => {
  it('shows "not delivered yet" while the email server is down, and sends it again once it is back, without JavaScript', async () => {
    const kai = { name: 'Kai Brennan', email: 'kai.brennan@harbour.example' };
    await journeys.app.mailbox.down();
    const page = await journeys.newPage({ javaScript: false });
    await signIn(page, people.rosa.email, people.rosa.password);
    await page.goto('/admin/people');
    await page.getByLabel('Their name').fill(kai.name);
    await page.getByLabel('Email address').fill(kai.email);
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Send invitation' }).click());
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(`We are emailing an invitation to ${kai.email}.`);
    // The attempt made straight after the invitation has failed (the server is down); the page says so.
    await journeys.app.app.mailer.idle();
    await page.reload();
    expect(await heading(page)).toBe('People and access');
    expect(await page.locator('#invitations').innerText()).toBe('Invitations not accepted yet');
    expect(await statusOf(page, kai.name)).toBe('Not delivered yet');
    expect(await page.locator('main').innerText()).toContain('we keep trying for about 8 hours');
    await checkPage(page, 'people and access (invitation not delivered yet)');
    await screenshot(page, 'invitation-not-delivered-yet');

    // The server is back; Rosa sends it again with the keyboard.
    await journeys.app.mailbox.up();
    const again = page.getByRole('button', { name: `Send again the invitation to ${kai.name} (${kai.email})` });
    await tabTo(page, again);
    await expectFocused(page, again, 'Tab to "Send again"');
    await pressAndWait(page, 'Enter');
    expect(new URL(page.url()).pathname).toBe('/admin/people');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(`We are emailing ${kai.email} a new invitation link. The old link no longer works.`);
    await checkPage(page, 'people and access (invitation sent again)');

    const message = await journeys.app.mailbox.next(kai.email);
    expect(message.subject).toBe('You are invited to join Harbour Recovery College on Doing With');
    await page.reload();
    expect(await statusOf(page, kai.name)).toBe('Sent');
    await checkPage(page, 'people and access (invitation sent)');

    const invitee = await journeys.newPage();
    await invitee.goto(linkIn(message, journeys.app.baseUrl));
    expect(await heading(invitee)).toBe('Join Harbour Recovery College');
    expect(journeys.app.mailbox.received.filter((m) => m.to.includes(kai.email)), 'one email, the new one').toHaveLength(1);
  });

  it('shows "could not be delivered" once the outbox has given up', async () => {
    const lee = { name: 'Lee Okafor', email: 'lee.okafor@harbour.example' };
    await journeys.app.mailbox.down();
    const page = await journeys.newPage();
    await signIn(page, people.rosa.email, people.rosa.password);
    await page.goto('/admin/people');
    await page.getByLabel('Their name').fill(lee.name);
    await page.getByLabel('Email address').fill(lee.email);
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Send invitation' }).click());
    await journeys.app.app.mailer.idle();
    await journeys.app.mailbox.up();
    // Giving up takes about eight hours of retries (test/integration/outbox.test.ts walks through them on a clock);
    // here the message is put in that state so that the page showing it can be checked.
    await journeys.app.db.updateTable('mail_outbox').set({ status: 'failed', body: '', finished_at: new Date().toISOString() }).where('to_email', '=', lee.email).execute();
    await page.reload();
    expect(await statusOf(page, lee.name)).toBe('Could not be delivered');
    await checkPage(page, 'people and access (invitation could not be delivered)');
  });
});
