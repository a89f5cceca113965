import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../test/helpers/factories.js';
import { compiledFor } from './precompiled.js';

describe.each(testDialects())('queries compiled once (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => db.destroy());

  it('run with the values given each time, keep the constants written in the query, and are built once', async () => {
    const organisationId = await makeOrganisation(db.kysely);
    const ada = await makeMember(db.kysely, organisationId, { name: 'Ada' });
    const ben = await makeMember(db.kysely, organisationId, { name: 'Ben' });
    let built = 0;
    const byId = (personId: string) =>
      compiledFor(db.kysely, 'test.byId', ['organisationId', 'personId'], (v) => {
        built += 1;
        return db.kysely
          .selectFrom('people')
          .select('display_name')
          .where('organisation_id', '=', v.organisationId)
          .where('id', '=', v.personId)
          .where('permission', '=', 'member');
      })({ organisationId, personId });
    expect(await byId(ada.personId)).toEqual([{ display_name: 'Ada' }]);
    expect(await byId(ben.personId)).toEqual([{ display_name: 'Ben' }]);
    expect(await byId('someone-else')).toEqual([]);
    expect(built).toBe(1);
  });

  it('refuses a query that leaves out a named value', () => {
    expect(() => compiledFor(db.kysely, 'test.unused', ['organisationId', 'personId'], (v) => db.kysely.selectFrom('people').select('id').where('organisation_id', '=', v.organisationId))).toThrow(
      'The query never uses personId.',
    );
  });
});
