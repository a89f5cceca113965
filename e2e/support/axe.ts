import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** WCAG 2.2 AA, as ARCHITECTURE.md section 5 asks. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

const withoutJavaScript = new WeakSet<Page>();

/** Tell the axe helper that this page has JavaScript turned off. */
export function markJavaScriptOff(page: Page): void {
  withoutJavaScript.add(page);
}

/**
 * axe runs as a script in the page, which a page with JavaScript turned off cannot do. So for such a page, axe checks
 * a copy: the same document at the same address (so the same styles load), in a context where axe can run, with the
 * page's own scripts taken out so that it stays exactly as the person without JavaScript sees it.
 */
async function copyForAxe(page: Page): Promise<Page> {
  const browser = page.context().browser();
  if (browser === null) throw new Error('the page has no browser');
  const viewport = page.viewportSize();
  const context = await browser.newContext(viewport === null ? {} : { viewport });
  const copy = await context.newPage();
  const address = page.url();
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  await copy.route(
    (url) => url.href === address,
    (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
  await copy.goto(address);
  return copy;
}

/** Run axe on the page as it is now; fail with each violation's rule, impact and the elements it found. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const target = withoutJavaScript.has(page) ? await copyForAxe(page) : page;
  try {
    const results = await new AxeBuilder({ page: target }).withTags(AXE_TAGS).analyze();
    const found = results.violations.map((violation) => {
      const targets = violation.nodes.map((node) => JSON.stringify(node.target)).join(', ');
      return `${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help} — ${targets}`;
    });
    expect(found, `axe found accessibility problems on "${label}" (${page.url()})`).toEqual([]);
  } finally {
    if (target !== page) await target.context().close();
  }
}
