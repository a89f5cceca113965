/**
 * The finding "Some POST routes validate the form before checking permission (422 for a bad form, 404 for a good
 * one)": someone without permission could tell from the answer to a bad form that a record exists and what a form
 * expects. Every POST route the app serves is posted by people who may not use it, with an empty form, a form with a
 * field no form has, and the plan's working form: all three must get the same refusal, and nothing may change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import type { Page, TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember } from '../helpers/factories.js';
import { registeredRoutes, routeParams, type RegisteredRoute } from '../helpers/routes.js';
import { changes, filled, makeWorld, planFor, post, routeKey, snapshot } from './security-plans/walker.js';
import { signedIn, type Plan } from './security-plans/world.js';

/**
 * POST routes that a member of the organisation in no project may use with the walker's records, so a bad form
 * there rightly gets its error messages. Each is checked to accept its plan's form from that member.
 */
const OPEN_TO_ANY_MEMBER: Readonly<Record<string, string>> = {
  'POST /sign-in': 'anyone may sign in (as anyone whose password they know)',
  'POST /sign-out': 'anyone may sign out',
  'POST /sign-in/link': 'anyone may ask for a sign-in link',
  'POST /sign-in/link/:token': 'the token is the permission',
  'POST /password-reset': 'anyone may ask for a reset',
  'POST /password-reset/:token': 'the token is the permission',
  'POST /invitations/:token': 'the token is the permission',
  'POST /account/password': 'one’s own account',
  'POST /language': 'one’s own language',
  'POST /calendar/feed': 'one’s own calendar feed',
  'POST /notifications/read': 'one’s own notifications',
  'POST /people/:personId/appreciations': 'anyone may thank someone in their organisation',
  'POST /ladder': 'anyone may write a reflection',
  'POST /learning/:topic': 'anyone may take a knowledge check',
  'POST /reviews/practice': 'anyone may try a practice review',
  'POST /reviews/:reviewId/answer/:principle': 'everyone in the organisation answers an organisation’s review',
  'POST /reviews/:reviewId/answer/:principle/draft': 'everyone in the organisation answers an organisation’s review',
};

/** Open to any member too, but the walker's member has not done what the form completes, and is told so (422). */
const OPEN_BUT_UNFINISHED: Readonly<Record<string, string>> = {
  'POST /reviews/:reviewId/send': 'everyone sends their own answers to an organisation’s review; this member has given none',
};

/** The forms to send: empty, with a field no form has (every form is strict), and the plan's own. */
function forms(plan: Plan): [string, Plan][] {
  if (plan.upload !== undefined) {
    return [
      ['an empty file', { ...plan, upload: { ...plan.upload, bytes: Buffer.alloc(0) } }],
      ['a file that is no picture', { ...plan, upload: { ...plan.upload, bytes: Buffer.from('not a picture at all') } }],
      ['a picture', plan],
    ];
  }
  return [
    ['an empty form', { fields: {} }],
    ['a form with an unknown field', { fields: { ...plan.fields, notAField: 'x' } }],
    ['a working form', plan],
  ];
}

const accepted = (page: Page) => [200, 204, 303].includes(page.status);

describe.each(testDialects())('some POST routes validate the form before checking permission (%s)', (dialect) => {
  let t: TestApp;
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    routes = registeredRoutes(t.app).filter((route) => route.method === 'POST');
  });
  afterAll(async () => t.close());

  /** Send each form in turn (each with a fresh token); the answers, by form. */
  async function answers(client: TestClient, url: string, plan: Plan): Promise<[string, Page][]> {
    const out: [string, Page][] = [];
    for (const [name, form] of forms(plan)) {
      await client.get('/');
      out.push([name, await post(client, url, form)]);
    }
    return out;
  }

  /** Problems with a refusal: the forms were answered differently, a form was accepted, or something changed. */
  function refusalProblems(who: string, key: string, got: [string, Page][], expected: number, changed: string[]): string[] {
    const problems: string[] = [];
    const statuses = got.map(([name, page]) => `${name}: ${String(page.status)}`).join(', ');
    const first = got[0]?.[1].status;
    if (got.some(([, page]) => page.status !== first || accepted(page))) problems.push(`${key} (${who}) answered ${statuses}`);
    else if (first !== expected) problems.push(`${key} (${who}) answered ${statuses}, not ${String(expected)}`);
    if (changed.length > 0) problems.push(`${key} (${who}) changed something: ${changed.slice(0, 3).join('; ')}`);
    return problems;
  }

  it('walks every POST route the app serves', () => {
    expect(routes.length).toBeGreaterThanOrEqual(60);
    const unknown = [...Object.keys(OPEN_TO_ANY_MEMBER), ...Object.keys(OPEN_BUT_UNFINISHED)].filter((key) => !routes.some((route) => routeKey(route) === key));
    expect(unknown, 'routes listed as open that the app does not serve').toEqual([]);
  });

  it('refuses a member without permission, and anyone with another organisation’s record, the same way whatever the form', async () => {
    const problems: string[] = [];
    let participantRefused = 0;
    for (const route of routes) {
      const key = routeKey(route);
      const w = await makeWorld(t);
      const plan = await planFor(w, route);
      if (plan === undefined) {
        problems.push(`${key} has no plan in security-plans/`);
        continue;
      }
      // A member of organisation A who is in no project, keeps no meeting and owns none of the records.
      const outsider = await signedIn(t, await makeMember(t.db.kysely, w.a));

      const own = await filled(w, route, 'own', plan);
      const before = await snapshot(t);
      if (key in OPEN_TO_ANY_MEMBER) {
        await outsider.get('/');
        const working = await post(outsider, own, plan);
        if (!accepted(working)) problems.push(`${key} is listed as open to any member, but refused their working form: ${String(working.status)}`);
      } else if (key in OPEN_BUT_UNFINISHED) {
        await outsider.get('/');
        const working = await post(outsider, own, plan);
        if (working.status !== 422) problems.push(`${key} is listed as open but unfinished for any member, but answered their working form ${String(working.status)}`);
      } else {
        const got = await answers(outsider, own, plan);
        problems.push(...refusalProblems('a member without permission', key, got, 404, changes(before, await snapshot(t))));
      }

      // A member in the project's circle, who may see its pages but not do everything on them: where their working
      // form is refused (neither accepted nor answered with what is missing), the other forms must be refused the same way.
      const participant = await signedIn(t, w.memberA);
      const beforeParticipant = await snapshot(t);
      const got = await answers(participant, own, plan);
      const working = got.at(-1)?.[1];
      if (working !== undefined && !accepted(working) && working.status !== 422) {
        participantRefused += 1;
        problems.push(...refusalProblems('a participant without permission', key, got, 404, changes(beforeParticipant, await snapshot(t))));
      }

      if (routeParams(route.url).length === 0) continue;
      const others = await filled(w, route, 'others');
      for (const [who, client] of [['a member', outsider], ['an admin', w.client]] as const) {
        const beforeOthers = await snapshot(t);
        const answered = await answers(client, others, plan);
        problems.push(...refusalProblems(`${who}, another organisation’s record`, key, answered, 404, changes(beforeOthers, await snapshot(t))));
      }
    }
    expect(problems).toEqual([]);
    // The participant may do much, but not keep meetings, change the project or its circle, or act for others.
    expect(participantRefused).toBeGreaterThanOrEqual(15);
  }, 900_000);
});
