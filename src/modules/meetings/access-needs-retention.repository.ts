import type { Db } from './meetings.repository.js';

/**
 * Up to `limit` replies of this organisation that still hold access needs for a meeting that ended before `endedBefore`.
 * Both tables are filtered on the organisation (tenant rule), and the meeting must be the organisation's own.
 */
export async function findExpiredAccessNeeds(db: Db, org: string, endedBefore: string, limit: number): Promise<Array<{ id: string; meetingId: string }>> {
  return db
    .selectFrom('meeting_replies as r')
    .innerJoin('meetings as m', (j) => j.onRef('m.id', '=', 'r.meeting_id').on('m.organisation_id', '=', org))
    .select(['r.id', 'r.meeting_id as meetingId'])
    .where('r.organisation_id', '=', org)
    .where('r.access_needs', 'is not', null)
    .where('m.ends_at', '<', endedBefore)
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** Clears the access needs of these replies; everything else in them (the answer, the way, travel expenses) stays. */
export async function clearAccessNeeds(db: Db, org: string, replyIds: readonly string[]): Promise<number> {
  if (replyIds.length === 0) return 0;
  const result = await db
    .updateTable('meeting_replies')
    .set({ access_needs: null })
    .where('organisation_id', '=', org)
    .where('id', 'in', replyIds)
    .where('access_needs', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function retentionDays(db: Db, org: string): Promise<number | undefined> {
  const row = await db.selectFrom('organisations').select('meeting_access_needs_days').where('id', '=', org).executeTakeFirst();
  return row?.meeting_access_needs_days;
}
