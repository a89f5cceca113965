import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { andWaitForPage, checkPage, expectFocused, heading, pressAndWait, screenshot, signIn, tabTo, useJourneys } from './support/browser.js';
import { seedOrganisation, TEST_PASSWORD, type Person } from './support/people.js';
import { makeMember, makeOrganisation } from '../test/helpers/factories.js';
import { makeProject } from '../test/helpers/meetings.js';
import { generatePeople } from '../test/helpers/people-generator.js';
import { makePersonWithoutAccount } from '../test/helpers/projects.js';

const journeys = useJourneys();
let people: Record<'maya' | 'ade' | 'bea', Person>;
let projectId: string;

beforeAll(async () => {
  const seeded = await seedOrganisation(
    journeys.app.db,
    { name: 'Meadow Lane Community Mental Health Team', shortName: 'Meadow Lane' },
    {
      maya: { name: 'Maya Lindqvist', email: 'maya@meadowlane.example', permission: 'facilitator' },
      ade: { name: 'Ade Okoro', email: 'ade@meadowlane.example', permission: 'member' },
      bea: { name: 'Bea Quinn', email: 'bea@meadowlane.example', permission: 'member' },
    },
  );
  people = seeded.people;
  const rows = await journeys.app.db.selectFrom('people').select(['id', 'display_name']).where('organisation_id', '=', seeded.organisationId).orderBy('display_name').execute();
  projectId = await makeProject(journeys.app.db, seeded.organisationId, rows.map((r) => ({ personId: r.id })), 'Peer-led welcome group');
});

async function click(page: Page, name: string): Promise<void> {
  await andWaitForPage(page, () => page.getByRole('button', { name, exact: true }).click());
}

/** Choose a radio by keyboard: Tab into the group, then arrow keys (which also check it). */
async function chooseRadio(page: Page, group: readonly string[], choice: string): Promise<void> {
  await tabTo(page, page.getByRole('radio', { name: group[0] ?? '', exact: true }), { max: 80 });
  const to = group.indexOf(choice);
  if (to === 0) await page.keyboard.press('Space');
  for (let i = 0; i < to; i += 1) await page.keyboard.press('ArrowDown');
  expect(await page.getByRole('radio', { name: choice, exact: true }).isChecked()).toBe(true);
}

