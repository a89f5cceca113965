import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { andWaitForPage, checkPage, expectFocused, heading, pressAndWait, screenshot, signIn, tabTo, useJourneys } from './support/browser.js';
import { linkIn } from './support/mailbox.js';
import { seedOrganisation, TEST_PASSWORD, type Person } from './support/people.js';
import { makeMember, makeOrganisation } from '../test/helpers/factories.js';
import { generatePeople } from '../test/helpers/people-generator.js';
import { makePersonWithoutAccount, PROJECT_INPUT } from '../test/helpers/projects.js';

const journeys = useJourneys();
let people: Record<'maya' | 'ade' | 'bea', Person>;

beforeAll(async () => {
  ({ people } = await seedOrganisation(
    journeys.app.db,
    { name: 'Meadow Lane Community Mental Health Team', shortName: 'Meadow Lane' },
    {
      maya: { name: 'Maya Lindqvist', email: 'maya@meadowlane.example', permission: 'facilitator' },
      ade: { name: 'Ade Okoro', email: 'ade@meadowlane.example', permission: 'member' },
      bea: { name: 'Bea Quinn', email: 'bea@meadowlane.example', permission: 'member' },
    },
  ));
});

/** Follow a link by keyboard: Tab to it, press Enter. */
async function follow(page: Page, name: string, within = 'main'): Promise<void> {
  await tabTo(page, page.locator(within).getByRole('link', { name, exact: true }), { max: 80 });
  await pressAndWait(page, 'Enter');
}

/** Press a button by keyboard. */
async function press(page: Page, name: string): Promise<void> {
  await tabTo(page, page.getByRole('button', { name, exact: true }), { max: 120 });
  await pressAndWait(page, 'Enter');
}

/** Type into a field reached by Tab. */
async function typeInto(page: Page, label: string, text: string): Promise<void> {
  await tabTo(page, page.getByLabel(label, { exact: true }), { max: 120 });
  await page.keyboard.type(text);
}

/**
 * Choose a radio by keyboard: Tab into the group (which lands on the first radio, or the checked one), then the
 * arrow keys, which also check it.
 */
async function chooseRadio(page: Page, group: readonly string[], choice: string): Promise<void> {
  const radios = group.map((name) => page.getByRole('radio', { name, exact: true }));
  const checked = await Promise.all(radios.map((radio) => radio.isChecked()));
  const from = Math.max(0, checked.indexOf(true));
  const first = radios[from];
  if (first === undefined) throw new Error('no radios');
  await tabTo(page, first, { max: 120 });
  const to = group.indexOf(choice);
  if (to === -1) throw new Error(`${choice} is not one of ${group.join(', ')}`);
  for (let i = from; i < to; i += 1) await page.keyboard.press('ArrowDown');
  for (let i = from; i > to; i -= 1) await page.keyboard.press('ArrowUp');
  if (from === to) await page.keyboard.press('Space');
  expect(await page.getByRole('radio', { name: choice, exact: true }).isChecked(), `${choice} is chosen`).toBe(true);
}

const CIRCLES = ['Co-producers', 'Participants', 'Involved', 'Consulted'];
const LEVELS = ['Inform', 'Consult', 'Involve'];
const DOMAINS = ['Me', 'We', 'Community'];

