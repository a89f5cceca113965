import { newId } from '../../db/portable.js';
import { compiledFor } from '../../db/precompiled.js';
import type { Circle, Domain, Frequency, Level, Stage, TellBy } from './projects.registry.js';
import { personRef, type Db, type PersonRef } from './projects.repository.js';

export interface CircleMember {
  readonly personId: string;
  readonly name: string;
  readonly hasAccount: boolean;
  readonly circle: Circle;
  readonly level: Level;
  readonly domain: Domain;
  readonly note: string | null;
  readonly engagementHow: string | null;
  readonly engagementHowOften: Frequency | null;
  readonly tellBy: TellBy;
  readonly wantsMoreAt: string | null;
  readonly since: string;
}

const MEMBER_COLUMNS = [
  'cm.person_id', 'p.display_name', 'p.account_id', 'cm.circle', 'cm.level', 'cm.domain', 'cm.note', 'cm.engagement_how',
  'cm.engagement_how_often', 'cm.tell_by', 'cm.wants_more_at', 'cm.updated_at',
] as const;

type MemberRow = {
  person_id: string; display_name: string; account_id: string | null; circle: Circle; level: Level; domain: Domain;
  note: string | null; engagement_how: string | null; engagement_how_often: string | null; tell_by: TellBy;
  wants_more_at: string | null; updated_at: string;
};

function toMember(r: MemberRow): CircleMember {
  return {
    personId: r.person_id, name: r.display_name, hasAccount: r.account_id !== null, circle: r.circle, level: r.level, domain: r.domain,
    note: r.note, engagementHow: r.engagement_how, engagementHowOften: r.engagement_how_often as Frequency | null,
    tellBy: r.tell_by, wantsMoreAt: r.wants_more_at, since: r.updated_at,
  };
}

