import { z } from 'zod';
import { optionalText, requiredText, optionalLine } from '../../shared/forms.js';
import {
  ACTION_STATUSES,
  commentInputId,
  LIMITS,
  PRINCIPLE_KEYS,
  questionInputId,
  questionsFor,
  REVIEW_MODES,
  type PrincipleKey,
} from './reviews.registry.js';

const ANSWER_VALUES = ['0', '1', '2', '3', '4', '5'] as const;

/**
 * One page of the review form: the questions under one principle, each with the five-point scale or "don't know" and
 * an optional comment; a group review adds the discussion notes. Every question needs an answer ("don't know" is one).
 */
/**
 * One page of a review's questions. As a draft (saved by the page's script while the person types), a question may
 * still be unanswered; a comment's length is checked either way.
 */
export function answerPageForm(principle: PrincipleKey, group: boolean, draft = false) {
  const shape: Record<string, z.ZodType> = {};
  const order: string[] = [];
  for (const question of questionsFor(principle)) {
    const id = questionInputId(question.key);
    const answer = z.enum(ANSWER_VALUES, { error: 'errors.reviews.answer_required' });
    shape[id] = draft ? answer.optional() : answer;
    shape[commentInputId(question.key)] = optionalText(LIMITS.comment, 'errors.reviews.comment_too_long');
    order.push(id, commentInputId(question.key));
  }
  if (group) {
    shape['notes'] = optionalText(LIMITS.notes, 'errors.reviews.notes_too_long');
    order.push('notes');
  }
  shape['then'] = z.enum(['continue', 'later']).optional();
  return { schema: z.strictObject(shape), order } as const;
}

export const newReviewForm = {
  schema: z
    .strictObject({
      subjectKind: z.enum(['project', 'service', 'organisation'], { error: 'errors.reviews.subject_required' }),
      projectId: z.string().max(64).optional(),
      serviceName: optionalLine(LIMITS.serviceName, 'errors.reviews.service_name_too_long'),
      mode: z.enum(REVIEW_MODES, { error: 'errors.reviews.mode_required' }),
    })
    .superRefine((value, ctx) => {
      if (value.subjectKind === 'project' && (value.projectId === undefined || value.projectId === '')) {
        ctx.addIssue({ code: 'custom', path: ['projectId'], message: 'errors.reviews.project_required' });
      }
      if (value.subjectKind === 'service' && value.serviceName === null) {
        ctx.addIssue({ code: 'custom', path: ['serviceName'], message: 'errors.reviews.service_name_required' });
      }
    }),
  order: ['subjectKind', 'projectId', 'serviceName', 'mode'],
} as const;

export type DatePart = 'day' | 'month' | 'year';
export type DateProblem = 'required' | 'missing_day' | 'missing_month' | 'missing_year' | 'not_real' | 'year_four_digits' | 'out_of_range';

/** A GOV.UK date (three boxes). The problem names the first wrong part, which is where the error points. */
export function checkDate(day: string, month: string, year: string): { ok: true; iso: string } | { ok: false; problem: DateProblem; part: DatePart } {
  const parts = { day: day.trim(), month: month.trim(), year: year.trim() };
  if (parts.day === '' && parts.month === '' && parts.year === '') return { ok: false, problem: 'required', part: 'day' };
  for (const part of ['day', 'month', 'year'] as const) {
    if (parts[part] === '') return { ok: false, problem: `missing_${part}`, part };
  }
  for (const part of ['day', 'month', 'year'] as const) {
    if (!/^\d{1,4}$/.test(parts[part])) return { ok: false, problem: 'not_real', part };
  }
  if (parts.year.length !== 4) return { ok: false, problem: 'year_four_digits', part: 'year' };
  const d = Number(parts.day);
  const m = Number(parts.month);
  const y = Number(parts.year);
  if (m < 1 || m > 12) return { ok: false, problem: 'not_real', part: 'month' };
  if (d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return { ok: false, problem: 'not_real', part: 'day' };
  if (y < 2000 || y > 2100) return { ok: false, problem: 'out_of_range', part: 'year' };
  return { ok: true, iso: `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

const datePart = () => z.string().max(10).optional().transform((v) => v ?? '');

/** The SMART action: what, who, by when, how we will know. The date error points at its first wrong part. */
export const actionForm = {
  schema: z
    .strictObject({
      principle: z.enum(PRINCIPLE_KEYS, { error: 'errors.reviews.principle_required' }),
      what: requiredText(LIMITS.what, 'errors.reviews.what_required', 'errors.reviews.what_too_long'),
      ownerId: z.string({ error: 'errors.reviews.owner_required' }).min(1, 'errors.reviews.owner_required').max(64, 'errors.reviews.owner_required'),
      'dueOn-day': datePart(),
      'dueOn-month': datePart(),
      'dueOn-year': datePart(),
      howKnow: requiredText(LIMITS.howKnow, 'errors.reviews.how_know_required', 'errors.reviews.how_know_too_long'),
    })
    // Runs even when other fields are wrong, so every message shows at once.
    .superRefine(
      (value, ctx) => {
        const raw = value as Record<string, unknown>;
        const text = (key: string) => (typeof raw[key] === 'string' ? raw[key] : '');
        const date = checkDate(text('dueOn-day'), text('dueOn-month'), text('dueOn-year'));
        if (!date.ok) ctx.addIssue({ code: 'custom', path: [date.part === 'day' ? 'dueOn' : `dueOn-${date.part}`], message: `errors.reviews.due.${date.problem}` });
      },
      { when: () => true },
    )
    .transform((value) => {
      const date = checkDate(value['dueOn-day'], value['dueOn-month'], value['dueOn-year']);
      return { principle: value.principle, what: value.what, ownerId: value.ownerId, dueOn: date.ok ? date.iso : '', howKnow: value.howKnow };
    }),
  order: ['principle', 'what', 'ownerId', 'dueOn', 'dueOn-month', 'dueOn-year', 'howKnow'],
  /** The date's own error goes on its first box. */
  ids: { dueOn: 'dueOn-day' },
} as const;

export const progressForm = {
  schema: z.strictObject({
    status: z.enum(ACTION_STATUSES, { error: 'errors.reviews.status_required' }),
    note: optionalText(LIMITS.progressNote, 'errors.reviews.note_too_long'),
  }),
  order: ['status', 'note'],
} as const;
