/**
 * The only home of differences between SQLite and PostgreSQL.
 *
 * Everything else in Doing With speaks plain Kysely. Conventions that keep both dialects the same:
 * ids are application-generated UUIDv7 text; timestamps are ISO-8601 UTC text; booleans are 0/1 integers;
 * JSON is stored as text.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type Dialect, type Expression, type Kysely, PostgresDialect, type RawBuilder, sql, SqliteDialect, type SqliteDialectConfig } from 'kysely';
import type { Database } from './database.js';
import { createPrivateFile, keepPrivate, makePrivateFolder } from './private-files.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectHandle {
  readonly name: DialectName;
  readonly dialect: Dialect;
  /** The raw better-sqlite3 handle (for online backup); undefined on PostgreSQL. */
  readonly sqlite: SQLite.Database | undefined;
}

export function dialectOf(url: string): DialectName {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** Turn `sqlite:./x.sqlite`, `file:x`, `./x.sqlite` or `:memory:` into a better-sqlite3 filename. */
export function sqliteFilename(url: string): string {
  const stripped = url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
  return stripped === '' ? ':memory:' : stripped;
}

let pgTypesConfigured = false;

export function createDialect(url: string, options: { poolSize?: number } = {}): DialectHandle {
  if (dialectOf(url) === 'postgres') {
    if (!pgTypesConfigured) {
      // COUNT(*) and other int8 values arrive as strings by default; our counts are small enough for numbers.
      pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
      pgTypesConfigured = true;
    }
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection closed by the server (restart, failover, a database dropped in tests) must not crash the
    // process: the pool discards that client and the next query opens a new one.
    pool.on('error', () => {});
    return { name: 'postgres', dialect: new PostgresDialect({ pool }), sqlite: undefined };
  }
  const filename = sqliteFilename(url);
  const onDisk = filename !== ':memory:';
  if (onDisk) {
    makePrivateFolder(dirname(filename));
    if (!existsSync(filename)) createPrivateFile(filename);
    keepPrivate(filename);
  }
  const database = new SQLite(filename);
  database.pragma('journal_mode = WAL');
  // SQLite gives the -wal and -shm files the database file's permissions; ones left by an earlier version are fixed.
  if (onDisk) keepPrivate(`${filename}-wal`, `${filename}-shm`);
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  database.pragma('cache_size = -65536');
  database.pragma('mmap_size = 268435456');
  // ANALYZE reads about this many rows of each index rather than all of them, so taking statistics stays quick in a
  // large database (ADR 0010).
  database.pragma('analysis_limit = 1000');
  // SQLite's own lower() changes only A-Z; PostgreSQL's changes every letter. Use JavaScript's, so "École" and
  // "ÉCOLE" match the same way on both (containsInsensitive relies on it).
  database.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
  return { name: 'sqlite', dialect: new SqliteDialect({ database: withStatementCache(database) }), sqlite: database };
}

/** Enough for every query the app writes; lists of varying length (`in (?, ?, ...)`) could make more, hence a bound. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query afresh, and preparing took as long as running the query on the
 * home page. A prepared statement can be reused for any parameters (Kysely runs one query at a time on its single
 * SQLite connection), and SQLite re-prepares it by itself if a migration changes the schema. PostgreSQL's driver
 * has no such step to save.
 */
function withStatementCache(database: SQLite.Database): SqliteDialectConfig['database'] {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare: (query: string) => {
      let statement = statements.get(query);
      if (statement === undefined) {
        statement = database.prepare(query);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
        statements.set(query, statement);
      }
      return statement;
    },
  };
}

let lastMillisecond = -1;
let sequence = 0;

/**
 * A UUIDv7: time-ordered, so new rows index well on both databases. Ids made in the same millisecond count up in
 * the 12 bits after the version (RFC 9562's "rand_a" used as a counter), so they sort in the order they were made:
 * rows written together (an organisation and its first invitation) keep their order when sorted by time, then id.
 */
export function newId(now: number = Date.now()): string {
  if (now === lastMillisecond) {
    sequence = (sequence + 1) & 0xfff;
  } else {
    lastMillisecond = now;
    sequence = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function toIso(date: Date): string {
  return date.toISOString();
}

export function toDbBool(value: boolean): number {
  return value ? 1 : 0;
}

export function fromDbBool(value: number | boolean | null | undefined): boolean {
  return value === true || value === 1;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson(value: string | null | undefined): unknown {
  if (value === null || value === undefined || value === '') return null;
  return JSON.parse(value) as unknown;
}

export function toCount(value: string | number | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}

/** Case-insensitive "contains" that behaves the same on both databases (also for non-ASCII letters). */
export function containsInsensitive(column: Expression<string | null>, needle: string): RawBuilder<boolean> {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${column}) like ${pattern} escape '\\'`;
}

/**
 * The query planner's statistics (ADR 0010). SQLite plans without any until ANALYZE runs, and then from the sizes
 * ANALYZE saw, so they are taken after migrations and refreshed as tables grow. PostgreSQL's autovacuum keeps its own
 * (and its planner already knows how big each table is), so there is nothing to do there.
 *
 * `all`: analyse every table (after migrations changed the schema, or when none were ever taken).
 * `stale`: SQLite's `PRAGMA optimize` checking every table, which analyses only those whose size changed many-fold
 * since they were last analysed (or that never were): nearly free when none did.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema will do
export async function takeStatistics(db: Kysely<any>, dialect: DialectName, scope: 'all' | 'stale'): Promise<void> {
  if (dialect !== 'sqlite') return;
  if (scope === 'stale' && (await hasStatistics(db))) {
    await sql`pragma optimize = 0x10002`.execute(db);
    return;
  }
  await sql`analyze`.execute(db);
}

/** Whether ANALYZE has ever stored anything (SQLite only). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema will do
async function hasStatistics(db: Kysely<any>): Promise<boolean> {
  const table = await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'sqlite_stat1'`.execute(db);
  if ((table.rows[0]?.n ?? 0) === 0) return false;
  const rows = await sql<{ n: number }>`select count(*) as n from sqlite_stat1`.execute(db);
  return (rows.rows[0]?.n ?? 0) > 0;
}

/** Check the database answers. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema will do for `select 1`
export async function ping(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}

class RolledBack extends Error {}

/**
 * Check the database takes writes (a read-only file or replica answers reads while every sign-in fails): a row is
 * written and rolled back in one transaction, so nothing stays.
 */
export async function checkWritable(db: Kysely<Database>): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('rate_limits').values({ key: `health-check:${newId()}`, hits: 0, reset_at: '1970-01-01T00:00:00.000Z' }).execute();
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
}
