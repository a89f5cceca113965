import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { fromDbBool, newId, toCount, toDbBool } from '../../db/portable.js';
import { compiledFor } from '../../db/precompiled.js';
import type { Circle, Domain, EqualDeliveryAnswer, Level, Stage, TellBy, Visibility } from './projects.registry.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** Someone named in a history or a list. A person who has left the organisation shows as "Former member". */
export interface PersonRef {
  readonly id: string | null;
  /** Null for a former member: their name is not shown any more. */
  readonly name: string | null;
  readonly former: boolean;
}

export function personRef(id: string | null, name: string | null, archivedAt: string | null): PersonRef {
  const former = id === null || name === null || archivedAt !== null;
  return { id: former ? null : id, name: former ? null : name, former };
}

export interface Project {
  readonly id: string;
  readonly title: string;
  readonly purpose: string;
  readonly whoFor: string;
  readonly startsOn: string | null;
  readonly endsOn: string | null;
  readonly visibility: Visibility;
  readonly stage: Stage;
  readonly cycle: number;
  readonly reviewOpen: boolean;
  readonly createdAt: string;
  /** Raised by the database on every change to what the circle pages show (migration 2026-11-22-008). */
  readonly circleVersion: number;
  /** Written afresh by the database with every rise of circleVersion (migration 2026-12-03-011). */
  readonly circleStamp: string;
}

/** Where the viewer is in this project's circle. */
export interface Membership {
  readonly circle: Circle;
  readonly level: Level;
  readonly domain: Domain;
  readonly tellBy: TellBy;
  readonly wantsMoreAt: string | null;
}

const PROJECT_COLUMNS = [
  'projects.id', 'projects.title', 'projects.purpose', 'projects.who_for', 'projects.starts_on', 'projects.ends_on',
  'projects.visibility', 'projects.stage', 'projects.cycle', 'projects.review_open', 'projects.created_at', 'projects.circle_version',
  'projects.circle_stamp',
] as const;

type ProjectRow = {
  id: string; title: string; purpose: string; who_for: string; starts_on: string | null; ends_on: string | null;
  visibility: Visibility; stage: Stage; cycle: number; review_open: number; created_at: string; circle_version: number | string | bigint;
  circle_stamp: string;
};

function toProject(row: ProjectRow): Project {
  return {
    id: row.id, title: row.title, purpose: row.purpose, whoFor: row.who_for, startsOn: row.starts_on, endsOn: row.ends_on,
    visibility: row.visibility, stage: row.stage, cycle: row.cycle, reviewOpen: fromDbBool(row.review_open), createdAt: row.created_at,
    circleVersion: toCount(row.circle_version),
    circleStamp: row.circle_stamp,
  };
}

/**
 * The project and the viewer's place in it, in one query (compiled once: every project page runs it), with the
 * organisation's directory version and stamp (migrations 2026-11-22-007 and 2026-12-03-011: they change when people are
 * added, renamed or archived).
 * Another organisation's project is not found.
 */
export async function findProjectForViewer(
  db: Db,
  organisationId: string,
  projectId: string,
  personId: string,
): Promise<{ project: Project; membership: Membership | null; directoryVersion: number; directoryStamp: string } | undefined> {
  const [row] = await compiledFor(db, 'findProjectForViewer', ['org', 'project', 'person'], (v) =>
    db
      .selectFrom('projects')
      .leftJoin('circle_members as me', (join) =>
        join.onRef('me.project_id', '=', 'projects.id').on('me.organisation_id', '=', v.org).on('me.person_id', '=', v.person).on('me.left_at', 'is', null),
      )
      .select([...PROJECT_COLUMNS, 'me.circle', 'me.level', 'me.domain', 'me.tell_by', 'me.wants_more_at'])
      .select((eb) => eb.selectFrom('directory_versions as dv').select('dv.version').whereRef('dv.organisation_id', '=', 'projects.organisation_id').as('directory_version'))
      .select((eb) => eb.selectFrom('directory_versions as dv').select('dv.stamp').whereRef('dv.organisation_id', '=', 'projects.organisation_id').as('directory_stamp'))
      .where('projects.organisation_id', '=', v.org)
      .where('projects.id', '=', v.project)
      .where('projects.archived_at', 'is', null),
  )({ org: organisationId, project: projectId, person: personId });
  if (row === undefined) return undefined;
  const membership =
    row.circle === null || row.level === null || row.domain === null || row.tell_by === null
      ? null
      : { circle: row.circle, level: row.level, domain: row.domain, tellBy: row.tell_by, wantsMoreAt: row.wants_more_at };
  return { project: toProject(row), membership, directoryVersion: toCount(row.directory_version ?? 0), directoryStamp: row.directory_stamp ?? '' };
}

export interface ProjectListItem {
  readonly project: Project;
  readonly myCircle: Circle | null;
  readonly circleSize: number;
  readonly equalDelivery: EqualDeliveryAnswer | null;
}

