/**
 * What the tests that walk every route share: the plans and parameter fillers of every module, a fresh world, a
 * snapshot of the whole database to prove a request changed nothing, and how to fill and post a route.
 */
import { sql } from 'kysely';
import { newId } from '../../../src/db/portable.js';
import type { TestApp } from '../../helpers/app.js';
import type { Page, TestClient } from '../../helpers/client.js';
import { makeMember, makeOrganisation } from '../../helpers/factories.js';
import { fillParams, routeParams, type RegisteredRoute } from '../../helpers/routes.js';
import * as core from './core.js';
import * as meetings from './meetings.js';
import * as people from './people.js';
import * as projects from './projects.js';
import * as reviews from './reviews.js';
import { signedIn, type Fields, type ParamFillers, type Plan, type Plans, type World } from './world.js';

/**
 * For each POST route: a request that, with a valid CSRF token, really does change something when organisation A's
 * admin sends it. Each module's plans live in ./<module>.ts.
 */
export const POST_PLANS: Plans = { ...core.PLANS, ...people.PLANS, ...projects.PLANS, ...meetings.PLANS, ...reviews.PLANS };

/**
 * How to fill each route parameter with a record the signed-in admin of organisation A may not use: another
 * organisation's record, or a token made for a different purpose. And with one they may use, for the control.
 */
export const PARAMS: ParamFillers = {
  ...people.PARAMS,
  ...projects.PARAMS,
  ...meetings.PARAMS,
  ...reviews.PARAMS,
  ...core.PARAMS,
};

export const routeKey = (route: RegisteredRoute) => `${route.method} ${route.url}`;

async function emailedToken(t: TestApp, email: string): Promise<string> {
  return (await t.mailer.linkTo(email)).split('/').at(-1) ?? '';
}

/** Organisations A, B and C, their people, tokens of each kind, and A's admin signed in. */
export async function makeWorld(t: TestApp): Promise<World> {
  const db = t.db.kysely;
  const a = await makeOrganisation(db, { name: 'Organisation A' });
  const b = await makeOrganisation(db, { name: 'Organisation B' });
  const c = await makeOrganisation(db, { name: 'Organisation C' });
  const adminA = await makeMember(db, a, { permission: 'admin' });
  await makeMember(db, a, { permission: 'admin' }); // a second admin, so permissions can change
  await makeMember(db, c, { email: adminA.email });
  const memberA = await makeMember(db, a);
  const adminB = await makeMember(db, b, { permission: 'admin' });
  const memberB = await makeMember(db, b);
  t.app.services.auth.requestSignInLink({ email: memberA.email });
  const signInLink = await emailedToken(t, memberA.email);
  t.app.services.auth.requestPasswordReset({ email: memberB.email });
  const passwordReset = await emailedToken(t, memberB.email);
  const invited = await t.app.services.auth.invite(adminA, { email: `new-${newId()}@test.example`, displayName: 'New', permission: 'member' });
  if (!invited.ok) throw new Error('could not invite');
  const invitation = invited.value.link.split('/').at(-1) ?? '';
  const client = await signedIn(t, adminA);
  await client.get('/');
  let clientB: Promise<TestClient> | undefined;
  const sides = {
    a: { organisationId: a, admin: adminA, member: memberA, client: () => Promise.resolve(client) },
    b: { organisationId: b, admin: adminB, member: memberB, client: () => (clientB ??= signedIn(t, adminB)) },
  };
  return { t, a, b, c, adminA, memberA, memberB, client, sides, tokens: { signInLink, passwordReset, invitation }, made: new Map() };
}

/** Every row of every table (sessions by id and account only: their data holds timestamps), and the mail sent. */
export async function snapshot(t: TestApp): Promise<string> {
  await t.mailer.idle();
  const tables = (await t.db.kysely.introspection.getTables()).map((table) => table.name).sort();
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.db.kysely);
    const rows = table === 'sessions' ? result.rows.map((row) => ({ sid: row['sid'], account_id: row['account_id'] })) : result.rows;
    out[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return JSON.stringify({ tables: out, mail: t.mailer.sent.length });
}

/** What differs between two snapshots: rows that appeared or went, by table, and mail sent. */
export function changes(before: string, after: string): string[] {
  type Snap = { tables: Record<string, string[]>; mail: number };
  const [was, now] = [JSON.parse(before) as Snap, JSON.parse(after) as Snap];
  const out: string[] = [];
  for (const [table, rows] of Object.entries(now.tables)) {
    const old = new Set(was.tables[table] ?? []);
    const current = new Set(rows);
    for (const row of rows) if (!old.has(row)) out.push(`${table} + ${row}`);
    for (const row of old) if (!current.has(row)) out.push(`${table} - ${row}`);
  }
  if (was.mail !== now.mail) out.push(`mail: ${String(now.mail - was.mail)} sent`);
  return out;
}

/** The route's address filled with someone else's records, or with one's own (a POST plan's own choice first). */
export async function filled(w: World, route: RegisteredRoute, which: 'own' | 'others', plan?: Plan, only?: string): Promise<string> {
  const values: Record<string, string> = {};
  for (const name of routeParams(route.url)) {
    // `only`: someone else's record in that one place, one's own everywhere else.
    const whose = only === undefined ? which : name === only ? 'others' : 'own';
    const chosen = whose === 'own' ? plan?.params?.[name] : undefined;
    values[name] = chosen ?? (await PARAMS[name]?.[whose](w, route)) ?? newId();
  }
  return fillParams(route.url, values);
}

export async function planFor(w: World, route: RegisteredRoute): Promise<Plan | undefined> {
  return route.method === 'POST' ? POST_PLANS[routeKey(route)]?.(w) : undefined;
}

/** Send a plan's form (multipart when it uploads a file); `csrf` as in TestClient.post. */
export async function post(client: TestClient, url: string, plan: Plan | undefined, csrf?: string | null): Promise<Page> {
  const options = csrf === undefined ? {} : { csrf };
  const fields: Fields = plan?.fields ?? {};
  if (plan?.upload !== undefined) return client.postMultipart(url, fields, { field: 'picture', ...plan.upload }, options);
  return client.post(url, fields, options);
}
