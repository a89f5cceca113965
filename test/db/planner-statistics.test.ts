import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAndAnalyse } from '../../src/db/connect.js';
import type { Database } from '../../src/db/database.js';
import { listCirclePeople } from '../../src/modules/meetings/meetings.repository.js';
import { createProjectRelationships } from '../../src/modules/projects/projects.relationships.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { makeMember, makeOrganisation } from '../helpers/factories.js';
import { makeProject } from '../helpers/meetings.js';
import { generatePeople } from '../helpers/people-generator.js';
import { generateCircles, placeDirectly } from '../helpers/projects.js';

/**
 * The query plans of the busiest questions about circles, on a generated organisation, after the app's statistics
 * steps (ADR 0010): the member directory's "who shares a project with me" and the meeting page's circle people must
 * go through the memberships of the viewer and of the project by index, never through every membership or every
 * person of the organisation.
 *
 * SQLite only. SQLite plans from the statistics the app takes, so the plans depend on the app. PostgreSQL gathers its
 * own statistics (autovacuum) and weighs an index against reading the whole table by its cost model: on tables of a
 * few thousand rows a sequential scan can be its right choice, so asserting index use there would test PostgreSQL's
 * planner, not this app.
 */
describe('query plans on a generated organisation (SQLite)', () => {
  let db: TestDb;
  let organisationId = '';
  let viewerPersonId = '';
  let largeProjectId = '';
  /** SQL and parameters of every query run through `spy`: the real repository code, whose SQL the plans are of. */
  const seen: { sql: string; parameters: readonly unknown[] }[] = [];
  let spy: Kysely<Database>;

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    // The app's first start on a new database, then its hourly step while the organisation is a demo-sized one:
    // statistics of a tiny database, which alone would keep the planner walking the tables once they grow.
    await migrateAndAnalyse(db);
    const small = await makeOrganisation(db.kysely);
    const founder = await makeMember(db.kysely, small);
    await makeProject(db.kysely, small, [{ personId: founder.personId }]);
    await db.updateStatistics();

    // Then it grows: a few thousand people and a few hundred projects, beside another organisation.
    const other = await makeOrganisation(db.kysely);
    await generatePeople(db.kysely, other, 1000, { strengths: 1, answers: false, seed: 7 });
    organisationId = await makeOrganisation(db.kysely);
    const people = await generatePeople(db.kysely, organisationId, 4000, { strengths: 1, answers: false });
    const circles = await generateCircles(db.kysely, organisationId, people, { projects: 300, circleSize: 12, largeCircle: 200 });
    largeProjectId = circles.largeProjectId;
    const viewer = await makeMember(db.kysely, organisationId);
    viewerPersonId = viewer.personId;
    for (const projectId of circles.projectIds.slice(1, 4)) await placeDirectly(db.kysely, organisationId, projectId, viewerPersonId, { circle: 'participants' });

    // The hourly step (server.ts) after the growth.
    await db.updateStatistics();

    const sqlite = db.sqlite;
    if (sqlite === undefined) throw new Error('expected SQLite');
    spy = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void seen.push({ sql: event.query.sql, parameters: event.query.parameters }) });
  }, 120_000);
  afterAll(async () => db.destroy());

  /** Run `query` through the spy and return the plan of the one SQL statement it ran, one line per step. */
  async function planOf(query: () => Promise<unknown>): Promise<string[]> {
    seen.length = 0;
    await query();
    expect(seen).toHaveLength(1);
    const [run] = seen;
    const rows = db.sqlite?.prepare(`explain query plan ${run?.sql ?? ''}`).all(...(run?.parameters ?? [])) as { detail: string }[];
    return rows.map((r) => r.detail);
  }

  it('has statistics for the circle memberships and people', () => {
    const tables = (db.sqlite?.prepare('select distinct tbl from sqlite_stat1').all() as { tbl: string }[]).map((r) => r.tbl);
    expect(tables).toEqual(expect.arrayContaining(['circle_members', 'people', 'projects']));
  });

  it("the directory's 'who shares a project with me' starts from the viewer's memberships and reads each project's circle by index", async () => {
    const relationships = createProjectRelationships(spy);
    const plan = await planOf(() => relationships.peopleSharingProjects(organisationId, viewerPersonId));
    expect(plan[0]).toMatch(/^SEARCH mine USING (COVERING )?INDEX circle_members_person_idx \(organisation_id=\? AND person_id=\?\)/);
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH theirs USING (COVERING )?INDEX circle_members_circle_idx \(organisation_id=\? AND project_id=\?/));
    expect(plan.filter((step) => step.startsWith('SCAN'))).toEqual([]);
    // And it answers: the people of the viewer's three circles of 12 (some left), the viewer among them.
    const sharing = await relationships.peopleSharingProjects(organisationId, viewerPersonId);
    expect(sharing).toContain(viewerPersonId);
    expect(sharing.length).toBeGreaterThan(20);
    expect(sharing.length).toBeLessThanOrEqual(37);
  });

  it("the meeting page's circle people starts from the project's circle and reads each person by id", async () => {
    const plan = await planOf(() => listCirclePeople(spy, organisationId, largeProjectId));
    expect(plan[0]).toMatch(/^SEARCH cm USING (COVERING )?INDEX circle_members_circle_idx \(organisation_id=\? AND project_id=\?/);
    expect(plan).toContainEqual(expect.stringMatching(/^SEARCH p USING .*\(id=\?\)/));
    // Accounts are few here (generated people have none), so reading them all is the planner's right choice.
    expect(plan.filter((step) => /^SCAN (cm|p)\b/.test(step))).toEqual([]);
    expect(await listCirclePeople(spy, organisationId, largeProjectId)).toHaveLength(200);
  });
});
