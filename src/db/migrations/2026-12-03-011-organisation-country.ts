// Frozen: never edit a migration that has shipped; add a new one instead.
// Crisis numbers follow the country an organisation is in, not the language of the page. Existing organisations get
// the country their time zone says (an Italian organisation was being told to call 999).
import type { Kysely } from 'kysely';

const BY_TIME_ZONE = [
  ['Europe/Rome', 'IT'],
  ['Europe/Amsterdam', 'NL'],
  ['Europe/Copenhagen', 'DK'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('country', 'text', (c) => c.notNull().defaultTo('GB')).execute();
  for (const [timeZone, country] of BY_TIME_ZONE) {
    await db.updateTable('organisations').set({ country }).where('time_zone', '=', timeZone).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('country').execute();
}
