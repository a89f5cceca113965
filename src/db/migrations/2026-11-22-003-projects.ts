// Frozen: never edit a migration that has shipped; add a new one instead.
// Co-production projects: the cycle, the Circle of Support, the agreement, "you said, we did" updates,
// notifications, tasks matched to strengths, and success defined by the people involved.
import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

/** Every table here belongs to one organisation. */
function owned<T extends string>(table: CreateTableBuilder<T>) {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'));
}

const PEOPLE = 'people.id';

export async function up(db: Kysely<any>): Promise<void> {
  await owned(db.schema.createTable('projects'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('who_for', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('open', 'invite_only')`))
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('inform', 'consult', 'involve', 'act')`))
    .addColumn('cycle', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('review_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('archived_by', 'text')
    .execute();
  await db.schema.createIndex('projects_organisation_idx').on('projects').columns(['organisation_id', 'archived_at', 'title']).execute();

  // The history of the cycle: each move says what was done at the stage being left.
  await owned(db.schema.createTable('project_stage_moves'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('moved_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_stage_moves_project_idx').on('project_stage_moves').columns(['organisation_id', 'project_id', 'created_at']).execute();

  // The Circle of Support: where each named person is now. `left_at` keeps the row (and its history) when someone
  // leaves the circle.
  await owned(db.schema.createTable('circle_members'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('circle', 'text', (c) => c.notNull().check(sql`circle in ('co_producers', 'participants', 'involved', 'consulted')`))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('inform', 'consult', 'involve')`))
    .addColumn('domain', 'text', (c) => c.notNull().check(sql`domain in ('me', 'we', 'community')`))
    .addColumn('note', 'text')
    .addColumn('engagement_how', 'text')
    .addColumn('engagement_how_often', 'text')
    .addColumn('tell_by', 'text', (c) => c.notNull().defaultTo('app_and_email').check(sql`tell_by in ('app', 'app_and_email')`))
    .addColumn('wants_more_at', 'text')
    .addColumn('added_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addUniqueConstraint('circle_members_project_person_unique', ['organisation_id', 'project_id', 'person_id'])
    .execute();
  await db.schema.createIndex('circle_members_person_idx').on('circle_members').columns(['organisation_id', 'person_id']).execute();

  await owned(db.schema.createTable('circle_moves'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('from_circle', 'text')
    .addColumn('to_circle', 'text')
    .addColumn('from_level', 'text')
    .addColumn('to_level', 'text')
    .addColumn('from_domain', 'text')
    .addColumn('to_domain', 'text')
    .addColumn('note', 'text')
    .addColumn('moved_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('circle_moves_project_idx').on('circle_moves').columns(['organisation_id', 'project_id', 'person_id', 'created_at']).execute();
  await db.schema.createIndex('circle_moves_person_idx').on('circle_moves').columns(['organisation_id', 'person_id', 'created_at']).execute();

  // Mind's four things to consider, answered once per project; `version` goes up with each change so agreement
  // responses to an earlier version show as such.
  await owned(db.schema.createTable('project_agreements'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('power', 'text')
    .addColumn('responsibilities', 'text')
    .addColumn('support', 'text')
    .addColumn('equal_delivery', 'text', (c) => c.check(sql`equal_delivery in ('yes', 'no', 'not_sure')`))
    .addColumn('equal_delivery_note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('project_agreements_project_unique', ['organisation_id', 'project_id'])
    .execute();

  await owned(db.schema.createTable('agreement_responses'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('agrees', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('agreement_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agreement_responses_person_unique', ['organisation_id', 'project_id', 'person_id'])
    .execute();

  // "You said, we did".
  await owned(db.schema.createTable('project_updates'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('quoted', 'text')
    .addColumn('author_id', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_updates_project_idx').on('project_updates').columns(['organisation_id', 'project_id', 'created_at']).execute();

  // In-app notifications (email is sent as well, when the person prefers).
  await owned(db.schema.createTable('notifications'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('cascade'))
    .addColumn('update_id', 'text', (c) => c.references('project_updates.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notifications_person_idx').on('notifications').columns(['organisation_id', 'person_id', 'read_at', 'created_at']).execute();

  await owned(db.schema.createTable('project_tasks'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('owner_id', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'done')`))
    .addColumn('created_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema.createIndex('project_tasks_project_idx').on('project_tasks').columns(['organisation_id', 'project_id', 'status']).execute();

  // The strengths a task needs, normalised the same way as people's strengths so the two can be matched.
  await owned(db.schema.createTable('task_needs'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('project_tasks.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('label_normalised', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_needs_label_unique', ['organisation_id', 'task_id', 'label_normalised'])
    .execute();
  await db.schema.createIndex('task_needs_label_idx').on('task_needs').columns(['organisation_id', 'label_normalised']).execute();

  await owned(db.schema.createTable('task_volunteers'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('project_tasks.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_volunteers_unique', ['organisation_id', 'task_id', 'person_id'])
    .execute();

  await owned(db.schema.createTable('success_criteria'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('success_criteria_project_idx').on('success_criteria').columns(['organisation_id', 'project_id']).execute();

  // One answer per person, criterion and cycle. `score` is 1 (not at all) to 5 (completely); null is "don't know".
  await owned(db.schema.createTable('success_ratings'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (c) => c.notNull().references('success_criteria.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.check(sql`score between 1 and 5`))
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('success_ratings_unique', ['organisation_id', 'criterion_id', 'person_id', 'cycle'])
    .execute();
  await db.schema.createIndex('success_ratings_project_idx').on('success_ratings').columns(['organisation_id', 'project_id', 'cycle']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'success_ratings', 'success_criteria', 'task_volunteers', 'task_needs', 'project_tasks', 'notifications',
    'project_updates', 'agreement_responses', 'project_agreements', 'circle_moves', 'circle_members',
    'project_stage_moves', 'projects',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