/** Everyone in the circle now, in one query, in the order the page lists them. */
export async function listCircle(db: Db, organisationId: string, projectId: string): Promise<CircleMember[]> {
  const rows = await compiledFor(db, 'listCircle', ['org', 'project'], (v) =>
    db
      .selectFrom('circle_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .select(MEMBER_COLUMNS)
      .where('cm.organisation_id', '=', v.org)
      .where('cm.project_id', '=', v.project)
      .where('cm.left_at', 'is', null)
      .where('p.archived_at', 'is', null)
      .orderBy('p.display_name')
      .orderBy('p.id'),
  )({ org: organisationId, project: projectId });
  return rows.map(toMember);
}

/** Someone in the circle as the circle page shows them: fewer columns than a member's own page needs. */
export interface CirclePerson {
  readonly personId: string;
  readonly name: string;
  readonly circle: Circle;
  readonly level: Level;
  readonly domain: Domain;
  /** They have asked to do more (shown to the people who run the circle). */
  readonly wantsMore: boolean;
}

/**
 * Everyone in the circle now, for the circle page: one query, compiled once, only the columns the page shows (on
 * SQLite most of the time of a 200-row list goes on turning rows into objects, so every column counts).
 */
export async function listCirclePeople(db: Db, organisationId: string, projectId: string): Promise<CirclePerson[]> {
  const rows = await compiledFor(db, 'listCirclePeople', ['org', 'project'], (v) =>
    db
      .selectFrom('circle_members as cm')
      .innerJoin('people as p', 'p.id', 'cm.person_id')
      .select(['cm.person_id', 'p.display_name', 'cm.circle', 'cm.level', 'cm.domain', 'cm.wants_more_at'])
      .where('cm.organisation_id', '=', v.org)
      .where('cm.project_id', '=', v.project)
      .where('cm.left_at', 'is', null)
      .where('p.archived_at', 'is', null)
      .orderBy('p.display_name')
      .orderBy('p.id'),
  )({ org: organisationId, project: projectId });
  return rows.map((r) => ({ personId: r.person_id, name: r.display_name, circle: r.circle, level: r.level, domain: r.domain, wantsMore: r.wants_more_at !== null }));
}

export async function findMember(db: Db, organisationId: string, projectId: string, personId: string): Promise<CircleMember | undefined> {
  const row = await db
    .selectFrom('circle_members as cm')
    .innerJoin('people as p', 'p.id', 'cm.person_id')
    .select(MEMBER_COLUMNS)
    .where('cm.organisation_id', '=', organisationId)
    .where('cm.project_id', '=', projectId)
    .where('cm.person_id', '=', personId)
    .where('cm.left_at', 'is', null)
    .where('p.archived_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : toMember(row);
}

/** A row for this person in this project, current or left (to put someone back in the circle). */
export async function findAnyMembership(db: Db, organisationId: string, projectId: string, personId: string): Promise<{ id: string; leftAt: string | null } | undefined> {
  const row = await db
    .selectFrom('circle_members')
    .select(['id', 'left_at'])
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, leftAt: row.left_at };
}

export interface Placement {
  readonly circle: Circle;
  readonly level: Level;
  readonly domain: Domain;
  readonly note: string | null;
}

export async function insertMember(db: Db, organisationId: string, input: Placement & { projectId: string; personId: string; addedBy: string; engagementHow: string | null; engagementHowOften: Frequency | null; now: string }): Promise<void> {
  await db
    .insertInto('circle_members')
    .values({
      id: newId(), organisation_id: organisationId, project_id: input.projectId, person_id: input.personId, circle: input.circle,
      level: input.level, domain: input.domain, note: input.note, engagement_how: input.engagementHow, engagement_how_often: input.engagementHowOften,
      tell_by: 'app_and_email', wants_more_at: null, added_by: input.addedBy, created_at: input.now, updated_at: input.now, left_at: null,
    })
    .execute();
}

export async function rejoin(db: Db, organisationId: string, membershipId: string, input: Placement & { addedBy: string; now: string }): Promise<void> {
  await db
    .updateTable('circle_members')
    .set({ circle: input.circle, level: input.level, domain: input.domain, note: input.note, added_by: input.addedBy, updated_at: input.now, left_at: null, wants_more_at: null })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', membershipId)
    .execute();
}

export async function updatePlacement(db: Db, organisationId: string, projectId: string, personId: string, input: Placement & { now: string }): Promise<void> {
  await db
    .updateTable('circle_members')
    .set({ circle: input.circle, level: input.level, domain: input.domain, note: input.note, updated_at: input.now, wants_more_at: null })
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .execute();
}

export async function updateMemberFields(
  db: Db,
  organisationId: string,
  projectId: string,
  personId: string,
  fields: Partial<{ engagement_how: string | null; engagement_how_often: Frequency | null; tell_by: TellBy; wants_more_at: string | null; left_at: string | null }> & { updated_at: string },
): Promise<void> {
  await db
    .updateTable('circle_members')
    .set(fields)
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .where('person_id', '=', personId)
    .execute();
}

export interface MoveValues {
  readonly from: Placement | null;
  readonly to: Placement | null;
}

export async function insertMove(db: Db, organisationId: string, input: MoveValues & { projectId: string; personId: string; movedBy: string; note: string | null; now: string }): Promise<void> {
  await db
    .insertInto('circle_moves')
    .values({
      id: newId(), organisation_id: organisationId, project_id: input.projectId, person_id: input.personId,
      from_circle: input.from?.circle ?? null, to_circle: input.to?.circle ?? null,
      from_level: input.from?.level ?? null, to_level: input.to?.level ?? null,
      from_domain: input.from?.domain ?? null, to_domain: input.to?.domain ?? null,
      note: input.note, moved_by: input.movedBy, created_at: input.now,
    })
    .execute();
}

export interface CircleMove {
  readonly projectId: string;
  readonly from: { circle: Circle | null; level: Level | null; domain: Domain | null };
  readonly to: { circle: Circle | null; level: Level | null; domain: Domain | null };
  readonly note: string | null;
  readonly by: PersonRef;
  readonly at: string;
}

/** A person's moves in one project (or in every project, without `projectId`), oldest first. */
export async function listMoves(db: Db, organisationId: string, personId: string, projectId?: string): Promise<CircleMove[]> {
  let query = db
    .selectFrom('circle_moves as m')
    .leftJoin('people as by', 'by.id', 'm.moved_by')
    .select([
      'm.project_id', 'm.from_circle', 'm.to_circle', 'm.from_level', 'm.to_level', 'm.from_domain', 'm.to_domain', 'm.note',
      'm.moved_by', 'm.created_at', 'by.display_name', 'by.archived_at',
    ])
    .where('m.organisation_id', '=', organisationId)
    .where('m.person_id', '=', personId);
  if (projectId !== undefined) query = query.where('m.project_id', '=', projectId);
  const rows = await query.orderBy('m.created_at').orderBy('m.id').execute();
  return rows.map((r) => ({
    projectId: r.project_id,
    from: { circle: r.from_circle, level: r.from_level, domain: r.from_domain },
    to: { circle: r.to_circle, level: r.to_level, domain: r.to_domain },
    note: r.note,
    by: personRef(r.moved_by, r.display_name, r.archived_at),
    at: r.created_at,
  }));
}

export interface PersonOption {
  readonly id: string;
  readonly name: string;
}

/**
 * Everyone in the organisation (not archived), in name order, for the circle page's "choose a person": one list an
 * organisation shares between its projects (each circle page leaves out its own circle's people).
 */
export async function listOrganisationPeople(db: Db, organisationId: string): Promise<PersonOption[]> {
  return compiledFor(db, 'listOrganisationPeople', ['org'], (v) =>
    db
      .selectFrom('people as p')
      .select(['p.id', 'p.display_name as name'])
      .where('p.organisation_id', '=', v.org)
      .where('p.archived_at', 'is', null)
      .orderBy('p.display_name')
      .orderBy('p.id'),
  )({ org: organisationId });
}

export async function findPerson(db: Db, organisationId: string, personId: string): Promise<PersonOption | undefined> {
  return db
    .selectFrom('people')
    .select(['id', 'display_name as name'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

/** The ways a person prefers to take part, from their profile (a JSON list of keys), or undefined. */
export async function participationWaysOf(db: Db, organisationId: string, personId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('people')
    .select('participation_ways')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return row?.participation_ways;
}

/** A person record made on the spot by name: no account, the least permission. */
export async function insertPerson(db: Db, organisationId: string, name: string, now: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('people')
    .values({ id, organisation_id: organisationId, account_id: null, display_name: name, permission: 'member', created_at: now, updated_at: now, archived_at: null, archived_by: null })
    .execute();
  return id;
}

export interface JourneyProject {
  readonly projectId: string;
  readonly title: string;
  readonly stage: Stage;
  readonly visibility: 'open' | 'invite_only';
  readonly now: Placement | null;
  readonly leftAt: string | null;
}

/** Every project the person has been in, with where they are now. */
export async function listJourneyProjects(db: Db, organisationId: string, personId: string): Promise<JourneyProject[]> {
  const rows = await db
    .selectFrom('circle_members as cm')
    .innerJoin('projects as pr', 'pr.id', 'cm.project_id')
    .select(['pr.id', 'pr.title', 'pr.stage', 'pr.visibility', 'cm.circle', 'cm.level', 'cm.domain', 'cm.note', 'cm.left_at'])
    .where('cm.organisation_id', '=', organisationId)
    .where('pr.organisation_id', '=', organisationId)
    .where('cm.person_id', '=', personId)
    .where('pr.archived_at', 'is', null)
    .orderBy('pr.title')
    .execute();
  return rows.map((r) => ({
    projectId: r.id, title: r.title, stage: r.stage, visibility: r.visibility,
    now: r.left_at === null ? { circle: r.circle, level: r.level, domain: r.domain, note: r.note } : null,
    leftAt: r.left_at,
  }));
}
