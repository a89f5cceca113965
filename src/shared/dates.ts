/**
 * Dates in words, the same on every page: "24 November 2026" in the page's language, a moment in the organisation's
 * time zone (issue #12 found ISO dates on some pages and words on others). Intl formatters are slow to make and safe
 * to share, so there is one set per language and time zone.
 */
export interface DateFormats {
  /** A calendar date: "24 November 2026". */
  readonly day: Intl.DateTimeFormat;
  /** The day a moment fell on, in the organisation's time zone. */
  readonly dayOf: Intl.DateTimeFormat;
  /** "24 November 2026, 14:05". */
  readonly moment: Intl.DateTimeFormat;
  /** "Tuesday 24 November 2026, 14:05". */
  readonly when: Intl.DateTimeFormat;
  readonly time: Intl.DateTimeFormat;
  /** "November 2026". */
  readonly month: Intl.DateTimeFormat;
}

const formats = new Map<string, DateFormats>();

export function dateFormats(language: string, timeZone: string): DateFormats {
  const key = `${language}|${timeZone}`;
  let found = formats.get(key);
  if (found === undefined) {
    const dayParts = { day: 'numeric', month: 'long', year: 'numeric' } as const;
    found = {
      day: new Intl.DateTimeFormat(language, { ...dayParts, timeZone: 'UTC' }),
      dayOf: new Intl.DateTimeFormat(language, { ...dayParts, timeZone }),
      moment: new Intl.DateTimeFormat(language, { ...dayParts, hour: 'numeric', minute: '2-digit', timeZone }),
      when: new Intl.DateTimeFormat(language, { weekday: 'long', ...dayParts, hour: 'numeric', minute: '2-digit', timeZone }),
      time: new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit', timeZone }),
      month: new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
    formats.set(key, found);
  }
  return found;
}

/**
 * A stored date ("2026-11-24") or timestamp ("2026-11-24T23:30:00.000Z") as the day in words; a timestamp counts on
 * the organisation's calendar. Empty for nothing; anything unreadable is shown as it is.
 */
export function longDate(value: string | null | undefined, language: string, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  const f = dateFormats(language, timeZone);
  const isDay = /^\d{4}-\d\d-\d\d$/.test(value);
  const date = new Date(isDay ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return (isDay ? f.day : f.dayOf).format(date);
}