describe('a meeting where everyone has a voice', () => {
  it('an anonymous card is introduced by the keeper, the group reaches a consent decision, and the live view follows', async () => {
    // The facilitator plans the meeting and names the card keeper.
    const maya = await journeys.newPage();
    await signIn(maya, people.maya.email, people.maya.password);
    await maya.goto(`/projects/${projectId}/meetings`);
    expect(await heading(maya)).toBe('Meetings');
    await checkPage(maya, 'meetings (none yet)');
    await andWaitForPage(maya, () => maya.getByRole('button', { name: 'Plan a meeting' }).click());
    await click(maya, 'Plan meeting');
    expect(await maya.title()).toMatch(/^Error: /);
    await checkPage(maya, 'plan a meeting (errors)');
    await maya.getByLabel('What is the meeting called?').fill('Welcome group planning');
    await maya.getByLabel('Day').fill('12');
    await maya.getByLabel('Month').fill('5');
    await maya.getByLabel('Year').fill('2036');
    await maya.getByLabel('Start time').fill('14:00');
    await maya.getByLabel('End time').fill('15:30');
    await maya.getByLabel('Where is it?').fill('Meadow Lane, room 2');
    await maya.getByLabel('Step-free access').check();
    await click(maya, 'Plan meeting');
    expect(await heading(maya)).toBe('Welcome group planning');
    await checkPage(maya, 'meeting page');
    const meetingUrl = new URL(maya.url()).pathname;
    await maya.getByLabel('Card keeper', { exact: true }).selectOption({ label: people.ade.name });
    await click(maya, 'Save roles');

    // A member writes an anonymous card, keyboard only, with JavaScript off. A mistake keeps the text.
    const bea = await journeys.newPage({ javaScript: false });
    await signIn(bea, people.bea.email, people.bea.password);
    await bea.goto(`/projects/${projectId}/cards`);
    await checkPage(bea, 'cards (empty)');
    await tabTo(bea, bea.getByLabel('Your idea'), { max: 80 });
    await bea.keyboard.type('A buddy for everyone on their first visit');
    await tabTo(bea, bea.getByRole('button', { name: 'Send card' }), { max: 80 });
    await pressAndWait(bea, 'Enter');
    expect(await bea.title()).toMatch(/^Error: /);
    expect(await bea.getByLabel('Your idea').inputValue()).toBe('A buddy for everyone on their first visit');
    await checkPage(bea, 'cards (errors)');
    await chooseRadio(bea, ['Yes', 'No'], 'Yes');
    await chooseRadio(bea, ['Yes, show my name', 'No, only the card keeper sees it'], 'No, only the card keeper sees it');
    await tabTo(bea, bea.getByRole('button', { name: 'Send card' }), { max: 80 });
    await pressAndWait(bea, 'Enter');
    expect(await bea.locator('.govuk-notification-banner').innerText()).toContain('your card is with the card keeper');
    await checkPage(bea, 'cards (sent)');

    // The facilitator's shared screen: the live view, updating by itself.
    const screen = await journeys.newPage();
    await signIn(screen, people.maya.email, people.maya.password);
    await screen.goto(`${meetingUrl}/live`);
    await expect.poll(() => screen.locator('#live-status').innerText()).toBe('This screen updates by itself.');
    await checkPage(screen, 'live view');

    // The keeper introduces the new card at the meeting, and sees who wrote it.
    const ade = await journeys.newPage();
    await signIn(ade, people.ade.email, people.ade.password);
    await ade.goto(meetingUrl);
    await click(ade, 'Introduce 1 new card at this meeting');
    expect(await ade.locator('#cards ~ ul').first().innerText()).toContain('From Bea Quinn');
    await checkPage(ade, 'meeting after introducing');
    await expect.poll(() => screen.locator('#live-body').innerText(), { timeout: 8000 }).toContain('A buddy for everyone on their first visit');
    expect(await screen.locator('#live-body').innerText()).not.toContain('Bea Quinn');

    // The group decides by consent: one voice each.
    await bea.goto(`/projects/${projectId}/decisions`);
    await bea.getByLabel('What do you propose?').fill('Offer a buddy to everyone on their first visit');
    await bea.getByLabel('At which meeting?').selectOption({ index: 1 });
    await click(bea, 'Raise proposal');
    await checkPage(bea, 'proposal (open)');
    const proposalUrl = new URL(bea.url()).pathname;
    await bea.getByRole('radio', { name: 'Object' }).check();
    await click(bea, 'Send answer');
    expect(await bea.title()).toMatch(/^Error: /);
    await checkPage(bea, 'proposal (objection without a reason)');
    await bea.getByRole('radio', { name: 'Agree' }).check();
    await click(bea, 'Send answer');
    for (const page of [ade, maya]) {
      await page.goto(proposalUrl);
      await page.getByRole('radio', { name: page === ade ? 'Agree' : 'Can live with it' }).check();
      await click(page, 'Send answer');
    }
    await click(maya, 'Record the decision');
    expect(await maya.locator('.app-outcome').innerText()).toContain('Nobody objected, so the proposal is agreed.');
    expect(await maya.locator('.app-outcome').innerText()).toContain('3 people took part');
    await checkPage(maya, 'proposal (decided)');

    // A postcard to close, JavaScript off: a mistake keeps the text.
    await bea.goto(meetingUrl);
    const long = 'Thank you all. '.repeat(45);
    await bea.getByLabel('Your postcard').fill(long);
    await click(bea, 'Send postcard');
    expect(await bea.getByLabel('Your postcard').inputValue()).toBe(long);
    await checkPage(bea, 'postcard (too long)');
    await bea.getByLabel('Your postcard').fill('I felt heard today.');
    await click(bea, 'Send postcard');
    await checkPage(bea, 'meeting with a postcard');
    await expect.poll(() => screen.locator('#live-body').innerText(), { timeout: 8000 }).toContain('I felt heard today.');
  }, 180_000);
});

