import { z } from 'zod';
import type { FormValues } from '../../shared/forms.js';

/**
 * GOV.UK date inputs (day, month and year boxes). The error names what is missing or wrong and points at the first
 * wrong part; the parts to highlight are worked out from what was typed.
 */

/**
 * For cross-field checks that read only the raw text: run them even when another field is missing, so a person sees
 * every problem at once rather than one round at a time.
 */
export const everyTime = { when: () => true };

export type DatePart = 'day' | 'month' | 'year';
const PARTS: readonly DatePart[] = ['day', 'month', 'year'];

export type DateProblemKey =
  | 'required'
  | 'missing_day' | 'missing_month' | 'missing_year'
  | 'missing_day_month' | 'missing_day_year' | 'missing_month_year'
  | 'not_real'
  | 'year_four_digits'
  | 'out_of_range';

export type DateCheck = { ok: true; iso: string | null } | { ok: false; problem: DateProblemKey; parts: DatePart[] };

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Check a date typed as three parts. Empty everywhere is fine when the date is optional. */
export function checkDate(parts: Readonly<Record<DatePart, string>>, required: boolean): DateCheck {
  const typed = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  const missing = PARTS.filter((p) => typed[p] === '');
  if (missing.length === 3) return required ? { ok: false, problem: 'required', parts: [] } : { ok: true, iso: null };
  if (missing.length > 0) return { ok: false, problem: `missing_${missing.join('_')}` as DateProblemKey, parts: missing };
  const notNumbers = PARTS.filter((p) => !/^\d{1,4}$/.test(typed[p]));
  if (notNumbers.length > 0) return { ok: false, problem: 'not_real', parts: notNumbers };
  if (typed.year.length !== 4) return { ok: false, problem: 'year_four_digits', parts: ['year'] };
  const day = Number(typed.day);
  const month = Number(typed.month);
  const year = Number(typed.year);
  if (month < 1 || month > 12) return { ok: false, problem: 'not_real', parts: ['month'] };
  if (day < 1 || day > daysIn(month, year)) return { ok: false, problem: 'not_real', parts: ['day'] };
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, problem: 'out_of_range', parts: ['year'] };
  return { ok: true, iso: `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

/** The three form fields of a date called `name`: `name-day`, `name-month`, `name-year`. */
export function dateFields<N extends string>(name: N): { [K in `${N}-${DatePart}`]: z.ZodOptional<z.ZodString> } {
  const text = () => z.string().max(10).optional();
  return { [`${name}-day`]: text(), [`${name}-month`]: text(), [`${name}-year`]: text() } as { [K in `${N}-${DatePart}`]: z.ZodOptional<z.ZodString> };
}

export function partsOf(values: Readonly<Record<string, unknown>>, name: string): Record<DatePart, string> {
  const get = (part: DatePart) => {
    const value = values[`${name}-${part}`];
    return typeof value === 'string' ? value : '';
  };
  return { day: get('day'), month: get('month'), year: get('year') };
}

/**
 * The error's path: the first wrong part. A problem with the day, or with the whole date, goes on the date's own
 * name, which the form maps to the day box; month and year problems go on their boxes.
 */
export function issuePath(name: string, check: Extract<DateCheck, { ok: false }>): string {
  const first = check.parts[0];
  return first === undefined || first === 'day' ? name : `${name}-${first}`;
}

export function messageKey(field: string, problem: DateProblemKey): string {
  return `errors.projects.dates.${field}.${problem}`;
}

/** The parts to mark as wrong in the page (none means the whole date, which the GOV.UK macro then highlights). */
export function highlight(values: FormValues | undefined, name: string, required: boolean): DatePart[] {
  if (values === undefined) return [];
  const check = checkDate(partsOf(values, name), required);
  return check.ok ? [] : check.parts;
}

/** An ISO date back into the three boxes, for editing. */
export function toParts(iso: string | null, name: string): Record<string, string> {
  if (iso === null) return {};
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}
