import type { Kysely } from 'kysely';
import type { Database, ProjectCircle } from '../../src/db/database.js';
import { newId } from '../../src/db/portable.js';

/** A project with people in its circle, written straight to the tables (the meetings tests need only that). */
export async function makeProject(db: Kysely<Database>, organisationId: string, members: readonly { personId: string; circle?: ProjectCircle }[], title = 'Peer support café'): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('projects')
    .values({ id, organisation_id: organisationId, title, purpose: 'A place to meet', who_for: 'Everyone', starts_on: null, ends_on: null, visibility: 'open', stage: 'involve', cycle: 1, review_open: 0, created_by: null, created_at: now, updated_at: now, archived_at: null, archived_by: null })
    .execute();
  for (const [index, member] of members.entries()) {
    await db
      .insertInto('circle_members')
      .values({
        id: newId(), organisation_id: organisationId, project_id: id, person_id: member.personId, circle: member.circle ?? 'co_producers', level: 'involve', domain: 'we', note: null,
        engagement_how: null, engagement_how_often: null, tell_by: 'app_and_email', wants_more_at: null, added_by: null,
        created_at: new Date(Date.parse(now) + index * 1000).toISOString(), updated_at: now, left_at: null,
      })
      .execute();
  }
  return id;
}

export async function setPerspective(db: Kysely<Database>, organisationId: string, personId: string, perspective: string): Promise<void> {
  await db.insertInto('person_perspectives').values({ organisation_id: organisationId, person_id: personId, perspective }).execute();
}

export async function makeUpdate(db: Kysely<Database>, organisationId: string, projectId: string, body = 'You said the café needed a quiet corner; we made one.'): Promise<string> {
  const id = newId();
  await db.insertInto('project_updates').values({ id, organisation_id: organisationId, project_id: projectId, body, quoted: null, author_id: null, created_at: new Date().toISOString() }).execute();
  return id;
}

/** A meeting of an hour ending at `endsAt`, written straight to the table. */
export async function makeMeeting(db: Kysely<Database>, org: string, projectId: string, endsAt: Date): Promise<string> {
  const id = newId();
  const at = new Date(endsAt.getTime() - 3_600_000).toISOString();
  await db
    .insertInto('meetings')
    .values({
      id, organisation_id: org, project_id: projectId, title: 'Peer café', starts_at: at, ends_at: endsAt.toISOString(), place: 'Library', online_url: null,
      step_free: 1, quiet_room: 0, hearing_loop: 0, ways: '["in_person"]', card_keeper_id: null, keeper_mode: 'rotate', note_taker_id: null, version: 1,
      created_by: null, created_at: at, updated_at: at, archived_at: null,
    })
    .execute();
  return id;
}
