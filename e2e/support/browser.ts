import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startApp, type RunningApp, type StartOptions } from './app.js';
import { expectNoAxeViolations, markJavaScriptOff } from './axe.js';

/** Debian's Chromium, as ARCHITECTURE.md section 1 says. */
export const CHROMIUM = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export interface Journeys {
  /** The app under test (available inside tests and hooks). */
  readonly app: RunningApp;
  /** A page in a new browser context: its own cookies, as a separate person or device. */
  newPage(options?: { javaScript?: boolean }): Promise<Page>;
}

/**
 * The little of the DOM these helpers use inside the page. (The project's TypeScript settings are for Node, without
 * the DOM library, which keeps browser globals out of the server code.)
 */
interface InPage {
  readonly document: {
    readonly activeElement: InPageElement | null;
    readonly body: InPageElement | null;
    readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
  };
}
interface InPageElement {
  readonly tagName: string;
  readonly id: string;
  readonly textContent: string | null;
}

/** Problems the browser reported on each page: script errors and console errors (a CSP refusal, a missing file). */
const problems = new WeakMap<Page, string[]>();

/**
 * One app and one Chromium for the whole file (both are slow to start); a fresh browser context per page, closed
 * after each test.
 */
export function useJourneys(options: StartOptions = {}): Journeys {
  let browser: Browser | undefined;
  let running: RunningApp | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [browser, running] = await Promise.all([chromium.launch(CHROMIUM), startApp(options)]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  return {
    get app() {
      if (running === undefined) throw new Error('the app has not started: use journeys.app inside a test');
      return running;
    },
    async newPage({ javaScript = true } = {}) {
      if (browser === undefined || running === undefined) throw new Error('the browser has not started');
      const context = await browser.newContext({
        baseURL: running.baseUrl,
        javaScriptEnabled: javaScript,
        locale: 'en-GB',
        viewport: { width: 1024, height: 768 },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      if (!javaScript) markJavaScriptOff(page);
      const seen: string[] = [];
      problems.set(page, seen);
      page.on('pageerror', (error) => seen.push(`script error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // Chromium logs a 4xx page (404, 422) as a failed load of the page itself: that is expected, not a problem.
        if (message.text().startsWith('Failed to load resource') && message.location().url === page.url()) return;
        seen.push(`console error: ${message.text()} (${message.location().url})`);
      });
      return page;
    },
  };
}

/**
 * What every page state must have: no axe violations, the "Get help now" link at the top, no script or console
 * errors. `label` names the state in failure messages.
 */
export async function checkPage(page: Page, label: string): Promise<void> {
  const help = page.locator('.app-utility-bar a[href="/get-help"]');
  expect(await help.count(), `"Get help now" at the top of ${label}`).toBe(1);
  expect(await help.isVisible(), `"Get help now" visible on ${label}`).toBe(true);
  if ((await page.locator('html').getAttribute('lang')) === 'en-GB') {
    expect((await help.innerText()).trim(), `"Get help now" text on ${label}`).toBe('Get help now');
  }
  expect(problems.get(page) ?? [], `browser problems on ${label}`).toEqual([]);
  await expectNoAxeViolations(page, label);
}

/** Nothing sticks out sideways: at 320 CSS pixels (400% zoom) the page reflows instead of scrolling (WCAG 1.4.10). */
export async function expectReflows(page: Page, label: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const root = (globalThis as unknown as InPage).document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  expect(scrollWidth, `${label} is wider than the screen (${clientWidth} px)`).toBeLessThanOrEqual(clientWidth);
}

/** The page's main heading. */
export async function heading(page: Page): Promise<string> {
  return (await page.locator('h1').innerText()).trim();
}

/** Save a full-page screenshot to $E2E_SCREENSHOTS/<name>.png when that folder is set (for looking at, not for diffing). */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = process.env['E2E_SCREENSHOTS'];
  if (folder === undefined || folder === '') return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
}

// Keyboard ----------------------------------------------------------------------------------------------------------

async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const active = document.activeElement;
    if (active === null || active === document.body) return 'nothing (the page itself)';
    const text = (active.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    const id = active.id === '' ? '' : `#${active.id}`;
    return `<${active.tagName.toLowerCase()}${id}> "${text}"`;
  });
}

async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === (globalThis as unknown as InPage).document.activeElement);
}

/**
 * Press Tab (or Shift+Tab) until the target has focus, as a keyboard user moves through a page. Fails if it
 * takes more than `max` presses. Returns the number of presses.
 */
export async function tabTo(page: Page, target: Locator, { backwards = false, max = 40 } = {}): Promise<number> {
  await target.waitFor({ state: 'visible' });
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (await hasFocus(target)) return presses;
  }
  throw new Error(`could not reach ${target.toString()} with ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}; focus is on ${await describeFocus(page)}`);
}

/** The target has focus now (or within a moment, for focus moved by a script). */
export async function expectFocused(page: Page, target: Locator, label: string): Promise<void> {
  const deadline = Date.now() + 2_000;
  let focused = await hasFocus(target);
  while (!focused && Date.now() < deadline) {
    await page.waitForTimeout(50);
    focused = await hasFocus(target);
  }
  expect(focused, `${label}: focus should be on ${target.toString()} but is on ${await describeFocus(page)}`).toBe(true);
}

/** Do something that leads to a new page (following a link, sending a form) and wait for that page to load. */
export async function andWaitForPage(page: Page, action: () => Promise<unknown>): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  try {
    await action();
  } catch (error) {
    navigated.catch(() => undefined); // the action's error is the one to report
    throw error;
  }
  await navigated;
  await page.waitForLoadState('load');
}

/** Press a key that leads to a new page and wait for that page to load. */
export async function pressAndWait(page: Page, key: string): Promise<void> {
  await andWaitForPage(page, () => page.keyboard.press(key));
}

// Shortcuts for when signing in is not what is being tested -----------------------------------------------------------

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await andWaitForPage(page, () => page.getByRole('button', { name: 'Sign in', exact: true }).click());
  if (new URL(page.url()).pathname === '/sign-in') throw new Error(`could not sign in as ${email}`);
}
