import { z } from 'zod';
import { optionalText, requiredLine } from '../../shared/forms.js';
import { BANDS, LIMITS, RUNG_KEYS, SCOPES, type Band, type RungKey } from './ladder.registry.js';

const text = () => optionalText(LIMITS.text, 'errors.ladder.too_long');

export const reflectionOrder: readonly string[] = [
  'scope', 'title',
  ...BANDS.flatMap((b) => [`${b}-what`, `${b}-rung`, `${b}-outcomes`, `${b}-better`]),
  'tend', 'moveUp', 'skills', 'share',
];

const shape = {
  scope: z.enum(SCOPES, { error: 'errors.ladder.scope_required' }),
  title: requiredLine(LIMITS.title, 'errors.ladder.title_required', 'errors.ladder.title_too_long'),
  ...Object.fromEntries(
    BANDS.flatMap((b) => [
      [`${b}-what`, text()],
      [`${b}-rung`, z.union([z.enum(RUNG_KEYS), z.literal('')], { error: 'errors.ladder.rung_required' }).optional()],
      [`${b}-outcomes`, text()],
      [`${b}-better`, text()],
    ]),
  ),
  tend: text(),
  moveUp: text(),
  skills: text(),
  share: z.literal('yes').optional(),
} as Record<string, z.ZodType>;

export interface EntryInput {
  readonly section: Band;
  readonly what: string;
  readonly rung: RungKey;
  readonly outcomes: string | null;
  readonly better: string | null;
}

export interface ReflectionInput {
  readonly scope: (typeof SCOPES)[number];
  readonly title: string;
  readonly entries: EntryInput[];
  readonly tend: string | null;
  readonly moveUp: string | null;
  readonly skills: string | null;
  readonly share: boolean;
}

/** The exercise sheet. At least one of doing to / for / with; each example given needs its place on the ladder. */
export const reflectionForm = {
  schema: z
    .strictObject(shape)
    .superRefine(
      (raw, ctx) => {
        const value = raw as Record<string, unknown>;
        if (BANDS.every((b) => typeof value[`${b}-what`] !== 'string' || value[`${b}-what`] === '')) {
          ctx.addIssue({ code: 'custom', path: ['doing_to-what'], message: 'errors.ladder.one_example' });
        }
        for (const b of BANDS) {
          const what = value[`${b}-what`];
          const rung = value[`${b}-rung`];
          if (typeof what === 'string' && what !== '' && (typeof rung !== 'string' || rung === '')) {
            ctx.addIssue({ code: 'custom', path: [`${b}-rung`], message: 'errors.ladder.rung_required' });
          }
        }
      },
      { when: () => true },
    )
    .transform((raw): ReflectionInput => {
      const value = raw as Record<string, string | null | undefined>;
      const entries = BANDS.flatMap((section): EntryInput[] => {
        const what = value[`${section}-what`];
        const rung = value[`${section}-rung`];
        if (typeof what !== 'string' || what === '' || typeof rung !== 'string' || rung === '') return [];
        return [{ section, what, rung: rung as RungKey, outcomes: value[`${section}-outcomes`] ?? null, better: value[`${section}-better`] ?? null }];
      });
      return {
        scope: value['scope'] as ReflectionInput['scope'],
        title: value['title'] ?? '',
        entries,
        tend: value['tend'] ?? null,
        moveUp: value['moveUp'] ?? null,
        skills: value['skills'] ?? null,
        share: value['share'] === 'yes',
      };
    }),
  order: reflectionOrder,
} as const;

export const shareForm = {
  schema: z.strictObject({ share: z.enum(['yes', 'no'], { error: 'errors.ladder.share_required' }) }),
  order: ['share'],
} as const;
