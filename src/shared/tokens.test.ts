import { describe, expect, it } from 'vitest';
import { hashToken, looksLikeToken, newToken, safeEqual } from './tokens.js';

describe('newToken', () => {
  it('makes a URL-safe token of 256 random bits that looksLikeToken accepts', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(looksLikeToken(token)).toBe(true);
  });

  it('never repeats itself', () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => newToken()));
    expect(tokens.size).toBe(2000);
  });
});

describe('hashToken', () => {
  it('is the SHA-256 of the token, in hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('gives the same hash for the same token and a different one for a different token', () => {
    const token = newToken();
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toBe(hashToken(newToken()));
    expect(hashToken(token)).not.toContain(token);
  });
});

describe('safeEqual', () => {
  it('says whether two strings are the same, including strings of different lengths', () => {
    expect(safeEqual('same', 'same')).toBe(true);
    expect(safeEqual('same', 'Same')).toBe(false);
    expect(safeEqual('short', 'shorter')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });
});

describe('looksLikeToken', () => {
  it.each([
    ['one character short', 'a'.repeat(42)],
    ['one character long', 'a'.repeat(44)],
    ['standard base64 characters', `${'a'.repeat(41)}+/`],
    ['padding', `${'a'.repeat(42)}=`],
    ['a path', `../${'a'.repeat(40)}`],
    ['SQL', `' or 1=1 --${'a'.repeat(32)}`],
    ['nothing', ''],
  ])('rejects %s', (_name, value) => {
    expect(looksLikeToken(value)).toBe(false);
  });
});
