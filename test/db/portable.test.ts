import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsInsensitive, ping } from '../../src/db/portable.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeOrganisation } from '../helpers/factories.js';

const NAMES = ['Riverside Wellbeing Collective', 'ÉCOLE DES PAIRS', 'Città Aperta', '100% Peer Support', '50_50 Network', 'Back\\slash Group', 'Straße der Hoffnung'];

describe.each(testDialects())('containsInsensitive (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    for (const name of NAMES) await makeOrganisation(db.kysely, { name });
  });
  afterAll(async () => db.destroy());

  async function search(needle: string): Promise<string[]> {
    const rows = await db.kysely
      .selectFrom('organisations')
      .select('name')
      .where((eb) => containsInsensitive(eb.ref('name'), needle))
      .orderBy('name')
      .execute();
    return rows.map((row) => row.name).sort();
  }

  it.each([
    ['wellbeing', ['Riverside Wellbeing Collective']],
    ['RIVERSIDE', ['Riverside Wellbeing Collective']],
    ['école', ['ÉCOLE DES PAIRS']],
    ['CITTÀ', ['Città Aperta']],
    ['STRASSE', []],
    ['straße', ['Straße der Hoffnung']],
    ['100%', ['100% Peer Support']],
    ['0% p', ['100% Peer Support']],
    ['%', ['100% Peer Support']],
    ['_', ['50_50 Network']],
    ['0_5', ['50_50 Network']],
    ['K\\SL', ['Back\\slash Group']],
    ['peer', ['100% Peer Support']],
    ['nobody', []],
  ] as const)('finds %j in %j', async (needle, expected) => {
    expect(await search(needle)).toEqual([...expected].sort());
  });

  it('treats % and _ in the search as themselves, not as wildcards', async () => {
    // As wildcards, each of these would match a name.
    expect(await search('1%t')).toEqual([]);
    expect(await search('net_ork')).toEqual([]);
    expect(await search('\\%')).toEqual([]);
    expect(await search('_50')).toEqual(['50_50 Network']);
  });

  it('finds everything for an empty search', async () => {
    expect(await search('')).toHaveLength(NAMES.length);
  });

  it('answers a ping', async () => {
    await expect(ping(db.kysely)).resolves.toBeUndefined();
  });
});
