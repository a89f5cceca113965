import { atLeast, type Actor } from '../../shared/actor.js';
import type { ReviewMode, SubjectKind } from './reviews.registry.js';

export interface ReviewResource {
  readonly subjectKind: SubjectKind;
  readonly mode: ReviewMode;
  readonly status: 'open' | 'closed';
  /** For a practice review: the only person who may see it. */
  readonly ownerPersonId: string | null;
}

export type ReviewAction =
  | 'view' // the review and its combined results
  | 'answer' // answer privately (an individual review)
  | 'record_group' // record the group's agreed answers and notes
  | 'close'
  | 'publish' // publish a round of combined results (ADR 0014)
  | 'plan'; // add actions to its plan

type Who = Pick<Actor, 'permission' | 'personId'>;

/** A practice review is one person's own: nobody else may see or touch it, whatever their permission. */
function isOwnPractice(actor: Who, review: ReviewResource): boolean {
  return review.subjectKind === 'practice' && review.ownerPersonId === actor.personId;
}

export function canReview(actor: Who, action: ReviewAction, review: ReviewResource): boolean {
  if (review.subjectKind === 'practice') {
    if (!isOwnPractice(actor, review)) return false;
    if (action === 'record_group' || action === 'publish') return false;
    if (action === 'answer') return review.status === 'open';
    return true;
  }
  switch (action) {
    case 'view':
      return true;
    case 'answer':
      return review.mode === 'individual' && review.status === 'open';
    case 'record_group':
      return review.mode === 'group' && review.status === 'open' && atLeast(actor, 'facilitator');
    case 'publish':
      return review.mode === 'individual' && review.status === 'open' && atLeast(actor, 'facilitator');
    case 'close':
    case 'plan':
      return atLeast(actor, 'facilitator');
  }
}

/** Starting a review of a project, a service or the organisation is a facilitator's job; anyone may review their own practice. */
export function canStartReview(actor: Pick<Actor, 'permission'>, subjectKind: SubjectKind): boolean {
  return subjectKind === 'practice' || atLeast(actor, 'facilitator');
}

export interface ActionResource {
  readonly ownerPersonId: string | null;
  readonly review: ReviewResource;
}

/** Progress on an action: whoever owns it, or a facilitator (for a practice review, only its owner). */
export function canUpdateAction(actor: Who, action: ActionResource): boolean {
  if (!canReview(actor, 'view', action.review)) return false;
  return action.ownerPersonId === actor.personId || canReview(actor, 'plan', action.review);
}
