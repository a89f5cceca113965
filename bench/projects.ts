import { newId } from '../src/db/portable.js';
import type { Actor } from '../src/shared/actor.js';
import { CIRCLES, DOMAINS, LEVELS } from '../src/modules/projects/projects.registry.js';
import type { BenchContext } from './scenarios.js';

export const BUSY_PROJECT = { people: 200, updates: 1000, title: 'A busy project (benchmark)' } as const;

let busyProjectId: string | undefined;
let busyMeetingId: string | undefined;
let planner: Actor | undefined;

/** The busy project's id, once its setup has run. */
export function busyProject(): string {
  if (busyProjectId === undefined) throw new Error('the busy project has not been set up');
  return busyProjectId;
}

const CHUNK = 200;

/**
 * A project in the demo organisation with a circle of 200 named people and 1,000 "you said, we did" updates,
 * generated (never typed by hand). Started through the service, as a facilitator would; the volume goes straight
 * into the tables. Runs once, however many scenarios use it.
 */
export async function setUpBusyProject({ app }: BenchContext): Promise<void> {
  if (busyProjectId !== undefined) return;
  const db = app.db.kysely;
  const row = await db
    .selectFrom('people')
    .innerJoin('accounts', 'accounts.id', 'people.account_id')
    .select(['people.id', 'people.organisation_id', 'people.display_name', 'people.permission', 'accounts.id as account_id', 'accounts.email'])
    .where('accounts.email', '=', 'priya@riverside.example')
    .executeTakeFirstOrThrow();
  const priya: Actor = { accountId: row.account_id, personId: row.id, organisationId: row.organisation_id, permission: row.permission, displayName: row.display_name, email: row.email };
  planner = priya;
  const created = await app.services.projects.create(priya, {
    title: BUSY_PROJECT.title, purpose: 'Measuring the project and circle pages with a large circle.', whoFor: 'Everyone',
    startsOn: null, endsOn: null, visibility: 'open',
  });
  if (!created.ok) throw new Error('could not start the busy project');
  const projectId = created.value.projectId;
  const organisationId = priya.organisationId;
  const now = Date.now();
  const at = (i: number) => new Date(now - (BUSY_PROJECT.updates - i) * 60_000).toISOString();

  const people = Array.from({ length: BUSY_PROJECT.people - 1 }, (_, i) => ({ id: newId(), name: `Bench Person ${String(i + 1).padStart(3, '0')}` }));
  for (let i = 0; i < people.length; i += CHUNK) {
    const slice = people.slice(i, i + CHUNK);
    await db
      .insertInto('people')
      .values(slice.map((p) => ({ id: p.id, organisation_id: organisationId, account_id: null, display_name: p.name, permission: 'member' as const, created_at: at(0), updated_at: at(0), archived_at: null, archived_by: null })))
      .execute();
    await db
      .insertInto('circle_members')
      .values(slice.map((p, j) => ({
        id: newId(), organisation_id: organisationId, project_id: projectId, person_id: p.id, circle: CIRCLES[(i + j) % CIRCLES.length] ?? 'participants',
        level: LEVELS[(i + j) % LEVELS.length] ?? 'consult', domain: DOMAINS[(i + j) % DOMAINS.length] ?? 'me', note: null, engagement_how: null,
        engagement_how_often: null, tell_by: 'app' as const, wants_more_at: null, added_by: priya.personId, created_at: at(0), updated_at: at(0), left_at: null,
      })))
      .execute();
  }
  for (let i = 0; i < BUSY_PROJECT.updates; i += CHUNK) {
    await db
      .insertInto('project_updates')
      .values(Array.from({ length: Math.min(CHUNK, BUSY_PROJECT.updates - i) }, (_, j) => ({
        id: newId(), organisation_id: organisationId, project_id: projectId, author_id: priya.personId, created_at: at(i + j),
        quoted: (i + j) % 3 === 0 ? `Someone said something useful, number ${String(i + j)}.` : null,
        body: `Update ${String(i + j + 1)}: what we did because of what people said, in a sentence or two of plain words.`,
      })))
      .execute();
  }
  busyProjectId = projectId;
}

export const BUSY_MEETING = { title: 'A big circle meeting (benchmark)' } as const;

/** The busy project's meeting, once its setup has run. */
export function busyMeeting(): string {
  if (busyMeetingId === undefined) throw new Error('the busy meeting has not been set up');
  return busyMeetingId;
}

/** A meeting of the busy project (its circle of 200), planned through the service as a facilitator would. */
export async function setUpBusyMeeting(context: BenchContext): Promise<void> {
  if (busyMeetingId !== undefined) return;
  await setUpBusyProject(context);
  if (planner === undefined) throw new Error('the busy project has no facilitator');
  const planned = await context.app.services.meetings.create(planner, busyProject(), {
    title: BUSY_MEETING.title, date: { year: 2027, month: 6, day: 10 }, start: { hour: 14, minute: 0 }, end: { hour: 16, minute: 0 },
    place: 'The big hall', onlineUrl: null, features: ['step_free'], ways: ['in_person', 'online'],
  });
  if (!planned.ok) throw new Error('could not plan the busy meeting');
  busyMeetingId = planned.value.meetingId;
}
