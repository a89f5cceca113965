import { z } from 'zod';
import { optionalText, requiredText, requiredLine } from '../../shared/forms.js';
import { checkDate, everyTime, dateFields, issuePath, messageKey, partsOf } from './dates.js';
import { EQUAL_DELIVERY_ANSWERS, STAGES, VISIBILITIES } from './projects.registry.js';

/** Project details. Dates are optional; when both are given the end is not before the start. */
export const projectForm = {
  schema: z
    .strictObject({
      title: requiredLine(120, 'errors.projects.title.required', 'errors.projects.title.too_long'),
      purpose: requiredText(2000, 'errors.projects.purpose.required', 'errors.projects.purpose.too_long'),
      whoFor: requiredText(1000, 'errors.projects.who_for.required', 'errors.projects.who_for.too_long'),
      ...dateFields('startsOn'),
      ...dateFields('endsOn'),
      visibility: z.enum(VISIBILITIES, { error: 'errors.projects.visibility.required' }),
    })
    .superRefine((value, ctx) => {
      const starts = checkDate(partsOf(value, 'startsOn'), false);
      const ends = checkDate(partsOf(value, 'endsOn'), false);
      if (!starts.ok) ctx.addIssue({ code: 'custom', path: [issuePath('startsOn', starts)], message: messageKey('starts_on', starts.problem) });
      if (!ends.ok) ctx.addIssue({ code: 'custom', path: [issuePath('endsOn', ends)], message: messageKey('ends_on', ends.problem) });
      if (starts.ok && ends.ok && starts.iso !== null && ends.iso !== null && ends.iso < starts.iso) {
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'errors.projects.dates.ends_on.before_start' });
      }
    }, everyTime)
    .transform((value) => {
      const starts = checkDate(partsOf(value, 'startsOn'), false);
      const ends = checkDate(partsOf(value, 'endsOn'), false);
      return {
        title: value.title,
        purpose: value.purpose,
        whoFor: value.whoFor,
        startsOn: starts.ok ? starts.iso : null,
        endsOn: ends.ok ? ends.iso : null,
        visibility: value.visibility,
      };
    }),
  order: ['title', 'purpose', 'whoFor', 'startsOn', 'startsOn-month', 'startsOn-year', 'endsOn', 'endsOn-month', 'endsOn-year', 'visibility'],
  ids: { startsOn: 'startsOn-day', endsOn: 'endsOn-day' },
} as const;

export type ProjectInput = z.output<typeof projectForm.schema>;

export const stageForm = {
  schema: z.strictObject({
    stage: z.enum(STAGES, { error: 'errors.projects.stage.required' }),
    note: requiredText(2000, 'errors.projects.stage_note.required', 'errors.projects.stage_note.too_long'),
  }),
  order: ['stage', 'note'],
} as const;

export const agreementForm = {
  schema: z.strictObject({
    power: optionalText(2000, 'errors.projects.agreement.too_long'),
    responsibilities: optionalText(2000, 'errors.projects.agreement.too_long'),
    support: optionalText(2000, 'errors.projects.agreement.too_long'),
    equalDelivery: z.enum(EQUAL_DELIVERY_ANSWERS, { error: 'errors.projects.agreement.equal_delivery_required' }),
    equalDeliveryNote: optionalText(2000, 'errors.projects.agreement.too_long'),
  }),
  order: ['power', 'responsibilities', 'support', 'equalDelivery', 'equalDeliveryNote'],
} as const;

export type AgreementInput = z.output<typeof agreementForm.schema>;

export const agreementResponseForm = {
  schema: z
    .strictObject({
      agrees: z.enum(['yes', 'no'], { error: 'errors.projects.agreement.response_required' }),
      comment: optionalText(1000, 'errors.projects.agreement.comment_too_long'),
    })
    .superRefine((value, ctx) => {
      // Someone who does not agree says why, so the co-producers can do something about it.
      if (value.agrees === 'no' && value.comment === null) {
        ctx.addIssue({ code: 'custom', path: ['comment'], message: 'errors.projects.agreement.comment_required' });
      }
    }),
  order: ['agrees', 'comment'],
} as const;

export const updateForm = {
  schema: z.strictObject({
    body: requiredText(4000, 'errors.projects.update.body_required', 'errors.projects.update.body_too_long'),
    quoted: optionalText(2000, 'errors.projects.update.quoted_too_long'),
  }),
  order: ['body', 'quoted'],
} as const;
