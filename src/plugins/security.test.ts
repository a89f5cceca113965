import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csrfToken, csrfTokenMatches } from './security.js';

describe('CSRF tokens', () => {
  const secret = randomBytes(32);

  it('match the secret they were made from, and differ every time', () => {
    const tokens = Array.from({ length: 20 }, () => csrfToken(secret));
    for (const token of tokens) expect(csrfTokenMatches(token, secret)).toBe(true);
    expect(new Set(tokens).size).toBe(20);
    expect(tokens[0]).toMatch(/^[A-Za-z0-9_-]{86}$/);
  });

  it('do not match another session’s secret', () => {
    expect(csrfTokenMatches(csrfToken(randomBytes(32)), secret)).toBe(false);
  });

  it('refuse a token changed by one character, cut short, empty or not base64', () => {
    const token = csrfToken(secret);
    const changed = `${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`;
    for (const bad of [changed, token.slice(0, 60), '', '!!!!', secret.toString('base64url')]) {
      expect(csrfTokenMatches(bad, secret), bad).toBe(false);
    }
  });
});
