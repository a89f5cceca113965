import { describe, expect, it } from 'vitest';
import { calendar, escapeText, foldLine, icalTime } from './meetings.ical.js';
import { monthIn, parseTime, utcToZoned, zonedToUtc } from './meetings.time.js';

describe('iCalendar', () => {
  it('escapes backslashes, semicolons, commas and new lines', () => {
    expect(escapeText('a\\b; c, d\ne')).toBe('a\\\\b\\; c\\, d\\ne');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const folded = foldLine(`SUMMARY:${'è'.repeat(80)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(`SUMMARY:${'è'.repeat(80)}`);
  });

  it('writes a calendar with UTC times and CRLF line ends', () => {
    const text = calendar(
      [{ uid: 'm1@doingwith', title: 'Planning, together', startsAt: '2026-11-22T14:30:00.000Z', endsAt: '2026-11-22T16:00:00.000Z', updatedAt: '2026-11-01T09:00:00.000Z', location: 'Hall; room 2', description: null, url: 'https://example.org/m' }],
      { name: 'Riverside', timeZone: 'Europe/London' },
    );
    expect(text).toContain('DTSTART:20261122T143000Z\r\n');
    expect(text).toContain('SUMMARY:Planning\\, together\r\n');
    expect(text).toContain('LOCATION:Hall\\; room 2\r\n');
    expect(text).toContain('X-WR-TIMEZONE:Europe/London');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(icalTime('2026-01-02T03:04:05.000Z')).toBe('20260102T030405Z');
  });
});

describe('time zones', () => {
  it('turns a wall-clock time in the organisation time zone into UTC and back', () => {
    expect(zonedToUtc({ year: 2026, month: 7, day: 1, hour: 14, minute: 30 }, 'Europe/London').toISOString()).toBe('2026-07-01T13:30:00.000Z');
    expect(zonedToUtc({ year: 2026, month: 12, day: 1, hour: 14, minute: 30 }, 'Europe/London').toISOString()).toBe('2026-12-01T14:30:00.000Z');
    expect(zonedToUtc({ year: 2026, month: 7, day: 1, hour: 14, minute: 30 }, 'Europe/Rome').toISOString()).toBe('2026-07-01T12:30:00.000Z');
    expect(utcToZoned(new Date('2026-07-01T13:30:00.000Z'), 'Europe/London')).toEqual({ year: 2026, month: 7, day: 1, hour: 14, minute: 30 });
  });

  it('handles the hour skipped when clocks go forward', () => {
    // 29 March 2026, 01:30 does not exist in London: it becomes 02:30 summer time (01:30 UTC).
    expect(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/London').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads times and months', () => {
    expect(parseTime('9:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseTime('24:00')).toBeUndefined();
    expect(parseTime('noon')).toBeUndefined();
    expect(monthIn('2026-10-31T23:30:00.000Z', 'Europe/Rome')).toBe('2026-11');
  });
});
