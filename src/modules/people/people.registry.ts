/**
 * The fixed lists behind a person and their one-page profile, as data. Labels are i18n keys (people.json), so a new
 * perspective or access need is one line here and one line per language.
 */
import type { BuiltinHeadingKey, ProfileVisibility, StrengthKind } from '../../db/database.js';

export interface RegistryEntry<K extends string> {
  readonly key: K;
  /** i18n key of the label. */
  readonly label: string;
  /** i18n key of a hint, when the label needs one. */
  readonly hint?: string;
}

function entries<K extends string>(group: string, keys: readonly K[], hinted: readonly K[] = []): readonly RegistryEntry<K>[] {
  return keys.map((key) => ({ key, label: `${group}.${key}`, ...(hinted.includes(key) ? { hint: `${group}.${key}_hint` } : {}) }));
}

/** How a person describes their standpoint. Several allowed; self-described; used only in aggregate. */
export const PERSPECTIVE_KEYS = [
  'lived_experience',
  'family_carer',
  'peer_supporter',
  'volunteer',
  'professional_staff',
  'commissioner',
  'community_partner',
] as const;
export type Perspective = (typeof PERSPECTIVE_KEYS)[number];
export const PERSPECTIVES = entries('perspectives', PERSPECTIVE_KEYS, ['lived_experience', 'community_partner']);

/** How a person prefers to take part. */
export const PARTICIPATION_WAY_KEYS = ['in_person', 'online', 'phone', 'with_supporter', 'in_writing'] as const;
export type ParticipationWay = (typeof PARTICIPATION_WAY_KEYS)[number];
export const PARTICIPATION_WAYS = entries('participation_ways', PARTICIPATION_WAY_KEYS);

/** What helps a person take part. `other` reveals a text box. */
export const ACCESS_NEED_KEYS = ['easy_read', 'large_print', 'interpreter', 'bsl', 'quiet_space', 'step_free', 'other'] as const;
export type AccessNeed = (typeof ACCESS_NEED_KEYS)[number];
export const ACCESS_NEEDS = entries('access_needs', ACCESS_NEED_KEYS);

/** Who sees a profile. `organisation` is the default. */
export const PROFILE_VISIBILITY_KEYS = ['organisation', 'projects', 'private'] as const satisfies readonly ProfileVisibility[];
export const PROFILE_VISIBILITY = entries('visibility', PROFILE_VISIBILITY_KEYS, [...PROFILE_VISIBILITY_KEYS]);
export const DEFAULT_VISIBILITY: ProfileVisibility = 'organisation';

/** The toolkit's three headings, in its order. Organisations may rename them, never remove them. */
export const BUILTIN_HEADING_KEYS = ['appreciate', 'important', 'support'] as const satisfies readonly BuiltinHeadingKey[];
export const BUILTIN_HEADINGS = BUILTIN_HEADING_KEYS.map((key) => ({ key, label: `profile_headings.${key}`, hint: `profile_headings.${key}_hint` }));

/** Up to this many headings of an organisation's own, after the three from the toolkit. */
export const MAX_EXTRA_HEADINGS = 5;

export const STRENGTH_KINDS = ['offer', 'grow'] as const satisfies readonly StrengthKind[];

/** Lengths of every free-text field: the forms check them and tell people the limit. */
export const LIMITS = {
  displayName: 100,
  knownAs: 60,
  pronouns: 40,
  age: 30,
  answer: 2000,
  perspectiveDescription: 500,
  accessNeedsOther: 500,
  consentNote: 500,
  strength: 60,
  appreciation: 1000,
  headingLabel: 80,
  search: 100,
} as const;

/** Most strengths a person can list of each kind: a one-page profile stays one page. */
export const MAX_STRENGTHS_PER_KIND = 15;

export function isPerspective(value: string): value is Perspective {
  return (PERSPECTIVE_KEYS as readonly string[]).includes(value);
}

export function isParticipationWay(value: string): value is ParticipationWay {
  return (PARTICIPATION_WAY_KEYS as readonly string[]).includes(value);
}

export function isAccessNeed(value: string): value is AccessNeed {
  return (ACCESS_NEED_KEYS as readonly string[]).includes(value);
}

/** The same strength typed differently ("  Graphic  design", "graphic design") is one strength. */
export function normaliseLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Tidy a label for display: trimmed, single spaces, the person's own capitals kept. */
export function tidyLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ');
}
