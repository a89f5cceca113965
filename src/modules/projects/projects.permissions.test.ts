import { describe, expect, it } from 'vitest';
import type { Permission } from '../../db/database.js';
import { abilities, can, canSee, type ProjectAction } from './projects.permissions.js';
import type { Circle, Visibility } from './projects.registry.js';

type Who = [Permission, Circle | null];

const everyone: Who[] = [
  ['member', null], ['member', 'consulted'], ['member', 'involved'], ['member', 'participants'], ['member', 'co_producers'],
  ['facilitator', null], ['facilitator', 'participants'], ['admin', null],
];

const label = ([permission, circle]: Who) => `${permission} ${circle ?? 'outside the circle'}`;

describe('who sees a project', () => {
  it.each(everyone)('an open project is seen by every %s %s', (permission, circle) => {
    expect(canSee({ permission, circle }, { visibility: 'open' })).toBe(true);
  });

  it.each([
    ['member', null, false], ['member', 'consulted', true], ['facilitator', null, false], ['facilitator', 'participants', true], ['admin', null, true],
  ] as const)('an invite-only project: %s in %s sees it: %s', (permission, circle, expected) => {
    expect(canSee({ permission, circle }, { visibility: 'invite_only' })).toBe(expected);
  });
});

describe('what each person may do', () => {
  // Rows: action, then the people (by label) who may do it on an open project.
  const table: [ProjectAction, string[]][] = [
    ['view', everyone.map(label)],
    ['create', ['facilitator outside the circle', 'facilitator participants', 'admin outside the circle']],
    ['change_circle', ['member co_producers', 'facilitator outside the circle', 'facilitator participants', 'admin outside the circle']],
    ['move_stage', ['member co_producers', 'facilitator outside the circle', 'facilitator participants', 'admin outside the circle']],
    ['edit_agreement', ['member co_producers', 'facilitator outside the circle', 'facilitator participants', 'admin outside the circle']],
    ['manage_tasks', ['member co_producers', 'facilitator outside the circle', 'facilitator participants', 'admin outside the circle']],
    ['post_update', ['member co_producers']],
    ['respond_to_agreement', ['member co_producers']],
    ['volunteer', ['member consulted', 'member involved', 'member participants', 'member co_producers', 'facilitator participants']],
    ['rate_success', ['member consulted', 'member involved', 'member participants', 'member co_producers', 'facilitator participants']],
  ];

  it.each(table)('%s', (action, allowed) => {
    const who = everyone.filter(([permission, circle]) => can({ permission, circle }, action, { visibility: 'open' })).map(label);
    expect(who).toEqual(allowed);
  });

  it('nobody outside an invite-only project may do anything in it, except an admin; creating is not about a project', () => {
    const visibility: Visibility = 'invite_only';
    const outsider = abilities({ permission: 'facilitator', circle: null }, { visibility });
    expect(Object.entries(outsider).filter(([, yes]) => yes).map(([a]) => a)).toEqual(['create']);
    expect(abilities({ permission: 'admin', circle: null }, { visibility }).change_circle).toBe(true);
    expect(abilities({ permission: 'member', circle: 'co_producers' }, { visibility }).post_update).toBe(true);
  });
});
