import { describe, expect, it } from 'vitest';
import type { Permission } from '../db/database.js';
import { atLeast, PERMISSIONS } from './actor.js';

describe('atLeast', () => {
  it.each([
    ['member', 'member', true],
    ['member', 'facilitator', false],
    ['member', 'admin', false],
    ['facilitator', 'member', true],
    ['facilitator', 'facilitator', true],
    ['facilitator', 'admin', false],
    ['admin', 'member', true],
    ['admin', 'facilitator', true],
    ['admin', 'admin', true],
  ] as const)('a %s has at least %s: %s', (held: Permission, needed: Permission, expected) => {
    expect(atLeast({ permission: held }, needed)).toBe(expected);
  });

  it('lists the permissions from least to most', () => {
    expect(PERMISSIONS).toEqual(['member', 'facilitator', 'admin']);
  });
});
