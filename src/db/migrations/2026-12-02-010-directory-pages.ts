// Frozen: never edit a migration that has shipped; add a new one instead.
// The people directory now remembers a whole page of a listing (the people, their strengths) and the perspective
// counts, not only a listing's count, for as long as the directory version stays the same (migration 007). So the
// version must also rise when anything else such a page shows changes: a person's pronouns or age, the wording of a
// strength, and the perspectives people hold.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Table, trigger name and the columns whose update raises the version (undefined: any insert, update or delete). */
const WATCHED = [
  ['people', 'people_directory_shown', 'pronouns, age_text'],
  ['strengths', 'strengths_directory_shown', 'label'],
  ['person_perspectives', 'person_perspectives_directory', undefined],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // doing_with_directory_changed() comes from migration 007.
    for (const [table, name, columns] of WATCHED) {
      const when = columns === undefined ? 'insert or delete or update' : `update of ${columns}`;
      await sql.raw(`create trigger ${name} after ${when} on ${table} for each row execute function doing_with_directory_changed()`).execute(db);
    }
    return;
  }
  const bump = (row: 'new' | 'old') =>
    `insert or ignore into directory_versions (organisation_id, version) values (${row}.organisation_id, 0);
     update directory_versions set version = version + 1 where organisation_id = ${row}.organisation_id;`;
  for (const [table, name, columns] of WATCHED) {
    if (columns === undefined) {
      await sql.raw(`create trigger ${name}_added after insert on ${table} begin ${bump('new')} end`).execute(db);
      await sql.raw(`create trigger ${name}_removed after delete on ${table} begin ${bump('old')} end`).execute(db);
      await sql.raw(`create trigger ${name}_changed after update on ${table} begin ${bump('new')} ${bump('old')} end`).execute(db);
    } else {
      await sql.raw(`create trigger ${name} after update of ${columns} on ${table} begin ${bump('new')} end`).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, name, columns] of WATCHED) {
    if (isPostgres(db)) await sql.raw(`drop trigger if exists ${name} on ${table}`).execute(db);
    else if (columns === undefined) for (const suffix of ['added', 'removed', 'changed']) await sql.raw(`drop trigger if exists ${name}_${suffix}`).execute(db);
    else await sql.raw(`drop trigger if exists ${name}`).execute(db);
  }
}
