import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.js';
import { createJobRunner } from '../src/shared/jobs.js';
import { PRINCIPLE_KEYS, questionsFor } from '../src/modules/reviews/reviews.registry.js';
import { andWaitForPage, checkPage, expectFocused, expectReflows, heading, pressAndWait, screenshot, signIn, tabTo, useJourneys } from './support/browser.js';
import { linkIn } from './support/mailbox.js';
import { seedOrganisation, type Person } from './support/people.js';

const journeys = useJourneys();
let people: Record<'fac' | 'ann' | 'ben' | 'cat', Person>;

beforeAll(async () => {
  ({ people } = await seedOrganisation(
    journeys.app.db,
    { name: 'Harbour Wellbeing Hub', shortName: 'Harbour' },
    {
      fac: { name: 'Farah Khan', email: 'farah@harbour.example', permission: 'facilitator' },
      ann: { name: 'Ann Lowe', email: 'ann@harbour.example', permission: 'member' },
      ben: { name: 'Ben Mills', email: 'ben@harbour.example', permission: 'member' },
      cat: { name: 'Cat Nash', email: 'cat@harbour.example', permission: 'member' },
    },
  ));
});

/** Answer every page of the review with the mouse-free shortcuts a test can take (the first person uses the keyboard). */
async function answerAll(page: Page, reviewPath: string, value: (principle: string) => string, label: string): Promise<void> {
  await page.goto(`${reviewPath}/answer/assets`);
  for (const principle of PRINCIPLE_KEYS) {
    for (const q of questionsFor(principle)) await page.check(`input[name="q-${q.key.replace('.', '-')}"][value="${value(principle)}"]`);
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Save and continue' }).click());
  }
  expect(await heading(page), label).toBe('Check and send your answers');
  await andWaitForPage(page, () => page.getByRole('button', { name: 'Send answers' }).click());
}