describe('a meeting of a large circle', () => {
  it('a facilitator finds people among 62 by part of their name, without JavaScript, for a role and an action', async () => {
    const db = journeys.app.db;
    const organisationId = await makeOrganisation(db, { name: 'Big City Mind', shortName: 'Big City' });
    const facilitator = await makeMember(db, organisationId, { permission: 'facilitator', name: 'Sam Okafor', email: 'sam@bigcity.example' });
    const generated = await generatePeople(db, organisationId, 60, { strengths: 0, answers: false });
    const zoe = await makePersonWithoutAccount(db, organisationId, 'Zoë Quartermain');
    const projectId = await makeProject(db, organisationId, [facilitator.personId, zoe, ...generated].map((personId) => ({ personId })), 'Open door café');
    const planned = await journeys.app.app.services.meetings.create(facilitator, projectId, {
      title: 'Café planning', date: { year: 2036, month: 5, day: 12 }, start: { hour: 14, minute: 0 }, end: { hour: 15, minute: 30 }, place: 'The café', onlineUrl: null, features: [], ways: ['in_person'],
    });
    if (!planned.ok) throw new Error('the meeting was not planned');

    const sam = await journeys.newPage({ javaScript: false });
    await signIn(sam, facilitator.email, TEST_PASSWORD);
    await sam.goto(`/projects/${projectId}/meetings/${planned.value.meetingId}`);
    const main = sam.locator('main');
    expect(await main.innerText()).toContain("62 people are in this project's circle. Type part of a name");
    expect(await sam.locator('select#noteTakerId option').count()).toBe(1);
    await checkPage(sam, 'meeting of a large circle (find someone)');

    // Too long to be a name: the error leads back to the box, which keeps what was typed.
    const search = sam.getByLabel('Find someone in the circle', { exact: true });
    await tabTo(sam, search, { max: 60 });
    const long = 'Quartermain '.repeat(9);
    await sam.keyboard.type(long);
    await pressAndWait(sam, 'Enter');
    expect(await sam.title()).toMatch(/^Error: /);
    await checkPage(sam, 'meeting of a large circle (search too long)');
    await tabTo(sam, sam.locator('.govuk-error-summary a', { hasText: 'The name to find must be 100 characters or fewer' }), { max: 80 });
    await sam.keyboard.press('Enter');
    await expectFocused(sam, search, 'the error link goes to the search box');
    expect(await search.inputValue()).toBe(long);

    // Part of the name, typed without its accent.
    await sam.keyboard.press('Control+A');
    await sam.keyboard.type('zoe quar');
    await pressAndWait(sam, 'Enter');
    expect(await main.innerText()).toContain('1 person matches “zoe quar”. They are listed in the choices below.');
    await checkPage(sam, 'meeting of a large circle (found)');
    await screenshot(sam, 'meetings-find-people');

    // Zoë takes the notes.
    const noteTaker = sam.getByLabel('Note-taker', { exact: true });
    await tabTo(sam, noteTaker, { max: 80 });
    await sam.keyboard.type('Zo');
    expect(await noteTaker.locator('option:checked').innerText()).toBe('Zoë Quartermain');
    await tabTo(sam, sam.getByRole('button', { name: 'Save roles', exact: true }), { max: 20 });
    await pressAndWait(sam, 'Enter');
    expect(await sam.locator('.govuk-notification-banner').innerText()).toContain('Roles saved.');
    expect(await noteTaker.locator('option:checked').innerText()).toBe('Zoë Quartermain');
    await checkPage(sam, 'meeting of a large circle (roles saved)');

    // An action without a person: the error keeps the action and the people found.
    await tabTo(sam, search, { max: 60 });
    await sam.keyboard.press('Control+A');
    await sam.keyboard.type('quartermain');
    await pressAndWait(sam, 'Enter');
    await tabTo(sam, sam.getByLabel('Action', { exact: true }), { max: 80 });
    await sam.keyboard.type('Ask the café about Tuesday mornings');
    await tabTo(sam, sam.getByRole('button', { name: 'Add action', exact: true }), { max: 20 });
    await pressAndWait(sam, 'Enter');
    expect(await sam.locator('.govuk-error-summary').innerText()).toContain('Choose who will do it');
    expect(await sam.getByLabel('Action', { exact: true }).inputValue()).toBe('Ask the café about Tuesday mornings');
    await checkPage(sam, 'meeting of a large circle (action without a person)');
    const who = sam.getByLabel('Who will do it?', { exact: true });
    await tabTo(sam, sam.locator('.govuk-error-summary a', { hasText: 'Choose who will do it' }), { max: 80 });
    await sam.keyboard.press('Enter');
    await expectFocused(sam, who, 'the error link goes to the select');
    await sam.keyboard.type('Zo');
    await tabTo(sam, sam.getByRole('button', { name: 'Add action', exact: true }), { max: 20 });
    await pressAndWait(sam, 'Enter');
    expect(await sam.locator('.govuk-notification-banner').innerText()).toContain('Action added.');
    expect(await main.innerText()).toContain('Ask the café about Tuesday mornings — Zoë Quartermain');
  }, 120_000);
});
