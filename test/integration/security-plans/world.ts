/** What the security walker's per-module plans share: the world it builds for each test, and the plan shapes. */
import type { TestApp } from '../../helpers/app.js';
import { TestClient } from '../../helpers/client.js';
import { TEST_PASSWORD } from '../../helpers/factories.js';
import type { RegisteredRoute } from '../../helpers/routes.js';
import type { Actor } from '../../../src/shared/actor.js';

export type Fields = Record<string, string | string[]>;

/** One organisation in the world: its admin, a member, and (signed in on first use) the admin's browser. */
export interface Side {
  readonly organisationId: string;
  readonly admin: Actor;
  readonly member: Actor;
  client(): Promise<TestClient>;
}

/** Everything the walker needs, made fresh for each test so one route's effects never hide another's. */
export interface World {
  readonly t: TestApp;
  readonly a: string;
  readonly b: string;
  readonly adminA: Actor;
  readonly memberA: Actor;
  readonly memberB: Actor;
  /** A third organisation adminA also belongs to (somewhere to switch to). */
  readonly c: string;
  /** Organisation A's admin, signed in: the walker's browser. */
  readonly client: TestClient;
  readonly sides: { readonly a: Side; readonly b: Side };
  readonly tokens: { readonly signInLink: string; readonly passwordReset: string; readonly invitation: string };
  /** Records made on first use, by key, so plans and parameters share them within one world. */
  readonly made: Map<string, Promise<string>>;
}

/** A file sent as multipart/form-data (the picture upload). */
export interface Upload {
  readonly name: string;
  readonly type: string;
  readonly bytes: Buffer;
}

/** A request that, with a valid CSRF token, really does change something. */
export interface Plan {
  readonly params?: Record<string, string>;
  readonly fields: Fields;
  readonly upload?: Upload;
}

export type PlanMaker = (w: World) => Promise<Plan> | Plan;
export type Plans = Readonly<Record<string, PlanMaker>>;

/** How to fill a route parameter with a record organisation A's admin may not use, and with one they may. */
export interface ParamFiller {
  readonly others: (w: World, route: RegisteredRoute) => Promise<string> | string;
  readonly own: (w: World, route: RegisteredRoute) => Promise<string> | string;
  /** A record of organisation A that belongs with something else than the address's other records (another person's). */
  readonly sibling?: (w: World) => Promise<string>;
}
export type ParamFillers = Readonly<Record<string, ParamFiller>>;

/** Make a record once per world. */
export function once(w: World, key: string, make: () => Promise<string>): Promise<string> {
  let made = w.made.get(key);
  if (made === undefined) {
    made = make();
    w.made.set(key, made);
  }
  return made;
}

export function side(w: World, which: 'a' | 'b'): Side {
  return w.sides[which];
}

/** A browser signed in as this person. */
export async function signedIn(t: TestApp, actor: Actor): Promise<TestClient> {
  const client = new TestClient(t.app);
  await client.signIn(actor.email, TEST_PASSWORD);
  return client;
}

/** Load a page, submit a form on it, and insist it worked (303); returns where it went. */
export async function submitted(client: TestClient, page: string, action: string, fields: Fields): Promise<string> {
  const result = await client.submit(page, action, fields);
  if (result.status !== 303) throw new Error(`setting up: POST ${action} answered ${String(result.status)}: ${result.body.slice(0, 2000)}`);
  return result.location ?? '';
}

/** The first id (a UUID) in an address after a marker, e.g. idAfter('/projects/…/tasks/…', 'tasks'). */
export function idAfter(location: string, marker: string): string {
  const id = new RegExp(`/${marker}/([0-9a-f-]{36})`).exec(location)?.[1];
  if (id === undefined) throw new Error(`no ${marker} id in ${location}`);
  return id;
}
