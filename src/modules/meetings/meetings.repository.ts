import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { fromDbBool, fromJson, newId, toDbBool, toJson } from '../../db/portable.js';
import type { KeeperMode, ReplyAnswer, Way } from './meetings.registry.js';

export type Db = Kysely<Database> | Transaction<Database>;

/** The project a meeting belongs to, and the viewer's place in its circle. */
export interface ProjectAccess {
  readonly projectId: string;
  readonly title: string;
  readonly endsOn: string | null;
  readonly circle: string | null;
}

export async function findProjectAccess(db: Db, org: string, projectId: string, personId: string): Promise<ProjectAccess | undefined> {
  const row = await db
    .selectFrom('projects')
    .leftJoin('circle_members as me', (join) =>
      join.onRef('me.project_id', '=', 'projects.id').on('me.organisation_id', '=', org).on('me.person_id', '=', personId).on('me.left_at', 'is', null),
    )
    .select(['projects.id', 'projects.title', 'projects.ends_on', 'me.circle'])
    .where('projects.organisation_id', '=', org)
    .where('projects.id', '=', projectId)
    .where('projects.archived_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : { projectId: row.id, title: row.title, endsOn: row.ends_on, circle: row.circle };
}

export interface CirclePerson {
  readonly id: string;
  readonly name: string;
  readonly circle: string;
  readonly joinedAt: string;
  readonly email: string | null;
  readonly language: string | null;
  readonly tellBy: string;
  /** Whether they said they are willing to keep the cards for this project (null: not said). */
  readonly willingToKeep: boolean | null;
}

/** Everyone in the project's circle now, in name order: read from the project's circle by index (ADR 0010). */
export async function listCirclePeople(db: Db, org: string, projectId: string): Promise<CirclePerson[]> {
  const rows = await db
    .selectFrom('circle_members as cm')
    .innerJoin('people as p', 'p.id', 'cm.person_id')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .leftJoin('keeper_preferences as kp', (j) => j.on('kp.organisation_id', '=', org).onRef('kp.project_id', '=', 'cm.project_id').onRef('kp.person_id', '=', 'cm.person_id'))
    .select(['p.id', 'p.display_name', 'cm.circle', 'cm.created_at', 'a.email', 'a.language', 'cm.tell_by', 'kp.willing'])
    .where('cm.organisation_id', '=', org)
    .where('p.organisation_id', '=', org)
    .where('cm.project_id', '=', projectId)
    .where('cm.left_at', 'is', null)
    .where('p.archived_at', 'is', null)
    .orderBy('p.display_name')
    .execute();
  return rows.map((r) => ({
    id: r.id, name: r.display_name, circle: r.circle, joinedAt: r.created_at, email: r.email, language: r.language, tellBy: r.tell_by,
    willingToKeep: r.willing === null ? null : fromDbBool(r.willing),
  }));
}

export interface Meeting {
  readonly id: string;
  readonly projectId: string;
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly place: string | null;
  readonly onlineUrl: string | null;
  readonly stepFree: boolean;
  readonly quietRoom: boolean;
  readonly hearingLoop: boolean;
  readonly ways: Way[];
  readonly keeperId: string | null;
  readonly keeperName: string | null;
  readonly keeperMode: KeeperMode;
  readonly noteTakerId: string | null;
  readonly noteTakerName: string | null;
  readonly version: number;
  readonly updatedAt: string;
}

function meetingQuery(db: Db, org: string) {
  return db
    .selectFrom('meetings as m')
    .leftJoin('people as keeper', (j) => j.onRef('keeper.id', '=', 'm.card_keeper_id').on('keeper.organisation_id', '=', org))
    .leftJoin('people as taker', (j) => j.onRef('taker.id', '=', 'm.note_taker_id').on('taker.organisation_id', '=', org))
    .select([
      'm.id', 'm.project_id', 'm.title', 'm.starts_at', 'm.ends_at', 'm.place', 'm.online_url', 'm.step_free', 'm.quiet_room', 'm.hearing_loop',
      'm.ways', 'm.card_keeper_id', 'keeper.display_name as keeper_name', 'm.keeper_mode', 'm.note_taker_id', 'taker.display_name as taker_name',
      'm.version', 'm.updated_at',
    ])
    .where('m.organisation_id', '=', org)
    .where('m.archived_at', 'is', null);
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingQuery>['executeTakeFirstOrThrow']>>;

function toMeeting(r: MeetingRow): Meeting {
  return {
    id: r.id, projectId: r.project_id ?? '', title: r.title, startsAt: r.starts_at, endsAt: r.ends_at, place: r.place, onlineUrl: r.online_url,
    stepFree: fromDbBool(r.step_free), quietRoom: fromDbBool(r.quiet_room), hearingLoop: fromDbBool(r.hearing_loop),
    ways: (fromJson(r.ways) as Way[] | null) ?? [], keeperId: r.card_keeper_id, keeperName: r.keeper_name, keeperMode: r.keeper_mode,
    noteTakerId: r.note_taker_id, noteTakerName: r.taker_name, version: r.version, updatedAt: r.updated_at,
  };
}

export async function listMeetings(db: Db, org: string, projectId: string): Promise<Meeting[]> {
  const rows = await meetingQuery(db, org).where('m.project_id', '=', projectId).orderBy('m.starts_at', 'desc').execute();
  return rows.map(toMeeting);
}

export async function findMeeting(db: Db, org: string, projectId: string, meetingId: string): Promise<Meeting | undefined> {
  const row = await meetingQuery(db, org).where('m.project_id', '=', projectId).where('m.id', '=', meetingId).executeTakeFirst();
  return row === undefined ? undefined : toMeeting(row);
}

/** A meeting with its project and the viewer's place in the project's circle, in one query (every meeting request asks). */
export async function findMeetingWithAccess(db: Db, org: string, projectId: string, meetingId: string, personId: string): Promise<{ access: ProjectAccess; meeting: Meeting; accessNeedsDays: number } | undefined> {
  const row = await meetingQuery(db, org)
    .innerJoin('projects as pr', (j) => j.onRef('pr.id', '=', 'm.project_id').on('pr.organisation_id', '=', org).on('pr.archived_at', 'is', null))
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('circle_members as me', (j) =>
      j.onRef('me.project_id', '=', 'm.project_id').on('me.organisation_id', '=', org).on('me.person_id', '=', personId).on('me.left_at', 'is', null),
    )
    .select(['pr.title as project_title', 'pr.ends_on as project_ends_on', 'me.circle as viewer_circle', 'o.meeting_access_needs_days'])
    .where('m.project_id', '=', projectId)
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { access: { projectId, title: row.project_title, endsOn: row.project_ends_on, circle: row.viewer_circle }, meeting: toMeeting(row), accessNeedsDays: row.meeting_access_needs_days };
}

/** Meetings of every project the person is in now, for their calendar feed. */
export async function listMeetingsForPerson(db: Db, org: string, personId: string, since: string): Promise<Meeting[]> {
  const rows = await meetingQuery(db, org)
    .innerJoin('circle_members as cm', (j) => j.onRef('cm.project_id', '=', 'm.project_id').on('cm.organisation_id', '=', org).on('cm.person_id', '=', personId).on('cm.left_at', 'is', null))
    .where('m.ends_at', '>=', since)
    .orderBy('m.starts_at')
    .limit(500)
    .execute();
  return rows.map(toMeeting);
}

export interface MeetingInput {
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly place: string | null;
  readonly onlineUrl: string | null;
  readonly features: readonly string[];
  readonly ways: readonly Way[];
}

export async function insertMeeting(db: Db, org: string, v: MeetingInput & { projectId: string; keeperId: string | null; keeperMode: KeeperMode; createdBy: string; now: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto('meetings')
    .values({
      id, organisation_id: org, project_id: v.projectId, title: v.title, starts_at: v.startsAt, ends_at: v.endsAt, place: v.place, online_url: v.onlineUrl,
      step_free: toDbBool(v.features.includes('step_free')), quiet_room: toDbBool(v.features.includes('quiet_room')), hearing_loop: toDbBool(v.features.includes('hearing_loop')),
      ways: toJson(v.ways), card_keeper_id: v.keeperId, keeper_mode: v.keeperMode, note_taker_id: null, version: 0, created_by: v.createdBy,
      created_at: v.now, updated_at: v.now, archived_at: null,
    })
    .execute();
  return id;
}

export async function updateRoles(db: Db, org: string, meetingId: string, v: { keeperId: string | null; keeperMode: KeeperMode; noteTakerId: string | null; now: string }): Promise<void> {
  await db
    .updateTable('meetings')
    .set({ card_keeper_id: v.keeperId, keeper_mode: v.keeperMode, note_taker_id: v.noteTakerId, updated_at: v.now, version: sql<number>`version + 1` })
    .where('organisation_id', '=', org)
    .where('id', '=', meetingId)
    .execute();
}

/** Something on the meeting changed: live views poll this counter (it works across app instances). */
export async function bumpVersion(db: Db, org: string, meetingId: string): Promise<void> {
  await db.updateTable('meetings').set({ version: sql<number>`version + 1` }).where('organisation_id', '=', org).where('id', '=', meetingId).execute();
}

export async function meetingVersion(db: Db, org: string, meetingId: string): Promise<number | undefined> {
  const row = await db.selectFrom('meetings').select('version').where('organisation_id', '=', org).where('id', '=', meetingId).executeTakeFirst();
  return row?.version;
}

/** How many meetings each person has kept cards for, and when they last did. */
export async function keeperHistory(db: Db, org: string, projectId: string, before: string): Promise<Map<string, { times: number; last: string }>> {
  const rows = await db
    .selectFrom('meetings')
    .select(['card_keeper_id', db.fn.countAll<number>().as('times'), db.fn.max('starts_at').as('last')])
    .where('organisation_id', '=', org)
    .where('project_id', '=', projectId)
    .where('archived_at', 'is', null)
    .where('starts_at', '<', before)
    .where('card_keeper_id', 'is not', null)
    .groupBy('card_keeper_id')
    .execute();
  return new Map(rows.map((r) => [r.card_keeper_id ?? '', { times: r.times, last: r.last }]));
}

export async function setKeeperPreference(db: Db, org: string, v: { projectId: string; personId: string; willing: boolean; now: string }): Promise<void> {
  await db
    .insertInto('keeper_preferences')
    .values({ id: newId(), organisation_id: org, project_id: v.projectId, person_id: v.personId, willing: toDbBool(v.willing), updated_at: v.now })
    .onConflict((oc) => oc.columns(['organisation_id', 'project_id', 'person_id']).doUpdateSet({ willing: toDbBool(v.willing), updated_at: v.now }))
    .execute();
}

export interface Reply {
  readonly personId: string;
  readonly name: string;
  readonly answer: ReplyAnswer;
  readonly way: string | null;
  readonly accessNeeds: string | null;
  readonly travelExpenses: boolean;
}

export async function listReplies(db: Db, org: string, meetingId: string): Promise<Reply[]> {
  const rows = await db
    .selectFrom('meeting_replies as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'p.display_name', 'r.answer', 'r.way', 'r.access_needs', 'r.travel_expenses'])
    .where('r.organisation_id', '=', org)
    .where('r.meeting_id', '=', meetingId)
    .orderBy('p.display_name')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, name: r.display_name, answer: r.answer, way: r.way, accessNeeds: r.access_needs, travelExpenses: fromDbBool(r.travel_expenses) }));
}

export async function upsertReply(db: Db, org: string, v: { meetingId: string; personId: string; answer: ReplyAnswer; way: string | null; accessNeeds: string | null; travelExpenses: boolean; now: string }): Promise<void> {
  const set = { answer: v.answer, way: v.way, access_needs: v.accessNeeds, travel_expenses: toDbBool(v.travelExpenses), updated_at: v.now };
  await db
    .insertInto('meeting_replies')
    .values({ id: newId(), organisation_id: org, meeting_id: v.meetingId, person_id: v.personId, ...set, created_at: v.now })
    .onConflict((oc) => oc.columns(['organisation_id', 'meeting_id', 'person_id']).doUpdateSet(set))
    .execute();
}

export interface AgendaItem {
  readonly id: string;
  readonly title: string;
  readonly details: string | null;
  readonly raisedBy: string | null;
  readonly raisedByName: string | null;
  readonly cardId: string | null;
  readonly createdAt: string;
}

export async function listAgenda(db: Db, org: string, meetingId: string): Promise<AgendaItem[]> {
  const rows = await db
    .selectFrom('agenda_items as a')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'a.raised_by').on('p.organisation_id', '=', org))
    .select(['a.id', 'a.title', 'a.details', 'a.raised_by', 'p.display_name', 'a.card_id', 'a.created_at'])
    .where('a.organisation_id', '=', org)
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, details: r.details, raisedBy: r.raised_by, raisedByName: r.display_name, cardId: r.card_id, createdAt: r.created_at }));
}

