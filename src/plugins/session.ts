import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import type { Session } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import type { Config } from '../config.js';
import { precompiled } from '../db/precompiled.js';

declare module 'fastify' {
  interface Session {
    accountId?: string;
    organisationId?: string;
    /** When the person signed in (ISO); for the absolute timeout. */
    signedInAt?: string;
    /** Last activity (ISO), refreshed at most once a minute; for the idle timeout. */
    seenAt?: string;
    language?: string;
    /** A one-off message key for the next page ("Your changes were saved"). Never form data. */
    flash?: { key: string; params?: Record<string, string> };
  }
}

type Callback = (error?: unknown) => void;
type GetCallback = (error: unknown, session?: Session | null) => void;

/**
 * Sessions live in the database so that several app instances can share them.
 * Only ids, the chosen organisation and language, and timestamps are kept here — never form bodies.
 */
export function createSessionStore(db: Kysely<Database>, clock: Clock, idleMs: number) {
  const read = precompiled(db, db.selectFrom('sessions').select(['data', 'expires_at']).where('sid', '=', ''));
  return {
    get(sid: string, callback: GetCallback): void {
      read(sid)
        .then(([row]) => {
          if (row === undefined || row.expires_at <= clock.now().toISOString()) {
            callback(null, null);
            return;
          }
          callback(null, JSON.parse(row.data) as Session);
        })
        .catch((error: unknown) => callback(error));
    },
    set(sid: string, session: Session, callback: Callback): void {
      const now = clock.now();
      const data = JSON.stringify(session);
      const accountId = session.accountId ?? null;
      const expiresAt = new Date(now.getTime() + idleMs).toISOString();
      db.insertInto('sessions')
        .values({ sid, account_id: accountId, data, expires_at: expiresAt, created_at: now.toISOString() })
        .onConflict((oc) => oc.column('sid').doUpdateSet({ data, account_id: accountId, expires_at: expiresAt }))
        .execute()
        .then(() => callback())
        .catch((error: unknown) => callback(error));
    },
    destroy(sid: string, callback: Callback): void {
      db.deleteFrom('sessions')
        .where('sid', '=', sid)
        .execute()
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

export const sessionPlugin = fp<SessionPluginOptions>(
  async (app, { db, clock, config }) => {
    await app.register(fastifyCookie);
    await app.register(fastifySession, {
      secret: config.sessionSecret,
      cookieName: config.cookieSecure ? '__Host-doing-with' : 'doing-with',
      cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.cookieSecure },
      saveUninitialized: false,
      rolling: false,
      store: createSessionStore(db, clock, config.sessionIdleMs),
    });
  },
  { name: 'session' },
);
