import { sql } from 'kysely';
import { newId, toCount } from '../../db/portable.js';
import { compiledFor } from '../../db/precompiled.js';
import { personRef, type Db, type PersonRef } from './projects.repository.js';

export interface Task {
  readonly id: string;
  readonly title: string;
  readonly details: string | null;
  readonly owner: PersonRef | null;
  readonly ownerId: string | null;
  readonly dueOn: string | null;
  readonly status: 'open' | 'done';
  readonly needs: readonly string[];
  readonly volunteers: number;
  readonly createdAt: string;
}

export async function insertTask(
  db: Db,
  organisationId: string,
  input: { projectId: string; title: string; details: string | null; dueOn: string | null; needs: readonly { label: string; normalised: string }[]; createdBy: string; now: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('project_tasks')
    .values({
      id, organisation_id: organisationId, project_id: input.projectId, title: input.title, details: input.details, owner_id: null, due_on: input.dueOn,
      status: 'open', created_by: input.createdBy, created_at: input.now, updated_at: input.now, done_at: null,
    })
    .execute();
  if (input.needs.length > 0) {
    await db
      .insertInto('task_needs')
      .values(input.needs.map((n) => ({ id: newId(), organisation_id: organisationId, task_id: id, label: n.label, label_normalised: n.normalised })))
      .execute();
  }
  return id;
}

type TaskRow = {
  id: string; title: string; details: string | null; owner_id: string | null; due_on: string | null; status: 'open' | 'done';
  created_at: string; display_name: string | null; archived_at: string | null; volunteers: number | string | bigint | null;
};

function toTask(r: TaskRow, needs: readonly string[]): Task {
  return {
    id: r.id, title: r.title, details: r.details, ownerId: r.owner_id, owner: r.owner_id === null ? null : personRef(r.owner_id, r.display_name, r.archived_at),
    dueOn: r.due_on, status: r.status, needs, volunteers: toCount(r.volunteers), createdAt: r.created_at,
  };
}

function taskQuery(db: Db, organisationId: string) {
  return db
    .selectFrom('project_tasks as t')
    .leftJoin('people as owner', 'owner.id', 't.owner_id')
    .select((eb) => [
      't.id', 't.title', 't.details', 't.owner_id', 't.due_on', 't.status', 't.created_at', 'owner.display_name', 'owner.archived_at',
      eb.selectFrom('task_volunteers as v').select(eb.fn.countAll<number>().as('n')).whereRef('v.task_id', '=', 't.id').where('v.organisation_id', '=', organisationId).as('volunteers'),
    ])
    .where('t.organisation_id', '=', organisationId);
}

async function needsFor(db: Db, organisationId: string, taskIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (taskIds.length === 0) return map;
  const rows = await db
    .selectFrom('task_needs')
    .select(['task_id', 'label'])
    .where('organisation_id', '=', organisationId)
    .where('task_id', 'in', taskIds)
    .execute();
  for (const row of rows) map.set(row.task_id, [...(map.get(row.task_id) ?? []), row.label]);
  for (const labels of map.values()) labels.sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' }));
  return map;
}

/**
 * The project's tasks (open first, soonest due first) with what they need: two queries whatever the number. The
 * query is compiled once for each status and limit asked for (the project page asks for the first few open ones on
 * every view).
 */
export async function listTasks(db: Db, organisationId: string, projectId: string, options: { status?: 'open' | 'done'; limit?: number; withNeeds?: boolean } = {}): Promise<Task[]> {
  const rows = await compiledFor(db, `listTasks:${options.status ?? 'all'}:${String(options.limit ?? 'all')}`, ['org', 'project'], (v) => {
    let query = taskQuery(db, v.org).where('t.project_id', '=', v.project);
    if (options.status !== undefined) query = query.where('t.status', '=', options.status);
    // Open first; undated tasks after dated ones on both databases (they sort NULL differently).
    query = query.orderBy('t.status', 'desc').orderBy(sql`coalesce(t.due_on, '9999-12-31')`).orderBy('t.created_at').orderBy('t.id');
    return options.limit === undefined ? query : query.limit(options.limit);
  })({ org: organisationId, project: projectId });
  const needs = options.withNeeds === false ? new Map<string, string[]>() : await needsFor(db, organisationId, rows.map((r) => r.id));
  return rows.map((r) => toTask(r, needs.get(r.id) ?? []));
}

export async function findTask(db: Db, organisationId: string, projectId: string, taskId: string): Promise<Task | undefined> {
  const row = await taskQuery(db, organisationId).where('t.project_id', '=', projectId).where('t.id', '=', taskId).executeTakeFirst();
  if (row === undefined) return undefined;
  const needs = await needsFor(db, organisationId, [row.id]);
  return toTask(row, needs.get(row.id) ?? []);
}

export async function listVolunteers(db: Db, organisationId: string, taskId: string): Promise<PersonRef[]> {
  const rows = await db
    .selectFrom('task_volunteers as v')
    .leftJoin('people as p', 'p.id', 'v.person_id')
    .select(['v.person_id', 'p.display_name', 'p.archived_at'])
    .where('v.organisation_id', '=', organisationId)
    .where('v.task_id', '=', taskId)
    .orderBy('v.created_at')
    .execute();
  return rows.map((r) => personRef(r.person_id, r.display_name, r.archived_at));
}

export interface Suggestion {
  readonly personId: string;
  readonly name: string;
  /** The strengths they offer that the task needs. */
  readonly matches: readonly string[];
}

/**
 * People in the circle now who offer any strength the task needs (from their one-page profiles, unless the profile
 * is private), most matches first. One query.
 */
export async function suggestPeople(db: Db, organisationId: string, projectId: string, taskId: string): Promise<Suggestion[]> {
  const rows = await db
    .selectFrom('task_needs as n')
    .innerJoin('strengths as s', (join) =>
      join.onRef('s.label_normalised', '=', 'n.label_normalised').on('s.organisation_id', '=', organisationId).on('s.kind', '=', 'offer'),
    )
    .innerJoin('circle_members as cm', (join) =>
      join.onRef('cm.person_id', '=', 's.person_id').on('cm.organisation_id', '=', organisationId).on('cm.project_id', '=', projectId).on('cm.left_at', 'is', null),
    )
    .innerJoin('people as p', 'p.id', 's.person_id')
    .select(['p.id', 'p.display_name', 's.label'])
    .where('n.organisation_id', '=', organisationId)
    .where('n.task_id', '=', taskId)
    .where('p.archived_at', 'is', null)
    // A private profile's strengths are never shown to others, even as a match.
    .where('p.profile_visibility', '!=', 'private')
    .orderBy('p.display_name')
    .orderBy('s.label')
    .execute();
  const byPerson = new Map<string, { personId: string; name: string; matches: string[] }>();
  for (const row of rows) {
    const entry = byPerson.get(row.id) ?? { personId: row.id, name: row.display_name, matches: [] };
    entry.matches.push(row.label);
    byPerson.set(row.id, entry);
  }
  // Sorted here: the two databases order text differently (case, accents).
  const byText = (a: string, b: string) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' });
  return [...byPerson.values()]
    .map((entry) => ({ ...entry, matches: entry.matches.sort(byText) }))
    .sort((a, b) => b.matches.length - a.matches.length || byText(a.name, b.name));
}

export async function addVolunteer(db: Db, organisationId: string, taskId: string, personId: string, now: string): Promise<void> {
  await db
    .insertInto('task_volunteers')
    .values({ id: newId(), organisation_id: organisationId, task_id: taskId, person_id: personId, created_at: now })
    .onConflict((oc) => oc.columns(['organisation_id', 'task_id', 'person_id']).doNothing())
    .execute();
}

export async function removeVolunteer(db: Db, organisationId: string, taskId: string, personId: string): Promise<void> {
  await db.deleteFrom('task_volunteers').where('organisation_id', '=', organisationId).where('task_id', '=', taskId).where('person_id', '=', personId).execute();
}

export async function setOwner(db: Db, organisationId: string, taskId: string, ownerId: string | null, now: string): Promise<void> {
  await db.updateTable('project_tasks').set({ owner_id: ownerId, updated_at: now }).where('organisation_id', '=', organisationId).where('id', '=', taskId).execute();
}

export async function setStatus(db: Db, organisationId: string, taskId: string, status: 'open' | 'done', now: string): Promise<void> {
  await db
    .updateTable('project_tasks')
    .set({ status, done_at: status === 'done' ? now : null, updated_at: now })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', taskId)
    .execute();
}

/** Which of these tasks the person has volunteered for. */
export async function volunteeredFor(db: Db, organisationId: string, personId: string, taskIds: readonly string[]): Promise<Set<string>> {
  if (taskIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('task_volunteers')
    .select('task_id')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('task_id', 'in', taskIds)
    .execute();
  return new Set(rows.map((r) => r.task_id));
}