export async function insertAgendaItem(db: Db, org: string, v: { meetingId: string; title: string; details: string | null; raisedBy: string | null; cardId: string | null; now: string }): Promise<string> {
  const id = newId();
  await db.insertInto('agenda_items').values({ id, organisation_id: org, meeting_id: v.meetingId, title: v.title, details: v.details, raised_by: v.raisedBy, card_id: v.cardId, created_at: v.now }).execute();
  return id;
}

export async function insertFeed(db: Db, org: string, v: { personId: string; tokenHash: string; now: string }): Promise<void> {
  await db.updateTable('calendar_feeds').set({ revoked_at: v.now }).where('organisation_id', '=', org).where('person_id', '=', v.personId).where('revoked_at', 'is', null).execute();
  await db.insertInto('calendar_feeds').values({ id: newId(), organisation_id: org, person_id: v.personId, token_hash: v.tokenHash, created_at: v.now, revoked_at: null }).execute();
}

/** The feed's owner, still in the organisation. The one query that does not start from an organisation: the token is the key. */
export async function findFeed(db: Db, tokenHash: string): Promise<{ organisationId: string; personId: string; timeZone: string; orgName: string } | undefined> {
  const row = await db
    .selectFrom('calendar_feeds as f')
    .innerJoin('people as p', (j) => j.onRef('p.id', '=', 'f.person_id').onRef('p.organisation_id', '=', 'f.organisation_id'))
    .innerJoin('organisations as o', 'o.id', 'f.organisation_id')
    .select(['f.organisation_id', 'f.person_id', 'o.time_zone', 'o.name'])
    .where('f.token_hash', '=', tokenHash)
    .where('f.revoked_at', 'is', null)
    .where('p.archived_at', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : { organisationId: row.organisation_id, personId: row.person_id, timeZone: row.time_zone, orgName: row.name };
}

export async function organisationTimeZone(db: Db, org: string): Promise<string> {
  const row = await db.selectFrom('organisations').select('time_zone').where('id', '=', org).executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}
