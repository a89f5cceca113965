import { expect } from 'vitest';
import type { Page } from './client.js';
import { elementById, errorSummaryCount, errorSummaryLinks, FORM_CONTROLS, inlineError, pageTitle, type SummaryLink } from './html.js';

/** Everything a 422 page owes the person: one summary first, links to real inputs, inline messages, "Error:" title. */
export function expectFormErrors(page: Page, expected: readonly SummaryLink[], status = 422): void {
  expect(page.status).toBe(status);
  expect(pageTitle(page.body)).toMatch(/^Error: /);
  expect(errorSummaryCount(page.body)).toBe(1);
  const links = errorSummaryLinks(page.body);
  expect(links).toEqual(expected);
  for (const link of links) {
    const id = link.href.replace(/^#/, '');
    const target = elementById(page.body, id);
    expect(target, `the page has an element with id "${id}"`).toBeDefined();
    expect(FORM_CONTROLS.has(target?.name ?? ''), `#${id} is a form control, not a ${target?.name ?? 'missing element'}`).toBe(true);
    expect(inlineError(page.body, id), `#${id} has its message beside it`).toContain(link.text);
  }
  // The summary comes before the form.
  expect(page.body.indexOf('govuk-error-summary')).toBeLessThan(page.body.indexOf('<form method="post" action="/', page.body.indexOf('<main')));
}

export interface CookieSeen {
  readonly name: string;
  readonly value: string;
  readonly attributes: readonly string[];
}

/** The cookies a response sets. */
export function cookiesSet(page: Page): CookieSeen[] {
  const header = page.headers['set-cookie'];
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return lines.map((line) => {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes };
  });
}

/** A page's HTML with the things that change on every response (CSRF tokens, CSP nonces) blanked out. */
export function withoutPerRequestValues(html: string): string {
  return html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""').replace(/nonce="[^"]*"/g, 'nonce=""');
}
