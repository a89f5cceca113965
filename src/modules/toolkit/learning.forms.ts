import { z } from 'zod';
import { checksFor, type TopicKey } from './learning.registry.js';

/**
 * The knowledge check of one topic: one answer per question. Each question's message names it by its number (the
 * number its legend shows), so a page with both unanswered does not list the same words twice.
 */
export function checkForm(topic: TopicKey) {
  const checks = checksFor(topic);
  const id = (key: string) => `check-${key.replace('.', '-')}`;
  const shape = Object.fromEntries(checks.map((c, i) => [id(c.key), z.enum(c.options as [string, ...string[]], { error: `errors.learning.answer_required.${String(i + 1)}` })]));
  return { schema: z.strictObject(shape), order: checks.map((c) => id(c.key)), id } as const;
}
