import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { connect, type Db } from '../../src/db/connect.js';
import type { Database } from '../../src/db/database.js';
import { seedDemoIfNew } from '../../src/modules/demo/demo.seed.js';
import { MANIFEST_PATH } from '../../src/plugins/static.js';
import { createTestDb } from '../../test/helpers/db.js';
import { startMailbox, type Mailbox } from './mailbox.js';

export interface RunningApp {
  /** Where the app answers, for example http://127.0.0.1:41234 (also its BASE_URL, used in emails). */
  readonly baseUrl: string;
  readonly app: FastifyInstance;
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly mailbox: Mailbox;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Seed the demo organisations (as `npm start` does on a new database). */
  readonly demo?: boolean;
  /** More settings, as environment variables (`TRUST_PROXY=loopback` lets a test send requests as other addresses). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The database for this run: a fresh SQLite file in a temporary folder, or PostgreSQL when DIALECT=postgres. */
async function freshDatabase(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (process.env['DIALECT'] === 'postgres') {
    const db = await createTestDb('postgres');
    return { db, drop: () => db.destroy() };
  }
  const folder = mkdtempSync(join(tmpdir(), 'doing-with-e2e-'));
  const db = connect(join(folder, 'doing-with.sqlite'));
  return {
    db,
    drop: async () => {
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * The real app over real HTTP on 127.0.0.1, with a real SMTP server.
 *
 * The port is chosen by the system (port 0). Because links in emails need BASE_URL before the app is built, the
 * HTTP server starts listening first and then hands every request to the built app's router.
 */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  if (!existsSync(MANIFEST_PATH)) {
    throw new Error('The styles and scripts are not built: run `npm run build:assets` (or `npm run test:e2e`, which does).');
  }
  const mailbox = await startMailbox();
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const { db, drop } = await freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    BASE_URL: baseUrl,
    SMTP_URL: mailbox.url,
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env['E2E_LOG_LEVEL'] ?? 'error',
    ...options.env,
  });
  const app = await buildApp({ config, db, logger: { level: config.logLevel } });
  if (options.demo === true) {
    await seedDemoIfNew(db.kysely, { enabled: true, password: config.demoPassword });
    await app.refreshDemoFlag();
  }
  await app.ready();
  server.on('request', (request, response) => app.routing(request, response));

  return {
    baseUrl,
    app,
    db: db.kysely,
    config,
    mailbox,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
      await app.close(); // waits for email still being sent
      await mailbox.close();
      await drop();
    },
  };
}
