import { z } from 'zod';
import { optionalText, optionalLine } from '../../shared/forms.js';
import { everyTime } from './dates.js';
import { CIRCLES, DOMAINS, FREQUENCIES, LEVELS, looksLikeRoleOrGroup, TELL_BY } from './projects.registry.js';

const circle = z.enum(CIRCLES, { error: 'errors.projects.circle.circle_required' });
const domain = z.enum(DOMAINS, { error: 'errors.projects.circle.domain_required' });
const note = optionalText(1000, 'errors.projects.circle.note_too_long');
const id = z.string().max(64);

/** The longest name searched for among the people who could be added. */
export const FIND_MAX = 100;

/**
 * Part of a name, to list the people outside the circle whose name holds it (the circle page's query string, for a
 * large organisation: see circle.find.ts).
 */
export const circleFind = {
  schema: z.object({
    find: z.string().trim().max(FIND_MAX, 'errors.projects.circle.find_too_long').optional().transform((v) => v ?? ''),
  }),
  order: ['find'],
} as const;

/**
 * Put a named person in the circle: someone already here, or a new person record made on the spot by name.
 * Names only, as the tool asks: no job titles or groups.
 */
export const addToCircleForm = {
  schema: z
    .strictObject({
      // The name searched for to list people (circleFind), sent again so the list stays as it was if the form has errors.
      find: z.string().max(FIND_MAX).optional(),
      personId: id.optional().transform((v) => (v === undefined || v === '' ? null : v)),
      newName: optionalLine(100, 'errors.projects.circle.name_too_long'),
      circle,
      level: z
        .union([z.literal(''), z.enum(LEVELS)], { error: 'errors.projects.circle.level_required' })
        .optional()
        .transform((v) => (v === undefined || v === '' ? null : v)),
      domain,
      note,
    })
    .superRefine((value, ctx) => {
      if (value.personId === null && value.newName === null) {
        ctx.addIssue({ code: 'custom', path: ['personId'], message: 'errors.projects.circle.person_required' });
      } else if (value.personId !== null && value.newName !== null) {
        ctx.addIssue({ code: 'custom', path: ['newName'], message: 'errors.projects.circle.person_or_name' });
      } else if (typeof value.newName === 'string' && looksLikeRoleOrGroup(value.newName)) {
        ctx.addIssue({ code: 'custom', path: ['newName'], message: 'errors.projects.circle.name_is_role' });
      }
    }, everyTime),
  order: ['personId', 'newName', 'circle', 'level', 'domain', 'note'],
} as const;

export type AddToCircleInput = z.output<typeof addToCircleForm.schema>;

/** Move someone to another circle, level or domain; the reason is kept in the history. */
export const placementForm = {
  schema: z.strictObject({
    circle,
    level: z.enum(LEVELS, { error: 'errors.projects.circle.level_required' }),
    domain,
    note,
  }),
  order: ['circle', 'level', 'domain', 'note'],
} as const;

export type PlacementInput = z.output<typeof placementForm.schema>;

export const engagementForm = {
  schema: z.strictObject({
    engagementHow: optionalLine(300, 'errors.projects.engagement.how_too_long'),
    engagementHowOften: z
      .union([z.literal(''), z.enum(FREQUENCIES)], { error: 'errors.projects.engagement.how_often_unknown' })
      .optional()
      .transform((v) => (v === undefined || v === '' ? null : v)),
  }),
  order: ['engagementHow', 'engagementHowOften'],
} as const;

export type EngagementInput = z.output<typeof engagementForm.schema>;

export const tellByForm = {
  schema: z.strictObject({ tellBy: z.enum(TELL_BY, { error: 'errors.projects.tell_by.required' }) }),
  order: ['tellBy'],
} as const;

/** Forms that are only a button (the CSRF token is all they carry). */
export const emptyForm = { schema: z.strictObject({}), order: [] as string[] } as const;
