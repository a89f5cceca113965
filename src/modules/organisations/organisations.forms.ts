import { z } from 'zod';
import { emailField, optionalText, requiredLine } from '../../shared/forms.js';
import { LANGUAGES } from '../../shared/i18n.js';
import { CRISIS_COUNTRIES } from '../../shared/crisis-lines.js';

const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
timeZones.add('UTC');

/** How many days after a meeting its replies' access needs are kept: long enough to follow up, never for good. */
export const ACCESS_NEEDS_DAYS = { min: 1, max: 365, default: 30 } as const;

const wholeDays = z
  .string({ error: 'errors.organisation.access_needs_days_required' })
  .trim()
  .min(1, 'errors.organisation.access_needs_days_required')
  .regex(/^[0-9]{1,6}$/, 'errors.organisation.access_needs_days_whole')
  .transform(Number)
  .refine((days) => days >= ACCESS_NEEDS_DAYS.min && days <= ACCESS_NEEDS_DAYS.max, 'errors.organisation.access_needs_days_range');

export const permissionValues = ['member', 'facilitator', 'admin'] as const;

export const settingsForm = {
  schema: z.strictObject({
    name: requiredLine(120, 'errors.organisation.name_required', 'errors.organisation.name_too_long'),
    shortName: requiredLine(30, 'errors.organisation.short_name_required', 'errors.organisation.short_name_too_long'),
    defaultLanguage: z.enum(LANGUAGES.map((l) => l.code), { error: 'errors.organisation.language_required' }),
    timeZone: z
      .string({ error: 'errors.organisation.time_zone_required' })
      .trim()
      .min(1, 'errors.organisation.time_zone_required')
      .max(64, 'errors.organisation.time_zone_unknown')
      .refine((value) => timeZones.has(value), 'errors.organisation.time_zone_unknown'),
    country: z.enum(CRISIS_COUNTRIES, { error: 'errors.organisation.country_required' }),
    crisisText: optionalText(2000, 'errors.organisation.crisis_text_too_long'),
    accessNeedsDays: wholeDays,
  }),
  order: ['name', 'shortName', 'defaultLanguage', 'timeZone', 'country', 'crisisText', 'accessNeedsDays'],
} as const;

export const inviteForm = {
  schema: z.strictObject({
    // Every message speaks about the person being invited, not the facilitator filling in the form.
    displayName: requiredLine(100, 'errors.invite.name_required', 'errors.invite.name_too_long'),
    email: emailField('errors.invite.email_required', 'errors.invite.email_format'),
    permission: z.enum(permissionValues, { error: 'errors.permission.required' }),
  }),
  order: ['displayName', 'email', 'permission'],
} as const;

/** Sending an invitation again: a button, nothing to fill in (anything else in the form is refused). */
export const resendForm = {
  schema: z.strictObject({}),
  order: [],
} as const;

export const permissionForm = {
  schema: z.strictObject({ permission: z.enum(permissionValues, { error: 'errors.permission.required' }) }),
  order: ['permission'],
} as const;

export const switchForm = {
  schema: z.strictObject({ organisationId: z.string({ error: 'errors.organisation.choose' }).min(1, 'errors.organisation.choose').max(64, 'errors.organisation.choose') }),
  order: ['organisationId'],
} as const;
