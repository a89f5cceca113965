import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import type { FastifyRequest, Session } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import type { Config } from '../config.js';
import { deleteSession, sessionReader, writeSession } from './session.repository.js';

declare module 'fastify' {
  /** What a session holds: ids, the chosen organisation and language, timestamps. Never form data. */
  interface Session {
    accountId?: string;
    organisationId?: string;
    /** When the person signed in (ISO); for the absolute timeout. */
    signedInAt?: string;
    /** Last activity (ISO), refreshed at most once a minute; for the idle timeout. */
    seenAt?: string;
    language?: string;
    /** A one-off message key for the next page ("Your changes were saved"). Never form data. */
    flash?: { key: string; params?: Record<string, string | number> };
  }
}

type SessionFields = Pick<Session, 'accountId' | 'organisationId' | 'signedInAt' | 'seenAt' | 'language' | 'flash'>;

const FIELDS: readonly (keyof SessionFields)[] = ['accountId', 'organisationId', 'signedInAt', 'seenAt', 'language', 'flash'];

/**
 * A session's own fields as stored, or undefined when none is set. Only these fields are kept: the plugin's cookie
 * options come from the configuration, and nothing else can creep into a stored session.
 */
export function storedFields(session: Partial<Record<keyof SessionFields, unknown>>): string | undefined {
  const kept: Record<string, unknown> = {};
  let any = false;
  for (const field of FIELDS) {
    if (session[field] === undefined) continue;
    kept[field] = session[field];
    any = true;
  }
  return any ? JSON.stringify(kept) : undefined;
}

/** The known fields of a stored session (anything else in the row is ignored). */
export function readFields(data: string): Record<string, unknown> {
  const parsed = JSON.parse(data) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const field of FIELDS) if (parsed[field] !== undefined) fields[field] = parsed[field];
  return fields;
}

type Done = (error?: unknown) => void;

/**
 * @fastify/session's store on the `sessions` table, so several app instances share sessions (ADR 0001). A session
 * with nothing in it is never kept: writing one removes its row instead (a regenerated, empty session; a session
 * whose only field, a flash message, has been shown).
 */
function createSessionStore(db: Kysely<Database>, clock: Clock, idleMs: number) {
  const readSession = sessionReader(db);
  return {
    get(sid: string, callback: (error: unknown, session?: Session | null) => void): void {
      readSession(sid)
        .then((row) => {
          const live = row !== undefined && row.expiresAt > clock.now().toISOString();
          // @fastify/session restores a Session from the stored fields, its cookie from the plugin options.
          callback(null, live ? (readFields(row.data) as unknown as Session) : null);
        })
        .catch((error: unknown) => callback(error));
    },
    set(sid: string, session: Session, callback: Done): void {
      const data = storedFields(session);
      const now = clock.now();
      const write =
        data === undefined
          ? deleteSession(db, sid)
          : writeSession(db, {
              sid,
              accountId: session.accountId ?? null,
              data,
              expiresAt: new Date(now.getTime() + idleMs).toISOString(),
              now: now.toISOString(),
            });
      write.then(() => callback()).catch((error: unknown) => callback(error));
    },
    destroy(sid: string, callback: Done): void {
      deleteSession(db, sid)
        .then(() => callback())
        .catch((error: unknown) => callback(error));
    },
  };
}

export interface SessionPluginOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly config: Config;
}

/** The session cookie's name: `__Host-` (so no other host can set it) whenever cookies are Secure. */
const sessionCookieName = (config: Config): string => (config.cookieSecure ? '__Host-doing-with' : 'doing-with');

/** HttpOnly, SameSite=Lax, the whole site, no Domain, Secure behind TLS; no expiry (ends with the browser). */
export const cookieOptions = (config: Config) =>
  ({ path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure }) as const;

/**
 * Sessions by @fastify/session and @fastify/cookie, kept in the database. Written only when a field changed
 * (`saveUninitialized: false`), so a visitor who is not signed in and has chosen nothing costs no row; never set over
 * plain HTTP when cookies are Secure. The idle expiry moves on with each write (the auth hook refreshes `seenAt`
 * once a minute); the absolute timeout is the auth hook's.
 */
export const sessionPlugin = fp<SessionPluginOptions>(
  async (app, { db, clock, config }) => {
    const name = sessionCookieName(config);
    await app.register(fastifyCookie, { secret: config.sessionSecret });
    await app.register(fastifySession, {
      secret: config.sessionSecret,
      cookieName: name,
      cookie: cookieOptions(config),
      saveUninitialized: false,
      rolling: false,
      store: createSessionStore(db, clock, config.sessionIdleMs),
    });
    // A destroyed session (an account removed) leaves request.session null: the browser is told to forget the
    // cookie. Null before the session was read (a request refused earlier) is not that.
    const loaded = new WeakSet<FastifyRequest>();
    app.addHook('onRequest', (request, _reply, done) => {
      loaded.add(request);
      done();
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      if ((request.session as Session | null) === null && loaded.has(request)) reply.clearCookie(name, cookieOptions(config));
      done(null, payload);
    });
  },
  { name: 'session' },
);
