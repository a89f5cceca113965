import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { connect, type Db } from '../../src/db/connect.js';
import { testConfig } from '../helpers/app.js';
import { createCapturingMailer } from '../helpers/mailer.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';

/**
 * #11: the health check said ok while the database was read-only and every sign-in failed with 500. A load balancer
 * must take such an instance out: 503, with the reason.
 */
describe.each(testDialects())('the health check on a read-only database (%s)', (dialect) => {
  const cleanUp: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanUp.splice(0).reverse()) await step();
  });

  /** The same database as `db`, opened so that it answers reads and refuses every write. */
  async function readOnlyTwin(db: TestDb): Promise<Db> {
    if (dialect === 'sqlite') {
      db.sqlite?.pragma('query_only = ON');
      return db;
    }
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db.kysely);
    const name = rows[0]?.name ?? '';
    const admin = new pg.Client({ connectionString: process.env['TEST_POSTGRES_URL'] });
    await admin.connect();
    await admin.query(`alter database ${name} set default_transaction_read_only = on`);
    await admin.end();
    const url = new URL(process.env['TEST_POSTGRES_URL'] ?? '');
    url.pathname = `/${name}`;
    const twin = connect(url.toString(), { poolSize: 2 });
    cleanUp.push(async () => twin.close());
    return twin;
  }

  async function appOn(db: Db): Promise<FastifyInstance> {
    const app = await buildApp({ config: testConfig(), db, mailer: createCapturingMailer(), logger: false, migrate: false });
    await app.ready();
    cleanUp.push(async () => app.close());
    return app;
  }

  it('answers 503 with the reason, where the same database writable answers ok', async () => {
    const db = await createTestDb(dialect);
    cleanUp.push(async () => db.destroy());
    const healthy = await appOn(db);
    expect((await healthy.inject({ url: '/health' })).json()).toEqual({ status: 'ok', database: { status: 'ok', dialect } });
    expect(await db.kysely.selectFrom('rate_limits').select('key').execute()).toEqual([]);

    const readOnly = await appOn(await readOnlyTwin(db));
    const response = await readOnly.inject({ url: '/health' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      status: 'unavailable',
      database: { status: 'read_only', dialect, reason: 'The database answers but does not take writes.' },
    });
  });
});