describe('a co-production project, start to finish', () => {
  it('a facilitator starts a project, names six people in the circle and moves one, all without JavaScript; an update reaches the circle by email; a member volunteers', async () => {
    // The facilitator, keyboard only, with JavaScript turned off.
    const maya = await journeys.newPage({ javaScript: false });
    await signIn(maya, people.maya.email, people.maya.password);
    await follow(maya, 'Projects', 'nav[aria-label="Menu"]');
    expect(await heading(maya)).toBe('Projects');
    await checkPage(maya, 'projects (none yet)');
    await press(maya, 'Start a project'); // a link that looks like a button has the button role
    expect(await heading(maya)).toBe('Start a project');
    await checkPage(maya, 'start a project');

    await typeInto(maya, 'Project name', 'Peer-led welcome group');
    await typeInto(maya, 'What is the project for?', 'A friendly, peer-led welcome so nobody has to walk in alone.');
    await typeInto(maya, 'Who is it for?', 'People coming to Meadow Lane for the first time.');
    // A start date missing its month: the error points at the month.
    await tabTo(maya, maya.locator('#startsOn-day'));
    await maya.keyboard.type('3');
    await maya.keyboard.press('Tab');
    await maya.keyboard.press('Tab');
    await expectFocused(maya, maya.locator('#startsOn-year'), 'Tab past the month');
    await maya.keyboard.type('2027');
    await chooseRadio(maya, ['Open', 'Invite only'], 'Open');
    await press(maya, 'Start the project');
    expect(await maya.locator('.govuk-error-summary').innerText()).toContain('The start date must include a month');
    expect(await maya.getByLabel('Project name', { exact: true }).inputValue()).toBe('Peer-led welcome group');
    await checkPage(maya, 'start a project (error)');
    await tabTo(maya, maya.locator('.govuk-error-summary a', { hasText: 'The start date must include a month' }));
    await maya.keyboard.press('Enter');
    await expectFocused(maya, maya.locator('#startsOn-month'), 'the error link goes to the month');
    await maya.keyboard.type('2');
    await press(maya, 'Start the project');
    expect(await heading(maya)).toBe('Circle of Support');
    expect(await maya.locator('.govuk-notification-banner').innerText()).toContain('“Peer-led welcome group” has been started.');
    await checkPage(maya, 'circle (just the facilitator)');
    await screenshot(maya, 'projects-circle-empty');

    // A job title is refused, and what was typed is kept.
    await typeInto(maya, 'Or add someone new by name', 'Staff');
    await chooseRadio(maya, CIRCLES, 'Involved');
    await press(maya, 'Add to the circle');
    expect(await maya.locator('.govuk-error-summary').innerText()).toContain("Enter a person's name, not a job title or a group of people");
    expect(await maya.getByLabel('Or add someone new by name', { exact: true }).inputValue()).toBe('Staff');
    await checkPage(maya, 'circle (a job title refused)');
    await maya.getByLabel('Or add someone new by name', { exact: true }).focus();
    await maya.keyboard.press('Control+A');
    await maya.keyboard.press('Backspace');

    // Six named people: two already in the organisation, four added by name.
    const placements: [name: string, existing: boolean, circle: string][] = [
      ['Ade Okoro', true, 'Participants'],
      ['Bea Quinn', true, 'Co-producers'],
      ['Rosa Delgado', false, 'Participants'],
      ['Dr Amina Patel', false, 'Involved'],
      ['Tariq Hussein', false, 'Consulted'],
      ['Ngozi Eze', false, 'Consulted'],
    ];
    for (const [name, existing, circle] of placements) {
      if (existing) {
        const select = maya.getByLabel('Someone already in the organisation', { exact: true });
        await tabTo(maya, select, { max: 120 });
        await maya.keyboard.type(name.slice(0, 3)); // a closed select chooses by the letters typed
        expect(await select.locator('option:checked').innerText()).toBe(name);
      } else {
        await typeInto(maya, 'Or add someone new by name', name);
      }
      await chooseRadio(maya, CIRCLES, circle);
      await press(maya, 'Add to the circle');
      expect(await maya.locator('.govuk-notification-banner').innerText()).toContain(`${name} is now in the circle: ${circle}.`);
    }
    const drawing = maya.locator('svg.app-circle-drawing');
    expect(await drawing.getAttribute('role')).toBe('img');
    expect(await drawing.getAttribute('aria-label')).toContain('Circle of Support: 2 co-producers, 2 participants, 1 involved, 2 consulted.');
    expect(await drawing.locator('g > circle').count()).toBe(7);
    expect(await maya.locator('#circle-list').innerText()).toContain('7 people in the circle');
    await checkPage(maya, 'circle (seven people)');
    await screenshot(maya, 'projects-circle-seven');

    // Move Ade: participants often become co-producers.
    await follow(maya, 'Ade Okoro');
    expect(await heading(maya)).toBe('Ade Okoro');
    await checkPage(maya, 'a person in the circle');
    await chooseRadio(maya, CIRCLES, 'Co-producers');
    await chooseRadio(maya, LEVELS, 'Involve');
    await chooseRadio(maya, DOMAINS, 'We');
    await typeInto(maya, 'Why the change? (optional)', 'Ade now plans the Saturday sessions.');
    await press(maya, 'Save the move');
    expect(await maya.locator('.govuk-notification-banner').innerText()).toContain('The move has been saved and kept in the history.');
    const history = await maya.locator('#history ~ ol').innerText();
    expect(history).toContain('joined as Participants · Consult · Me (added by Maya Lindqvist)');
    expect(history).toContain('moved from Participants · Consult · Me to Co-producers · Involve · We (by Maya Lindqvist)');
    await checkPage(maya, 'a person in the circle (moved)');
    await follow(maya, 'Back to the circle', 'body');
    expect(await drawing.getAttribute('aria-label')).toContain('3 co-producers, 1 participants');

    // "You said, we did": tell the circle.
    await follow(maya, 'You said, we did', 'nav.app-subnav');
    await checkPage(maya, 'updates (none yet)');
    await typeInto(maya, 'What did people say? (optional)', 'Saturday mornings would be easier for people who work.');
    await press(maya, 'Post the update');
    expect(await maya.locator('.govuk-error-summary').innerText()).toContain('Enter what we did');
    await checkPage(maya, 'updates (error)');
    await typeInto(maya, 'What did we do?', 'From next month the welcome group meets on Saturdays at 10.');
    await press(maya, 'Post the update');
    expect(await maya.locator('.govuk-notification-banner').innerText()).toContain('6 people in the circle have been told.');
    await checkPage(maya, 'updates (posted)');

    for (const person of [people.ade, people.bea]) {
      const email = await journeys.app.mailbox.next(person.email);
      expect(email.subject).toBe('You said, we did: an update from Peer-led welcome group');
      expect(email.text).toContain(`Hello ${person.name},`);
      expect(email.text).toContain('You said:\nSaturday mornings would be easier for people who work.');
      expect(email.text).toContain('We did:\nFrom next month the welcome group meets on Saturdays at 10.');
      expect(linkIn(email, journeys.app.baseUrl)).toMatch(/\/projects\/[0-9a-f-]{36}\/updates$/);
    }
    // Nobody without an email address is sent one, and nothing goes to the author.
    expect(journeys.app.mailbox.received.map((e) => e.to).flat().sort()).toEqual([people.ade.email, people.bea.email]);

    // A task that needs a strength.
    await follow(maya, 'Tasks', 'nav.app-subnav');
    await typeInto(maya, 'What needs doing?', 'Bake for the first Saturday');
    await typeInto(maya, 'Strengths it needs (optional)', 'Baking, welcoming people');
    await press(maya, 'Add the task');
    expect(await heading(maya)).toBe('Bake for the first Saturday');
    await checkPage(maya, 'a task');
    await screenshot(maya, 'projects-task');

    // Ade, on their own device, with the keyboard: told in the app, reads the update, volunteers.
    const ade = await journeys.newPage();
    await signIn(ade, people.ade.email, people.ade.password);
    await follow(ade, 'Notifications (1 new)', 'nav[aria-label="Menu"]');
    expect(await ade.locator('main').innerText()).toContain('You have 1 new notification.');
    await checkPage(ade, 'notifications (one new)');
    await press(ade, 'Read the update in Peer-led welcome group');
    expect(await heading(ade)).toBe('You said, we did');
    expect(await ade.locator('main').innerText()).toContain('From next month the welcome group meets on Saturdays at 10.');
    await checkPage(ade, 'updates (as a co-producer)');
    await follow(ade, 'Tasks', 'nav.app-subnav');
    await follow(ade, 'Bake for the first Saturday');
    await press(ade, 'Volunteer for this task');
    expect(await ade.locator('.govuk-notification-banner').innerText()).toContain('Thank you. You have volunteered for “Bake for the first Saturday”.');
    expect(await ade.locator('main').innerText()).toContain('You have volunteered for this task.');
    await checkPage(ade, 'a task (volunteered)');

    // Back with Maya: Ade is a volunteer, and can be made the owner.
    await andWaitForPage(maya, () => maya.reload());
    expect(await maya.locator('main').innerText()).toContain('Ade Okoro');
  }, 240_000); // a long journey, every step by keyboard
});

