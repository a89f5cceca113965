/**
 * Where to get help in a crisis, by the country an organisation is in (not by the language a page is read in: an
 * Italian speaker in London still calls 999). Names and numbers are as the services publish them; what each line is
 * for is translated (`help.lines.<id>`). People who cannot call may text where a line says so.
 */
export const CRISIS_COUNTRIES = ['GB', 'IT', 'NL', 'DK'] as const;
export type CrisisCountry = (typeof CRISIS_COUNTRIES)[number];

export interface CrisisLine {
  /** Key of what the line is for, under help.lines. */
  readonly id: string;
  /** The service's own name, as it publishes it. */
  readonly name: string;
  /** The number as people would write it down. */
  readonly number: string;
  /** The link: tel: for calls, sms: for text lines. */
  readonly href: string;
}

export interface CrisisSupport {
  /** The number for an emergency, when a life is at risk. */
  readonly emergency: CrisisLine;
  readonly lines: readonly CrisisLine[];
  /** When these were last checked against each service's own published details (ISO date). */
  readonly checkedOn: string;
}

export const CRISIS_SUPPORT: Readonly<Record<CrisisCountry, CrisisSupport>> = {
  GB: {
    emergency: { id: 'emergency', name: '999', number: '999', href: 'tel:999' },
    lines: [
      { id: 'samaritans', name: 'Samaritans', number: '116 123', href: 'tel:116123' },
      { id: 'nhs_111', name: 'NHS 111', number: '111', href: 'tel:111' },
      { id: 'shout', name: 'Shout', number: '85258', href: 'sms:85258' },
    ],
    checkedOn: '2026-12-03',
  },
  IT: {
    emergency: { id: 'emergency', name: '112', number: '112', href: 'tel:112' },
    lines: [
      { id: 'telefono_amico', name: 'Telefono Amico Italia', number: '02 2327 2327', href: 'tel:+390223272327' },
      { id: 'samaritans_onlus', name: 'Samaritans Onlus', number: '06 77208977', href: 'tel:+390677208977' },
    ],
    checkedOn: '2026-12-03',
  },
  NL: {
    emergency: { id: 'emergency', name: '112', number: '112', href: 'tel:112' },
    lines: [{ id: 'zelfmoordpreventie', name: '113 Zelfmoordpreventie', number: '0800-0113', href: 'tel:08000113' }],
    checkedOn: '2026-12-03',
  },
  DK: {
    emergency: { id: 'emergency', name: '112', number: '112', href: 'tel:112' },
    lines: [{ id: 'livslinien', name: 'Livslinien', number: '70 201 201', href: 'tel:+4570201201' }],
    checkedOn: '2026-12-03',
  },
};

/** How people reach a line: call a number, text a number, or another way described in words. */
export const CRISIS_LINE_REACH = ['call', 'text', 'other'] as const;
export type CrisisLineReach = (typeof CRISIS_LINE_REACH)[number];

/** A line as the "Get help now" page shows it: an organisation's own, or one of its country's defaults. */
export interface HelpLine {
  readonly id: string;
  /** The default it is (or was copied from): what it is for is then translated when `purpose` is null. */
  readonly defaultId: string | null;
  readonly name: string;
  readonly purpose: string | null;
  readonly reach: CrisisLineReach;
  readonly number: string | null;
  /** tel: or sms: link, or null for a line reached another way. */
  readonly href: string | null;
  readonly instruction: string | null;
  readonly hours: string | null;
}

/** The link a phone can follow for a number: spaces, dots, dashes and brackets go; a leading + stays. */
export function crisisLineHref(reach: CrisisLineReach, number: string | null): string | null {
  if (reach === 'other' || number === null) return null;
  const compact = number.replace(/[\s().-]/g, '');
  return /^\+?[0-9]{2,15}$/.test(compact) ? `${reach === 'call' ? 'tel' : 'sms'}:${compact}` : null;
}

/** A country's default lines, in the shape the page and the editor use. */
export function defaultHelpLines(country: CrisisCountry): HelpLine[] {
  return CRISIS_SUPPORT[country].lines.map((line) => ({
    id: line.id, defaultId: line.id, name: line.name, purpose: null, reach: line.href.startsWith('sms:') ? 'text' : 'call',
    number: line.number, href: line.href, instruction: null, hours: null,
  }));
}

export function isCrisisCountry(value: unknown): value is CrisisCountry {
  return typeof value === 'string' && (CRISIS_COUNTRIES as readonly string[]).includes(value);
}

/**
 * The country whose lines to show: the one the visitor chose on the page (someone away from home), else the
 * organisation's when someone is signed in, else a guess from the page's language, which the page lets them change.
 */
export function crisisCountryFor(chosen: unknown, organisationCountry: string | undefined, language: string): CrisisCountry {
  if (isCrisisCountry(chosen)) return chosen;
  if (isCrisisCountry(organisationCountry)) return organisationCountry;
  return language === 'it' ? 'IT' : 'GB';
}

const COUNTRY_BY_TIME_ZONE: Readonly<Record<string, CrisisCountry>> = {
  'Europe/London': 'GB',
  'Europe/Belfast': 'GB',
  'Europe/Rome': 'IT',
  'Europe/Amsterdam': 'NL',
  'Europe/Copenhagen': 'DK',
};

/** The likely country of a new organisation from its time zone (an admin can change it in the settings). */
export function countryForTimeZone(timeZone: string): CrisisCountry {
  return COUNTRY_BY_TIME_ZONE[timeZone] ?? 'GB';
}
