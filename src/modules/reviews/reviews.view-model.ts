/** Shaping review data for the templates: labels as i18n keys, radios with their checked value. Pure. */
import type { TFunction } from 'i18next';
import type { FormValues } from '../../shared/forms.js';
import type { ReviewRow } from './reviews.repository.js';
import {
  ANSWER_LABELS,
  commentInputId,
  LIMITS,
  PRINCIPLES,
  questionInputId,
  questionsFor,
  type AnswerValue,
  type PrincipleKey,
} from './reviews.registry.js';

const SCALE_ORDER: readonly AnswerValue[] = [1, 2, 3, 4, 5, 0];

export function subjectText(review: Pick<ReviewRow, 'subjectKind' | 'subjectLabel' | 'projectTitle'>, t: TFunction): string {
  const name = review.subjectKind === 'project' ? (review.projectTitle ?? '') : (review.subjectLabel ?? '');
  return t(`reviews.subject.${review.subjectKind}`, { name });
}

export interface QuestionView {
  readonly key: string;
  readonly id: string;
  readonly commentId: string;
  readonly text: string;
  readonly items: ({ value: string; text: string; checked: boolean } | { divider: string })[];
  readonly comment: string;
  readonly answerText: string | null;
}

/** The questions of one principle, worded for the review's subject, with what was saved or typed. */
export function questionViews(principle: PrincipleKey, practice: boolean, values: FormValues, t: TFunction): QuestionView[] {
  return questionsFor(principle).map((q) => {
    const id = questionInputId(q.key);
    const chosen = typeof values[id] === 'string' ? values[id] : '';
    const commentValue = values[commentInputId(q.key)];
    return {
      key: q.key,
      id,
      commentId: commentInputId(q.key),
      text: t(practice ? q.practice : q.text),
      items: SCALE_ORDER.flatMap((v) => [...(v === 0 ? [{ divider: t('reviews.scale.or') }] : []), { value: String(v), text: t(ANSWER_LABELS[v]), checked: chosen === String(v) }]),
      comment: typeof commentValue === 'string' ? commentValue : '',
      answerText: chosen === '' ? null : t(ANSWER_LABELS[Number(chosen) as AnswerValue]),
    };
  });
}

/** Saved answers as form values, so a page opens with them filled in. */
export function savedValues(answers: readonly { questionKey: string; value: number; comment: string | null }[], notes: string | null): FormValues {
  const values: FormValues = {};
  for (const a of answers) {
    values[questionInputId(a.questionKey)] = String(a.value);
    if (a.comment !== null) values[commentInputId(a.questionKey)] = a.comment;
  }
  if (notes !== null) values['notes'] = notes;
  return values;
}

export function principleInfo(principle: PrincipleKey) {
  const info = PRINCIPLES.find((p) => p.key === principle);
  if (info === undefined) throw new Error(`unknown principle ${principle}`);
  const next = PRINCIPLES[info.position];
  return { ...info, next: next?.key ?? null, previous: PRINCIPLES[info.position - 2]?.key ?? null };
}

export const limits = LIMITS;
