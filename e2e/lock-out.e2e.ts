import { request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPage, heading, pressAndWait, screenshot, tabTo, useJourneys } from './support/browser.js';
import { linkIn } from './support/mailbox.js';
import { seedOrganisation, type Person } from './support/people.js';

// Requests from this machine may say which address they come for (X-Forwarded-For), so strangers can be elsewhere.
const journeys = useJourneys({ env: { TRUST_PROXY: 'loopback' } });
let people: Record<'amara', Person>;

beforeAll(async () => {
  ({ people } = await seedOrganisation(
    journeys.app.db,
    { name: 'Lakeside Wellbeing Hub', shortName: 'Lakeside' },
    { amara: { name: 'Amara Okafor', email: 'amara@lakeside.example', permission: 'member' } },
  ));
});

/** Someone who never signed in here, at another address, trying passwords for an email: their browser's form, posted. */
async function strangerTries(address: string, email: string, times: number): Promise<number[]> {
  const stranger = await request.newContext({ baseURL: journeys.app.baseUrl, extraHTTPHeaders: { 'x-forwarded-for': address } });
  try {
    const form = await (await stranger.get('/sign-in')).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
    const statuses = [];
    for (let i = 0; i < times; i += 1) {
      const response = await stranger.post('/sign-in', { form: { _csrf: csrf, email, password: `guess number ${String(i)}` }, maxRedirects: 0 });
      statuses.push(response.status());
    }
    return statuses;
  } finally {
    await stranger.dispose();
  }
}

describe('strangers cannot lock a person out', () => {
  it('signs in from a browser used before after strangers tried 50 wrong passwords, and shows another browser the way in', async () => {
    const { amara } = people;
    // Amara signs in on her laptop, as every week, and signs out.
    const laptop = await journeys.newPage();
    await laptop.goto('/sign-in');
    await laptop.getByLabel('Email address').fill(amara.email);
    await laptop.getByLabel('Password', { exact: true }).fill(amara.password);
    await pressAndWait(laptop, 'Enter');
    expect(await heading(laptop)).toBe('Hello, Amara Okafor');
    const device = (await laptop.context().cookies()).find((cookie) => cookie.name === 'doing-with-device');
    expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect((device?.expires ?? 0) * 1000 - Date.now()).toBeGreaterThan(170 * 86_400_000);
    await tabTo(laptop, laptop.getByRole('button', { name: 'Sign out' }), { backwards: true });
    await pressAndWait(laptop, ' ');
    expect(new URL(laptop.url()).pathname).toBe('/sign-in');

    // Strangers at five addresses try ten wrong passwords each.
    for (let a = 1; a <= 5; a += 1) expect(await strangerTries(`203.0.113.${String(a)}`, amara.email, 10)).toEqual(Array.from({ length: 10 }, () => 422));

    // On a borrowed computer, her right password is held back, and the page says what she can do.
    const borrowed = await journeys.newPage();
    await borrowed.goto('/sign-in');
    await borrowed.getByLabel('Email address').fill(amara.email);
    await borrowed.getByLabel('Password', { exact: true }).fill(amara.password);
    await pressAndWait(borrowed, 'Enter');
    expect(await borrowed.title()).toBe('Error: Sign in – Doing With');
    const summary = borrowed.locator('.govuk-error-summary');
    expect(await summary.innerText()).toContain('There have been too many wrong tries to sign in. Try again in 60 minutes, or use "Email me a sign-in link".');
    expect(await borrowed.getByLabel('Email address').inputValue()).toBe(amara.email);
    await checkPage(borrowed, 'sign-in (too many tries)');
    await screenshot(borrowed, 'sign-in-too-many-tries');

    // The emailed link still works there.
    await tabTo(borrowed, borrowed.getByRole('link', { name: 'Email me a sign-in link', exact: true }));
    await pressAndWait(borrowed, 'Enter');
    await borrowed.getByLabel('Email address').fill(amara.email);
    await pressAndWait(borrowed, 'Enter');
    expect(await heading(borrowed)).toBe('Check your email');
    await borrowed.goto(linkIn(await journeys.app.mailbox.next(amara.email), journeys.app.baseUrl));
    await tabTo(borrowed, borrowed.locator('main').getByRole('button', { name: 'Sign in' }));
    await pressAndWait(borrowed, 'Enter');
    expect(await heading(borrowed)).toBe('Hello, Amara Okafor');

    // On her laptop, her password works as always.
    await laptop.getByLabel('Email address').fill(amara.email);
    await laptop.getByLabel('Password', { exact: true }).fill(amara.password);
    await pressAndWait(laptop, 'Enter');
    expect(new URL(laptop.url()).pathname).toBe('/');
    expect(await heading(laptop)).toBe('Hello, Amara Okafor');
    await checkPage(laptop, 'home after signing in past strangers');
  });
});
