import type { GratitudeKind } from '../../db/database.js';
import { newId } from '../../db/portable.js';
import type { Db } from './meetings.repository.js';

export interface GratitudeEntry {
  readonly personId: string;
  readonly name: string;
  readonly kind: GratitudeKind;
  readonly slot: number;
  readonly body: string;
  readonly recordedByOther: boolean;
  readonly createdAt: string;
}

export async function listEntries(db: Db, org: string, scopeId: string, kinds: readonly GratitudeKind[]): Promise<GratitudeEntry[]> {
  const rows = await db
    .selectFrom('gratitude_entries as g')
    .innerJoin('people as p', 'p.id', 'g.person_id')
    .select(['g.person_id', 'p.display_name', 'g.kind', 'g.slot', 'g.body', 'g.recorded_by', 'g.created_at'])
    .where('g.organisation_id', '=', org)
    .where('g.scope_id', '=', scopeId)
    .where('g.kind', 'in', [...kinds])
    .orderBy('g.created_at')
    .orderBy('g.slot')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, name: r.display_name, kind: r.kind, slot: r.slot, body: r.body, recordedByOther: r.recorded_by !== null && r.recorded_by !== r.person_id, createdAt: r.created_at }));
}

/**
 * Save a person's entries for one exercise: slots with text are written (a second submission replaces, never adds),
 * empty slots are removed.
 */
export async function saveEntries(db: Db, org: string, v: { projectId: string; meetingId: string | null; scopeId: string; kind: GratitudeKind; personId: string; recordedBy: string; bodies: readonly (string | null)[]; now: string }): Promise<void> {
  for (const [index, body] of v.bodies.entries()) {
    const slot = index + 1;
    if (body === null) {
      await db.deleteFrom('gratitude_entries').where('organisation_id', '=', org).where('scope_id', '=', v.scopeId).where('kind', '=', v.kind).where('person_id', '=', v.personId).where('slot', '=', slot).execute();
      continue;
    }
    await db
      .insertInto('gratitude_entries')
      .values({ id: newId(), organisation_id: org, project_id: v.projectId, meeting_id: v.meetingId, scope_id: v.scopeId, kind: v.kind, slot, person_id: v.personId, recorded_by: v.recordedBy, body, created_at: v.now, updated_at: v.now })
      .onConflict((oc) => oc.columns(['organisation_id', 'scope_id', 'kind', 'person_id', 'slot']).doUpdateSet({ body, recorded_by: v.recordedBy, updated_at: v.now }))
      .execute();
  }
}
