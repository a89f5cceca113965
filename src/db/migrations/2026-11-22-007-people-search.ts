// Frozen: never edit a migration that has shipped; add a new one instead.
// The people directory remembers how many people a listing finds, so paging through a search (or coming back to it)
// does not count thousands of people again. It may use a remembered count only while nothing the count depends on
// has changed: directory_versions holds a number per organisation that these triggers raise on every such change
// (a person added, removed, renamed, hidden or shown, or linked to an account; a strength added or removed),
// whichever code or process makes it. No foreign key to organisations: deleting an organisation deletes its people,
// whose triggers write here while the organisation is going.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The columns of people that decide who is listed, and found by name. */
const PEOPLE_COLUMNS = 'organisation_id, account_id, display_name, known_as, profile_visibility, archived_at';
const STRENGTH_COLUMNS = 'organisation_id, person_id, kind, label_normalised';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('directory_versions')
    .addColumn('organisation_id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();

  if (isPostgres(db)) {
    await sql
      .raw(
        `create or replace function doing_with_directory_changed() returns trigger language plpgsql as $$
         begin
           if tg_op <> 'DELETE' then
             insert into directory_versions (organisation_id, version) values (new.organisation_id, 1)
               on conflict (organisation_id) do update set version = directory_versions.version + 1;
           end if;
           if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.organisation_id is distinct from new.organisation_id) then
             insert into directory_versions (organisation_id, version) values (old.organisation_id, 1)
               on conflict (organisation_id) do update set version = directory_versions.version + 1;
           end if;
           return null;
         end $$`,
      )
      .execute(db);
    for (const [table, columns] of [['people', PEOPLE_COLUMNS], ['strengths', STRENGTH_COLUMNS]] as const) {
      await sql
        .raw(`create trigger ${table}_directory_changed after insert or delete or update of ${columns} on ${table} for each row execute function doing_with_directory_changed()`)
        .execute(db);
    }
    return;
  }
  const bump = (row: 'new' | 'old') =>
    `insert or ignore into directory_versions (organisation_id, version) values (${row}.organisation_id, 0);
     update directory_versions set version = version + 1 where organisation_id = ${row}.organisation_id;`;
  for (const [table, columns] of [['people', PEOPLE_COLUMNS], ['strengths', STRENGTH_COLUMNS]] as const) {
    await sql.raw(`create trigger ${table}_directory_added after insert on ${table} begin ${bump('new')} end`).execute(db);
    await sql.raw(`create trigger ${table}_directory_removed after delete on ${table} begin ${bump('old')} end`).execute(db);
    await sql
      .raw(
        `create trigger ${table}_directory_changed after update of ${columns} on ${table} begin
           ${bump('new')}
           update directory_versions set version = version + 1 where organisation_id = old.organisation_id and old.organisation_id <> new.organisation_id;
         end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of ['people', 'strengths']) await sql.raw(`drop trigger if exists ${table}_directory_changed on ${table}`).execute(db);
    await sql.raw('drop function if exists doing_with_directory_changed()').execute(db);
  } else {
    for (const table of ['people', 'strengths']) {
      for (const name of ['added', 'removed', 'changed']) await sql.raw(`drop trigger if exists ${table}_directory_${name}`).execute(db);
    }
  }
  await db.schema.dropTable('directory_versions').ifExists().execute();
}
