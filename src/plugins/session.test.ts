import { describe, expect, it } from 'vitest';
import { cookieValue, Session, type SessionStore } from './session.js';

/** A store in memory that remembers what was written and removed. */
function memoryStore() {
  const rows = new Map<string, { data: string; accountId: string | null }>();
  const removed: string[] = [];
  const store: SessionStore = {
    read: async (sid) => rows.get(sid)?.data,
    write: async (sid, data, accountId) => {
      rows.set(sid, { data, accountId });
    },
    remove: async (sid) => {
      removed.push(sid);
      rows.delete(sid);
    },
  };
  return { store, rows, removed };
}

const sign = (sid: string) => `${sid}.signed`;

async function reload(store: SessionStore, sid: string): Promise<Session> {
  const data = await store.read(sid);
  if (data === undefined) throw new Error('not stored');
  return new Session(store, sid, data).markStored();
}

describe('cookieValue', () => {
  it('finds one cookie among others, trimmed and decoded', () => {
    expect(cookieValue('a=1; doing-with=abc.def; b=2', 'doing-with')).toBe('abc.def');
    expect(cookieValue('doing-with=abc%2Bdef', 'doing-with')).toBe('abc+def');
    expect(cookieValue('not-doing-with=x', 'doing-with')).toBeUndefined();
    expect(cookieValue(undefined, 'doing-with')).toBeUndefined();
    expect(cookieValue('doing-with=%E0%A4%A', 'doing-with')).toBeUndefined(); // broken encoding: no session
  });
});

describe('Session', () => {
  it('is not written, and sets no cookie, while nothing is in it', async () => {
    const { store, rows } = memoryStore();
    const session = new Session(store);
    expect(await session.save(sign)).toBeUndefined();
    expect(rows.size).toBe(0);
  });

  it('is written with its account once something is set, and the cookie is sent once', async () => {
    const { store, rows } = memoryStore();
    const session = new Session(store);
    session.accountId = 'account-1';
    session.language = 'it';
    const cookie = await session.save(sign);
    expect(cookie).toBe(`${session.sessionId}.signed`);
    expect(rows.get(session.sessionId)).toEqual({ data: JSON.stringify({ accountId: 'account-1', language: 'it' }), accountId: 'account-1' });

    const again = await reload(store, session.sessionId);
    expect(again.accountId).toBe('account-1');
    expect(again.language).toBe('it');
    expect(await again.save(sign)).toBeUndefined(); // unchanged: no write, no cookie
    again.language = 'en-GB';
    expect(await again.save(sign)).toBeUndefined(); // changed: written, but the browser has the cookie already
    expect((await reload(store, session.sessionId)).language).toBe('en-GB');
  });

  it('is written when a field is removed or replaced, and not when it is set to the same value', async () => {
    const { store, rows } = memoryStore();
    const first = new Session(store);
    first.accountId = 'a';
    first.flash = { key: 'flash.saved' };
    await first.save(sign);
    const shown = await reload(store, first.sessionId);
    delete shown.flash; // the page showed the message once
    await shown.save(sign);
    expect(JSON.parse(rows.get(first.sessionId)?.data ?? '')).toEqual({ accountId: 'a' });

    const same = await reload(store, first.sessionId);
    let writes = 0;
    const counting: SessionStore = { ...store, write: async (...args) => { writes++; await store.write(...args); } };
    const again = new Session(counting, first.sessionId, await store.read(first.sessionId)).markStored();
    again.accountId = 'a';
    expect(await again.save(sign)).toBeUndefined();
    expect(writes).toBe(0);
    again.flash = { key: 'flash.other' };
    await again.save(sign);
    expect(writes).toBe(1);
    expect(same.accountId).toBe('a');
  });

  it('keeps only its own fields from what is stored', async () => {
    const { store } = memoryStore();
    await store.write('sid-1', JSON.stringify({ accountId: 'a', cookie: { path: '/' }, _csrf: 'old', somethingElse: 1 }), 'a');
    const session = await reload(store, 'sid-1');
    expect(JSON.parse(session.serialise())).toEqual({ accountId: 'a' });
  });

  it('regenerates with a new id and nothing in it, removing the old one at once', async () => {
    const { store, rows, removed } = memoryStore();
    const first = new Session(store);
    first.accountId = 'a';
    await first.save(sign);
    const oldId = first.sessionId;
    const session = await reload(store, oldId);
    await session.regenerate();
    expect(removed).toEqual([oldId]);
    expect(session.accountId).toBeUndefined();
    session.accountId = 'b';
    const cookie = await session.save(sign);
    expect(session.sessionId).not.toBe(oldId);
    expect(cookie).toBe(`${session.sessionId}.signed`);
    expect([...rows.keys()]).toEqual([session.sessionId]);
  });

  it('tells the browser to forget the cookie once destroyed, and is not written again', async () => {
    const { store, rows } = memoryStore();
    const first = new Session(store);
    first.accountId = 'a';
    await first.save(sign);
    const session = await reload(store, first.sessionId);
    await session.destroy();
    session.language = 'it';
    expect(await session.save(sign)).toBeNull();
    expect(rows.size).toBe(0);
  });
});
