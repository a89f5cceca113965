import { beforeAll, describe, expect, it } from 'vitest';
import { andWaitForPage, checkPage, expectFocused, heading, pressAndWait, signIn, tabTo, useJourneys } from './support/browser.js';
import { linkIn } from './support/mailbox.js';
import { seedOrganisation, type Person } from './support/people.js';

const journeys = useJourneys();
let people: Record<'noor' | 'femi', Person>;

beforeAll(async () => {
  ({ people } = await seedOrganisation(
    journeys.app.db,
    { name: 'Harbour Recovery College', shortName: 'Harbour' },
    {
      noor: { name: 'Noor Haddad', email: 'noor@harbour.example', permission: 'member' },
      femi: { name: 'Femi Adeyemi', email: 'femi@harbour.example', permission: 'member' },
    },
  ));
});

describe('signing in with a link sent by email', () => {
  it('emails a link that signs in once, with the keyboard and without JavaScript', async () => {
    const page = await journeys.newPage({ javaScript: false });
    await page.goto('/sign-in');
    await tabTo(page, page.getByRole('link', { name: 'Email me a sign-in link' }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Email me a sign-in link');
    await checkPage(page, 'sign-in link request (empty)');

    // Sending it empty says what to do, on the same page.
    const email = page.getByLabel('Email address');
    await tabTo(page, email);
    await pressAndWait(page, 'Enter');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter your email address');
    expect(await page.locator('#email-error').innerText()).toContain('Enter your email address');
    await checkPage(page, 'sign-in link request (error)');

    await tabTo(page, email);
    await page.keyboard.type(people.noor.email.toUpperCase());
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Check your email');
    expect(await page.locator('main').innerText()).toContain(`If ${people.noor.email} belongs to an account`);
    await checkPage(page, 'check your email (sign-in link)');

    const message = await journeys.app.mailbox.next(people.noor.email);
    expect(message.subject).toBe('Your sign-in link for Doing With');
    const link = linkIn(message, journeys.app.baseUrl);
    expect(link).toMatch(/\/sign-in\/link\/[\w-]+$/);

    // The link opens a page with a button, so that a mail scanner following the link cannot use it up.
    await page.goto(link);
    expect(await heading(page)).toBe('Sign in to Doing With');
    await checkPage(page, 'sign-in link confirm');
    await tabTo(page, page.locator('main').getByRole('button', { name: 'Sign in' }));
    await pressAndWait(page, 'Enter');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await heading(page)).toBe('Hello, Noor Haddad');

    // The same link, used again on another device, does not work any more.
    const again = await journeys.newPage({ javaScript: false });
    const response = await again.goto(link);
    expect(response?.status()).toBe(404);
    expect(await heading(again)).toBe('This link does not work any more');
    await checkPage(again, 'sign-in link used up');
    await again.goto('/account');
    expect(new URL(again.url()).pathname, 'the used link signed nobody in').toBe('/sign-in');
  });
});

describe('resetting a forgotten password', () => {
  it('emails a reset link, refuses a short password, then signs in with the new one', async () => {
    const newPassword = 'a lighthouse in the fog';
    const page = await journeys.newPage();
    await page.goto('/sign-in');
    await tabTo(page, page.getByRole('link', { name: 'I have forgotten my password' }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Reset your password');
    await checkPage(page, 'password reset request (empty)');

    const email = page.getByLabel('Email address');
    await tabTo(page, email);
    await page.keyboard.type('femi at harbour');
    await pressAndWait(page, 'Enter');
    const summary = page.locator('.govuk-error-summary');
    await expectFocused(page, summary, 'after an email address that is not one');
    expect(await summary.innerText()).toContain('Enter an email address in the correct format, like name@example.com');
    expect(await email.inputValue(), 'what was typed is kept').toBe('femi at harbour');
    await checkPage(page, 'password reset request (error)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocused(page, email, 'following the error summary link');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(people.femi.email);
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Check your email');
    await checkPage(page, 'check your email (password reset)');

    const message = await journeys.app.mailbox.next(people.femi.email);
    expect(message.subject).toBe('Reset your Doing With password');
    await page.goto(linkIn(message, journeys.app.baseUrl));
    expect(await heading(page)).toBe('Choose a new password');
    await checkPage(page, 'choose a new password (empty)');

    const password = page.getByLabel('Create a password');
    await tabTo(page, password);
    await page.keyboard.type('too short');
    await pressAndWait(page, 'Enter');
    await expectFocused(page, summary, 'after a password that is too short');
    expect(await summary.innerText()).toContain('Your password must be at least 10 characters');
    expect(await page.title()).toMatch(/^Error: Choose a new password/);
    await checkPage(page, 'choose a new password (error)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocused(page, password, 'following the error summary link');
    await page.keyboard.type(newPassword);
    await pressAndWait(page, 'Enter');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Your password has been changed. You are signed in.');
    expect(await heading(page)).toBe('Hello, Femi Adeyemi');
    await checkPage(page, 'home (after a password reset)');

    // The old password no longer works; the new one does.
    const later = await journeys.newPage();
    await later.goto('/sign-in');
    await later.getByLabel('Email address').fill(people.femi.email);
    await later.getByLabel('Password', { exact: true }).fill(people.femi.password);
    await andWaitForPage(later, () => later.getByLabel('Password', { exact: true }).press('Enter'));
    expect(await later.locator('.govuk-error-summary').innerText()).toContain('The email address or password is not right');
    await signIn(later, people.femi.email, newPassword);
    expect(await heading(later)).toBe('Hello, Femi Adeyemi');
  });
});
