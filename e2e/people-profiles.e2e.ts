import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { andWaitForPage, checkPage, expectFocused, expectReflows, heading, pressAndWait, screenshot, signIn, tabTo, useJourneys } from './support/browser.js';
import { seedOrganisation, type Person } from './support/people.js';

const journeys = useJourneys();
let people: Record<'robin' | 'kai' | 'lena' | 'ola', Person>;

beforeAll(async () => {
  ({ people } = await seedOrganisation(
    journeys.app.db,
    { name: 'Northside Peer Support Network', shortName: 'Northside' },
    {
      robin: { name: 'Robin Hale', email: 'robin@northside.example', permission: 'member' },
      kai: { name: 'Kai Brennan', email: 'kai@northside.example', permission: 'member' },
      lena: { name: 'Lena Costa', email: 'lena@northside.example', permission: 'facilitator' },
      ola: { name: 'Ola Admin', email: 'ola@northside.example', permission: 'admin' },
    },
  ));
});

const main = (page: Page) => page.locator('main');
const banner = (page: Page) => page.locator('.govuk-notification-banner');

/** Every form control in the page's main form, as "type name: label", to compare one person's form with another's. */
async function formShape(page: Page): Promise<string[]> {
  return page.locator('main form[method="post"] :is(input, textarea, select):not([type="hidden"])').evaluateAll((controls) =>
    controls.map((control) => {
      const element = control as unknown as { id: string; name: string; type: string; labels: ArrayLike<{ textContent: string | null }> | null };
      const label = Array.from(element.labels ?? []).map((l) => (l.textContent ?? '').trim().replace(/\s+/g, ' ')).join(' ');
      return `${element.type} ${element.name}: ${label}`;
    }),
  );
}

