import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../helpers/app.js';
import { createCapturingMailer } from '../helpers/mailer.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';

/** #11: behind a proxy, only the proxy's own X-Forwarded-For is believed, so a client cannot pick its address. */
describe.each(testDialects())('TRUST_PROXY (%s)', (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    app = await buildApp({
      config: testConfig({ TRUST_PROXY: '10.0.0.5' }),
      db,
      mailer: createCapturingMailer(),
      logger: false,
      extraRoutes: (instance) => instance.get('/test-only/address', async (request) => ({ ip: request.ip })),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  const addressSeen = async (remoteAddress: string, forwardedFor: string) =>
    (await app.inject({ url: '/test-only/address', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } })).json<{ ip: string }>().ip;

  it('takes the client address from the named proxy', async () => {
    expect(await addressSeen('10.0.0.5', '203.0.113.9')).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from anyone else, however it is rotated', async () => {
    expect(await addressSeen('198.51.100.7', '203.0.113.9')).toBe('198.51.100.7');
    expect(await addressSeen('198.51.100.7', '10.0.0.5, 203.0.113.10')).toBe('198.51.100.7');
  });

  it('believes the proxy only for the hop it added', async () => {
    expect(await addressSeen('10.0.0.5', '203.0.113.66, 198.51.100.8')).toBe('198.51.100.8');
  });
});
