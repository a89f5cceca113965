import { describe, expect, it } from 'vitest';
import { longDate } from './dates.js';

describe('dates in words', () => {
  it('writes a stored date as the day in the page language', () => {
    expect(longDate('2026-11-24', 'en-GB', 'Europe/London')).toBe('24 November 2026');
    expect(longDate('2026-11-24', 'it', 'Europe/Rome')).toBe('24 novembre 2026');
  });

  it('puts a moment on the organisation calendar', () => {
    expect(longDate('2026-11-24T23:30:00.000Z', 'en-GB', 'Europe/London')).toBe('24 November 2026');
    expect(longDate('2026-11-24T23:30:00.000Z', 'it', 'Europe/Rome')).toBe('25 novembre 2026');
  });

  it('shows nothing for nothing, and what it cannot read as it is', () => {
    expect(longDate(null, 'en-GB', 'UTC')).toBe('');
    expect(longDate('', 'en-GB', 'UTC')).toBe('');
    expect(longDate('soon', 'en-GB', 'UTC')).toBe('soon');
  });
});
