import { z } from 'zod';
import { checksFor, type TopicKey } from './learning.registry.js';

/** The knowledge check of one topic: one answer per question. */
export function checkForm(topic: TopicKey) {
  const checks = checksFor(topic);
  const id = (key: string) => `check-${key.replace('.', '-')}`;
  const shape = Object.fromEntries(checks.map((c) => [id(c.key), z.enum(c.options as [string, ...string[]], { error: 'errors.learning.answer_required' })]));
  return { schema: z.strictObject(shape), order: checks.map((c) => id(c.key)), id } as const;
}
