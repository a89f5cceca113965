import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { fromDbBool } from '../db/portable.js';
import { precompiled } from '../db/precompiled.js';

export interface OrganisationContext {
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  readonly defaultLanguage: string;
  readonly timeZone: string;
  readonly crisisText: string | null;
  /** Which crisis numbers the organisation's people see (src/shared/crisis-lines.ts). */
  readonly country: string;
  readonly isDemo: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    organisation: OrganisationContext | null;
  }
}

export interface AuthPluginOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly absoluteMs: number;
}

const SEEN_REFRESH_MS = 60_000;

/** Who is signed in, and in which organisation: one query per request. */
export const authPlugin = fp<AuthPluginOptions>(
  async (app, { db, clock, absoluteMs }) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('organisation', null);
    // Every person row of the account, with its organisation: on every request, so compiled once (src/db/precompiled.ts).
    const readActor = precompiled(
      db,
      db
        .selectFrom('people')
        .innerJoin('organisations', 'organisations.id', 'people.organisation_id')
        .innerJoin('accounts', 'accounts.id', 'people.account_id')
        .select([
          'people.id as personId',
          'people.permission',
          'people.display_name as displayName',
          'accounts.email',
          'organisations.id as organisationId',
          'organisations.name',
          'organisations.short_name as shortName',
          'organisations.default_language as defaultLanguage',
          'organisations.time_zone as timeZone',
          'organisations.crisis_text as crisisText',
          'organisations.country',
          'organisations.is_demo as isDemo',
        ])
        .where('people.account_id', '=', '')
        .where('people.archived_at', 'is', null)
        .orderBy('organisations.name'),
    );

    app.addHook('preHandler', async (request) => {
      const session = request.session;
      const accountId = session.accountId;
      if (accountId === undefined) return;
      const now = clock.now();
      if (session.signedInAt === undefined || now.getTime() - Date.parse(session.signedInAt) > absoluteMs) {
        // Not destroy(): that leaves request.session null for every later hook. A fresh, empty session (the old one
        // deleted from the store) lets this request carry on, signed out, to the sign-in page.
        const language = session.language;
        await session.regenerate();
        if (language !== undefined) request.session.language = language;
        return;
      }
      const rows = await readActor(accountId);
      const row = rows.find((r) => r.organisationId === session.organisationId) ?? rows[0];
      if (session.seenAt === undefined || now.getTime() - Date.parse(session.seenAt) > SEEN_REFRESH_MS) {
        session.seenAt = now.toISOString(); // marks the session changed, so its idle expiry moves on
      }
      if (row === undefined) return; // signed in, but in no organisation (yet)
      if (session.organisationId !== row.organisationId) session.organisationId = row.organisationId;
      request.organisation = {
        id: row.organisationId,
        name: row.name,
        shortName: row.shortName,
        defaultLanguage: row.defaultLanguage,
        timeZone: row.timeZone,
        crisisText: row.crisisText,
        country: row.country,
        isDemo: fromDbBool(row.isDemo),
      };
      request.actor = {
        accountId,
        personId: row.personId,
        organisationId: row.organisationId,
        permission: row.permission,
        displayName: row.displayName,
        email: row.email,
      };
    });
  },
  { name: 'auth', dependencies: ['session'] },
);