describe('a member fills in their one-page profile, with the keyboard', () => {
  it('writes their profile, makes a mistake and fixes it, and adds strengths', async () => {
    const page = await journeys.newPage();
    await signIn(page, people.robin.email, people.robin.password);

    await tabTo(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Your profile' }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Robin Hale');
    expect(await page.title()).toBe('Your profile – Northside');
    expect(await main(page).innerText()).toContain('Nothing written yet.');
    await checkPage(page, 'own profile (empty)');

    await tabTo(page, main(page).getByRole('button', { name: 'Edit your profile' }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Edit profile');
    await checkPage(page, 'edit overview (empty)');

    await tabTo(page, main(page).getByRole('link', { name: 'Change (My one-page profile)' }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('My one-page profile');
    await checkPage(page, 'one-page profile form (empty)');

    const appreciate = page.getByLabel('What people appreciate about me');
    const important = page.getByLabel('What is important to me');
    const support = page.getByLabel('How best to support me');
    await tabTo(page, appreciate);
    await page.keyboard.type('People say I make a good cup of tea and that I listen.');
    await tabTo(page, important);
    // A mistake: far too much pasted in.
    await page.keyboard.insertText('My allotment. '.repeat(150));
    await tabTo(page, support);
    await page.keyboard.type('Give me the papers a day before we meet.');
    await checkPage(page, 'one-page profile form (filled)');
    await tabTo(page, main(page).getByRole('button', { name: 'Save' }));
    await pressAndWait(page, 'Enter');

    expect(await page.title()).toBe('Error: My one-page profile – Northside');
    const summary = page.locator('.govuk-error-summary');
    await expectFocused(page, summary, 'after saving too long an answer');
    expect(await summary.innerText()).toContain('Your answer to "What is important to me" must be 2,000 characters or fewer');
    expect(await appreciate.inputValue()).toBe('People say I make a good cup of tea and that I listen.');
    expect(await support.inputValue()).toBe('Give me the papers a day before we meet.');
    await checkPage(page, 'one-page profile form (error)');
    await screenshot(page, 'profile-answers-error');

    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocused(page, important, 'following the error summary link');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('My allotment, my sister, and Sunday mornings.');
    await tabTo(page, main(page).getByRole('button', { name: 'Save' }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Edit profile');
    expect(await banner(page).innerText()).toContain('Your changes have been saved.');
    expect(await main(page).innerText()).toContain('My allotment, my sister, and Sunday mornings.');
    await checkPage(page, 'edit overview (saved)');

    await tabTo(page, main(page).getByRole('link', { name: 'Change (My strengths)' }));
    await pressAndWait(page, 'Enter');
    await checkPage(page, 'strengths (empty)');
    await tabTo(page, main(page).getByRole('button', { name: 'Add strength' }));
    await pressAndWait(page, 'Enter');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter a strength, for example cooking or listening');
    await checkPage(page, 'strengths (error)');

    const label = page.getByLabel('Strength', { exact: true });
    await tabTo(page, label);
    await page.keyboard.type('Graphic design');
    await tabTo(page, main(page).getByRole('button', { name: 'Add strength' }));
    await pressAndWait(page, 'Enter');
    expect(await banner(page).innerText()).toContain('"Graphic design" has been added.');

    await tabTo(page, label);
    await page.keyboard.type('Facilitating groups');
    await page.keyboard.press('Tab');
    await expectFocused(page, page.getByLabel('I can offer this'), 'Tab into the kind of strength');
    await page.keyboard.press('ArrowDown');
    await expectFocused(page, page.getByLabel('I would like to learn or grow this'), 'arrow to "grow"');
    await tabTo(page, main(page).getByRole('button', { name: 'Add strength' }));
    await pressAndWait(page, 'Enter');
    expect(await banner(page).innerText()).toContain('"Facilitating groups" has been added.');
    await checkPage(page, 'strengths (filled)');
    await screenshot(page, 'profile-strengths');

    await page.goto('/profile');
    const profile = await main(page).innerText();
    expect(profile).toContain('People say I make a good cup of tea and that I listen.');
    expect(profile).toContain('Graphic design');
    expect(profile).toContain('Facilitating groups');
    await checkPage(page, 'own profile (filled)');
    await expectReflowsAt320(page, 'own profile');
  });

  it('accepts an appreciation another person wrote, and it appears on their profile', async () => {
    const writer = await journeys.newPage();
    await signIn(writer, people.kai.email, people.kai.password);
    await writer.goto('/people');
    await checkPage(writer, 'directory');
    await writer.getByLabel('Search by name or strength').fill('design');
    await writer.getByLabel('Can offer this').check();
    await andWaitForPage(writer, () => main(writer).getByRole('button', { name: 'Search' }).click());
    expect(await main(writer).getByRole('heading', { level: 2 }).first().innerText()).toBe('1 person found');
    await checkPage(writer, 'directory (search for a strength)');
    await andWaitForPage(writer, () => main(writer).getByRole('link', { name: 'Robin Hale' }).click());
    await checkPage(writer, "someone else's profile");

    await andWaitForPage(writer, () => main(writer).getByRole('button', { name: 'Send appreciation' }).click());
    expect(await writer.locator('.govuk-error-summary').innerText()).toContain('Write what you appreciate about them');
    await checkPage(writer, 'appreciation (error)');
    await writer.getByLabel('What do you appreciate about Robin Hale?').fill('Robin made the first meeting feel like somewhere I belonged.');
    await andWaitForPage(writer, () => main(writer).getByRole('button', { name: 'Send appreciation' }).click());
    expect(await banner(writer).innerText()).toContain('Robin Hale will see what you wrote');
    expect(await main(writer).innerText(), 'not on the profile until Robin accepts it').not.toContain('somewhere I belonged');

    const page = await journeys.newPage();
    await signIn(page, people.robin.email, people.robin.password);
    await page.goto('/profile');
    expect(await banner(page).innerText()).toContain('Someone has written 1 appreciation for you.');
    await tabTo(page, page.getByRole('link', { name: 'Read and choose what to show' }));
    await pressAndWait(page, 'Enter');
    expect(await heading(page)).toBe('Appreciations');
    await checkPage(page, 'appreciations (waiting)');
    await tabTo(page, main(page).getByRole('button', { name: 'Show on my profile From Kai Brennan' }));
    await pressAndWait(page, 'Enter');
    expect(await banner(page).innerText()).toContain('The appreciation is now on the profile.');
    await checkPage(page, 'appreciations (accepted)');

    await writer.reload();
    expect(await main(writer).innerText()).toContain('Robin made the first meeting feel like somewhere I belonged.');
    expect(await main(writer).innerText()).toContain('From Kai Brennan');
    await screenshot(writer, 'profile-with-appreciation');
  });
});

async function expectReflowsAt320(page: Page, label: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectReflows(page, `${label} at 320 px`);
  await page.setViewportSize({ width: 1024, height: 768 });
}

describe('the same profile for everyone', () => {
  it('gives a staff member the very same form as a member, for themselves and for someone without an account', async () => {
    const sections = ['about', 'profile', 'strengths', 'taking-part', 'visibility'];
    const member = await journeys.newPage();
    await signIn(member, people.kai.email, people.kai.password);
    const staff = await journeys.newPage();
    await signIn(staff, people.lena.email, people.lena.password);

    // Lena adds someone who does not use a computer, with their agreement.
    await staff.goto('/people');
    await andWaitForPage(staff, () => main(staff).getByRole('link', { name: 'Add someone who does not use a computer' }).click());
    await checkPage(staff, 'add someone (empty)');
    await staff.getByLabel('Their name').fill('Maggie Doyle');
    await andWaitForPage(staff, () => main(staff).getByRole('button', { name: 'Add person' }).click());
    const summary = await staff.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Confirm that they have agreed to be added');
    expect(summary).toContain('Say how they agreed, for example in person at a group');
    expect(await staff.getByLabel('Their name').inputValue()).toBe('Maggie Doyle');
    await checkPage(staff, 'add someone (error)');
    await staff.getByLabel('They have agreed to have a profile on Doing With').check();
    await staff.getByLabel('How did they agree?').fill('In person at the Thursday carers group, after we read the privacy notice together.');
    await andWaitForPage(staff, () => main(staff).getByRole('button', { name: 'Add person' }).click());
    expect(await banner(staff).innerText()).toContain('Maggie Doyle has been added.');
    const maggie = new URL(staff.url()).pathname.split('/')[2] ?? '';
    await checkPage(staff, 'edit overview (someone without an account)');

    const kaiId = await ownId(member);
    const lenaId = await ownId(staff);
    for (const section of sections) {
      await member.goto(`/people/${kaiId}/edit/${section}`);
      const memberForm = await formShape(member);
      expect(memberForm.length, section).toBeGreaterThan(0);
      await checkPage(member, `${section} form (member)`);
      await staff.goto(`/people/${lenaId}/edit/${section}`);
      expect(await formShape(staff), `${section}: staff member's own form`).toEqual(memberForm);
      await staff.goto(`/people/${maggie}/edit/${section}`);
      expect(await formShape(staff), `${section}: the form staff fill in with someone`).toEqual(memberForm);
      expect(await staff.locator('.govuk-caption-l').innerText()).toBe('Profile of Maggie Doyle');
    }
    await staff.goto(`/people/${maggie}/edit/taking-part`);
    await screenshot(staff, 'profile-taking-part');
  });
});

describe('without JavaScript', () => {
  it('searches, makes a team wall that prints one profile a page, and changes who can see a profile', async () => {
    const page = await journeys.newPage({ javaScript: false });
    await signIn(page, people.kai.email, people.kai.password);
    await page.goto('/people');
    await page.getByLabel('Search by name or strength').fill('facilitat');
    await page.getByLabel('Would like to learn this').check();
    await andWaitForPage(page, () => main(page).getByRole('button', { name: 'Search' }).click());
    expect(new URL(page.url()).search).toBe('?q=facilitat&kind=grow');
    expect(await main(page).getByRole('link', { name: 'Robin Hale' }).count()).toBe(1);
    await checkPage(page, 'directory search (no JavaScript)');

    await page.goto('/people');
    await page.getByLabel('Add Robin Hale to the team wall').check();
    await page.getByLabel('Add Kai Brennan to the team wall').check();
    await andWaitForPage(page, () => main(page).getByRole('button', { name: 'Show team wall' }).click());
    expect(await heading(page)).toBe('Team wall');
    expect(await page.locator('.app-wall__profile h2').allInnerTexts()).toEqual(['Kai Brennan', 'Robin Hale']);
    await checkPage(page, 'team wall (no JavaScript)');
    await screenshot(page, 'team-wall');
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.locator('.app-wall__profile').evaluateAll((profiles) =>
      profiles.map((profile) => (globalThis as unknown as { getComputedStyle(e: unknown): { breakAfter: string } }).getComputedStyle(profile).breakAfter),
    );
    expect(breaks).toEqual(['page', 'auto']);
    expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    const kaiId = await ownId(page);
    await page.goto(`/people/${kaiId}/edit/taking-part`);
    await page.getByLabel('Something else').check();
    await andWaitForPage(page, () => main(page).getByRole('button', { name: 'Save' }).click());
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Say what else would help you take part');
    await checkPage(page, 'how I take part (error, no JavaScript)');
    await page.getByLabel('What else would help you take part?').fill('A hearing loop');
    await andWaitForPage(page, () => main(page).getByRole('button', { name: 'Save' }).click());
    expect(await banner(page).innerText()).toContain('Your changes have been saved.');

    await page.goto(`/people/${kaiId}/edit/visibility`);
    await page.getByLabel('Only me and the admins').check();
    await andWaitForPage(page, () => main(page).getByRole('button', { name: 'Save' }).click());
    expect(await main(page).innerText()).toContain('Only me and the admins');
    await checkPage(page, 'edit overview (no JavaScript)');

    const other = await journeys.newPage();
    await signIn(other, people.robin.email, people.robin.password);
    const response = await other.goto(`/people/${kaiId}`);
    expect(response?.status(), 'a private profile is not found by another member').toBe(404);
  });
});

describe('the organisation’s template, data rights and leaving', () => {
  it('lets an admin rename a heading and ask for age; a member downloads their information and removes their profile', async () => {
    const admin = await journeys.newPage();
    await signIn(admin, people.ola.email, people.ola.password);
    await admin.goto('/admin/organisation');
    await andWaitForPage(admin, () => main(admin).getByRole('link', { name: /Change the headings/ }).click());
    await checkPage(admin, 'profile template');
    await admin.getByLabel('Ask for age').check();
    await admin.getByLabel('Your words for "How best to support me" (optional)').fill('How to help me take part');
    await andWaitForPage(admin, () => main(admin).getByRole('button', { name: 'Save' }).click());
    expect(await banner(admin).innerText()).toContain('The profile template has been saved.');
    await admin.getByLabel('New heading').fill('x'.repeat(81));
    await andWaitForPage(admin, () => main(admin).getByRole('button', { name: 'Add heading' }).click());
    expect(await admin.locator('.govuk-error-summary').innerText()).toContain('A heading must be 80 characters or fewer');
    await checkPage(admin, 'profile template (error)');
    await admin.getByLabel('New heading').fill('What I am looking forward to');
    await andWaitForPage(admin, () => main(admin).getByRole('button', { name: 'Add heading' }).click());
    expect(await main(admin).innerText()).toContain('What I am looking forward to');

    const page = await journeys.newPage();
    await signIn(page, people.robin.email, people.robin.password);
    const robinId = await ownId(page);
    await page.goto(`/people/${robinId}/edit/profile`);
    expect(await page.getByLabel('How to help me take part').inputValue()).toBe('Give me the papers a day before we meet.');
    expect(await page.getByLabel('What I am looking forward to').count()).toBe(1);
    await page.goto(`/people/${robinId}/edit/about`);
    expect(await page.getByLabel('Age (optional)').count()).toBe(1);

    await page.goto('/profile');
    await andWaitForPage(page, () => main(page).getByRole('link', { name: 'See and download everything we hold about this profile' }).click());
    expect(await main(page).innerText()).toContain('Graphic design');
    expect(await main(page).innerText()).toContain('The information was downloaded');
    await checkPage(page, 'everything we hold');
    const download = page.waitForEvent('download');
    await main(page).getByRole('button', { name: 'Download it as a file (JSON)' }).click();
    expect((await download).suggestedFilename()).toBe(`doing-with-${robinId}.json`);

    await page.goto(`/people/${robinId}/remove`);
    await checkPage(page, 'remove my profile');
    await andWaitForPage(page, () => main(page).getByRole('button', { name: 'Remove my profile' }).click());
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Type the word “remove” to confirm');
    await checkPage(page, 'remove my profile (not confirmed)');
    await main(page).getByLabel('To confirm, type the word “remove”').fill('remove');
    await andWaitForPage(page, () => main(page).getByRole('button', { name: 'Remove my profile' }).click());
    expect(await heading(page)).toBe('Your profile has been removed');
    await checkPage(page, 'profile removed');
    await page.goto('/people');
    expect(new URL(page.url()).pathname, 'signed out everywhere').toBe('/sign-in');

    const kai = await journeys.newPage();
    await signIn(kai, people.kai.email, people.kai.password);
    await kai.goto('/people');
    expect(await main(kai).innerText()).not.toContain('Robin Hale');
  });
});

/** The signed-in person's own id, from where "Your profile" leads. */
async function ownId(page: Page): Promise<string> {
  await page.goto('/profile');
  return new URL(page.url()).pathname.split('/')[2] ?? '';
}
