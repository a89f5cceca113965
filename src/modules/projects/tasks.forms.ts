import { z } from 'zod';
import { optionalText, requiredLine } from '../../shared/forms.js';
import { checkDate, everyTime, dateFields, issuePath, messageKey, partsOf } from './dates.js';
import { normaliseStrength } from './strengths.js';

export const MAX_NEEDS = 10;
export const NEED_MAX_LENGTH = 60;

/** "Facilitation, baking; Italian" -> ["Facilitation", "baking", "Italian"], without repeats. */
export function splitNeeds(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const label = raw.trim().replace(/\s+/g, ' ');
    const key = normaliseStrength(label);
    if (label === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(label);
  }
  return out;
}

export const taskForm = {
  schema: z
    .strictObject({
      title: requiredLine(120, 'errors.projects.task.title_required', 'errors.projects.task.title_too_long'),
      details: optionalText(2000, 'errors.projects.task.details_too_long'),
      needs: z.string().max(1000, 'errors.projects.task.needs_too_long').optional(),
      ...dateFields('dueOn'),
    })
    .superRefine((value, ctx) => {
      const needs = splitNeeds(typeof value.needs === 'string' ? value.needs : '');
      if (needs.length > MAX_NEEDS) ctx.addIssue({ code: 'custom', path: ['needs'], message: 'errors.projects.task.too_many_needs' });
      else if (needs.some((n) => n.length > NEED_MAX_LENGTH)) ctx.addIssue({ code: 'custom', path: ['needs'], message: 'errors.projects.task.need_too_long' });
      const due = checkDate(partsOf(value, 'dueOn'), false);
      if (!due.ok) ctx.addIssue({ code: 'custom', path: [issuePath('dueOn', due)], message: messageKey('due_on', due.problem) });
    }, everyTime)
    .transform((value) => {
      const due = checkDate(partsOf(value, 'dueOn'), false);
      return { title: value.title, details: value.details, needs: splitNeeds(value.needs ?? ''), dueOn: due.ok ? due.iso : null };
    }),
  order: ['title', 'details', 'needs', 'dueOn', 'dueOn-month', 'dueOn-year'],
  ids: { dueOn: 'dueOn-day' },
} as const;

export type TaskInput = z.output<typeof taskForm.schema>;

export const ownerForm = {
  schema: z.strictObject({
    ownerId: z
      .string({ error: 'errors.projects.task.owner_required' })
      .max(64, 'errors.projects.task.owner_required')
      .transform((v) => (v === '' ? null : v)),
  }),
  order: ['ownerId'],
} as const;

export const statusForm = {
  schema: z.strictObject({ status: z.enum(['open', 'done'], { error: 'errors.projects.task.status_required' }) }),
  order: ['status'],
} as const;
