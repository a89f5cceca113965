import type { Actor } from '../../shared/actor.js';

export interface ReflectionResource {
  readonly personId: string;
  readonly shared: boolean;
}

export type LadderAction = 'view' | 'edit' | 'share';

/** Reflections are private: only their author, unless the author has shared one with the organisation (to read). */
export function canReflection(actor: Pick<Actor, 'personId'>, action: LadderAction, reflection: ReflectionResource): boolean {
  const own = reflection.personId === actor.personId;
  return action === 'view' ? own || reflection.shared : own;
}
