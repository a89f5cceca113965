import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, toCount } from '../../src/db/portable.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeMember, makeOrganisation } from '../helpers/factories.js';

/**
 * Cache versions are a counter with a random stamp (migration 2026-12-03-011): a database restored to an older
 * state counts up again from an older number, and the number it reaches must not be mistaken for the one an
 * instance cached a value for before the restore.
 */
describe.each(testDialects())('version stamps (%s)', (dialect) => {
  let db: TestDb;
  let organisationId: string;
  const now = '2026-12-03T10:00:00.000Z';

  beforeAll(async () => {
    db = await createTestDb(dialect);
    organisationId = await makeOrganisation(db.kysely);
  });
  afterAll(async () => db.destroy());

  const directory = async () =>
    db.kysely.selectFrom('directory_versions').select(['version', 'stamp']).where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();

  async function makeProject(): Promise<string> {
    const id = newId();
    await db.kysely
      .insertInto('projects')
      .values({ id, organisation_id: organisationId, title: 'Stamps', purpose: 'p', who_for: 'w', starts_on: null, ends_on: null, visibility: 'open', stage: 'inform', cycle: 1, review_open: 0, created_by: null, created_at: now, updated_at: now, archived_at: null, archived_by: null })
      .execute();
    return id;
  }
  const circle = async (projectId: string) =>
    db.kysely.selectFrom('projects').select(['circle_version', 'circle_stamp']).where('id', '=', projectId).executeTakeFirstOrThrow();
  const rename = (personId: string, name: string) => db.kysely.updateTable('people').set({ display_name: name }).where('id', '=', personId).execute();

  it('a new stamp with every rise of the directory version, from the first', async () => {
    const ada = await makeMember(db.kysely, organisationId, { name: 'Ada' });
    const first = await directory();
    expect(first.stamp).toMatch(/^[0-9a-f]{32}$/);
    await rename(ada.personId, 'Ada L');
    const second = await directory();
    expect(toCount(second.version)).toBeGreaterThan(toCount(first.version));
    expect(second.stamp).toMatch(/^[0-9a-f]{32}$/);
    expect(second.stamp).not.toBe(first.stamp);
  });

  it('a directory restored to an older state and changed again has another version than before the restore', async () => {
    const ada = await makeMember(db.kysely, organisationId, { name: 'Grace' });
    const before = await directory();
    await rename(ada.personId, 'Grace H');
    const cached = await directory(); // what an instance kept a value for
    // The restore: the organisation's people and its counter as they were before the rename.
    await db.kysely.updateTable('people').set({ display_name: 'Grace' }).where('id', '=', ada.personId).execute();
    await db.kysely.updateTable('directory_versions').set({ version: before.version }).where('organisation_id', '=', organisationId).execute();
    // A different change after the restore reaches the same number again.
    await rename(ada.personId, 'Grace Hopper');
    const after = await directory();
    expect(toCount(after.version)).toBe(toCount(cached.version));
    expect(after.stamp).not.toBe(cached.stamp);
  });

  it('a new stamp for each new project and with every rise of its circle version', async () => {
    const projectId = await makeProject();
    const made = await circle(projectId);
    expect(made.circle_stamp).toMatch(/^[0-9a-f]{32}$/);
    const other = await circle(await makeProject());
    expect(other.circle_stamp).not.toBe(made.circle_stamp);

    const person = await makeMember(db.kysely, organisationId, { name: 'Sol' });
    await db.kysely
      .insertInto('circle_members')
      .values({ id: newId(), organisation_id: organisationId, project_id: projectId, person_id: person.personId, circle: 'participants', level: 'consult', domain: 'me', note: null, engagement_how: null, engagement_how_often: null, tell_by: 'app', wants_more_at: null, added_by: null, created_at: now, updated_at: now, left_at: null })
      .execute();
    const joined = await circle(projectId);
    expect(toCount(joined.circle_version)).toBeGreaterThan(toCount(made.circle_version));
    expect(joined.circle_stamp).not.toBe(made.circle_stamp);

    // A restored counter reached again by another change: another stamp.
    await db.kysely.updateTable('projects').set({ circle_version: made.circle_version }).where('id', '=', projectId).execute();
    await db.kysely.updateTable('circle_members').set({ circle: 'involved' }).where('project_id', '=', projectId).execute();
    const again = await circle(projectId);
    expect(toCount(again.circle_version)).toBe(toCount(joined.circle_version));
    expect(again.circle_stamp).not.toBe(joined.circle_stamp);
  });

  it('leaves the stamp alone when nothing versioned changes', async () => {
    const projectId = await makeProject();
    const made = await circle(projectId);
    await db.kysely.updateTable('projects').set({ title: 'Renamed' }).where('id', '=', projectId).execute();
    expect(await circle(projectId)).toEqual(made);
  });
});
