import { beforeAll, describe, expect, it } from 'vitest';
import { andWaitForPage, checkPage, expectFocused, expectReflows, heading, pressAndWait, screenshot, signIn, tabTo, useJourneys } from './support/browser.js';
import { seedOrganisation, type Person } from './support/people.js';

const journeys = useJourneys();
let people: Record<'robin' | 'kai' | 'lena', Person>;

beforeAll(async () => {
  ({ people } = await seedOrganisation(
    journeys.app.db,
    { name: 'Northside Peer Support Network', shortName: 'Northside', crisisText: 'Out of hours, call our duty worker on 0161 496 0000.' },
    {
      robin: { name: 'Robin Hale', email: 'robin@northside.example', permission: 'member' },
      kai: { name: 'Kai Brennan', email: 'kai@northside.example', permission: 'member' },
      lena: { name: 'Lena Costa', email: 'lena@northside.example', permission: 'member' },
    },
  ));
});

describe('signing in with a password', () => {
  it('signs in and out with the keyboard, and recovers from a wrong password', async () => {
    const page = await journeys.newPage();
    await page.goto('/');
    await checkPage(page, 'welcome page');

    await tabTo(page, page.locator('main').getByRole('button', { name: 'Sign in' }));
    await pressAndWait(page, 'Enter');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await heading(page)).toBe('Sign in');
    expect(await page.title()).toBe('Sign in – Doing With');
    await checkPage(page, 'sign-in (empty)');
    await screenshot(page, 'sign-in');

    // The skip link is the first thing on the page, and takes the keyboard straight to the form.
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await page.keyboard.press('Tab');
    await expectFocused(page, skip, 'first Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const email = page.getByLabel('Email address');
    const password = page.getByLabel('Password', { exact: true });
    await expectFocused(page, email, 'first Tab after the skip link');

    await page.keyboard.type(people.robin.email);
    await page.keyboard.press('Tab');
    await expectFocused(page, password, 'Tab from the email address');
    await page.keyboard.type('not my password at all');
    await checkPage(page, 'sign-in (filled)');
    await pressAndWait(page, 'Enter');

    // The error summary takes focus, and its link takes focus to the field.
    expect(await page.title()).toBe('Error: Sign in – Doing With');
    const summary = page.locator('.govuk-error-summary');
    await expectFocused(page, summary, 'after a wrong password');
    expect(await summary.innerText()).toContain('The email address or password is not right');
    expect(await email.inputValue()).toBe(people.robin.email);
    expect(await password.inputValue(), 'a password is never sent back to the page').toBe('');
    await checkPage(page, 'sign-in (error)');
    await page.keyboard.press('Tab');
    const summaryLink = summary.getByRole('link', { name: 'The email address or password is not right' });
    await expectFocused(page, summaryLink, 'Tab from the error summary');
    await page.keyboard.press('Enter');
    await expectFocused(page, email, 'following the error summary link');

    await page.keyboard.press('Tab');
    await expectFocused(page, password, 'Tab from the email address');
    await page.keyboard.type(people.robin.password);
    await pressAndWait(page, 'Enter');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await heading(page)).toBe('Hello, Robin Hale');
    expect(await page.locator('.govuk-service-navigation').innerText()).toContain('Northside Peer Support Network');
    await checkPage(page, 'home (member)');

    // Sign out is near the top of the page: Shift+Tab from the main content reaches it.
    await tabTo(page, page.locator('main').getByRole('link', { name: 'Your account' }));
    const signOut = page.getByRole('button', { name: 'Sign out' });
    await tabTo(page, signOut, { backwards: true });
    await pressAndWait(page, ' ');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('You have signed out.');
    await checkPage(page, 'sign-in (signed out)');

    await page.goto('/account');
    expect(new URL(page.url()).pathname, 'signed out: the account page asks to sign in').toBe('/sign-in');
  });

  it('signs in and out with JavaScript turned off', async () => {
    const page = await journeys.newPage({ javaScript: false });
    await page.goto('/account');
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await page.getByLabel('Email address').fill(people.kai.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong password, typed quickly');
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('The email address or password is not right');
    await checkPage(page, 'sign-in (error, no JavaScript)');

    await page.getByLabel('Password', { exact: true }).fill(people.kai.password);
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await heading(page), 'back where they were going').toBe('Your account');
    await checkPage(page, 'account (no JavaScript)');

    await andWaitForPage(page, () => page.getByRole('button', { name: 'Sign out' }).click());
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('You have signed out.');
    await page.goto('/');
    expect(await heading(page), 'signed out: the welcome page').toBe('Doing With');
  });
});

