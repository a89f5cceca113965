// Frozen: never edit a migration that has shipped; add a new one instead.
// Published rounds of a review's combined results (ADR 0014): while a review is open its combined results change
// only when a round is published, and a round keeps what it showed (its totals) and which sent responses it counted,
// at which revision and in which perspective cell, so later rounds can be checked against every earlier one.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('review_rounds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    // 'published' by a facilitator, or 'closed' (the final round, published when the review closed).
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('published', 'closed')`))
    .addColumn('respondents', 'integer', (c) => c.notNull())
    .addColumn('groups_shown', 'integer', (c) => c.notNull())
    // The totals shown (JSON): never recomputed, so later answers, changes or withdrawals cannot move them.
    .addColumn('totals', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_rounds_number_unique', ['organisation_id', 'review_id', 'number'])
    .execute();

  await db.schema
    .createTable('review_round_members')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('review_rounds.id').onDelete('cascade'))
    // No foreign key: a response that is later withdrawn must still count as gone when the next round is checked.
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('cell', 'text', (c) => c.notNull().check(sql`cell in ('lived_experience', 'professional_staff', 'both', 'neither')`))
    .addPrimaryKeyConstraint('review_round_members_pk', ['organisation_id', 'round_id', 'response_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_round_members').execute();
  await db.schema.dropTable('review_rounds').execute();
}
