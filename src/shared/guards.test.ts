import { describe, expect, it } from 'vitest';
import { safeNext } from './guards.js';

/** How a browser would resolve a Location header on our site: the host it would go to. */
function hostReached(location: string): string {
  return new URL(location, 'https://doingwith.example.org/sign-in').host;
}

// Open-redirect payloads (issue #11 point 6): each must stay on our own site.
const PAYLOADS = [
  '//evil.example/',
  '///evil.example/',
  '////evil.example/',
  '/\\evil.example/',
  '/\\/evil.example/',
  '\\\\evil.example/',
  '/\t/evil.example/',
  '/%09/evil.example/',
  '/\n/evil.example/',
  '/\r\n/evil.example/',
  '/\r/evil.example/',
  '/ /evil.example/',
  '/\u0000/evil.example/',
  '/\u000b/evil.example/',
  '/\u000c/evil.example/',
  '/\u007f/evil.example/',
  '/\u0085/evil.example/',
  'https://evil.example/',
  'http:evil.example',
  'javascript:alert(1)',
  ' /evil',
  'evil.example',
  '/.//evil.example/',
  '/./evil.example/../..//evil.example',
  '/a/../..//evil.example/',
  '/%2F%2Fevil.example/',
  '/%5Cevil.example/',
  '/%2e%2e//evil.example/',
  '/\uff0f\uff0fevil.example/',
  '/\u2215\u2215evil.example/',
  '/\u3002evil.example',
  '/@evil.example',
  '/\u202e/evil.example/',
  '//%65vil.example/',
  `/${'a'.repeat(600)}`,
];

describe('safeNext', () => {
  it.each(PAYLOADS)('keeps %j on our own site, as a valid header value', (payload) => {
    const next = safeNext(payload);
    expect(next.startsWith('/')).toBe(true);
    expect(next.startsWith('//')).toBe(false);
    expect(hostReached(next)).toBe('doingwith.example.org');
    expect(/^[\x21-\x7e]*$/.test(next)).toBe(true);
  });

  it('keeps an ordinary path with its query and fragment', () => {
    expect(safeNext('/projects/abc?tab=circle#people')).toBe('/projects/abc?tab=circle#people');
    expect(safeNext('/')).toBe('/');
  });

  it('writes a path with letters outside Latin-1 percent-encoded, so the header stays valid', () => {
    expect(safeNext('/people?find=Zoë Ōno')).toBe('/');
    expect(safeNext('/people?find=Zo%C3%AB')).toBe('/people?find=Zo%C3%AB');
    expect(safeNext('/people?find=Zoë')).toBe('/people?find=Zo%C3%AB');
    expect(safeNext('/persone/Łucja')).toBe('/persone/%C5%81ucja');
  });

  it('turns anything that is not text into the home page', () => {
    expect(safeNext(undefined)).toBe('/');
    expect(safeNext(['/projects'])).toBe('/');
    expect(safeNext(42)).toBe('/');
  });
});