describe('choosing a language', () => {
  it('switches to Italiano and back with the keyboard, staying on the same page', async () => {
    const page = await journeys.newPage();
    await signIn(page, people.lena.email, people.lena.password);
    await page.goto('/account');
    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe('en-GB');

    await tabTo(page, page.getByRole('button', { name: 'Italiano' }));
    await pressAndWait(page, ' ');
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await html.getAttribute('lang')).toBe('it');
    expect(await page.locator('.app-language-switcher [aria-current="true"]').innerText()).toBe('Italiano');
    await checkPage(page, 'account (Italian)');

    await page.reload();
    expect(await html.getAttribute('lang'), 'the choice is kept').toBe('it');

    await tabTo(page, page.getByRole('button', { name: 'English' }));
    await pressAndWait(page, 'Enter');
    expect(new URL(page.url()).pathname).toBe('/account');
    expect(await html.getAttribute('lang')).toBe('en-GB');
    expect(await heading(page)).toBe('Your account');
  });
  it('keeps a language chosen before signing in, with JavaScript turned off', async () => {
    const page = await journeys.newPage({ javaScript: false });
    await page.goto('/sign-in');
    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe('en-GB');
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Italiano' }).click());
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await html.getAttribute('lang')).toBe('it');
    await checkPage(page, 'sign-in (Italian, no JavaScript)');

    await page.locator('input[name="email"]').fill(people.robin.email);
    await page.locator('input[name="password"]').fill(people.robin.password);
    await andWaitForPage(page, () => page.locator('form[action="/sign-in"] button[type="submit"]').click());
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await html.getAttribute('lang'), 'still Italian once signed in').toBe('it');
  });
});

describe('getting help and the pages everyone can reach', () => {
  it('reaches "Get help now" from the top of the sign-in page, with the national helplines', async () => {
    const page = await journeys.newPage();
    await page.goto('/sign-in');
    // Straight after the skip link: someone in crisis should not have to look for it.
    expect(await tabTo(page, page.getByRole('banner').getByRole('link', { name: 'Get help now' }))).toBe(2);
    await pressAndWait(page, 'Enter');
    expect(new URL(page.url()).pathname).toBe('/get-help');
    expect(await heading(page)).toBe('Get help now');
    const text = await page.locator('main').innerText();
    expect(text).toContain('call 999');
    expect(text).toMatch(/Samaritans.*116 123/);
    expect(text).toMatch(/NHS 111.*option 2/);
    expect(await page.locator('main a[href="tel:116123"]').innerText()).toBe('116 123');
    expect(await page.locator('main a[href="tel:111"]').innerText()).toBe('111');
    expect(await page.locator('main a[href="tel:999"]').innerText()).toBe('999');
    await checkPage(page, 'get help (signed out)');

    // Someone in Italy (or anywhere else) finds their own numbers one link away (#11).
    await andWaitForPage(page, () => page.getByRole('link', { name: 'Italy' }).click());
    const italy = await page.locator('main').innerText();
    expect(italy).toContain('call 112');
    expect(italy).toMatch(/Telefono Amico Italia.*02 2327 2327/);
    expect(italy).not.toContain('999');
    expect(await page.locator('main a[href="tel:112"]').innerText()).toBe('112');
    await checkPage(page, 'get help (signed out, Italy chosen)');

    for (const [link, title] of [
      ['Accessibility statement', 'Accessibility statement'],
      ['Privacy notice', 'Privacy notice'],
    ] as const) {
      await andWaitForPage(page, () => page.getByRole('contentinfo').getByRole('link', { name: link }).click());
      expect(await heading(page)).toBe(title);
      await checkPage(page, title);
    }

    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/sign-in', '/sign-in/link', '/get-help']) {
      await page.goto(path);
      await expectReflows(page, path);
    }

    const missing = await page.goto('/no-such-page');
    expect(missing?.status()).toBe(404);
    expect(await heading(page)).toBe('Page not found');
    await checkPage(page, 'page not found');
  });

  it("shows the organisation's own crisis information to its people", async () => {
    const page = await journeys.newPage();
    await signIn(page, people.robin.email, people.robin.password);
    await andWaitForPage(page, () => page.getByRole('banner').getByRole('link', { name: 'Get help now' }).click());
    expect(new URL(page.url()).pathname).toBe('/get-help');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Support from Northside Peer Support Network');
    expect(text).toContain('Out of hours, call our duty worker on 0161 496 0000.');
    expect(text).toMatch(/Samaritans.*116 123/);
    await checkPage(page, 'get help (signed in, with crisis information)');
  });
});
