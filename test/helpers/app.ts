import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { DialectName } from '../../src/db/portable.js';
import type { Clock } from '../../src/shared/clock.js';
import { createTestDb, type TestDb } from './db.js';
import { createCapturingMailer, type CapturingMailer } from './mailer.js';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly db: TestDb;
  readonly mailer: CapturingMailer;
  readonly config: Config;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://localhost:3000', LOG_LEVEL: 'silent', ...overrides });
}

/** The real app on a fresh database, with CSRF on, mail captured, nothing listening. */
export async function createTestApp(
  dialect: DialectName = 'sqlite',
  options: { clock?: Clock; env?: Record<string, string>; logTo?: (line: string) => void } = {},
): Promise<TestApp> {
  const db = await createTestDb(dialect);
  const mailer = createCapturingMailer();
  const config = testConfig(options.env);
  const logger = options.logTo === undefined ? false : { level: 'trace', stream: { write: options.logTo } };
  const app = await buildApp({ config, db, mailer, logger, ...(options.clock === undefined ? {} : { clock: options.clock }) });
  await app.ready();
  return {
    app,
    db,
    mailer,
    config,
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}
