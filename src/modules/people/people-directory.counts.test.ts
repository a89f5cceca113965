import { describe, expect, it } from 'vitest';
import { countKey, RememberedCounts } from './people-directory.counts.js';
import type { DirectoryScope } from './people.permissions.js';

const member: DirectoryScope = { viewerPersonId: 'p-1', everyone: false, withoutAccount: false, sharingProjectIds: ['p-3', 'p-2'] };
const search = { q: 'Design', kind: 'offer' as const, labels: ['graphic design', 'poster design'] };

describe('the key of a remembered count', () => {
  it('is the same for the same organisation, version, viewer and search, however the search was typed', () => {
    expect(countKey('o', 3, member, search)).toBe(countKey('o', 3, { ...member, sharingProjectIds: ['p-2', 'p-3'] }, { ...search, q: '  design ' }));
  });

  it('changes with anything the count depends on', () => {
    const key = countKey('o', 3, member, search);
    const others = [
      countKey('other', 3, member, search),
      countKey('o', 4, member, search),
      countKey('o', 3, { ...member, viewerPersonId: 'p-9' }, search),
      countKey('o', 3, { ...member, withoutAccount: true }, search),
      countKey('o', 3, { ...member, everyone: true }, search),
      countKey('o', 3, { ...member, sharingProjectIds: ['p-2'] }, search),
      countKey('o', 3, member, { ...search, kind: 'grow' }),
      countKey('o', 3, member, { ...search, q: 'design work' }),
      countKey('o', 3, member, { ...search, labels: ['graphic design'] }),
      countKey('o', 3, member, { ...search, labels: undefined }),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('is one key for every admin, who all see everyone', () => {
    expect(countKey('o', 1, { ...member, everyone: true }, search)).toBe(countKey('o', 1, { viewerPersonId: 'p-5', everyone: true, withoutAccount: true, sharingProjectIds: [] }, search));
  });
});

describe('remembered counts', () => {
  it('forget the least recently used first when full', () => {
    const counts = new RememberedCounts(2);
    counts.set('a', 1);
    counts.set('b', 2);
    expect(counts.get('a')).toBe(1);
    counts.set('c', 3);
    expect([counts.get('a'), counts.get('b'), counts.get('c'), counts.size]).toEqual([1, undefined, 3, 2]);
    counts.set('a', 0);
    expect(counts.get('a')).toBe(0);
  });
});
