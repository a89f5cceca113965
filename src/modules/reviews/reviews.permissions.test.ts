import { describe, expect, it } from 'vitest';
import type { Permission } from '../../db/database.js';
import { canReview, canStartReview, canUpdateAction, type ReviewAction, type ReviewResource } from './reviews.permissions.js';

const shared = (mode: 'individual' | 'group', status: 'open' | 'closed' = 'open'): ReviewResource => ({ subjectKind: 'organisation', mode, status, ownerPersonId: null });
const practice = (owner: string, status: 'open' | 'closed' = 'open'): ReviewResource => ({ subjectKind: 'practice', mode: 'individual', status, ownerPersonId: owner });
const who = (permission: Permission, personId = 'me') => ({ permission, personId });

type Row = [string, ReviewResource, ReviewAction, Record<Permission, boolean>];
const all = { member: true, facilitator: true, admin: true };
const none = { member: false, facilitator: false, admin: false };
const facilitators = { member: false, facilitator: true, admin: true };

const TABLE: Row[] = [
  ['open individual review', shared('individual'), 'view', all],
  ['open individual review', shared('individual'), 'answer', all],
  ['open individual review', shared('individual'), 'record_group', none],
  ['open individual review', shared('individual'), 'plan', facilitators],
  ['open individual review', shared('individual'), 'close', facilitators],
  ['closed individual review', shared('individual', 'closed'), 'answer', none],
  ['open individual review', shared('individual'), 'publish', facilitators],
  ['closed individual review', shared('individual', 'closed'), 'publish', none],
  ['open group review', shared('group'), 'publish', none],
  ['my practice review', practice('me'), 'publish', none],
  ['open group review', shared('group'), 'answer', none],
  ['open group review', shared('group'), 'record_group', facilitators],
  ['closed group review', shared('group', 'closed'), 'record_group', none],
  ['my practice review', practice('me'), 'view', all],
  ['my practice review', practice('me'), 'answer', all],
  ['my practice review', practice('me'), 'plan', all],
  ['my practice review', practice('me'), 'record_group', none],
  ['someone else\'s practice review', practice('them'), 'view', none],
  ['someone else\'s practice review', practice('them'), 'answer', none],
  ['someone else\'s practice review', practice('them'), 'plan', none],
];

describe('canReview', () => {
  const cases = TABLE.flatMap(([label, review, action, allowed]) =>
    (Object.keys(allowed) as Permission[]).map((permission) => ({ label, review, action, permission, allowed: allowed[permission] })),
  );
  it.each(cases)('a $permission may $action on $label: $allowed', ({ review, action, permission, allowed }) => {
    expect(canReview(who(permission), action, review)).toBe(allowed);
  });
});

describe('canStartReview', () => {
  it.each([
    ['member', 'project', false], ['member', 'service', false], ['member', 'organisation', false], ['member', 'practice', true],
    ['facilitator', 'project', true], ['admin', 'organisation', true],
  ] as const)('a %s may start a %s review: %s', (permission, kind, allowed) => {
    expect(canStartReview({ permission }, kind)).toBe(allowed);
  });
});

describe('canUpdateAction', () => {
  it.each([
    ['member', 'me', shared('individual'), true],
    ['member', 'them', shared('individual'), false],
    ['facilitator', 'them', shared('individual'), true],
    ['admin', 'them', practice('them'), false],
    ['member', 'me', practice('me'), true],
  ] as const)('a %s, action owned by %s: %s', (permission, owner, review, allowed) => {
    expect(canUpdateAction(who(permission), { ownerPersonId: owner, review })).toBe(allowed);
  });
});
