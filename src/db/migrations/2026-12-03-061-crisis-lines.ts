// Frozen: never edit a migration that has shipped; add a new one instead.
// An organisation's own crisis lines, started from its country's defaults (issue #11, item 14). While it has none of
// its own (crisis_lines_checked_on is null) people see the defaults for its country.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('crisis_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('default_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('reach', 'text', (c) => c.notNull().check(sql`reach in ('call', 'text', 'other')`))
    .addColumn('number', 'text')
    .addColumn('instruction', 'text')
    .addColumn('hours', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('crisis_lines_organisation_idx').on('crisis_lines').columns(['organisation_id', 'position']).execute();
  await db.schema.alterTable('organisations').addColumn('crisis_lines_checked_on', 'text').execute();
  await db.schema.alterTable('organisations').addColumn('crisis_lines_checked_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('crisis_lines_checked_by').execute();
  await db.schema.alterTable('organisations').dropColumn('crisis_lines_checked_on').execute();
  await db.schema.dropTable('crisis_lines').execute();
}
