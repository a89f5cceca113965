import { Kysely, Migrator, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';
import { createDialect, type DialectName } from './portable.js';
import type SQLite from 'better-sqlite3';
import { isCacheVerifying } from '../shared/cache.js';

export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectName;
  readonly sqlite: SQLite.Database | undefined;
  /** Number of queries run so far (tests use it to prove query counts do not grow with data). */
  queryCount(): number;
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
  return {
    kysely,
    dialect: handle.name,
    sqlite: handle.sqlite,
    queryCount: () => queries,
    close: () => kysely.destroy(),
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

export async function migrateDownAll(db: Kysely<Database>): Promise<void> {
  const { NO_MIGRATIONS } = await import('kysely');
  check(await migrator(db).migrateTo(NO_MIGRATIONS));
}
