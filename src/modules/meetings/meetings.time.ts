/**
 * Meetings are stored in UTC and shown and entered in the organisation's time zone. Pure functions over Intl.
 */

function parts(date: Date, timeZone: string): Record<string, number> {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
  const out: Record<string, number> = {};
  for (const part of format.formatToParts(date)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

/** The zone's offset from UTC at that instant, in minutes (London in summer: 60). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const p = parts(date, timeZone);
  const asUtc = Date.UTC(p['year'] ?? 0, (p['month'] ?? 1) - 1, p['day'] ?? 1, p['hour'] ?? 0, p['minute'] ?? 0, p['second'] ?? 0);
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/**
 * A wall-clock time in a zone as a UTC instant. In the hour skipped when clocks go forward the time is moved on by
 * the gap; in the repeated hour when they go back, the first (summer) one is taken.
 */
export function zonedToUtc(local: LocalDateTime, timeZone: string): Date {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = offsetMinutes(new Date(naive), timeZone);
  let guess = naive - first * 60_000;
  const second = offsetMinutes(new Date(guess), timeZone);
  if (second !== first) {
    const retry = naive - second * 60_000;
    guess = offsetMinutes(new Date(retry), timeZone) === second ? retry : Math.max(guess, retry);
  }
  return new Date(guess);
}

/** A UTC instant as the wall-clock time in a zone. */
export function utcToZoned(date: Date, timeZone: string): LocalDateTime {
  const p = parts(date, timeZone);
  return { year: p['year'] ?? 0, month: p['month'] ?? 0, day: p['day'] ?? 0, hour: p['hour'] ?? 0, minute: p['minute'] ?? 0 };
}

/** "14:30" or "9:05" -> { hour, minute }; anything else -> undefined. */
export function parseTime(text: string): { hour: number; minute: number } | undefined {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
  if (match === null) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

export function formatTime(local: { hour: number; minute: number }): string {
  return `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}

/** YYYY-MM of an ISO timestamp in a zone (for counting by month). */
export function monthIn(iso: string, timeZone: string): string {
  const local = utcToZoned(new Date(iso), timeZone);
  return `${String(local.year)}-${String(local.month).padStart(2, '0')}`;
}
