// Frozen: never edit a migration that has shipped; add a new one instead.
// Versions that survive a restore. The caches keep values for a directory version (migrations 007 and 010) or a
// circle version (008): counters that triggers raise. A database restored to an older state while instances run
// counts up again from an older number and can reach a number an instance already kept a value for, with other data
// under it. So every rise of a counter also writes a fresh random stamp beside it, and a cache version is the counter
// with its stamp: the same number reached again has another stamp. The stamps are written by triggers on the
// counters themselves, so every trigger that raises a counter, now or later, gives a new stamp without knowing it.
import { type Kysely, PostgresAdapter, sql } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Table, counter column, stamp column, key column. */
const COUNTERS = [
  ['directory_versions', 'version', 'stamp', 'organisation_id'],
  ['projects', 'circle_version', 'circle_stamp', 'id'],
] as const;

const SQLITE_STAMP = 'lower(hex(randomblob(16)))';
// random() twice: 128 bits of md5 output from two independent draws, with no extension needed.
const POSTGRES_STAMP = 'md5(random()::text || random()::text || clock_timestamp()::text)';

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, , stamp] of COUNTERS) {
    await db.schema.alterTable(table).addColumn(stamp, 'text', (c) => c.notNull().defaultTo('')).execute();
  }
  const postgres = isPostgres(db);
  for (const [table, counter, stamp, key] of COUNTERS) {
    await sql.raw(`update ${table} set ${stamp} = ${postgres ? POSTGRES_STAMP : SQLITE_STAMP}`).execute(db);
    if (postgres) {
      await sql
        .raw(
          `create or replace function doing_with_${table}_stamped() returns trigger language plpgsql as $$
           begin
             new.${stamp} := ${POSTGRES_STAMP};
             return new;
           end $$`,
        )
        .execute(db);
      await sql
        .raw(`create trigger ${table}_stamped before insert or update of ${counter} on ${table} for each row execute function doing_with_${table}_stamped()`)
        .execute(db);
    } else {
      const write = `update ${table} set ${stamp} = ${SQLITE_STAMP} where ${key} = new.${key};`;
      await sql.raw(`create trigger ${table}_stamped_added after insert on ${table} begin ${write} end`).execute(db);
      await sql.raw(`create trigger ${table}_stamped after update of ${counter} on ${table} begin ${write} end`).execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = isPostgres(db);
  for (const [table, , stamp] of COUNTERS) {
    if (postgres) {
      await sql.raw(`drop trigger if exists ${table}_stamped on ${table}`).execute(db);
      await sql.raw(`drop function if exists doing_with_${table}_stamped()`).execute(db);
    } else {
      await sql.raw(`drop trigger if exists ${table}_stamped_added`).execute(db);
      await sql.raw(`drop trigger if exists ${table}_stamped`).execute(db);
    }
    await db.schema.alterTable(table).dropColumn(stamp).execute();
  }
}
