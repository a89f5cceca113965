import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { generatePeople } from '../../../test/helpers/people-generator.js';
import { countDirectory, directoryFacts, listDirectory, readInNameOrder, type DirectoryFilter } from './people-directory.repository.js';
import { directoryScope, type DirectoryScope } from './people.permissions.js';

describe('reading a strength search in name order', () => {
  it('is chosen when many people match and the page is near the start', () => {
    expect(readInNameOrder(2083, 0, 25)).toBe(true);
    expect(readInNameOrder(1000, 0, 25)).toBe(true);
    expect(readInNameOrder(999, 0, 25)).toBe(false);
    expect(readInNameOrder(2083, 25, 25)).toBe(true);
    expect(readInNameOrder(2083, 50, 25)).toBe(false);
    expect(readInNameOrder(0, 0, 25)).toBe(false);
  });
});

/**
 * A strength search can be listed two ways (each person's strengths checked in name order, or the matching people
 * collected first): both must list the same people, and the count must agree with them, for every kind of viewer.
 */
describe.each(testDialects())('the directory queries (%s)', (dialect) => {
  let db: TestDb;
  let organisationId: string;
  const scopes: Record<string, DirectoryScope> = {};

  beforeAll(async () => {
    db = await createTestDb(dialect);
    organisationId = await makeOrganisation(db.kysely);
    const admin = await makeMember(db.kysely, organisationId, { permission: 'admin', name: 'Ash Admin' });
    const facilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator', name: 'Fen Facilitator' });
    const member = await makeMember(db.kysely, organisationId, { name: 'Mo Member' });
    // People seen by the whole organisation, by people in their projects, and by nobody else (seeded: the same each run).
    const generated = await generatePeople(db.kysely, organisationId, 300, { seed: 7, strengths: 4 });
    await db.kysely.updateTable('people').set({ archived_at: '2026-11-20T10:00:00.000Z' }).where('id', 'in', generated.slice(0, 5)).execute();
    await db.kysely.updateTable('people').set({ profile_visibility: 'private' }).where('id', '=', member.personId).execute();
    scopes['admin'] = directoryScope({ personId: admin.personId, permission: 'admin' }, []);
    scopes['facilitator'] = directoryScope({ personId: facilitator.personId, permission: 'facilitator' }, []);
    scopes['member sharing projects'] = directoryScope({ personId: member.personId, permission: 'member' }, generated.slice(0, 60));
  });
  afterAll(async () => db.destroy());

  const searches: readonly (readonly [string, 'offer' | 'grow'])[] = [['design', 'offer'], ['facilitat', 'grow'], ['listening', 'offer'], ['nothing like this', 'grow']];

  it.each(['admin', 'facilitator', 'member sharing projects'])('lists the same people either way, and counts them, as seen by: %s', async (viewer) => {
    const scope = scopes[viewer];
    if (scope === undefined) throw new Error('no such scope');
    for (const [q, kind] of searches) {
      const { labels } = await directoryFacts(db.kysely, organisationId, { q, kind });
      const filter: DirectoryFilter = { q, kind, labels };
      const total = await countDirectory(db.kysely, organisationId, scope, filter);
      const everyone = await listDirectory(db.kysely, organisationId, scope, filter, { limit: 1000, offset: 0 });
      expect(everyone, `${q} (${kind})`).toHaveLength(total);
      for (const offset of [0, 10, total - 3]) {
        const page = { limit: 10, offset: Math.max(0, offset) };
        const collected = await listDirectory(db.kysely, organisationId, scope, filter, { ...page, matches: 0 });
        const inNameOrder = await listDirectory(db.kysely, organisationId, scope, filter, { ...page, matches: 1_000_000 });
        expect(inNameOrder, `${q} (${kind}) from ${String(offset)}`).toEqual(collected);
        expect(collected).toEqual(everyone.slice(page.offset, page.offset + page.limit));
      }
    }
    expect(await countDirectory(db.kysely, organisationId, scope, { q: 'design', kind: 'offer', labels: ['graphic design', 'poster design', 'website design'] })).toBeGreaterThan(10);
  });
});
