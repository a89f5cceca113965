import { z } from 'zod';
import { optionalText, parseForm, requiredText, type ParseResult, type Translate, requiredLine, optionalLine } from '../../shared/forms.js';
import {
  ACCESS_NEED_KEYS,
  LIMITS,
  PARTICIPATION_WAY_KEYS,
  PERSPECTIVE_KEYS,
  PROFILE_VISIBILITY_KEYS,
  STRENGTH_KINDS,
} from './people.registry.js';

/** A translator that takes parameters (request.t). */
export type TranslateWith = Translate & ((key: string, params: Record<string, string>) => string);

/** Ticked checkboxes arrive as nothing, one string or several; a value we never offered is a tampered form. */
function checkboxes<const K extends string>(allowed: readonly [K, ...K[]], unknownKey: string) {
  return z
    .union([z.string(), z.array(z.string())], { error: unknownKey })
    .optional()
    .transform((value) => [...new Set(value === undefined ? [] : Array.isArray(value) ? value : [value])])
    .pipe(z.array(z.enum(allowed, { error: unknownKey })));
}

/** A single checkbox that must be ticked (or may be, when optional). */
const ticked = (requiredKey: string) => z.literal('yes', { error: requiredKey });
const optionalTick = z
  .literal('yes', { error: 'errors.form.check_answer' })
  .optional()
  .transform((value) => value === 'yes');

const displayName = requiredLine(LIMITS.displayName, 'errors.people.name_required', 'errors.people.name_too_long');
const knownAs = optionalLine(LIMITS.knownAs, 'errors.people.known_as_too_long');

/** About me: name, what to call me, pronouns, and age where the organisation asks for it. */
export function aboutForm(ageEnabled: boolean) {
  const base = {
    displayName,
    knownAs,
    pronouns: optionalLine(LIMITS.pronouns, 'errors.people.pronouns_too_long'),
  };
  return ageEnabled
    ? { schema: z.strictObject({ ...base, age: optionalLine(LIMITS.age, 'errors.people.age_too_long') }), order: ['displayName', 'knownAs', 'pronouns', 'age'] as const }
    : { schema: z.strictObject({ ...base }), order: ['displayName', 'knownAs', 'pronouns'] as const };
}

export interface AboutInput {
  readonly displayName: string;
  readonly knownAs: string | null;
  readonly pronouns: string | null;
  readonly age?: string | null;
}

/** The input name (and id) of a heading's answer. */
export function answerField(headingKey: string): string {
  return `answer-${headingKey}`;
}

/**
 * The one-page profile: one answer per heading. The headings are the organisation's, so the schema is built from
 * them; a message names the heading it is about.
 */
export function parseAnswers(
  headings: readonly { key: string; label: string }[],
  body: unknown,
  t: TranslateWith,
): ParseResult<Record<string, string | null>> {
  const shape = Object.fromEntries(headings.map((h) => [answerField(h.key), optionalText(LIMITS.answer, 'errors.people.answer_too_long')]));
  const order = headings.map((h) => answerField(h.key));
  const parsed = parseForm(z.strictObject(shape), body, order, t);
  if (parsed.ok) {
    return { ok: true, value: Object.fromEntries(headings.map((h) => [h.key, parsed.value[answerField(h.key)] ?? null])) };
  }
  const errors = { ...parsed.errors };
  for (const heading of headings) {
    const id = answerField(heading.key);
    if (errors[id]?.text === t('errors.people.answer_too_long')) {
      errors[id] = { text: t('errors.people.answer_too_long_named', { heading: heading.label }) };
    }
  }
  const errorList = parsed.errorList.map((item) => ({ ...item, text: errors[item.href.slice(1)]?.text ?? item.text }));
  return { ...parsed, errors, errorList };
}

export const strengthForm = {
  schema: z.strictObject({
    label: requiredLine(LIMITS.strength, 'errors.people.strength_required', 'errors.people.strength_too_long'),
    kind: z.enum(STRENGTH_KINDS, { error: 'errors.people.strength_kind_required' }),
  }),
  order: ['label', 'kind'],
} as const;

