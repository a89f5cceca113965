import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../test/helpers/db.js';
import { testConfig } from '../../test/helpers/app.js';
import { fixedClock } from '../shared/clock.js';
import { readFields, sessionPlugin, storedFields } from './session.js';

const IDLE_MS = 120 * 60_000;

describe('the fields a session keeps', () => {
  it('are its own fields only, and nothing when none is set', () => {
    const session = { accountId: 'a', language: 'it', cookie: { path: '/' }, _csrf: 'old', somethingElse: 1 };
    expect(JSON.parse(storedFields(session) ?? '')).toEqual({ accountId: 'a', language: 'it' });
    expect(storedFields({ accountId: undefined })).toBeUndefined();
    expect(readFields(JSON.stringify(session))).toEqual({ accountId: 'a', language: 'it' });
  });
});

describe.each(testDialects())('sessions in the database (%s)', (dialect) => {
  const clock = fixedClock(new Date());
  let db: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    const now = clock.now().toISOString();
    await db.kysely
      .insertInto('accounts')
      .values(['a', 'b', 'account-1'].map((id) => ({ id, email: `${id}@test.example`, created_at: now, updated_at: now })))
      .execute();
    app = Fastify({ logger: false });
    await app.register(sessionPlugin, { db: db.kysely, clock, config: testConfig() });
    app.get('/read', async (request) => ({ accountId: request.session.accountId ?? null, language: request.session.language ?? null, flash: request.session.flash ?? null }));
    app.post<{ Querystring: { account?: string; language?: string } }>('/set', async (request) => {
      if (request.query.account !== undefined) request.session.accountId = request.query.account;
      if (request.query.language !== undefined) request.session.language = request.query.language;
      return 'set';
    });
    app.post('/flash', async (request) => {
      request.session.flash = { key: 'flash.saved' };
      return 'flash';
    });
    app.get('/show-flash', async (request) => {
      const flash = request.session.flash ?? null;
      delete request.session.flash;
      return { flash };
    });
    app.post('/regenerate', async (request) => {
      const old = request.session.sessionId;
      await request.session.regenerate(['language']);
      request.session.accountId = 'b';
      return { old, now: request.session.sessionId };
    });
    app.post('/destroy', async (request) => {
      await request.session.destroy();
      return 'gone';
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  const rows = () => db.kysely.selectFrom('sessions').selectAll().execute();
  const cookieOf = (response: LightMyRequestResponse) => response.cookies.find((c) => c.name === 'doing-with');
  const send = (method: 'GET' | 'POST', url: string, cookie?: string) =>
    app.inject({ method, url, cookies: cookie === undefined ? {} : { 'doing-with': cookie } });

  it('is not written, and sets no cookie, while nothing is in it', async () => {
    await db.kysely.deleteFrom('sessions').execute();
    const response = await send('GET', '/read');
    expect(response.json()).toEqual({ accountId: null, language: null, flash: null });
    expect(cookieOf(response)).toBeUndefined();
    expect(await rows()).toEqual([]);
  });

  it('is written with its account and idle expiry once something is set, and read back by its cookie', async () => {
    await db.kysely.deleteFrom('sessions').execute();
    const set = await send('POST', '/set?account=account-1&language=it');
    const cookie = cookieOf(set)?.value ?? '';
    expect(cookie).not.toBe('');
    const [row] = await rows();
    expect(row?.account_id).toBe('account-1');
    expect(JSON.parse(row?.data ?? '')).toEqual({ accountId: 'account-1', language: 'it' });
    expect(row?.expires_at).toBe(new Date(clock.now().getTime() + IDLE_MS).toISOString());
    expect((await send('GET', '/read', cookie)).json()).toEqual({ accountId: 'account-1', language: 'it', flash: null });
  });

  it('is written again only when a field changed, and its idle expiry moves on then', async () => {
    await db.kysely.deleteFrom('sessions').execute();
    const cookie = cookieOf(await send('POST', '/set?account=a&language=it'))?.value ?? '';
    const [first] = await rows();
    clock.advance(60_000);
    await send('POST', '/set?language=it', cookie); // the same value: not a change
    expect((await rows())[0]?.expires_at).toBe(first?.expires_at);
    await send('POST', '/set?language=en-GB', cookie);
    const [changed] = await rows();
    expect(JSON.parse(changed?.data ?? '')).toEqual({ accountId: 'a', language: 'en-GB' });
    expect(changed?.expires_at).toBe(new Date(clock.now().getTime() + IDLE_MS).toISOString());
  });

  it('keeps a flash message for one page, and keeps no row once nothing else is in it', async () => {
    await db.kysely.deleteFrom('sessions').execute();
    const cookie = cookieOf(await send('POST', '/flash'))?.value ?? '';
    expect((await send('GET', '/show-flash', cookie)).json()).toEqual({ flash: { key: 'flash.saved' } });
    expect((await send('GET', '/show-flash', cookie)).json()).toEqual({ flash: null });
    expect(await rows()).toEqual([]);

    const signedIn = cookieOf(await send('POST', '/set?account=a'))?.value ?? '';
    await send('POST', '/flash', signedIn);
    await send('GET', '/show-flash', signedIn);
    expect((await rows()).map((row) => JSON.parse(row.data) as unknown)).toEqual([{ accountId: 'a' }]);
  });

  it('reads only its own fields from a row, and nothing from an expired row or a cookie not signed by us', async () => {
    await db.kysely.deleteFrom('sessions').execute();
    const cookie = cookieOf(await send('POST', '/set?account=a'))?.value ?? '';
    const sid = cookie.slice(0, cookie.lastIndexOf('.'));
    await db.kysely.updateTable('sessions').set({ data: JSON.stringify({ accountId: 'a', flash: { key: 'x' }, cookie: { path: '/elsewhere' }, admin: true }) }).execute();
    expect((await send('GET', '/read', cookie)).json()).toEqual({ accountId: 'a', language: null, flash: { key: 'x' } });

    expect((await send('GET', '/read', `${sid}.not-our-signature`)).json()).toEqual({ accountId: null, language: null, flash: null });
    expect((await send('GET', '/read', sid)).json()).toEqual({ accountId: null, language: null, flash: null });

    await db.kysely.updateTable('sessions').set({ expires_at: clock.now().toISOString() }).execute();
    expect((await send('GET', '/read', cookie)).json()).toEqual({ accountId: null, language: null, flash: null });
  });

  it('regenerates with a new id and only the fields asked for, removing the old row at once', async () => {
    await db.kysely.deleteFrom('sessions').execute();
    const oldCookie = cookieOf(await send('POST', '/set?account=a&language=it'))?.value ?? '';
    const response = await send('POST', '/regenerate', oldCookie);
    const ids = response.json<{ old: string; now: string }>();
    expect(ids.now).not.toBe(ids.old);
    const newCookie = cookieOf(response)?.value ?? '';
    expect(newCookie.startsWith(`${ids.now}.`)).toBe(true);
    expect((await rows()).map((row) => [row.sid, row.account_id, JSON.parse(row.data) as unknown])).toEqual([
      [ids.now, 'b', { accountId: 'b', language: 'it' }],
    ]);
    expect((await send('GET', '/read', oldCookie)).json()).toEqual({ accountId: null, language: null, flash: null });
  });

  it('is removed from the database when destroyed, and the browser told to forget the cookie', async () => {
    await db.kysely.deleteFrom('sessions').execute();
    const cookie = cookieOf(await send('POST', '/set?account=a'))?.value ?? '';
    const response = await send('POST', '/destroy', cookie);
    const cleared = cookieOf(response);
    expect(cleared?.value).toBe('');
    expect(cleared?.expires?.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await rows()).toEqual([]);
  });
});
