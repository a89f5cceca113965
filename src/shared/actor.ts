import type { Permission } from '../db/database.js';

/** Who is acting, in which organisation, with what permission. Services authorise against this. */
export interface Actor {
  readonly accountId: string;
  readonly personId: string;
  readonly organisationId: string;
  readonly permission: Permission;
  readonly displayName: string;
  readonly email: string;
}

export const PERMISSIONS: readonly Permission[] = ['member', 'facilitator', 'admin'];

const RANK: Record<Permission, number> = { member: 0, facilitator: 1, admin: 2 };

export function atLeast(actor: Pick<Actor, 'permission'>, permission: Permission): boolean {
  return RANK[actor.permission] >= RANK[permission];
}
