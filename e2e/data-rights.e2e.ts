import { beforeAll, describe, expect, it } from 'vitest';
import { everythingAboutOnePerson, type OnePerson } from '../test/helpers/one-person.js';
import type { Page } from 'playwright-core';
import { andWaitForPage, checkPage, expectReflows, heading, screenshot, signIn, useJourneys } from './support/browser.js';

const journeys = useJourneys();
let one: OnePerson;

beforeAll(async () => {
  one = await everythingAboutOnePerson(journeys.app.db);
});

/**
 * #11: a member who has taken part in everything sees all of it, then removes their profile; afterwards the
 * facilitator finds no trace of them on the meeting, decision and circle pages.
 */
describe('seeing and removing everything held about you', () => {
  it('a member reads everything held about them, removes their profile, and a facilitator then finds no trace', async () => {
    const member = await journeys.newPage();
    await signIn(member, one.member.email, one.password);
    await member.goto(`/people/${one.member.personId}`);
    await andWaitForPage(member, () => member.getByRole('link', { name: 'See and download everything we hold about this profile' }).click());
    expect(await heading(member)).toBe('Everything we hold about this profile');
    const page = await member.locator('main').innerText();
    for (const name of ['meetingAccessNeeds', 'ladderPrivateTitle', 'gratitudeJournal', 'cardBody', 'circleNote']) expect(page, name).toContain(one.markers[name]);
    expect(page).toContain('written about you by someone else');
    await checkPage(member, 'everything held about you');
    await expectReflowsAt320(member, 'everything held about you');
    await screenshot(member, 'data-rights-export');

    await member.goto(`/people/${one.member.personId}`);
    await andWaitForPage(member, () => member.getByRole('link', { name: 'Remove my profile' }).click());
    expect(await heading(member)).toBe('Remove your profile');
    await checkPage(member, 'remove your profile');

    // A slip first: the word is not "remove", and nothing is removed.
    const word = member.getByLabel('To confirm, type the word “remove”');
    await word.fill('remoev');
    await andWaitForPage(member, () => member.getByRole('button', { name: 'Remove my profile' }).click());
    expect(await member.locator('.govuk-error-summary').innerText()).toContain('remove');
    expect(await word.inputValue(), 'what was typed is kept').toBe('remoev');
    await checkPage(member, 'remove your profile (error)');

    await word.fill('remove');
    await andWaitForPage(member, () => member.getByRole('button', { name: 'Remove my profile' }).click());
    expect(await heading(member)).toBe('Your profile has been removed');
    await checkPage(member, 'profile removed');

    const facilitator = await journeys.newPage();
    await signIn(facilitator, one.facilitator.email, one.password);
    const decision = await journeys.app.db.selectFrom('proposals').select('id').where('project_id', '=', one.projectId).where('status', '!=', 'open').executeTakeFirstOrThrow();
    for (const url of [
      `/projects/${one.projectId}/meetings/${one.meetingId}`,
      `/projects/${one.projectId}/decisions/${decision.id}`,
      `/projects/${one.projectId}/circle`,
    ]) {
      await facilitator.goto(url);
      const text = await facilitator.locator('main').innerText();
      expect(text, url).not.toContain(one.member.displayName);
      expect(text, url).not.toContain(one.markers['meetingAccessNeeds']);
      if (url.includes('/decisions/')) expect(text).toContain('Former member');
      await checkPage(facilitator, `after removal: ${url.split('/').slice(3, 4).join('')}`);
      await expectReflowsAt320(facilitator, url);
    }
    // #12: the project's wide pages fit a 320 px screen too.
    for (const part of ['tasks', 'success', 'updates', 'agreement']) {
      await facilitator.goto(`/projects/${one.projectId}/${part}`);
      await expectReflowsAt320(facilitator, part);
    }
  });
});

async function expectReflowsAt320(page: Page, label: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectReflows(page, `${label} at 320 px`);
  await page.setViewportSize({ width: 1024, height: 768 });
}
