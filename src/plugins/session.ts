import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import type { Config } from '../config.js';
import { precompiled } from '../db/precompiled.js';

/** What a session holds: ids, the chosen organisation and language, timestamps, a CSRF secret. Never form data. */
interface SessionFields {
  accountId?: string;
  organisationId?: string;
  /** When the person signed in (ISO); for the absolute timeout. */
  signedInAt?: string;
  /** Last activity (ISO), refreshed at most once a minute; for the idle timeout. */
  seenAt?: string;
  language?: string;
  /** A one-off message key for the next page ("Your changes were saved"). Never form data. */
  flash?: { key: string; params?: Record<string, string> };
  /** The secret behind this session's CSRF tokens (see security.ts). */
  csrfSecret?: string;
}

const FIELDS: readonly (keyof SessionFields)[] = ['accountId', 'organisationId', 'signedInAt', 'seenAt', 'language', 'flash', 'csrfSecret'];

/** Where sessions are kept: the `sessions` table, so several app instances share them. */
export interface SessionStore {
  read(sid: string): Promise<string | undefined>;
  write(sid: string, data: string, accountId: string | null): Promise<void>;
  remove(sid: string): Promise<void>;
}

export function createSessionStore(db: Kysely<Database>, clock: Clock, idleMs: number): SessionStore {
  const read = precompiled(db, db.selectFrom('sessions').select(['data', 'expires_at']).where('sid', '=', ''));
  return {
    async read(sid) {
      const [row] = await read(sid);
      return row === undefined || row.expires_at <= clock.now().toISOString() ? undefined : row.data;
    },
    async write(sid, data, accountId) {
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + idleMs).toISOString();
      await db
        .insertInto('sessions')
        .values({ sid, account_id: accountId, data, expires_at: expiresAt, created_at: now.toISOString() })
        .onConflict((oc) => oc.column('sid').doUpdateSet({ data, account_id: accountId, expires_at: expiresAt }))
        .execute();
    },
    async remove(sid) {
      await db.deleteFrom('sessions').where('sid', '=', sid).execute();
    },
  };
}

/** 192 random bits, URL-safe. */
const newSid = () => randomBytes(24).toString('base64url');

/**
 * One person's session for one request. Its fields are read and set directly (`request.session.language = 'it'`);
 * it is written back after the response is ready only if a field changed, and a new, empty session is never
 * written at all (so a page view by someone not signed in costs no write unless the page needs a CSRF token).
 */
export class Session implements SessionFields {
  accountId?: string;
  organisationId?: string;
  signedInAt?: string;
  seenAt?: string;
  language?: string;
  flash?: { key: string; params?: Record<string, string> };
  csrfSecret?: string;

  readonly #store: SessionStore;
  /** The id in the store; undefined until the session is first written. */
  #sid: string | undefined;
  /**
   * The fields as read from the store (none for a new session): the session is written back only if a field is no
   * longer the same value (a flash message is replaced or removed as a whole, never changed inside).
   */
  #saved: Partial<Record<keyof SessionFields, unknown>> = {};
  /** True once the session is in the store (its cookie is then already in the browser). */
  #stored = false;
  #ended = false;

  constructor(store: SessionStore, sid?: string, data?: string) {
    this.#store = store;
    this.#sid = sid;
    if (sid === undefined || data === undefined) return;
    const parsed = JSON.parse(data) as Record<string, unknown>;
    for (const field of FIELDS) {
      const value = parsed[field];
      if (value === undefined) continue;
      (this as Record<string, unknown>)[field] = value;
      this.#saved[field] = value;
    }
  }

  #changed(): boolean {
    for (const field of FIELDS) if (this[field] !== this.#saved[field]) return true;
    return false;
  }

  /** The id as stored (a new session gets its id now, and keeps it when written). */
  get sessionId(): string {
    this.#sid ??= newSid();
    return this.#sid;
  }

  /** Start again with a new id and nothing in it; the old session is removed from the store at once. */
  async regenerate(): Promise<void> {
    await this.#removeStored();
    this.#clear();
  }

