// Frozen: never edit a migration that has shipped; add a new one instead.
// People and one-page profiles: how people like to be addressed, who sees their profile, the one-page profile
// headings and answers, strengths, appreciations, perspectives (for counting only) and pictures.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** SQLite adds one column per ALTER TABLE statement, so each column is its own statement on both databases. */
const PEOPLE_COLUMNS: readonly [string, string, string | null][] = [
  ['known_as', 'text', null],
  ['pronouns', 'text', null],
  ['age_text', 'text', null],
  ['perspective_description', 'text', null],
  ['participation_ways', 'text', "'[]'"],
  ['access_needs', 'text', "'[]'"],
  ['access_needs_other', 'text', null],
  ['consent_note', 'text', null],
  ['consent_recorded_by', 'text', null],
  ['consent_recorded_at', 'text', null],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, type, defaultValue] of PEOPLE_COLUMNS) {
    await db.schema
      .alterTable('people')
      .addColumn(name, sql.raw(type), (c) => (defaultValue === null ? c : c.notNull().defaultTo(sql.raw(defaultValue))))
      .execute();
  }
  await db.schema
    .alterTable('people')
    .addColumn('profile_visibility', 'text', (c) =>
      c.notNull().defaultTo('organisation').check(sql`profile_visibility in ('organisation', 'projects', 'private')`),
    )
    .execute();
  // The directory lists an organisation's current people by name, filtered by who may see them: the index covers
  // the filter, so counting 10,000 people reads the index alone.
  await db.schema
    .createIndex('people_directory_idx')
    .on('people')
    .columns(['organisation_id', 'archived_at', 'display_name', 'id', 'profile_visibility', 'account_id'])
    .execute();

  await db.schema.alterTable('organisations').addColumn('profile_age_enabled', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('organisations').addColumn('profile_picture_enabled', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // Self-described perspectives, only ever counted, never shown next to a name to anyone but the person.
  await db.schema
    .createTable('person_perspectives')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('perspective', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_perspectives_pk', ['organisation_id', 'person_id', 'perspective'])
    .execute();
  await db.schema.createIndex('person_perspectives_count_idx').on('person_perspectives').columns(['organisation_id', 'perspective']).execute();

  // An organisation's own wording of the three toolkit headings, and up to five headings of its own.
  // With no rows, the toolkit's three headings apply.
  await db.schema
    .createTable('profile_headings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('builtin_key', 'text', (c) => c.check(sql`builtin_key in ('appreciate', 'important', 'support')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addUniqueConstraint('profile_headings_builtin_unique', ['organisation_id', 'builtin_key'])
    .execute();
  await db.schema.createIndex('profile_headings_organisation_idx').on('profile_headings').columns(['organisation_id', 'position']).execute();

  // Answers to the headings: `heading_key` is a built-in key or a profile_headings id.
  await db.schema
    .createTable('profile_answers')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('heading_key', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_answers_pk', ['organisation_id', 'person_id', 'heading_key'])
    .execute();

  // Strengths a person offers, or wants to grow. Free tags; `label_normalised` groups the same tag typed differently.
  await db.schema
    .createTable('strengths')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('offer', 'grow')`))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('label_normalised', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('strengths_person_label_unique', ['organisation_id', 'person_id', 'kind', 'label_normalised'])
    .execute();
  // Searching by strength reads this index alone (it carries the person).
  await db.schema.createIndex('strengths_label_idx').on('strengths').columns(['organisation_id', 'kind', 'label_normalised', 'person_id']).execute();

  // What others appreciate about a person: shown on their profile only once they accept it.
  await db.schema
    .createTable('appreciations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('author_person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'declined')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('appreciations_person_idx').on('appreciations').columns(['organisation_id', 'person_id', 'status']).execute();
  await db.schema.createIndex('appreciations_author_idx').on('appreciations').columns(['organisation_id', 'author_person_id']).execute();

  await db.schema
    .createTable('person_pictures')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('image/png', 'image/jpeg')`))
    .addColumn('bytes', isPostgres(db) ? sql.raw('bytea') : sql.raw('blob'), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_pictures_organisation_idx').on('person_pictures').columns(['organisation_id', 'person_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['person_pictures', 'appreciations', 'strengths', 'profile_answers', 'profile_headings', 'person_perspectives']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.dropIndex('people_directory_idx').ifExists().execute();
  await db.schema.alterTable('organisations').dropColumn('profile_picture_enabled').execute();
  await db.schema.alterTable('organisations').dropColumn('profile_age_enabled').execute();
  // SQLite drops a column whose CHECK constraint is its own, and none of these is indexed any more.
  for (const column of ['profile_visibility', ...PEOPLE_COLUMNS.map(([name]) => name)]) {
    await db.schema.alterTable('people').dropColumn(column).execute();
  }
}
