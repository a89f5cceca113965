import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { generatePeople } from '../../../test/helpers/people-generator.js';
import { newId } from '../../db/portable.js';
import { countDirectory, directoryFacts, listDirectory, readInNameOrder, type DirectoryFilter } from './people-directory.repository.js';
import { deleteAllStrengths, insertStrength, saveAnswers } from './people-profile.repository.js';
import { updateAbout, updateVisibility } from './people.repository.js';
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

  // Strengths of one kind; names or strengths of either kind (generated names are like "Ada Adams 12").
  const searches: readonly (readonly [string, 'any' | 'offer' | 'grow'])[] = [
    ['design', 'offer'], ['facilitat', 'grow'], ['listening', 'offer'], ['nothing like this', 'grow'], ['design', 'any'], ['ada', 'any'], ['nothing like this', 'any'],
  ];

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

/** Cached counts and pages are exact only if every change they could show changes the organisation's version. */
describe.each(testDialects())('the directory version (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => db.destroy());

  it('rises with every change to who is listed or what a page of the directory shows, whoever makes it, and only in that organisation', async () => {
    const k = db.kysely;
    const organisationId = await makeOrganisation(k);
    const elsewhere = await makeOrganisation(k);
    const version = async (orgId = organisationId) => (await directoryFacts(k, orgId, { q: '', kind: 'any' })).version;
    const now = '2026-11-23T10:00:00.000Z';
    const rises = async (change: () => Promise<unknown>) => {
      const before = await version();
      await change();
      return (await version()) > before;
    };

    const person = await makeMember(k, organisationId, { name: 'Ada' });
    await makeMember(k, elsewhere, { name: 'Sol' });
    expect(await version()).toBeGreaterThan(0);
    const other = await version(elsewhere);
    expect(other).toBeGreaterThan(0);

    // As other modules add people: straight into the table.
    expect(await rises(() => k.insertInto('people').values({ id: newId(), organisation_id: organisationId, account_id: null, display_name: 'Ben', permission: 'member', created_at: now, updated_at: now, archived_at: null, archived_by: null }).execute())).toBe(true);
    expect(await rises(() => updateAbout(k, organisationId, person.personId, { displayName: 'Ada Lovelace', knownAs: null, pronouns: null }, now))).toBe(true);
    expect(await rises(() => updateVisibility(k, organisationId, person.personId, 'private', now))).toBe(true);
    expect(await rises(() => k.updateTable('people').set({ account_id: null }).where('id', '=', person.personId).execute())).toBe(true);
    expect(await rises(() => insertStrength(k, organisationId, person.personId, { kind: 'offer', label: 'Baking', normalised: 'baking' }, now))).toBe(true);
    expect(await rises(() => deleteAllStrengths(k, organisationId, person.personId))).toBe(true);
    expect(await rises(() => k.updateTable('people').set({ archived_at: now }).where('id', '=', person.personId).execute())).toBe(true);
    expect(await rises(() => k.deleteFrom('people').where('id', '=', person.personId).execute())).toBe(true);

    // What a remembered page of the directory shows (migration 010): pronouns, age, a strength's wording, perspectives.
    const ben = await k.selectFrom('people').select('id').where('display_name', '=', 'Ben').executeTakeFirstOrThrow();
    expect(await rises(() => k.updateTable('people').set({ pronouns: 'he/him', updated_at: '2026-11-24T10:00:00.000Z' }).where('id', '=', ben.id).execute())).toBe(true);
    expect(await rises(() => k.updateTable('people').set({ age_text: '40s' }).where('id', '=', ben.id).execute())).toBe(true);
    expect(await rises(() => insertStrength(k, organisationId, ben.id, { kind: 'offer', label: 'baking', normalised: 'baking' }, now))).toBe(true);
    expect(await rises(() => k.updateTable('strengths').set({ label: 'Baking' }).where('person_id', '=', ben.id).execute())).toBe(true);
    expect(await rises(() => k.insertInto('person_perspectives').values({ organisation_id: organisationId, person_id: ben.id, perspective: 'volunteer' }).execute())).toBe(true);
    expect(await rises(() => k.deleteFrom('person_perspectives').where('person_id', '=', ben.id).execute())).toBe(true);

    // What no page of the directory shows leaves it alone.
    expect(await rises(() => k.updateTable('people').set({ updated_at: '2026-11-25T10:00:00.000Z' }).where('id', '=', ben.id).execute())).toBe(false);
    expect(await rises(() => saveAnswers(k, organisationId, ben.id, { appreciate: 'Kind' }, now))).toBe(false);
    expect(await version(elsewhere)).toBe(other);
  });
});
