import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompiled } from '../../src/db/precompiled.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeOrganisation } from '../helpers/factories.js';

describe.each(testDialects())('precompiled queries and reused statements (%s)', (dialect) => {
  let db: TestDb;
  let riverside: string;
  let northgate: string;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    riverside = await makeOrganisation(db.kysely, { name: 'Riverside Wellbeing Collective' });
    northgate = await makeOrganisation(db.kysely, { name: 'Northgate Peer Network' });
  });
  afterAll(async () => db.destroy());

  it('runs a query compiled once with each new value, never the placeholder it was built with', async () => {
    const nameOf = precompiled(db.kysely, db.kysely.selectFrom('organisations').select('name').where('id', '=', ''));
    expect(await nameOf(riverside)).toEqual([{ name: 'Riverside Wellbeing Collective' }]);
    expect(await nameOf(northgate)).toEqual([{ name: 'Northgate Peer Network' }]);
    expect(await nameOf('')).toEqual([]);
    expect(await nameOf(riverside)).toEqual([{ name: 'Riverside Wellbeing Collective' }]);
  });

  it('refuses the wrong number of values', async () => {
    const nameOf = precompiled(db.kysely, db.kysely.selectFrom('organisations').select('name').where('id', '=', '').where('name', '=', ''));
    await expect(nameOf(riverside)).rejects.toThrow('This query takes 2 values, not 1.');
  });

  it('sees writes made between two runs of the same statement', async () => {
    const names = async () => (await db.kysely.selectFrom('organisations').select('name').where('id', '=', riverside).execute()).map((r) => r.name);
    expect(await names()).toEqual(['Riverside Wellbeing Collective']);
    await db.kysely.updateTable('organisations').set({ name: 'Riverside Collective' }).where('id', '=', riverside).execute();
    expect(await names()).toEqual(['Riverside Collective']);
    await db.kysely.deleteFrom('organisations').where('id', '=', northgate).execute();
    const all = async () => (await db.kysely.selectFrom('organisations').select('id').execute()).map((r) => r.id);
    expect(await all()).toEqual([riverside]);
  });
});
