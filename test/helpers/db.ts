import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connect, migrateToLatest, type Db } from '../../src/db/connect.js';
import type { DialectName } from '../../src/db/portable.js';

/**
 * Dialects to test against: DIALECTS=sqlite,postgres (default sqlite). PostgreSQL needs TEST_POSTGRES_URL, a server
 * where we may create databases (scripts/test.sh starts one when it can).
 */
export function testDialects(): DialectName[] {
  const wanted = (process.env['DIALECTS'] ?? 'sqlite').split(',').map((d) => d.trim()).filter((d) => d !== '');
  return wanted.filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');
}

export interface TestDb extends Db {
  /** Close and, on PostgreSQL, drop the throwaway database. */
  destroy(): Promise<void>;
}

function postgresAdminUrl(): string {
  const url = process.env['TEST_POSTGRES_URL'];
  if (url === undefined || url === '') throw new Error('TEST_POSTGRES_URL is not set: cannot test on PostgreSQL');
  return url;
}

/** A fresh, empty database of the given dialect; migrated unless told otherwise. */
export async function createTestDb(dialect: DialectName, options: { migrate?: boolean } = {}): Promise<TestDb> {
  let db: Db;
  let drop: () => Promise<void> = async () => {};
  if (dialect === 'sqlite') {
    db = connect(':memory:');
  } else {
    const adminUrl = postgresAdminUrl();
    const name = `dw_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    db = connect(url.toString(), { poolSize: 5 });
    drop = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  if (options.migrate !== false) await migrateToLatest(db.kysely);
  return {
    ...db,
    async destroy() {
      await db.close();
      await drop();
    },
  };
}
