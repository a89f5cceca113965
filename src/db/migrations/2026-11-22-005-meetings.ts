// Frozen: never edit a migration that has shipped; add a new one instead.
// Meetings where everyone has a voice: meetings and replies, agendas, gratitude (round, postcards, journal),
// opportunity cards with a card keeper, decisions with equal voice, notes with actions, calendar feeds.
import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

function owned<T extends string>(table: CreateTableBuilder<T>) {
  return table
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'));
}

const PEOPLE = 'people.id';
const PROJECTS = 'projects.id';
const MEETINGS = 'meetings.id';

export async function up(db: Kysely<any>): Promise<void> {
  await owned(db.schema.createTable('meetings'))
    .addColumn('project_id', 'text', (c) => c.references(PROJECTS).onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('online_url', 'text')
    .addColumn('step_free', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('quiet_room', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hearing_loop', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ways', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('card_keeper_id', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('keeper_mode', 'text', (c) => c.notNull().defaultTo('rotate').check(sql`keeper_mode in ('stay', 'rotate')`))
    .addColumn('note_taker_id', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('meetings_project_idx').on('meetings').columns(['organisation_id', 'project_id', 'starts_at']).execute();

  await owned(db.schema.createTable('meeting_replies'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references(MEETINGS).onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('coming', 'not_coming', 'maybe')`))
    .addColumn('way', 'text')
    .addColumn('access_needs', 'text')
    .addColumn('travel_expenses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_replies_person_unique', ['organisation_id', 'meeting_id', 'person_id'])
    .execute();

  await owned(db.schema.createTable('opportunity_cards'))
    .addColumn('project_id', 'text', (c) => c.notNull().references(PROJECTS).onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('wants_to_help', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('show_name', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('new', 'introduced', 'taken_forward', 'parked', 'done')`))
    .addColumn('introduced_meeting_id', 'text', (c) => c.references(MEETINGS).onDelete('set null'))
    .addColumn('update_id', 'text', (c) => c.references('project_updates.id').onDelete('set null'))
    .addColumn('form_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('opportunity_cards_form_key_unique', ['organisation_id', 'form_key'])
    .execute();
  await db.schema.createIndex('opportunity_cards_project_idx').on('opportunity_cards').columns(['organisation_id', 'project_id', 'status', 'created_at']).execute();

  await owned(db.schema.createTable('agenda_items'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references(MEETINGS).onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('raised_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('card_id', 'text', (c) => c.references('opportunity_cards.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agenda_items_meeting_idx').on('agenda_items').columns(['organisation_id', 'meeting_id', 'created_at']).execute();

  // Gratitude: `kind` round (slots 1-3), postcard (slot 1) or journal (slot 1); `scope_id` is the meeting, or the
  // project for a journal entry, so one person has one entry per slot.
  await owned(db.schema.createTable('gratitude_entries'))
    .addColumn('project_id', 'text', (c) => c.notNull().references(PROJECTS).onDelete('cascade'))
    .addColumn('meeting_id', 'text', (c) => c.references(MEETINGS).onDelete('cascade'))
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('round', 'postcard', 'journal')`))
    .addColumn('slot', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('recorded_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('gratitude_entries_slot_unique', ['organisation_id', 'scope_id', 'kind', 'person_id', 'slot'])
    .execute();

  await owned(db.schema.createTable('keeper_preferences'))
    .addColumn('project_id', 'text', (c) => c.notNull().references(PROJECTS).onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('willing', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('keeper_preferences_unique', ['organisation_id', 'project_id', 'person_id'])
    .execute();

  await owned(db.schema.createTable('proposals'))
    .addColumn('project_id', 'text', (c) => c.notNull().references(PROJECTS).onDelete('cascade'))
    .addColumn('meeting_id', 'text', (c) => c.references(MEETINGS).onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('consent', 'vote')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'passed', 'not_passed')`))
    .addColumn('raised_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('outcome', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('proposals_project_idx').on('proposals').columns(['organisation_id', 'project_id', 'created_at']).execute();

  await owned(db.schema.createTable('proposal_responses'))
    .addColumn('proposal_id', 'text', (c) => c.notNull().references('proposals.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('answer', 'text', (c) => c.notNull().check(sql`answer in ('agree', 'live_with', 'object', 'yes', 'no', 'abstain')`))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('proposal_responses_person_unique', ['organisation_id', 'proposal_id', 'person_id'])
    .execute();

  await owned(db.schema.createTable('meeting_notes'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references(MEETINGS).onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('written_by', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('shared_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('meeting_notes_meeting_unique', ['organisation_id', 'meeting_id'])
    .execute();

  await owned(db.schema.createTable('meeting_actions'))
    .addColumn('meeting_id', 'text', (c) => c.notNull().references(MEETINGS).onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references(PEOPLE).onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // Read-only calendar feeds: the token is shown once and stored only as its hash.
  await owned(db.schema.createTable('calendar_feeds'))
    .addColumn('person_id', 'text', (c) => c.notNull().references(PEOPLE).onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'calendar_feeds', 'meeting_actions', 'meeting_notes', 'proposal_responses', 'proposals', 'keeper_preferences',
    'gratitude_entries', 'agenda_items', 'opportunity_cards', 'meeting_replies', 'meetings',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
