// Frozen: never edit a migration that has shipped; add a new one instead.
// The reflective toolkit: readiness reviews (answers, group notes, SMART actions), a small generic jobs table for
// scheduled work (action reminders first), Ladder of Participation reflections and learning progress.
import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

function owned(table: CreateTableBuilder<string>) {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'));
}

export async function up(db: Kysely<any>): Promise<void> {
  // A review of a project, a service (free text), the whole organisation, or one person's own practice.
  await owned(db.schema.createTable('reviews'))
    .addColumn('subject_kind', 'text', (c) => c.notNull().check(sql`subject_kind in ('project', 'service', 'organisation', 'practice')`))
    // What makes two reviews "the same subject": a project id, a lower-cased service name, 'organisation', a person id.
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('subject_label', 'text')
    .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('set null'))
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('individual', 'group')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('reviews_subject_idx').on('reviews').columns(['organisation_id', 'subject_kind', 'subject_key', 'created_at']).execute();
  await db.schema.createIndex('reviews_list_idx').on('reviews').columns(['organisation_id', 'created_at']).execute();

  // One person's answers to one review (or, for a group review, the group's agreed answers recorded by a facilitator).
  await owned(db.schema.createTable('review_responses'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('individual', 'group')`))
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_responses_person_unique', ['organisation_id', 'review_id', 'person_id'])
    .execute();
  await db.schema.createIndex('review_responses_review_idx').on('review_responses').columns(['organisation_id', 'review_id', 'submitted_at']).execute();
  await db.schema.createIndex('review_responses_person_idx').on('review_responses').columns(['organisation_id', 'person_id']).execute();

  // value: 1 ("not yet") to 5 ("fully"), 0 for "don't know" (never counted in a score).
  await db.schema
    .createTable('review_answers')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('response_id', 'text', (c) => c.notNull().references('review_responses.id').onDelete('cascade'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull().check(sql`value between 0 and 5`))
    .addColumn('comment', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_answers_pk', ['organisation_id', 'response_id', 'question_key'])
    .execute();
  await db.schema.createIndex('review_answers_review_idx').on('review_answers').columns(['organisation_id', 'review_id', 'question_key']).execute();

  // A group review's discussion notes, per principle.
  await db.schema
    .createTable('review_notes')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('principle', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_notes_pk', ['organisation_id', 'review_id', 'principle'])
    .execute();

  // The SMART action plan.
  await owned(db.schema.createTable('review_actions'))
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('principle', 'text', (c) => c.notNull())
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('owner_person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('how_know', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('not_started', 'under_way', 'done')`))
    .addColumn('created_by', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_actions_review_idx').on('review_actions').columns(['organisation_id', 'review_id']).execute();
  await db.schema.createIndex('review_actions_due_idx').on('review_actions').columns(['organisation_id', 'status', 'due_on']).execute();
  await db.schema.createIndex('review_actions_owner_idx').on('review_actions').columns(['organisation_id', 'owner_person_id']).execute();

  await owned(db.schema.createTable('review_action_notes'))
    .addColumn('action_id', 'text', (c) => c.notNull().references('review_actions.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_action_notes_action_idx').on('review_action_notes').columns(['organisation_id', 'action_id', 'created_at']).execute();

  // Scheduled work: one row per thing to do once, `key` unique so scheduling twice makes one row; claimed with a
  // lease by a conditional UPDATE, so with several app instances exactly one runs it.
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['done_at', 'run_at']).execute();

  // Ladder of Participation reflections: private to the person unless shared.
  await owned(db.schema.createTable('ladder_reflections'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('practice', 'service')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('tend', 'text')
    .addColumn('move_up', 'text')
    .addColumn('skills', 'text')
    .addColumn('shared_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ladder_reflections_person_idx').on('ladder_reflections').columns(['organisation_id', 'person_id', 'created_at']).execute();
  await db.schema.createIndex('ladder_reflections_shared_idx').on('ladder_reflections').columns(['organisation_id', 'shared_at']).execute();

  await db.schema
    .createTable('ladder_entries')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('reflection_id', 'text', (c) => c.notNull().references('ladder_reflections.id').onDelete('cascade'))
    .addColumn('section', 'text', (c) => c.notNull().check(sql`section in ('doing_to', 'doing_for', 'doing_with')`))
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('rung', 'text', (c) => c.notNull())
    .addColumn('outcomes', 'text')
    .addColumn('better', 'text')
    .addPrimaryKeyConstraint('ladder_entries_pk', ['organisation_id', 'reflection_id', 'section'])
    .execute();

  // Answers to the learning module's knowledge checks.
  await db.schema
    .createTable('learning_answers')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('check_key', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_answers_pk', ['organisation_id', 'person_id', 'check_key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'learning_answers', 'ladder_entries', 'ladder_reflections', 'jobs', 'review_action_notes', 'review_actions',
    'review_notes', 'review_answers', 'review_responses', 'reviews',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
