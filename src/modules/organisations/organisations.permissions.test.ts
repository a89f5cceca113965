import { describe, expect, it } from 'vitest';
import type { Permission } from '../../db/database.js';
import { can, grantable, type OrganisationAction } from './organisations.permissions.js';

const ALLOWED: Readonly<Record<OrganisationAction, Readonly<Record<Permission, boolean>>>> = {
  view_people_admin: { member: false, facilitator: true, admin: true },
  invite: { member: false, facilitator: true, admin: true },
  change_permission: { member: false, facilitator: false, admin: true },
  edit_settings: { member: false, facilitator: false, admin: true },
};

const cases = Object.entries(ALLOWED).flatMap(([action, row]) =>
  Object.entries(row).map(([permission, allowed]) => ({ action: action as OrganisationAction, permission: permission as Permission, allowed })),
);

describe('can', () => {
  it.each(cases)('$permission may $action: $allowed', ({ action, permission, allowed }) => {
    expect(can({ permission }, action)).toBe(allowed);
  });
});

describe('grantable', () => {
  it.each([
    ['member', []],
    ['facilitator', ['member', 'facilitator']],
    ['admin', ['member', 'facilitator', 'admin']],
  ] as const)('a %s may give %j when inviting', (permission, expected) => {
    expect(grantable({ permission })).toEqual(expected);
  });

  it('never lets anyone give more than they have', () => {
    const rank: Record<Permission, number> = { member: 0, facilitator: 1, admin: 2 };
    for (const permission of ['member', 'facilitator', 'admin'] as const) {
      for (const given of grantable({ permission })) expect(rank[given]).toBeLessThanOrEqual(rank[permission]);
    }
  });
});
