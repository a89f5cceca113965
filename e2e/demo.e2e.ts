import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/modules/demo/demo.seed.js';
import { andWaitForPage, checkPage, expectReflows, heading, screenshot, signIn, useJourneys } from './support/browser.js';
import { seedOrganisation, type Person } from './support/people.js';

// As `npm start` does on a new database: the demo organisations, with their people.
const journeys = useJourneys({ demo: true });
let real: Person;

beforeAll(async () => {
  // A real organisation on the same instance, which must never be labelled as demo data.
  ({
    people: { real },
  } = await seedOrganisation(journeys.app.db, { name: 'Eastgate Carers Forum', shortName: 'Eastgate' }, {
    real: { name: 'Ola Nowak', email: 'ola@eastgate.example', permission: 'member' },
  }));
});

const BANNER = 'This is demo data for trying Doing With. Do not enter real personal information.';

function demoAccount(email: string) {
  const account = DEMO_ACCOUNTS.find((a) => a.email === email);
  if (account === undefined) throw new Error(`no demo account ${email}`);
  return account;
}

describe('demo data', () => {
  it('says so on every page of a demo organisation, and nowhere in a real one', async () => {
    const alex = demoAccount('alex@riverside.example');
    const page = await journeys.newPage();
    await page.goto('/');
    const banner = page.locator('.app-demo-banner');
    expect(await banner.innerText(), 'signed out, on an instance with demo data').toContain(BANNER);

    await signIn(page, alex.email, journeys.app.config.demoPassword);
    expect(await heading(page)).toBe('Hello, Alex Morgan');
    for (const path of ['/', '/admin/people', '/admin/organisation', '/account', '/get-help']) {
      await page.goto(path);
      expect(await banner.innerText(), `demo banner on ${path}`).toContain(BANNER);
      expect(await banner.locator('.govuk-tag').innerText()).toBe('Demo');
    }
    await page.goto('/');
    await checkPage(page, 'home (demo organisation)');
    await screenshot(page, 'demo-home');
    await page.goto('/admin/people');
    expect(await page.locator('caption').innerText()).toMatch(/^\d+ people$/);
    const list = await page.locator('tbody').innerText();
    for (const account of DEMO_ACCOUNTS.filter((a) => a.memberships.some((m) => m.organisation === 'riverside'))) {
      expect(list, 'the demo people of Riverside').toContain(account.email);
    }
    await checkPage(page, 'people and access (demo organisation)');
    await screenshot(page, 'demo-people-and-access');

    const other = await journeys.newPage();
    await signIn(other, real.email, real.password);
    expect(await heading(other)).toBe('Hello, Ola Nowak');
    expect(await other.locator('.app-demo-banner').count(), 'a real organisation is not labelled demo').toBe(0);
  });

  it("opens each organisation in its own language, for someone who belongs to two", async () => {
    const sam = demoAccount('sam@riverside.example');
    const page = await journeys.newPage();
    await signIn(page, sam.email, journeys.app.config.demoPassword);
    const html = page.locator('html');
    const service = page.locator('.govuk-service-navigation');
    // Sam signs in to the first of their organisations (by name): the Italian one.
    expect(await service.innerText()).toContain('Rete Colline Insieme');
    expect(await html.getAttribute('lang'), "the organisation's language").toBe('it');
    expect(await page.locator('.app-demo-banner').count()).toBe(1);
    await checkPage(page, 'home (demo organisation, Italian)');

    await page.goto('/organisations');
    await checkPage(page, 'choose an organisation (Italian)');
    await andWaitForPage(page, () => page.getByRole('button', { name: 'Riverside Wellbeing Collective' }).click());
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await service.innerText()).toContain('Riverside Wellbeing Collective');
    expect(await html.getAttribute('lang')).toBe('en-GB');
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('You have changed organisation.');
    expect(await heading(page)).toBe('Hello, Sam Okafor');

    await page.goto('/organisations');
    expect(await heading(page)).toBe('Choose an organisation');
    expect(await page.locator('main').innerText()).toMatch(/Riverside Wellbeing Collective\s+as Member – you are using this one now/);
    await checkPage(page, 'choose an organisation');
  });

  it('fits every part of each demo project on a 320 px screen (#12: the tasks table was 658-732 px wide)', async () => {
    const priya = demoAccount('priya@riverside.example');
    const page = await journeys.newPage();
    await signIn(page, priya.email, journeys.app.config.demoPassword);
    await page.goto('/projects');
    const links = await page.locator('main a[href^="/projects/0"]').all();
    const projects = [...new Set(await Promise.all(links.map(async (link) => (await link.getAttribute('href')) ?? '')))];
    expect(projects.length).toBeGreaterThan(0);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const project of projects) {
      for (const part of ['', '/circle', '/agreement', '/meetings', '/cards', '/decisions', '/updates', '/tasks', '/success', '/journal', '/power-balance']) {
        await page.goto(project + part);
        await expectReflows(page, `${project + part} at 320 px`);
      }
    }
    await page.goto(`${projects[0] ?? ''}/tasks`);
    await checkPage(page, 'tasks at 320 px');
    await screenshot(page, 'tasks-320');
  });
});
