import { newId } from '../../db/portable.js';
import type { Db } from './meetings.repository.js';

export interface Notes {
  readonly body: string;
  readonly writtenByName: string | null;
  readonly sharedAt: string | null;
  readonly updatedAt: string;
}

export interface Action {
  readonly id: string;
  readonly text: string;
  readonly personId: string | null;
  readonly personName: string | null;
}

export async function findNotes(db: Db, org: string, meetingId: string): Promise<Notes | undefined> {
  const row = await db
    .selectFrom('meeting_notes as n')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'n.written_by').on('p.organisation_id', '=', org))
    .select(['n.body', 'p.display_name', 'n.shared_at', 'n.updated_at'])
    .where('n.organisation_id', '=', org)
    .where('n.meeting_id', '=', meetingId)
    .executeTakeFirst();
  return row === undefined ? undefined : { body: row.body, writtenByName: row.display_name, sharedAt: row.shared_at, updatedAt: row.updated_at };
}

export async function saveNotes(db: Db, org: string, v: { meetingId: string; body: string; writtenBy: string; share: boolean; now: string }): Promise<void> {
  const shared = v.share ? { shared_at: v.now } : {};
  await db
    .insertInto('meeting_notes')
    .values({ id: newId(), organisation_id: org, meeting_id: v.meetingId, body: v.body, written_by: v.writtenBy, shared_at: v.share ? v.now : null, created_at: v.now, updated_at: v.now })
    .onConflict((oc) => oc.columns(['organisation_id', 'meeting_id']).doUpdateSet({ body: v.body, written_by: v.writtenBy, updated_at: v.now, ...shared }))
    .execute();
}

export async function listActions(db: Db, org: string, meetingId: string): Promise<Action[]> {
  const rows = await db
    .selectFrom('meeting_actions as a')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'a.person_id').on('p.organisation_id', '=', org))
    .select(['a.id', 'a.text', 'a.person_id', 'p.display_name'])
    .where('a.organisation_id', '=', org)
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.text, personId: r.person_id, personName: r.display_name }));
}

export async function insertAction(db: Db, org: string, v: { meetingId: string; text: string; personId: string; now: string }): Promise<void> {
  await db.insertInto('meeting_actions').values({ id: newId(), organisation_id: org, meeting_id: v.meetingId, text: v.text, person_id: v.personId, created_at: v.now }).execute();
}

/** The inform step, in the app: the same notifications table "you said, we did" uses. */
export async function notify(db: Db, org: string, v: { personIds: readonly string[]; projectId: string; now: string }): Promise<void> {
  if (v.personIds.length === 0) return;
  await db
    .insertInto('notifications')
    .values(v.personIds.map((personId) => ({ id: newId(), organisation_id: org, person_id: personId, kind: 'meeting_notes', project_id: v.projectId, update_id: null, created_at: v.now, read_at: null })))
    .execute();
}
