import type { Permission } from '../../db/database.js';
import { atLeast, type Actor } from '../../shared/actor.js';

export type OrganisationAction = 'view_people_admin' | 'invite' | 'change_permission' | 'edit_settings';

/** Pure rules: what an actor may do in their own organisation. */
export function can(actor: Pick<Actor, 'permission'>, action: OrganisationAction): boolean {
  switch (action) {
    case 'view_people_admin':
    case 'invite':
      return atLeast(actor, 'facilitator');
    case 'change_permission':
    case 'edit_settings':
      return atLeast(actor, 'admin');
  }
}

/** Which permissions an actor may give when inviting. */
export function grantable(actor: Pick<Actor, 'permission'>): Permission[] {
  return atLeast(actor, 'admin') ? ['member', 'facilitator', 'admin'] : atLeast(actor, 'facilitator') ? ['member', 'facilitator'] : [];
}
