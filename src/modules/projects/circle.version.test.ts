import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { makePersonWithoutAccount, placeDirectly, PROJECT_INPUT, projectsHarness, value, type ProjectsHarness } from '../../../test/helpers/projects.js';
import type { Actor } from '../../shared/actor.js';
import { CacheVerifyError } from '../../shared/cache.js';
import { peopleToChoose } from './circle.find.js';

/**
 * The circle page and the project page's counts are cached for a project's circle version, which the database
 * raises (migration 2026-11-22-008). They are only right if every change they show raises it, whoever makes the change:
 * these tests write straight into the tables, as other modules, tools and processes do.
 */
describe.each(testDialects())('the circle version (%s)', (dialect) => {
  let db: TestDb;
  let h: ProjectsHarness;
  let organisationId: string;
  let facilitator: Actor;
  let projectId: string;
  let otherProjectId: string;
  let personId: string;

  const version = async (id = projectId) =>
    (await db.kysely.selectFrom('projects').select('circle_version').where('id', '=', id).executeTakeFirstOrThrow()).circle_version;
  const member = () => db.kysely.updateTable('circle_members').where('project_id', '=', projectId).where('person_id', '=', personId);

  /** Whether a change raises the project's circle version. */
  async function raises(change: () => Promise<unknown>, id = projectId): Promise<boolean> {
    const before = await version(id);
    await change();
    return (await version(id)) > before;
  }

  beforeAll(async () => {
    db = await createTestDb(dialect);
    h = projectsHarness(db.kysely);
    organisationId = await makeOrganisation(db.kysely);
    facilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator', name: 'Priya Shah' });
    projectId = value(await h.projects.create(facilitator, PROJECT_INPUT)).projectId;
    otherProjectId = value(await h.projects.create(facilitator, { ...PROJECT_INPUT, title: 'Another project' })).projectId;
    personId = await makePersonWithoutAccount(db.kysely, organisationId, 'Amina Patel');
  });
  afterAll(async () => db.destroy());

  it('rises with every change to who is in the circle, where, and who would like to do more', async () => {
    expect(await raises(() => placeDirectly(db.kysely, organisationId, projectId, personId, { circle: 'participants' }))).toBe(true);
    expect(await raises(() => member().set({ circle: 'involved' }).execute())).toBe(true);
    expect(await raises(() => member().set({ level: 'involve' }).execute())).toBe(true);
    expect(await raises(() => member().set({ domain: 'community' }).execute())).toBe(true);
    expect(await raises(() => member().set({ wants_more_at: '2026-11-22T10:00:00.000Z' }).execute())).toBe(true);
    expect(await raises(() => member().set({ left_at: '2026-11-22T11:00:00.000Z' }).execute())).toBe(true);
    expect(await raises(() => member().set({ left_at: null }).execute())).toBe(true);
    expect(await raises(() => db.kysely.deleteFrom('circle_members').where('project_id', '=', projectId).where('person_id', '=', personId).execute())).toBe(true);
  });

  it('rises when someone in the circle is renamed, archived or deleted, in every project they are in, and only those', async () => {
    await placeDirectly(db.kysely, organisationId, projectId, personId, { circle: 'consulted' });
    const otherBefore = await version(otherProjectId);
    const person = () => db.kysely.updateTable('people').where('id', '=', personId);
    expect(await raises(() => person().set({ display_name: 'Amina P.' }).execute())).toBe(true);
    expect(await raises(() => person().set({ archived_at: '2026-11-22T12:00:00.000Z' }).execute())).toBe(true);
    expect(await raises(() => person().set({ archived_at: null }).execute())).toBe(true);
    expect(await version(otherProjectId)).toBe(otherBefore);
    // Deleting a person deletes their places in circles, and that raises the version too.
    const leaving = await makePersonWithoutAccount(db.kysely, organisationId, 'Jo Leaving');
    await placeDirectly(db.kysely, organisationId, otherProjectId, leaving, { circle: 'participants' });
    expect(await raises(() => db.kysely.deleteFrom('people').where('id', '=', leaving).execute(), otherProjectId)).toBe(true);
  });

  it('does not rise with changes the circle pages do not show', async () => {
    expect(await raises(() => member().set({ note: 'A note', engagement_how: 'By phone', engagement_how_often: 'monthly', tell_by: 'app', updated_at: '2026-11-22T13:00:00.000Z' }).execute())).toBe(false);
    expect(await raises(() => db.kysely.updateTable('people').set({ updated_at: '2026-11-22T13:00:00.000Z', pronouns: 'she/her' }).where('id', '=', personId).execute())).toBe(false);
    expect(await raises(() => db.kysely.updateTable('projects').set({ title: 'Renamed' }).where('id', '=', projectId).execute())).toBe(false);
  });

  it('keeps the circle page and the project page right after changes made outside the service', async () => {
    const page = async () => value(await h.projects.circle.page(facilitator, projectId));
    const overview = async () => value(await h.projects.overview(facilitator, projectId));
    const before = await page();
    expect(await page()).toMatchObject({ members: before.members, drawing: before.drawing });
    expect((await page()).drawing).toBe(before.drawing); // cached, not read again

    await db.kysely.updateTable('people').set({ display_name: 'Amina Patel-Jones' }).where('id', '=', personId).execute();
    expect((await page()).members.map((m) => m.name)).toContain('Amina Patel-Jones');
    expect((await overview()).counts).toEqual({ co_producers: 1, participants: 0, involved: 0, consulted: 1 });

    await db.kysely.updateTable('people').set({ archived_at: '2026-11-22T14:00:00.000Z' }).where('id', '=', personId).execute();
    expect((await page()).members.map((m) => m.name)).toEqual(['Priya Shah']);
    expect((await overview()).counts).toEqual({ co_producers: 1, participants: 0, involved: 0, consulted: 0 });
    expect((await overview()).circleTotal).toBe(1);

    const newcomer = await makePersonWithoutAccount(db.kysely, organisationId, 'Ngozi Eze');
    await placeDirectly(db.kysely, organisationId, projectId, newcomer, { circle: 'involved' });
    expect((await page()).groups.find((g) => g.circle === 'involved')?.members.map((m) => m.name)).toEqual(['Ngozi Eze']);
    expect((await overview()).counts).toEqual({ co_producers: 1, participants: 0, involved: 1, consulted: 0 });
  });

  it('offers to add exactly the people outside the circle, after changes to the circle or to the people made anywhere', async () => {
    const offered = async () => {
      const page = value(await h.projects.circle.page(facilitator, projectId));
      return peopleToChoose(page.everyone, '', null, page.inCircle).listed.map((o) => o.name);
    };
    await offered();
    // Nothing changed: only the project is read again (the circle and the organisation's people are cached).
    const queries = db.queryCount();
    await offered();
    expect(db.queryCount() - queries).toBe(1);

    const arriving = await makePersonWithoutAccount(db.kysely, organisationId, 'Aled Arriving');
    expect(await offered()).toContain('Aled Arriving');
    await db.kysely.updateTable('people').set({ display_name: 'Aled Arrived' }).where('id', '=', arriving).execute();
    expect(await offered()).toContain('Aled Arrived');
    await placeDirectly(db.kysely, organisationId, projectId, arriving, { circle: 'consulted' });
    expect(await offered()).not.toContain('Aled Arrived');
    await db.kysely.updateTable('circle_members').set({ left_at: '2026-11-22T15:00:00.000Z' }).where('person_id', '=', arriving).execute();
    expect(await offered()).toContain('Aled Arrived');
    await db.kysely.updateTable('people').set({ archived_at: '2026-11-22T15:00:00.000Z' }).where('id', '=', arriving).execute();
    expect(await offered()).not.toContain('Aled Arrived');
  });

  // Last: it removes a trigger from this database.
  it('fails a test, in verify mode, when a change the page shows does not change the version', async () => {
    const page = async () => value(await h.projects.circle.page(facilitator, projectId));
    const renamed = await makePersonWithoutAccount(db.kysely, organisationId, 'Wren Before');
    await placeDirectly(db.kysely, organisationId, projectId, renamed, { circle: 'participants' });
    await page();
    await sql.raw(dialect === 'sqlite' ? 'drop trigger people_circle_changed' : 'drop trigger people_circle_changed on people').execute(db.kysely);
    await db.kysely.updateTable('people').set({ display_name: 'Wren After' }).where('id', '=', renamed).execute();
    await expect(page()).rejects.toThrow(CacheVerifyError);
    await expect(page()).rejects.toThrow(/projects\.circleView/);
  });
});
