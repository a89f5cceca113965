// Frozen: never edit a migration that has shipped; add a new one instead.
// Access needs given in a meeting reply are kept only for a while after the meeting: how many days is the
// organisation's choice (issue #11, item 4).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('meeting_access_needs_days', 'integer', (c) => c.notNull().defaultTo(30)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('meeting_access_needs_days').execute();
}
