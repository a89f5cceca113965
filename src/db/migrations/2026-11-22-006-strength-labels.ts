// Frozen: never edit a migration that has shipped; add a new one instead.
// The distinct strength labels of each organisation, by kind, with how many strengths use them: searching strengths
// by "contains" reads these few labels, then the people holding the matching ones through strengths_label_idx,
// instead of reading every strength of the organisation.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('strength_labels')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('offer', 'grow')`))
    .addColumn('label_normalised', 'text', (c) => c.notNull())
    .addColumn('people', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('strength_labels_pk', ['organisation_id', 'kind', 'label_normalised'])
    .execute();
  await sql`
    insert into strength_labels (organisation_id, kind, label_normalised, people)
    select organisation_id, kind, label_normalised, count(*) from strengths group by organisation_id, kind, label_normalised
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('strength_labels').ifExists().execute();
}
