import { z } from 'zod';
import { optionalText, requiredText } from '../../shared/forms.js';
import { DONT_KNOW } from './projects.registry.js';

export const criterionForm = {
  schema: z.strictObject({
    text: requiredText(300, 'errors.projects.success.criterion_required', 'errors.projects.success.criterion_too_long'),
  }),
  order: ['text'],
} as const;

export const reviewForm = {
  schema: z.strictObject({ open: z.enum(['yes', 'no'], { error: 'errors.form.check_answer' }) }),
  order: ['open'],
} as const;

const scoreValue = z.enum(['1', '2', '3', '4', '5', DONT_KNOW], { error: 'errors.projects.success.score_required' });

/** One radio group and one comment per criterion, built from the project's criteria. */
export function ratingsForm(criterionIds: readonly string[]) {
  const shape: Record<string, z.ZodType> = {};
  const order: string[] = [];
  for (const id of criterionIds) {
    shape[`score-${id}`] = scoreValue;
    shape[`comment-${id}`] = optionalText(500, 'errors.projects.success.comment_too_long');
    order.push(`score-${id}`, `comment-${id}`);
  }
  const schema = z.strictObject(shape).transform((value) =>
    criterionIds.map((id) => {
      const raw = value[`score-${id}`] as string;
      return { criterionId: id, score: raw === DONT_KNOW ? null : Number(raw), comment: (value[`comment-${id}`] as string | null | undefined) ?? null };
    }),
  );
  return { schema, order };
}
