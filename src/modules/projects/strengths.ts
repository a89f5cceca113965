import { normaliseLabel } from '../people/people.registry.js';

/**
 * How a strength's label is compared: the same rule as people's strengths on their one-page profiles (issue #3), so
 * a task that needs "Cooking " finds people who offer "cooking".
 */
export function normaliseStrength(label: string): string {
  return normaliseLabel(label);
}