describe('a circle in a large organisation', () => {
  it('a facilitator finds someone among 150 people by part of their name, without JavaScript, and adds them', async () => {
    const db = journeys.app.db;
    const organisationId = await makeOrganisation(db, { name: 'Big City Mind', shortName: 'Big City' });
    const facilitator = await makeMember(db, organisationId, { permission: 'facilitator', name: 'Sam Okafor', email: 'sam@bigcity.example' });
    await generatePeople(db, organisationId, 150, { strengths: 0, answers: false });
    await makePersonWithoutAccount(db, organisationId, 'Zoë Quartermain');
    const started = await journeys.app.app.services.projects.create(facilitator, { ...PROJECT_INPUT, title: 'Open door café' });
    if (!started.ok) throw new Error('the project was not started');

    const sam = await journeys.newPage({ javaScript: false });
    await signIn(sam, facilitator.email, TEST_PASSWORD);
    await sam.goto(`/projects/${started.value.projectId}/circle`);
    const main = sam.locator('main');
    expect(await main.innerText()).toContain('151 people in the organisation are not in this circle. Type part of their name.');
    expect(await sam.locator('select#personId').count()).toBe(0);
    await checkPage(sam, 'circle of a large organisation (find someone)');

    // "Choose a person" with nobody listed: the error leads to the search box.
    await chooseRadio(sam, CIRCLES, 'Participants');
    await press(sam, 'Add to the circle');
    expect(await sam.locator('.govuk-error-summary').innerText()).toContain('Choose a person, or add someone new by name');
    await checkPage(sam, 'circle of a large organisation (nobody chosen)');
    await tabTo(sam, sam.locator('.govuk-error-summary a', { hasText: 'Choose a person, or add someone new by name' }));
    await sam.keyboard.press('Enter');
    await expectFocused(sam, sam.getByLabel('Find someone already in the organisation', { exact: true }), 'the error link goes to the search box');

    // A name that is not there, then part of the right one, typed without its accent.
    await sam.keyboard.type('Quatermain');
    await pressAndWait(sam, 'Enter');
    expect(await main.innerText()).toContain('No one outside the circle matches “Quatermain”.');
    await checkPage(sam, 'circle of a large organisation (nobody found)');
    const search = sam.getByLabel('Find someone already in the organisation', { exact: true });
    await search.focus();
    await sam.keyboard.press('Control+A');
    await sam.keyboard.type('zoe quar');
    await pressAndWait(sam, 'Enter');
    expect(await main.innerText()).toContain('1 person matches “zoe quar”.');
    await checkPage(sam, 'circle of a large organisation (found)');
    await screenshot(sam, 'projects-circle-find');

    const select = sam.getByLabel('Someone already in the organisation', { exact: true });
    await tabTo(sam, select, { max: 20 });
    await sam.keyboard.type('Zo');
    expect(await select.locator('option:checked').innerText()).toBe('Zoë Quartermain');
    await chooseRadio(sam, CIRCLES, 'Co-producers');
    await press(sam, 'Add to the circle');
    expect(await sam.locator('.govuk-notification-banner').innerText()).toContain('Zoë Quartermain is now in the circle: Co-producers.');
    expect(await sam.locator('#circle-list').innerText()).toContain('Zoë Quartermain');
    expect(await main.innerText()).toContain('150 people in the organisation are not in this circle.');
  }, 120_000);
});
