import { Kysely, Migrator, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';
import { createDialect, takeStatistics, type DialectName } from './portable.js';
import type SQLite from 'better-sqlite3';
import { isCacheVerifying } from '../shared/cache.js';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  readonly sqlite: SQLite.Database | undefined;
  /** Number of queries run so far (tests use it to prove query counts do not grow with data). */
  queryCount(): number;
  /**
   * Bring the query planner's statistics up to date (ADR 0010): every table when `schemaChanged` (migrations ran)
   * or when none were ever taken, otherwise only tables whose size changed many-fold. Run after migrations, every
   * hour by server.ts, and at close.
   */
  updateStatistics(options?: { schemaChanged?: boolean }): Promise<void>;
  /** Refresh stale statistics, then close (a second call does nothing). */
  close(): Promise<void>;
}

export function connect(url: string, options: { poolSize?: number } = {}): Db {
  const handle = createDialect(url, options);
  let queries = 0;
  const kysely = new Kysely<Database>({
    dialect: handle.dialect,
    log: (event) => {
      // A cache in verify mode reading again what it served is not the page's own query.
      if (event.level === 'query' && !isCacheVerifying()) queries += 1;
    },
  });
  let closed = false;
  const updateStatistics = (options: { schemaChanged?: boolean } = {}) => takeStatistics(kysely, handle.name, options.schemaChanged === true ? 'all' : 'stale');
  return {
    kysely,
    dialect: handle.name,
    sqlite: handle.sqlite,
    queryCount: () => queries,
    updateStatistics,
    close: async () => {
      if (closed) return;
      closed = true;
      // Statistics only make later plans better: a database that cannot take them (read-only, gone) still closes.
      await updateStatistics().catch(() => undefined);
      await kysely.destroy();
    },
  };
}

export function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
  });
}

export class MigrationError extends Error {}

function check(result: MigrationResultSet): void {
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : JSON.stringify(result.error);
    throw new MigrationError(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const result = await migrator(db).migrateToLatest();
  check(result);
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Apply the migrations not yet applied, then bring the planner's statistics up to date. Returns those applied. */
export async function migrateAndAnalyse(db: Db): Promise<string[]> {
  const applied = await migrateToLatest(db.kysely);
  await db.updateStatistics({ schemaChanged: applied.length > 0 });
  return applied;
}

export async function migrateDownAll(db: Kysely<Database>): Promise<void> {
  const { NO_MIGRATIONS } = await import('kysely');
  check(await migrator(db).migrateTo(NO_MIGRATIONS));
}