  /** End the session: removed from the store, and the browser told to forget the cookie. */
  async destroy(): Promise<void> {
    await this.#removeStored();
    this.#clear();
    this.#ended = true;
  }

  /** The fields that are set, as JSON (JSON.stringify leaves out undefined fields and the private state). */
  serialise(): string {
    return JSON.stringify(this);
  }

  /**
   * After the response is built: write the session if it changed. Returns the cookie value to send (a session
   * written for the first time), null to clear the cookie, or undefined to leave the browser's cookie as it is.
   */
  async save(sign: (sid: string) => string): Promise<string | null | undefined> {
    if (this.#ended) return null;
    if (!this.#changed()) return undefined;
    const data = this.serialise();
    this.#saved = {};
    for (const field of FIELDS) if (this[field] !== undefined) this.#saved[field] = this[field];
    const isNew = !this.#stored;
    const sid = this.sessionId;
    await this.#store.write(sid, data, this.accountId ?? null);
    this.#stored = true;
    return isNew ? sign(sid) : undefined;
  }

  /** Marks a session read from the store (its cookie is already in the browser). */
  markStored(): this {
    this.#stored = true;
    return this;
  }

  async #removeStored(): Promise<void> {
    if (this.#stored && this.#sid !== undefined) await this.#store.remove(this.#sid);
    this.#stored = false;
    this.#sid = undefined;
  }

  #clear(): void {
    for (const field of FIELDS) Reflect.deleteProperty(this, field);
    this.#saved = {};
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session;
  }
}

export interface SessionPluginOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly config: Config;
}

/** HMAC-SHA256 of the id with the session secret, so a cookie cannot be made up or changed. */
function signer(secret: string) {
  const mac = (value: string) => createHmac('sha256', secret).update(value).digest('base64url');
  return {
    sign: (sid: string): string => `${sid}.${mac(sid)}`,
    /** The id from a signed cookie value, or undefined when the signature does not match. */
    unsign(value: string): string | undefined {
      const dot = value.lastIndexOf('.');
      if (dot <= 0) return undefined;
      const sid = value.slice(0, dot);
      const given = Buffer.from(value.slice(dot + 1));
      const expected = Buffer.from(mac(sid));
      return given.length === expected.length && timingSafeEqual(given, expected) ? sid : undefined;
    },
  };
}

/** The value of one cookie from a Cookie header, without parsing the others. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    try {
      return value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Sessions in the database (ADR 0001), by our own small plugin (ADR 0007): one indexed read when a request brings a
 * session cookie, one write only when the session changed.
 */
export const sessionPlugin = fp<SessionPluginOptions>(
  async (app, { db, clock, config }) => {
    const store = createSessionStore(db, clock, config.sessionIdleMs);
    const cookies = signer(config.sessionSecret);
    const name = config.cookieSecure ? '__Host-doing-with' : 'doing-with';
    const attributes = `; Path=/; HttpOnly; SameSite=Lax${config.cookieSecure ? '; Secure' : ''}`;

    app.decorateRequest('session', undefined as unknown as Session);

    app.addHook('onRequest', async (request: FastifyRequest) => {
      const cookie = cookieValue(request.headers.cookie, name);
      const sid = cookie === undefined ? undefined : cookies.unsign(cookie);
      const data = sid === undefined ? undefined : await store.read(sid);
      request.session = data === undefined ? new Session(store) : new Session(store, sid, data).markStored();
    });

    app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const session = request.session as Session | undefined; // undefined if the request failed before onRequest
      if (session === undefined) return payload;
      // A secure cookie is never sent over plain HTTP, so a session started there could never be used: not written.
      if (config.cookieSecure && request.protocol !== 'https') return payload;
      const cookie = await session.save(cookies.sign);
      if (cookie === null) reply.header('set-cookie', `${name}=${attributes}; Expires=Thu, 01 Jan 1970 00:00:00 GMT`);
      else if (cookie !== undefined) reply.header('set-cookie', `${name}=${cookie}${attributes}`);
      return payload;
    });
  },
  { name: 'session' },
);
