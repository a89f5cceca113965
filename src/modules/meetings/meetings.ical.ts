/** iCalendar (RFC 5545) output for meetings: escaped text, folded lines, CRLF endings, times in UTC. */

export interface CalendarEvent {
  readonly uid: string;
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly updatedAt: string;
  readonly location: string | null;
  readonly description: string | null;
  readonly url: string | null;
}

/** Backslash, semicolon and comma are escaped; new lines become \n. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Lines longer than 75 octets are folded: CRLF then a space, never splitting a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** 2026-11-22T14:30:00.000Z -> 20261122T143000Z */
export function icalTime(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

export function calendar(events: readonly CalendarEvent[], options: { name: string; timeZone: string }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Doing With//Meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${escapeText(options.timeZone)}`,
  ];
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${icalTime(event.updatedAt)}`,
      `DTSTART:${icalTime(event.startsAt)}`,
      `DTEND:${icalTime(event.endsAt)}`,
      `SUMMARY:${escapeText(event.title)}`,
    );
    if (event.location !== null) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.description !== null) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url !== null) lines.push(`URL:${event.url}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