/** Projects the viewer may see: open ones, ones they are in, or all of them for admins. */
export async function listProjectsForViewer(db: Db, organisationId: string, personId: string, seesAll: boolean): Promise<ProjectListItem[]> {
  let query = db
    .selectFrom('projects')
    .leftJoin('circle_members as me', (join) =>
      join
        .onRef('me.project_id', '=', 'projects.id')
        .on('me.organisation_id', '=', organisationId)
        .on('me.person_id', '=', personId)
        .on('me.left_at', 'is', null),
    )
    .leftJoin('project_agreements as agreement', (join) =>
      join.onRef('agreement.project_id', '=', 'projects.id').on('agreement.organisation_id', '=', organisationId),
    )
    .select((eb) => [
      ...PROJECT_COLUMNS,
      'me.circle as my_circle',
      'agreement.equal_delivery',
      eb
        .selectFrom('circle_members as cm')
        .innerJoin('people as p', 'p.id', 'cm.person_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('cm.project_id', '=', 'projects.id')
        .where('cm.organisation_id', '=', organisationId)
        .where('cm.left_at', 'is', null)
        .where('p.archived_at', 'is', null)
        .as('circle_size'),
    ])
    .where('projects.organisation_id', '=', organisationId)
    .where('projects.archived_at', 'is', null);
  if (!seesAll) query = query.where((eb) => eb.or([eb('projects.visibility', '=', 'open'), eb('me.id', 'is not', null)]));
  const rows = await query.orderBy('projects.title').orderBy('projects.id').execute();
  return rows.map((row) => ({
    project: toProject(row),
    myCircle: row.my_circle,
    circleSize: toCount(row.circle_size),
    equalDelivery: row.equal_delivery,
  }));
}

export interface ProjectValues {
  readonly title: string;
  readonly purpose: string;
  readonly whoFor: string;
  readonly startsOn: string | null;
  readonly endsOn: string | null;
  readonly visibility: Visibility;
}

export async function insertProject(db: Db, organisationId: string, input: ProjectValues & { createdBy: string; now: string; stage?: Stage }): Promise<string> {
  const id = newId();
  await db
    .insertInto('projects')
    .values({
      id, organisation_id: organisationId, title: input.title, purpose: input.purpose, who_for: input.whoFor,
      starts_on: input.startsOn, ends_on: input.endsOn, visibility: input.visibility, stage: input.stage ?? 'inform', cycle: 1,
      review_open: toDbBool(false), created_by: input.createdBy, created_at: input.now, updated_at: input.now, archived_at: null, archived_by: null,
    })
    .execute();
  return id;
}

export async function updateProject(db: Db, organisationId: string, projectId: string, input: ProjectValues & { now: string }): Promise<void> {
  await db
    .updateTable('projects')
    .set({ title: input.title, purpose: input.purpose, who_for: input.whoFor, starts_on: input.startsOn, ends_on: input.endsOn, visibility: input.visibility, updated_at: input.now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', projectId)
    .execute();
}

/** Move the stage only if it is still where the person saw it (two people moving at once: one wins). */
export async function moveStage(db: Db, organisationId: string, projectId: string, from: Stage, to: Stage, cycle: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('projects')
    .set({ stage: to, cycle, updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', projectId)
    .where('stage', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setReviewOpen(db: Db, organisationId: string, projectId: string, open: boolean, now: string): Promise<void> {
  await db
    .updateTable('projects')
    .set({ review_open: toDbBool(open), updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', projectId)
    .execute();
}

export async function insertStageMove(
  db: Db,
  organisationId: string,
  input: { projectId: string; from: Stage | null; to: Stage; cycle: number; note: string; movedBy: string; now: string },
): Promise<void> {
  await db
    .insertInto('project_stage_moves')
    .values({ id: newId(), organisation_id: organisationId, project_id: input.projectId, from_stage: input.from, to_stage: input.to, cycle: input.cycle, note: input.note, moved_by: input.movedBy, created_at: input.now })
    .execute();
}

export interface StageMove {
  readonly from: Stage | null;
  readonly to: Stage;
  readonly cycle: number;
  readonly note: string;
  readonly by: PersonRef;
  readonly at: string;
}

export async function listStageMoves(db: Db, organisationId: string, projectId: string): Promise<StageMove[]> {
  const rows = await compiledFor(db, 'listStageMoves', ['org', 'project'], (v) =>
    db
      .selectFrom('project_stage_moves as m')
      .leftJoin('people as p', 'p.id', 'm.moved_by')
      .select(['m.from_stage', 'm.to_stage', 'm.cycle', 'm.note', 'm.moved_by', 'm.created_at', 'p.display_name', 'p.archived_at'])
      .where('m.organisation_id', '=', v.org)
      .where('m.project_id', '=', v.project)
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc'),
  )({ org: organisationId, project: projectId });
  return rows.map((r) => ({ from: r.from_stage, to: r.to_stage, cycle: r.cycle, note: r.note, by: personRef(r.moved_by, r.display_name, r.archived_at), at: r.created_at }));
}

/** How many people (not archived) are in one circle of a project now: a scalar subquery. */
function inCircleCount(eb: ExpressionBuilder<Database, never>, organisationId: string, projectId: string, circle: Circle) {
  return eb
    .selectFrom('circle_members as cm')
    .innerJoin('people as p', 'p.id', 'cm.person_id')
    .select(eb.fn.countAll<number>().as('n'))
    .where('cm.organisation_id', '=', organisationId)
    .where('cm.project_id', '=', projectId)
    .where('cm.left_at', 'is', null)
    .where('cm.circle', '=', circle)
    .where('p.archived_at', 'is', null);
}

/** How many people are in each circle now: the counts of `projectSummary` on their own. */
export async function countCircles(db: Db, organisationId: string, projectId: string): Promise<Record<Circle, number>> {
  const row = await db
    .selectNoFrom((eb) => [
      inCircleCount(eb, organisationId, projectId, 'co_producers').as('co_producers'),
      inCircleCount(eb, organisationId, projectId, 'participants').as('participants'),
      inCircleCount(eb, organisationId, projectId, 'involved').as('involved'),
      inCircleCount(eb, organisationId, projectId, 'consulted').as('consulted'),
    ])
    .executeTakeFirstOrThrow();
  return { co_producers: toCount(row.co_producers), participants: toCount(row.participants), involved: toCount(row.involved), consulted: toCount(row.consulted) };
}

export interface ProjectSummary {
  /**
   * How many people are in each circle now (people who have left the organisation are not counted); null when they
   * were not asked for (the caller has them cached for the project's circle version).
   */
  readonly counts: Record<Circle, number> | null;
  readonly openTasks: number;
  readonly updates: number;
  readonly criteria: number;
  readonly agreement: { readonly version: number; readonly equalDelivery: EqualDeliveryAnswer | null; readonly agreed: number; readonly disagreed: number } | null;
}

/**
 * Everything the project page counts, in one query of indexed scalar subqueries: the circle, circle by circle
 * (unless `withCounts` is false), open tasks, updates, criteria, and the agreement with how many co-producers agree
 * with its current version.
 */
export async function projectSummary(db: Db, organisationId: string, projectId: string, withCounts = true): Promise<ProjectSummary> {
  const [row] = await compiledFor(db, withCounts ? 'projectSummary:counts' : 'projectSummary', ['org', 'project'], (v) =>
    db.selectNoFrom((eb) => {
      const agreement = eb.selectFrom('project_agreements as a').where('a.organisation_id', '=', v.org).where('a.project_id', '=', v.project);
      const responses = (agrees: number) =>
        eb
          .selectFrom('agreement_responses as r')
          .innerJoin('project_agreements as a', (join) => join.onRef('a.project_id', '=', 'r.project_id').onRef('a.version', '=', 'r.agreement_version'))
          .innerJoin('people as p', 'p.id', 'r.person_id')
          .select(eb.fn.countAll<number>().as('n'))
          .where('r.organisation_id', '=', v.org)
          .where('r.project_id', '=', v.project)
          .where('r.agrees', '=', agrees)
          .where('a.organisation_id', '=', v.org)
          .where('p.archived_at', 'is', null);
      // Each circle counted from circle_members_circle_idx; `null` when the caller has the counts cached.
      const inCircle = (circle: Circle) => (withCounts ? inCircleCount(eb, v.org, v.project, circle) : sql<number | null>`null`);
      return [
        inCircle('co_producers').as('co_producers'),
        inCircle('participants').as('participants'),
        inCircle('involved').as('involved'),
        inCircle('consulted').as('consulted'),
        eb.selectFrom('project_tasks').select(eb.fn.countAll<number>().as('n')).where('organisation_id', '=', v.org).where('project_id', '=', v.project).where('status', '=', 'open').as('open_tasks'),
        eb.selectFrom('project_updates').select(eb.fn.countAll<number>().as('n')).where('organisation_id', '=', v.org).where('project_id', '=', v.project).as('updates'),
        eb.selectFrom('success_criteria').select(eb.fn.countAll<number>().as('n')).where('organisation_id', '=', v.org).where('project_id', '=', v.project).where('archived_at', 'is', null).as('criteria'),
        agreement.select('a.version').as('agreement_version'),
        agreement.select('a.equal_delivery').as('equal_delivery'),
        responses(1).as('agreed'),
        responses(0).as('disagreed'),
      ];
    }),
  )({ org: organisationId, project: projectId });
  if (row === undefined) throw new Error('the summary query returned no row');
  return {
    counts: withCounts
      ? { co_producers: toCount(row.co_producers), participants: toCount(row.participants), involved: toCount(row.involved), consulted: toCount(row.consulted) }
      : null,
    openTasks: toCount(row.open_tasks),
    updates: toCount(row.updates),
    criteria: toCount(row.criteria),
    agreement: row.agreement_version === null
      ? null
      : { version: row.agreement_version, equalDelivery: row.equal_delivery, agreed: toCount(row.agreed), disagreed: toCount(row.disagreed) },
  };
}
