import { z } from 'zod';
import { optionalLine, optionalText, requiredLine, requiredText } from '../../shared/forms.js';
import { CRISIS_LINE_REACH, crisisLineHref } from '../../shared/crisis-lines.js';

/** One crisis line: who, what for, how to reach it (a number to call or text, or words), and when it is open. */
export const crisisLineForm = {
  schema: z
    .strictObject({
      name: requiredLine(80, 'errors.crisis_lines.name_required', 'errors.crisis_lines.name_too_long'),
      purpose: requiredText(300, 'errors.crisis_lines.purpose_required', 'errors.crisis_lines.purpose_too_long'),
      reach: z.enum(CRISIS_LINE_REACH, { error: 'errors.crisis_lines.reach_required' }),
      number: optionalLine(30, 'errors.crisis_lines.number_format'),
      instruction: optionalText(300, 'errors.crisis_lines.instruction_too_long'),
      hours: optionalLine(100, 'errors.crisis_lines.hours_too_long'),
    })
    .superRefine((value, context) => {
      if (value.reach === 'other') {
        if (value.instruction === null) context.addIssue({ code: 'custom', path: ['instruction'], message: 'errors.crisis_lines.instruction_required' });
        return;
      }
      if (value.number === null) context.addIssue({ code: 'custom', path: ['number'], message: 'errors.crisis_lines.number_required' });
      else if (crisisLineHref(value.reach, value.number) === null) context.addIssue({ code: 'custom', path: ['number'], message: 'errors.crisis_lines.number_format' });
    }),
  order: ['name', 'purpose', 'reach', 'number', 'instruction', 'hours'],
} as const;

/** Buttons on the list page: nothing but the CSRF token. */
export const emptyForm = { schema: z.strictObject({}), order: [] as string[] } as const;