export const takingPartForm = {
  schema: z
    .strictObject({
      perspectives: checkboxes(PERSPECTIVE_KEYS, 'errors.people.perspective_unknown'),
      perspectiveDescription: optionalText(LIMITS.perspectiveDescription, 'errors.people.perspective_description_too_long'),
      participationWays: checkboxes(PARTICIPATION_WAY_KEYS, 'errors.people.participation_way_unknown'),
      accessNeeds: checkboxes(ACCESS_NEED_KEYS, 'errors.people.access_need_unknown'),
      accessNeedsOther: optionalText(LIMITS.accessNeedsOther, 'errors.people.access_needs_other_too_long'),
    })
    .superRefine((value, context) => {
      if (value.accessNeeds.includes('other') && value.accessNeedsOther === null) {
        context.addIssue({ code: 'custom', path: ['accessNeedsOther'], message: 'errors.people.access_needs_other_required' });
      }
    })
    .transform((value) => ({ ...value, accessNeedsOther: value.accessNeeds.includes('other') ? value.accessNeedsOther : null })),
  order: ['perspectives', 'perspectiveDescription', 'participationWays', 'accessNeeds', 'accessNeedsOther'],
} as const;

export type TakingPartInput = z.output<typeof takingPartForm.schema>;

export const visibilityForm = {
  schema: z.strictObject({
    visibility: z
      .string({ error: 'errors.people.visibility_required' })
      .min(1, 'errors.people.visibility_required')
      .pipe(z.enum(PROFILE_VISIBILITY_KEYS, { error: 'errors.people.visibility_unknown' })),
  }),
  order: ['visibility'],
} as const;

export const appreciationForm = {
  schema: z.strictObject({
    appreciation: requiredText(LIMITS.appreciation, 'errors.people.appreciation_required', 'errors.people.appreciation_too_long'),
  }),
  order: ['appreciation'],
} as const;

export const newPersonForm = {
  schema: z.strictObject({
    displayName,
    knownAs,
    consent: ticked('errors.people.consent_required'),
    consentNote: requiredText(LIMITS.consentNote, 'errors.people.consent_note_required', 'errors.people.consent_note_too_long'),
  }),
  order: ['displayName', 'knownAs', 'consent', 'consentNote'],
} as const;

export type NewPersonInput = z.output<typeof newPersonForm.schema>;

const headingLabel = optionalLine(LIMITS.headingLabel, 'errors.people.heading_label_too_long');

export const templateForm = {
  schema: z.strictObject({
    ageEnabled: optionalTick,
    pictureEnabled: optionalTick,
    'heading-appreciate': headingLabel,
    'heading-important': headingLabel,
    'heading-support': headingLabel,
  }),
  order: ['ageEnabled', 'pictureEnabled', 'heading-appreciate', 'heading-important', 'heading-support'],
} as const;

export type TemplateInput = z.output<typeof templateForm.schema>;

export const extraHeadingForm = {
  schema: z.strictObject({
    label: requiredLine(LIMITS.headingLabel, 'errors.people.heading_label_required', 'errors.people.heading_label_too_long'),
  }),
  order: ['label'],
} as const;

/** Nothing but the CSRF token: for buttons that do one thing (accept, decline, remove). */
export const confirmForm = { schema: z.strictObject({}), order: [] } as const;

/** Removing a profile cannot be undone: the person types a word (people.remove.confirm_word) to say they mean it. */
export const removeForm = {
  schema: z.strictObject({ confirmWord: z.string({ error: 'errors.people.remove_confirm' }).trim().max(50, 'errors.people.remove_confirm') }),
  order: ['confirmWord'],
} as const;

/** The directory's search, from the query string. */
export const directorySearch = {
  schema: z.object({
    q: z
      .string()
      .trim()
      .max(LIMITS.search, 'errors.people.search_too_long')
      .optional()
      .transform((value) => value ?? ''),
    kind: z.enum(['any', ...STRENGTH_KINDS]).optional().catch(undefined).transform((value) => value ?? 'any'),
    page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined).transform((value) => value ?? 1),
  }),
  order: ['q'],
} as const;

export type DirectoryQuery = z.output<typeof directorySearch.schema>;
