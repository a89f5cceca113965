import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { andWaitForPage, checkPage, expectReflows, heading, screenshot, signIn, useJourneys } from './support/browser.js';

const journeys = useJourneys({ demo: true });
const PASSWORD = 'together-we-can';

async function open(page: Page, name: string): Promise<void> {
  await andWaitForPage(page, () => page.locator('main').getByRole('link', { name, exact: true }).first().click());
}

async function openSection(page: Page, name: string): Promise<void> {
  await andWaitForPage(page, () => page.locator('nav.app-subnav').getByRole('link', { name, exact: true }).click());
}

describe('the demo projects', () => {
  it('a newcomer runs a project through a whole cycle and sees the circle, the agreement, the updates and the success results', async () => {
    const priya = await journeys.newPage();
    await signIn(priya, 'priya@riverside.example', PASSWORD);
    await andWaitForPage(priya, () => priya.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Projects' }).click());
    const list = await priya.locator('main').innerText();
    for (const title of ['Peer-led welcome group', 'Redesigning the crisis café', 'Recovery college course on sleep']) expect(list).toContain(title);
    await checkPage(priya, 'projects');

    // The welcome group: at "act", with a review under way.
    await open(priya, 'Peer-led welcome group');
    expect(await priya.locator('.app-cycle__stage--current').innerText()).toContain('Act');
    expect(await priya.locator('main').innerText()).toContain('This is co-production');
    await checkPage(priya, 'project overview');
    await openSection(priya, 'Circle of Support');
    expect(await priya.locator('svg.app-circle-drawing').getAttribute('aria-label')).toContain('3 co-producers, 3 participants, 1 involved, 2 consulted');
    await checkPage(priya, 'circle');
    await open(priya, 'Jordan Ellis');
    expect(await priya.locator('#history ~ ol').innerText()).toContain('moved from Participants · Consult · Me to Co-producers · Involve · We');
    await checkPage(priya, 'a person in the circle, with history');
    await andWaitForPage(priya, () => priya.getByRole('link', { name: 'Jordan Ellis\'s journey across projects' }).click());
    expect(await heading(priya)).toBe("Jordan Ellis's journey across projects");
    await checkPage(priya, 'a journey across projects');
    await andWaitForPage(priya, () => priya.goBack());
    await andWaitForPage(priya, () => priya.goBack());

    await openSection(priya, 'Agreement');
    expect(await priya.locator('#responses ~ ul').innerText()).toContain('Jordan Ellis: agrees');
    await checkPage(priya, 'agreement');
    // Not agreeing needs a reason.
    await priya.getByRole('radio', { name: 'No, I do not agree' }).check();
    await andWaitForPage(priya, () => priya.getByRole('button', { name: 'Save my response' }).click());
    expect(await priya.locator('.govuk-error-summary').innerText()).toContain('Say what would need to change for you to agree');
    await checkPage(priya, 'agreement (error)');

    await openSection(priya, 'You said, we did');
    expect(await priya.locator('main').innerText()).toContain('We now open on Saturdays as well as Tuesdays.');
    await checkPage(priya, 'updates');

    await openSection(priya, 'Tasks');
    await checkPage(priya, 'tasks');
    await open(priya, 'Bake for the Saturday welcome');
    expect(await priya.locator('#suggestions ~ ul').innerText()).toContain('Margaret Doyle: Baking');
    await checkPage(priya, 'a task with suggestions');
    await screenshot(priya, 'projects-demo-task');
    await andWaitForPage(priya, () => priya.getByRole('link', { name: 'Back to tasks' }).click());

    await openSection(priya, 'Success');
    const results = await priya.locator('table').innerText();
    expect(results).toContain('Nobody waits alone at the door');
    expect(results).toContain('4.5');
    await checkPage(priya, 'success');
    await andWaitForPage(priya, () => priya.getByRole('button', { name: 'Save my answers' }).click());
    await checkPage(priya, 'success (answers saved)');

    // The crisis café goes round the whole cycle: consult -> involve -> act -> inform, a new cycle.
    await andWaitForPage(priya, () => priya.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Projects' }).click());
    await open(priya, 'Redesigning the crisis café');
    expect(await priya.locator('main').innerText()).toContain('This counts as co-design for now');
    await andWaitForPage(priya, () => priya.getByRole('button', { name: 'Move the project' }).click());
    expect(await priya.locator('.govuk-error-summary').innerText()).toContain('Choose the stage to move the project to');
    await checkPage(priya, 'project overview (error)');
    for (const [stage, note] of [['Involve', 'Heard from 40 people at the café.'], ['Act', 'Designed a quieter corner together.'], ['Inform', 'Opened the quiet corner on Thursdays.']] as const) {
      await priya.getByRole('radio', { name: new RegExp(`^${stage}`) }).check();
      await priya.getByLabel(/What was done at the/).fill(note);
      await andWaitForPage(priya, () => priya.getByRole('button', { name: 'Move the project' }).click());
      if (stage !== 'Inform') expect(await priya.locator('.govuk-notification-banner').innerText()).toContain(`The project has moved to “${stage}”.`);
    }
    // Back at "inform": the cycle asks to tell people what happened.
    expect(await heading(priya)).toBe('You said, we did');
    expect(await priya.locator('.govuk-notification-banner').innerText()).toContain('Cycle 2 has started at “Inform”.');
    await priya.getByLabel('What did people say? (optional)').fill('There is nowhere quiet to sit.');
    await priya.getByLabel('What did we do?').fill('The quiet corner is open on Thursday evenings.');
    await andWaitForPage(priya, () => priya.getByRole('button', { name: 'Post the update' }).click());
    expect(await priya.locator('.govuk-notification-banner').innerText()).toContain('people in the circle have been told');
    await checkPage(priya, 'updates after a whole cycle');
    const email = await journeys.app.mailbox.next('sam@riverside.example');
    expect(email.subject).toBe('You said, we did: an update from Redesigning the crisis café');

    // Narrow screens: the circle and the results reflow.
    await priya.setViewportSize({ width: 320, height: 640 });
    await andWaitForPage(priya, () => priya.goto('/projects'));
    await open(priya, 'Peer-led welcome group');
    await expectReflows(priya, 'project overview at 320 px');
    await openSection(priya, 'Circle of Support');
    await expectReflows(priya, 'circle at 320 px');
  }, 180_000);

  it('someone at "me" is not asked to take on tasks, and can ask to do more when they want to', async () => {
    const jordan = await journeys.newPage();
    await signIn(jordan, 'jordan@riverside.example', PASSWORD);
    await andWaitForPage(jordan, () => jordan.goto('/projects'));
    await open(jordan, 'Recovery college course on sleep');
    const place = await jordan.locator('.app-offer-note').innerText();
    expect(place).toContain('Nobody will ask you to take on tasks.');
    expect(await jordan.locator('main').innerText()).toContain('You are not asked to take on tasks at the moment.');
    await checkPage(jordan, 'project overview at "me"');
    await jordan.getByText('I would like to do more', { exact: true }).click();
    await andWaitForPage(jordan, () => jordan.getByRole('button', { name: 'Tell the co-producers I would like to do more' }).click());
    expect(await jordan.locator('.govuk-notification-banner').innerText()).toContain('We have told the co-producers that you would like to do more.');
    await checkPage(jordan, 'project overview (asked to do more)');
    await openSection(jordan, 'Tasks');
    expect(await jordan.locator('main').innerText()).toContain('See the tasks anyway (3)');
    await checkPage(jordan, 'tasks at "me"');

    // In Italian.
    await andWaitForPage(jordan, () => jordan.getByRole('button', { name: 'Italiano' }).click());
    expect(await heading(jordan)).toBe('Compiti');
    await checkPage(jordan, 'tasks in Italian');
    await andWaitForPage(jordan, () => jordan.goto('/notifications'));
    expect(await heading(jordan)).toBe('Notifiche');
    await checkPage(jordan, 'notifications in Italian');
  });
});
