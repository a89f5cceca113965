import { describe, expect, it } from 'vitest';
import { directoryVersionOf, listingKey } from './people.cache.js';
import type { DirectoryScope } from './people.permissions.js';

const member: DirectoryScope = { viewerPersonId: 'p-1', everyone: false, withoutAccount: false, sharingProjectIds: ['p-3', 'p-2'] };
const search = { q: 'Design', kind: 'offer' as const, labels: ['graphic design', 'poster design'] };

describe('the key of a cached listing', () => {
  it('is the same for the same organisation, viewer and search, however the search was typed', () => {
    expect(listingKey('o', member, search)).toBe(listingKey('o', { ...member, sharingProjectIds: ['p-2', 'p-3'] }, { ...search, q: '  design ' }));
  });

  it('changes with anything the listing depends on', () => {
    const key = listingKey('o', member, search);
    const others = [
      listingKey('other', member, search),
      listingKey('o', { ...member, viewerPersonId: 'p-9' }, search),
      listingKey('o', { ...member, withoutAccount: true }, search),
      listingKey('o', { ...member, everyone: true }, search),
      listingKey('o', { ...member, sharingProjectIds: ['p-2'] }, search),
      listingKey('o', member, { ...search, kind: 'grow' }),
      listingKey('o', member, { ...search, q: 'design work' }),
      listingKey('o', member, { ...search, labels: ['graphic design'] }),
      listingKey('o', member, { ...search, labels: undefined }),
      listingKey('o', member, { ...search, labels: [] }),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('is one key for every admin, who all see everyone', () => {
    expect(listingKey('o', { ...member, everyone: true }, search)).toBe(listingKey('o', { viewerPersonId: 'p-5', everyone: true, withoutAccount: true, sharingProjectIds: [] }, search));
  });

  it('stays short when the viewer shares projects with thousands of people', () => {
    const sharing = Array.from({ length: 5_000 }, (_, i) => `0193f0a2-0000-7000-8000-${String(i).padStart(12, '0')}`);
    expect(listingKey('o', { ...member, sharingProjectIds: sharing }, search).length).toBeLessThan(200);
  });
});

describe('the directory version', () => {
  it('differs when the counter is the same but the stamp is not (a database restored to an older state)', () => {
    expect(directoryVersionOf({ version: 7, stamp: 'a1' })).not.toBe(directoryVersionOf({ version: 7, stamp: 'b2' }));
    expect(directoryVersionOf({ version: 7, stamp: 'a1' })).toBe(directoryVersionOf({ version: 7, stamp: 'a1' }));
  });
});
