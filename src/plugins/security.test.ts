import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import formbody from '@fastify/formbody';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/helpers/db.js';
import { testConfig } from '../../test/helpers/app.js';
import { systemClock } from '../shared/clock.js';
import { CSRF_ERROR_CODES, csrfUserInfo, securityPlugin } from './security.js';
import { sessionPlugin } from './session.js';

/** The session and security plugins alone, with a form page, a write, and a way to sign in (no database reads). */
describe('security plugin', () => {
  let db: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    const now = new Date().toISOString();
    await db.kysely.insertInto('accounts').values({ id: 'account-1', email: 'a@test.example', created_at: now, updated_at: now }).execute();
    const config = testConfig();
    app = Fastify({ logger: false });
    await app.register(formbody);
    await app.register(sessionPlugin, { db: db.kysely, clock: systemClock, config });
    await app.register(securityPlugin, { config });
    app.setErrorHandler(async (error: { code?: string; statusCode?: number }, _request, reply) =>
      reply.code(error.statusCode ?? 500).send({ code: error.code }),
    );
    app.get('/form', async (request, reply) => ({
      token: reply.generateCsrf({ userInfo: csrfUserInfo(request) }),
      nonce: reply.cspNonce.script,
    }));
    app.post('/write', async () => 'written');
    app.delete('/write', async () => 'deleted');
    app.post('/sign-in-as', async (request) => {
      await request.session.regenerate();
      request.session.accountId = 'account-1';
      return 'signed in';
    });
    app.get('/assets/app.css', async () => 'body{}');
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  /** A browser: its cookies, kept between requests. */
  function browser() {
    const jar = new Map<string, string>();
    const keep = (response: LightMyRequestResponse) => {
      for (const cookie of response.cookies) jar.set(cookie.name, cookie.value);
      return response;
    };
    return {
      jar,
      form: async () => keep(await app.inject({ url: '/form', cookies: Object.fromEntries(jar) })).json<{ token: string; nonce: string }>(),
      send: async (url: string, body: Record<string, string>, options: { method?: 'POST' | 'DELETE'; headers?: Record<string, string> } = {}) =>
        keep(await app.inject({ method: options.method ?? 'POST', url, cookies: Object.fromEntries(jar), payload: body, ...(options.headers === undefined ? {} : { headers: options.headers }) })),
    };
  }

  it('gives a different token on every page, and takes each one from the form body', async () => {
    const person = browser();
    const tokens = [];
    for (let i = 0; i < 10; i++) tokens.push((await person.form()).token);
    expect(new Set(tokens).size).toBe(10);
    for (const token of tokens) expect((await person.send('/write', { _csrf: token })).statusCode).toBe(200);
    expect((await person.send('/write', { _csrf: tokens[0] ?? '' }, { method: 'DELETE' })).statusCode).toBe(200);
  });

  it('refuses a write with no token, a token in a header or the address, a changed token, or no secret cookie', async () => {
    const person = browser();
    const { token } = await person.form();
    const refused = async (response: LightMyRequestResponse) => {
      expect(response.statusCode).toBe(403);
      expect(CSRF_ERROR_CODES.has(response.json<{ code: string }>().code)).toBe(true);
    };
    await refused(await person.send('/write', {}));
    await refused(await person.send('/write', {}, { headers: { 'x-csrf-token': token, 'csrf-token': token } }));
    await refused(await person.send(`/write?_csrf=${token}`, {}));
    await refused(await person.send('/write', { _csrf: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}` }));
    await refused(await app.inject({ method: 'POST', url: '/write', payload: { _csrf: token } })); // no cookie
  });

  it('refuses another browser’s token, and a secret cookie not signed by us', async () => {
    const person = browser();
    const stranger = browser();
    await person.form();
    const { token } = await stranger.form();
    expect((await person.send('/write', { _csrf: token })).statusCode).toBe(403);
    const secret = stranger.jar.get('doing-with-csrf') ?? '';
    const forged = await app.inject({ method: 'POST', url: '/write', cookies: { 'doing-with-csrf': secret.slice(0, secret.lastIndexOf('.')) }, payload: { _csrf: token } });
    expect(forged.statusCode).toBe(403);
  });

  it('refuses a token made before signing in once the person is signed in', async () => {
    const person = browser();
    const before = (await person.form()).token;
    expect((await person.send('/sign-in-as', { _csrf: before })).statusCode).toBe(200);
    expect((await person.send('/write', { _csrf: before })).statusCode).toBe(403);
    expect((await person.send('/write', { _csrf: (await person.form()).token })).statusCode).toBe(200);
  });

  it('sends the strict CSP with this response’s nonce, new on every response', async () => {
    const first = await app.inject({ url: '/form' });
    const second = await app.inject({ url: '/form' });
    for (const response of [first, second]) {
      const { nonce } = response.json<{ nonce: string }>();
      expect(nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(response.headers['content-security-policy']).toBe(
        `default-src 'self';script-src 'self' 'nonce-${nonce}';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';form-action 'self';object-src 'none';base-uri 'none';frame-ancestors 'none'`,
      );
    }
    expect(first.json<{ nonce: string }>().nonce).not.toBe(second.json<{ nonce: string }>().nonce);
  });

  it('tells browsers not to keep pages, but leaves built assets to set their own caching', async () => {
    expect((await app.inject({ url: '/form' })).headers['cache-control']).toBe('no-store');
    expect((await app.inject({ url: '/assets/app.css' })).headers['cache-control']).toBeUndefined();
  });
});
