/**
 * Arnstein's Ladder of Participation, as the toolkit uses it: eight rungs, bottom to top, grouped into doing to,
 * doing for and doing with; and the toolkit's exercise sheet prompts. Text lives in ladder.json.
 */

export const BANDS = ['doing_to', 'doing_for', 'doing_with'] as const;
export type Band = (typeof BANDS)[number];

export const RUNG_KEYS = ['manipulation', 'therapy', 'informing', 'consultation', 'placation', 'partnership', 'delegated_power', 'citizen_control'] as const;
export type RungKey = (typeof RUNG_KEYS)[number];

export interface Rung {
  readonly key: RungKey;
  /** 1 (bottom) to 8 (top). */
  readonly position: number;
  readonly band: Band;
  readonly name: string;
}

/** Arnstein's non-participation rungs are "doing to", tokenism "doing for", citizen power "doing with". */
const BAND_OF: Readonly<Record<RungKey, Band>> = {
  manipulation: 'doing_to',
  therapy: 'doing_to',
  informing: 'doing_for',
  consultation: 'doing_for',
  placation: 'doing_for',
  partnership: 'doing_with',
  delegated_power: 'doing_with',
  citizen_control: 'doing_with',
};

export const RUNGS: readonly Rung[] = RUNG_KEYS.map((key, i) => ({ key, position: i + 1, band: BAND_OF[key], name: `ladder.rungs.${key}` }));

export function isRung(value: string): value is RungKey {
  return (RUNG_KEYS as readonly string[]).includes(value);
}

/** The exercise sheet: the same four prompts for doing to, doing for and doing with. */
export const SHEET_PROMPTS = ['what', 'rung', 'outcomes', 'better'] as const;
export type SheetPrompt = (typeof SHEET_PROMPTS)[number];

/** The toolkit's personal reflection questions. */
export const REFLECTION_KEYS = ['tend', 'moveUp', 'skills'] as const;
export type ReflectionKey = (typeof REFLECTION_KEYS)[number];

/** "What I did" for my own practice; the toolkit's adaptation says "what we do" for a service or project. */
export const SCOPES = ['practice', 'service'] as const;
export type Scope = (typeof SCOPES)[number];

export const LIMITS = { title: 120, text: 2000 } as const;
