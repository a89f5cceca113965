// Frozen: never edit a migration that has shipped; add a new one instead.
// A decided proposal stored who took part as names, so a removed member's name stayed in the record (issue #11).
// From now on it stores their ids and the page looks the names up. Names already stored become the id of the one
// current person in the organisation with that name; a name that matches nobody, or more than one person, is dropped
// (the count of who took part stays).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const decided = await db.selectFrom('proposals').select(['id', 'organisation_id', 'outcome']).where('outcome', 'is not', null).execute();
  for (const row of decided as { id: string; organisation_id: string; outcome: string }[]) {
    const outcome = JSON.parse(row.outcome) as { people?: string[]; personIds?: string[] };
    if (outcome.people === undefined) continue;
    const personIds: string[] = [];
    for (const name of outcome.people) {
      const matches = (await db.selectFrom('people').select('id').where('organisation_id', '=', row.organisation_id).where('display_name', '=', name).where('archived_at', 'is', null).limit(2).execute()) as { id: string }[];
      if (matches.length === 1 && matches[0] !== undefined) personIds.push(matches[0].id);
    }
    const rest: Record<string, unknown> = { ...outcome };
    delete rest['people'];
    await db.updateTable('proposals').set({ outcome: JSON.stringify({ ...rest, personIds }) }).where('id', '=', row.id).execute();
  }
}

export async function down(): Promise<void> {
  // Names are not put back: the point of the change is that they are no longer stored.
}
