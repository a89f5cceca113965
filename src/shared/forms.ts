import { z } from 'zod';

export type Translate = (key: string) => string;

export interface FieldError {
  readonly text: string;
  readonly href: string;
}

export type FormValues = Record<string, string | string[]>;

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      /** Keyed by input id, for inline messages. */
      readonly errors: Record<string, { text: string }>;
      /** In page order; each href points at a real input id. */
      readonly errorList: FieldError[];
      /** What the person typed, to put back in the form. */
      readonly values: FormValues;
    };

/** Fields the framework adds that no schema should see. */
const FRAMEWORK_FIELDS = new Set(['_csrf']);

export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (body === null || typeof body !== 'object') return values;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (FRAMEWORK_FIELDS.has(key)) continue;
    if (typeof value === 'string') values[key] = value;
    else if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return values;
}

/**
 * Parse a submitted form with a strict Zod schema, returning messages in the order the fields appear.
 * Schema messages are i18n keys; `ids` maps a field to the id of the input that should take focus
 * (for example a date's day input).
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  fieldOrder: readonly string[],
  t: Translate,
  ids: Readonly<Record<string, string>> = {},
): ParseResult<z.output<S>> {
  const values = formValues(body);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };

  const errors: Record<string, { text: string }> = {};
  const firstField = fieldOrder[0] ?? 'main-content';
  for (const issue of parsed.error.issues) {
    let field = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys' || field === undefined || !fieldOrder.includes(field)) {
      field = firstField;
      message = issue.code === 'unrecognized_keys' ? 'errors.form.unexpected_field' : message;
    }
    const id = ids[field] ?? field;
    if (errors[id] !== undefined) continue; // one message per field: the first is the one to fix first
    errors[id] = { text: translateMessage(message, t) };
  }
  const errorList: FieldError[] = [];
  for (const field of fieldOrder) {
    const id = ids[field] ?? field;
    const error = errors[id];
    if (error !== undefined) errorList.push({ text: error.text, href: `#${id}` });
  }
  return { ok: false, errors, errorList, values };
}

function translateMessage(message: string, t: Translate): string {
  // Our schemas use i18n keys; anything else (a library default) gets a generic, plain message.
  return /^errors\.[a-z0-9_.]+$/.test(message) ? t(message) : t('errors.form.check_answer');
}

/** Build a form error for a single field after a service said no (for example "wrong password"). */
export function fieldError(
  field: string,
  key: string,
  t: Translate,
  values: FormValues,
): Extract<ParseResult<never>, { ok: false }> {
  const text = t(key);
  return { ok: false, errors: { [field]: { text } }, errorList: [{ text, href: `#${field}` }], values };
}

// Reusable field builders. Every text input is length-limited.

export function requiredText(max: number, requiredKey: string, tooLongKey: string) {
  return z
    .string({ error: requiredKey })
    .trim()
    .min(1, requiredKey)
    .max(max, tooLongKey);
}

export function optionalText(max: number, tooLongKey: string) {
  return z
    .string({ error: tooLongKey })
    .trim()
    .max(max, tooLongKey)
    .optional()
    .transform((value) => (value === undefined || value === '' ? null : value));
}

/** Names and titles are one line: a line break in one (sent by a script, never by a text input) is refused. */
const ONE_LINE = 'errors.form.one_line';
const hasNoLineBreak = (value: string) => !/[\r\n\u2028\u2029]/.test(value);

export function requiredLine(max: number, requiredKey: string, tooLongKey: string) {
  return requiredText(max, requiredKey, tooLongKey).refine(hasNoLineBreak, ONE_LINE);
}

export function optionalLine(max: number, tooLongKey: string) {
  return z
    .string({ error: tooLongKey })
    .trim()
    .max(max, tooLongKey)
    .refine(hasNoLineBreak, ONE_LINE)
    .optional()
    .transform((value) => (value === undefined || value === '' ? null : value));
}

export function emailField(requiredKey: string, formatKey: string) {
  return z
    .string({ error: requiredKey })
    .trim()
    .min(1, requiredKey)
    .max(254, formatKey)
    .pipe(z.email(formatKey))
    .transform((value) => value.toLowerCase());
}

export function csvList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