describe('a readiness review from start to action', () => {
  let reviewPath = '';

  it('a facilitator starts a review with the keyboard, and three people answer it privately', async () => {
    const fac = await journeys.newPage();
    await signIn(fac, people.fac.email, people.fac.password);
    await tabTo(fac, fac.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reviews' }));
    await pressAndWait(fac, 'Enter');
    await checkPage(fac, 'reviews (empty)');
    await tabTo(fac, fac.getByRole('button', { name: 'Start a review' }));
    await pressAndWait(fac, 'Enter');
    expect(await heading(fac)).toBe('Start a readiness review');
    await checkPage(fac, 'new review');

    await tabTo(fac, fac.getByRole('button', { name: 'Start the review' }));
    await pressAndWait(fac, 'Enter');
    await expectFocused(fac, fac.locator('.govuk-error-summary'), 'a review with nothing chosen');
    expect(await fac.locator('.govuk-error-summary').innerText()).toContain('Choose what you want to review');
    await checkPage(fac, 'new review (errors)');

    // Radios: Tab reaches the group, the arrow keys choose within it.
    await tabTo(fac, fac.getByLabel('A project'));
    await fac.keyboard.press('ArrowDown');
    await fac.keyboard.press('ArrowDown');
    expect(await fac.getByLabel('The whole organisation').isChecked()).toBe(true);
    await tabTo(fac, fac.getByLabel('Each person answers privately'));
    await fac.keyboard.press('Space');
    await tabTo(fac, fac.getByRole('button', { name: 'Start the review' }));
    await pressAndWait(fac, 'Enter');
    expect(await heading(fac)).toBe('The whole organisation');
    reviewPath = new URL(fac.url()).pathname;
    await checkPage(fac, 'review overview');

    // Ann answers with the keyboard: "Mostly" (4) everywhere, after one page sent half done.
    const ann = await journeys.newPage();
    await signIn(ann, people.ann.email, people.ann.password);
    await ann.goto(reviewPath);
    await tabTo(ann, ann.getByRole('button', { name: 'Answer the questions' }));
    await pressAndWait(ann, 'Enter');
    expect(await heading(ann)).toBe('Assets');
    await checkPage(ann, 'answer page');
    await tabTo(ann, ann.locator('#q-assets-1'));
    await ann.keyboard.press('Space');
    await tabTo(ann, ann.getByRole('button', { name: 'Save and continue' }));
    await pressAndWait(ann, 'Enter');
    const summary = ann.locator('.govuk-error-summary');
    await expectFocused(ann, summary, 'a page with unanswered questions');
    expect(await summary.locator('a').first().getAttribute('href')).toBe('#q-assets-2');
    expect(await ann.locator('#q-assets-1').isChecked(), 'the answer given is kept').toBe(true);
    await checkPage(ann, 'answer page (errors)');
    await answerAll(ann, reviewPath, () => '4', 'Ann');
    expect(await heading(ann)).toBe('Results');
    expect(await ann.locator('.govuk-inset-text').innerText()).toContain('at least three people');
    await checkPage(ann, 'results held back');

    const ben = await journeys.newPage();
    await signIn(ben, people.ben.email, people.ben.password);
    await answerAll(ben, reviewPath, (p) => (p === 'networks' ? '1' : '2'), 'Ben');
    const cat = await journeys.newPage();
    await signIn(cat, people.cat.email, people.cat.password);
    await answerAll(cat, reviewPath, (p) => (p === 'networks' ? '0' : '3'), 'Cat');
  });

  it('a facilitator publishes the first round of results, and a member then sees them', async () => {
    const fac = await journeys.newPage();
    await signIn(fac, people.fac.email, people.fac.password);
    await fac.goto(`${reviewPath}/results`);
    expect(await fac.locator('#results-table').count(), 'nothing shows before a round is published').toBe(0);
    expect(await fac.locator('#publish-status').innerText()).toContain('Enough new answers have come in');
    await checkPage(fac, 'results ready to publish');
    await screenshot(fac, 'reviews-ready-to-publish');
    await tabTo(fac, fac.getByRole('button', { name: 'Publish results' }));
    await pressAndWait(fac, 'Enter');
    expect(await fac.locator('.govuk-notification-banner').innerText()).toContain('The results are published.');
    expect(await fac.locator('#round-published').innerText()).toMatch(/^Results from 3 answers, published \d{1,2} [A-Z][a-z]+ \d{4}\.$/);
    expect(await fac.getByRole('button', { name: 'Publish results' }).count()).toBe(0);
    expect(await fac.locator('#publish-status').innerText()).toBe('3 more answers are needed before results can be updated.');
    await checkPage(fac, 'results published (facilitator)');
    await screenshot(fac, 'reviews-round-published');

    const ann = await journeys.newPage();
    await signIn(ann, people.ann.email, people.ann.password);
    await ann.goto(`${reviewPath}/results`);
    expect(await ann.locator('#round-published').innerText()).toContain('Results from 3 answers');
    expect(await ann.locator('#weakest h2').innerText()).toBe('Weakest: Networks');
    expect(await ann.locator('#publish-status').count(), 'members see no publishing controls').toBe(0);
    await checkPage(ann, 'results published (member)');
  });

  it('the diagram and its table show the combined scores, and the weakest principle becomes a SMART action with a reminder by email', async () => {
    const fac = await journeys.newPage();
    await signIn(fac, people.fac.email, people.fac.password);
    await fac.goto(`${reviewPath}/results`);
    expect(await fac.locator('#weakest h2').innerText()).toBe('Weakest: Networks');
    const rows = await fac.locator('#results-table tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['Assets 3', 'Capabilities 3', 'Mutuality 3', 'Networks 2.5', 'Blur roles 3', 'Catalysts 3']);
    expect(await fac.locator('.app-radar svg path').count()).toBeGreaterThan(5);
    await checkPage(fac, 'results');
    await screenshot(fac, 'reviews-results');
    await fac.setViewportSize({ width: 320, height: 800 });
    await expectReflows(fac, 'results at 320 px');
    await fac.setViewportSize({ width: 1024, height: 768 });

    await tabTo(fac, fac.getByRole('button', { name: 'Add an action for Networks' }), { max: 80 });
    await pressAndWait(fac, 'Enter');
    expect(await fac.locator('input[name="principle"][value="networks"]').isChecked()).toBe(true);
    await checkPage(fac, 'new action');
    await tabTo(fac, fac.getByLabel('What will we do?'));
    await fac.keyboard.type('Invite two local groups to our next open day');
    await fac.getByLabel('Who will do it?').selectOption({ label: 'Ann Lowe' });
    await fac.getByLabel('How will we know it has worked?').fill('Both groups came, and people signed up to one');
    await fac.getByLabel('Month').fill('13');
    await fac.getByLabel('Year').fill('2030');
    await fac.getByLabel('Day').fill('2');
    await tabTo(fac, fac.getByRole('button', { name: 'Add the action' }));
    await pressAndWait(fac, 'Enter');
    const summary = fac.locator('.govuk-error-summary');
    await expectFocused(fac, summary, 'a month that does not exist');
    expect(await summary.locator('a').first().getAttribute('href')).toBe('#dueOn-month');
    expect(await fac.getByLabel('What will we do?').inputValue()).toBe('Invite two local groups to our next open day');
    await checkPage(fac, 'new action (errors)');

    const due = new Date(Date.now() + 10 * 24 * 60 * 60_000);
    await fac.getByLabel('Day').fill(String(due.getUTCDate()));
    await fac.getByLabel('Month').fill(String(due.getUTCMonth() + 1));
    await fac.getByLabel('Year').fill(String(due.getUTCFullYear()));
    await tabTo(fac, fac.getByRole('button', { name: 'Add the action' }));
    await pressAndWait(fac, 'Enter');
    expect(await fac.locator('.app-actions-table').innerText()).toContain('Invite two local groups');
    await checkPage(fac, 'results with an action');

    // Eight days on, the scheduled job sends the reminder (two instances polling: one email).
    const later = fixedClock(new Date(due.getTime() - 2 * 24 * 60 * 60_000));
    const handlers = journeys.app.app.services.jobHandlers;
    const runners = [createJobRunner({ db: journeys.app.db, clock: later, handlers }), createJobRunner({ db: journeys.app.db, clock: later, handlers })];
    const ran = await Promise.all(runners.map((r) => r.runDue()));
    expect(ran.reduce((a, b) => a + b, 0)).toBe(1);
    const email = await journeys.app.mailbox.next(people.ann.email);
    expect(email.subject).toContain('an action is due soon');
    expect(email.text).toContain('Invite two local groups to our next open day');
    const ann = await journeys.newPage();
    await signIn(ann, people.ann.email, people.ann.password);
    await ann.goto(linkIn(email, journeys.app.baseUrl));
    expect(await heading(ann)).toBe('Action');
    await checkPage(ann, 'action (owner)');
  });

  it('a fourth answer leaves the results as published until three new answers allow another round', async () => {
    const fac = await journeys.newPage();
    await signIn(fac, people.fac.email, people.fac.password);
    await answerAll(fac, reviewPath, () => '5', 'Farah');
    expect(await heading(fac)).toBe('Results');
    const rows = await fac.locator('#results-table tbody tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['Assets 3', 'Capabilities 3', 'Mutuality 3', 'Networks 2.5', 'Blur roles 3', 'Catalysts 3']);
    expect(await fac.locator('#round-published').innerText()).toContain('Results from 3 answers');
    expect(await fac.locator('#publish-status').innerText()).toBe('2 more answers are needed before results can be updated.');
    expect(await fac.getByRole('button', { name: 'Publish results' }).count()).toBe(0);
    await checkPage(fac, 'results (more answers needed)');
  });

  it('a facilitator records a group’s agreed answers and notes, and the diagram shows them', async () => {
    const fac = await journeys.newPage();
    await signIn(fac, people.fac.email, people.fac.password);
    await fac.goto('/reviews/new');
    await fac.getByLabel('A service').check();
    await fac.getByLabel('Name of the service').fill('Drop-in café');
    await fac.getByLabel('A group agrees its answers together').check();
    await andWaitForPage(fac, () => fac.getByRole('button', { name: 'Start the review' }).click());
    await andWaitForPage(fac, () => fac.getByRole('button', { name: 'Record the group’s answers' }).click());
    await checkPage(fac, 'group answer page');
    for (const principle of PRINCIPLE_KEYS) {
      for (const q of questionsFor(principle)) await fac.check(`input[name="q-${q.key.replace('.', '-')}"][value="${principle === 'blur_roles' ? '1' : '5'}"]`);
      await fac.getByLabel('The group’s discussion notes').fill(`Notes on ${principle}`);
      await andWaitForPage(fac, () => fac.getByRole('button', { name: 'Save and continue' }).click());
    }
    expect(await heading(fac)).toBe('Check and send the group’s answers');
    await checkPage(fac, 'group check page');
    await andWaitForPage(fac, () => fac.getByRole('button', { name: 'Send answers' }).click());
    expect(await fac.locator('#weakest h2').innerText()).toBe('Weakest: Blur roles');
    expect(await fac.locator('.govuk-summary-list').innerText()).toContain('Notes on networks');
    await checkPage(fac, 'group results');
  });
});

describe('the Ladder of Participation, my toolkit and learning', () => {
  it('a person writes a reflection, sees it on the ladder, checks what they learnt and prints their toolkit', async () => {
    const ann = await journeys.newPage();
    await signIn(ann, people.ann.email, people.ann.password);
    await ann.goto('/ladder');
    await checkPage(ann, 'ladder (empty)');
    await andWaitForPage(ann, () => ann.getByRole('button', { name: 'Write a reflection' }).click());
    await checkPage(ann, 'ladder exercise sheet');
    await ann.locator('#doing_with-what').fill('Planned the open day with two peer supporters');
    await andWaitForPage(ann, () => ann.getByRole('button', { name: 'Save reflection' }).click());
    await expectFocused(ann, ann.locator('.govuk-error-summary'), 'a sheet without a name or rung');
    expect(await ann.locator('#doing_with-what').inputValue()).toBe('Planned the open day with two peer supporters');
    await checkPage(ann, 'ladder exercise sheet (errors)');
    await ann.getByLabel('Give this reflection a short name').fill('Open day');
    await ann.locator('#doing_with-rung').selectOption('partnership');
    await ann.getByLabel('In my own practise do I tend to do to, for or with?').fill('For, mostly');
    await andWaitForPage(ann, () => ann.getByRole('button', { name: 'Save reflection' }).click());
    expect(await heading(ann)).toBe('Open day');
    const rung = ann.locator('.app-ladder__rung', { hasText: 'Partnership' });
    expect(await rung.innerText()).toContain('Planned the open day');
    await checkPage(ann, 'reflection');

    await ann.goto('/learning/assets');
    await ann.locator('#check-assets-1').check();
    await ann.locator('input[name="check-assets-2"][value="a"]').check();
    await andWaitForPage(ann, () => ann.getByRole('button', { name: 'Check my answers' }).click());
    expect(await ann.locator('.app-feedback--right').count()).toBe(1);
    expect(await ann.locator('.app-feedback--wrong').count()).toBe(1);
    await checkPage(ann, 'learning topic with feedback');

    await ann.goto('/toolkit');
    expect(await heading(ann)).toBe('My toolkit');
    const text = await ann.locator('main').innerText();
    expect(text).toContain('Open day');
    expect(text).toContain('Invite two local groups to our next open day');
    expect(text).toContain('answered correctly: 1 of 14');
    await checkPage(ann, 'my toolkit');
    await ann.emulateMedia({ media: 'print' });
    expect(await ann.getByRole('button', { name: 'Write a reflection' }).count()).toBe(0);
    expect(await ann.locator('.app-no-print').first().isVisible()).toBe(false);
    await screenshot(ann, 'my-toolkit-print');
  });

  it('saves a draft as a person goes, so closing the tab part way through a page loses nothing', async () => {
    const ben = await journeys.newPage();
    await signIn(ben, people.ben.email, people.ben.password);
    await ben.goto('/reviews');
    await andWaitForPage(ben, () => ben.getByRole('button', { name: 'Review my own practice' }).click());
    expect(await heading(ben)).toBe('Assets');
    const answerPath = new URL(ben.url()).pathname;
    await ben.locator('input[name="q-assets-2"][value="1"]').check();
    await ben.locator('#c-assets-2').fill('I have not asked people what they want to grow yet');
    const status = ben.locator('[data-autosave-status]');
    await status.filter({ hasText: /^Draft saved at / }).waitFor();
    await checkPage(ben, 'answer page (draft saved)');
    await ben.close(); // the tab closed without pressing a button

    const again = await journeys.newPage();
    await signIn(again, people.ben.email, people.ben.password);
    await again.goto(answerPath);
    expect(await again.locator('input[name="q-assets-2"][value="1"]').isChecked()).toBe(true);
    expect(await again.locator('#c-assets-2').inputValue()).toBe('I have not asked people what they want to grow yet');
    expect(await again.locator('input[name="q-assets-1"]:checked').count(), 'an unanswered question stays unanswered').toBe(0);
  });
});
