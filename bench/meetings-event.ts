/**
 * The meetings event benchmark (#6): 300 signed-in people each write an opportunity card and a gratitude postcard
 * within 60 seconds, then a burst of 100 simultaneous card submissions from one IP address (a room on one Wi-Fi),
 * 20 of them sent twice. Targets: zero errors, every submission stored exactly once, p99 <= 300 ms.
 * Run on its own with `npx tsx bench/meetings-event.ts [--seconds 60]`, or as part of `npm run bench`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { newId } from '../src/db/portable.js';
import type { Actor } from '../src/shared/actor.js';
import { hashPassword } from '../src/shared/passwords.js';

export const EVENT = { people: 300, burst: 100, doubled: 20, seconds: 60, p99TargetMs: 300 } as const;
const PASSWORD = 'event-benchmark-password';

export interface EventFigures {
  readonly submissions: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly eventP99Ms: number;
  readonly burstP99Ms: number;
  readonly cardsStored: number;
  readonly cardsExpected: number;
  readonly postcardsStored: number;
  readonly postcardsExpected: number;
}

interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';');
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

/** Sign in as a person would, and fetch this session's CSRF token from the cards page. */
async function session(origin: string, email: string, cardsPath: string): Promise<Session> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${origin}/sign-in`);
  cookiesOf(form, jar);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signed = await fetch(`${origin}/sign-in`, {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }).toString(),
  });
  cookiesOf(signed, jar);
  if (signed.status !== 303) throw new Error(`signing in as ${email} answered ${String(signed.status)}`);
  const page = await fetch(`${origin}${cardsPath}`, { headers: { cookie: cookie() } });
  cookiesOf(page, jar);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (token === undefined) throw new Error('the cards page has no CSRF token');
  return { cookie: cookie(), csrf: token };
}

/** 300 generated accounts in the demo organisation's circle of a new project with one meeting. */
async function setUp(app: FastifyInstance): Promise<{ projectId: string; meetingId: string; emails: string[] }> {
  const db = app.db.kysely;
  const row = await db
    .selectFrom('people').innerJoin('accounts', 'accounts.id', 'people.account_id')
    .select(['people.id', 'people.organisation_id', 'people.display_name', 'people.permission', 'accounts.id as account_id', 'accounts.email'])
    .where('accounts.email', '=', 'priya@riverside.example').executeTakeFirstOrThrow();
  const priya: Actor = { accountId: row.account_id, personId: row.id, organisationId: row.organisation_id, permission: row.permission, displayName: row.display_name, email: row.email };
  const project = await app.services.projects.create(priya, { title: 'Community event (benchmark)', purpose: 'An event with 300 people', whoFor: 'Everyone', startsOn: null, endsOn: null, visibility: 'open' });
  if (!project.ok) throw new Error('could not start the event project');
  const projectId = project.value.projectId;
  const org = priya.organisationId;
  const hash = await hashPassword(PASSWORD); // one hash for every generated account: argon2 is slow on purpose
  const now = new Date().toISOString();
  const emails: string[] = [];
  for (let start = 0; start < EVENT.people; start += 100) {
    const accounts = [];
    const people = [];
    const members = [];
    for (let i = start; i < Math.min(EVENT.people, start + 100); i += 1) {
      const accountId = newId();
      const personId = newId();
      const email = `event-${String(i)}@bench.example`;
      emails.push(email);
      accounts.push({ id: accountId, email, password_hash: hash, language: null, last_organisation_id: org, password_changed_at: now, created_at: now, updated_at: now });
      people.push({ id: personId, organisation_id: org, account_id: accountId, display_name: `Event person ${String(i)}`, permission: 'member' as const, created_at: now, updated_at: now, archived_at: null, archived_by: null });
      members.push({ id: newId(), organisation_id: org, project_id: projectId, person_id: personId, circle: 'participants' as const, level: 'involve' as const, domain: 'we' as const, note: null, engagement_how: null, engagement_how_often: null, tell_by: 'app' as const, wants_more_at: null, added_by: priya.personId, created_at: now, updated_at: now, left_at: null });
    }
    await db.insertInto('accounts').values(accounts).execute();
    await db.insertInto('people').values(people).execute();
    await db.insertInto('circle_members').values(members).execute();
  }
  const day = new Date(Date.now() + 86_400_000);
  const meeting = await app.services.meetings.create(priya, projectId, {
    title: 'Community event', date: { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }, start: { hour: 10, minute: 0 }, end: { hour: 16, minute: 0 },
    place: 'Town hall', onlineUrl: null, features: ['step_free'], ways: ['in_person'],
  });
  if (!meeting.ok) throw new Error('could not plan the event meeting');
  return { projectId, meetingId: meeting.value.meetingId, emails };
}

interface Job {
  readonly delayMs: number;
  readonly url: string;
  readonly cookie: string;
  readonly body: string;
}

/**
 * The people's browsers run in a worker thread, so the load generator does not share the server's event loop (as
 * autocannon's worker does for the page benchmarks). Each job waits its delay, posts, and reports its time and status.
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
Promise.all(workerData.map(async (job) => {
  await new Promise((resolve) => setTimeout(resolve, job.delayMs));
  const started = performance.now();
  try {
    const response = await fetch(job.url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: job.cookie }, body: job.body });
    await response.arrayBuffer();
    return { ms: performance.now() - started, ok: response.status === 303 };
  } catch {
    return { ms: performance.now() - started, ok: false };
  }
})).then((results) => parentPort.postMessage(results));
`;

function postAll(jobs: readonly Job[]): Promise<{ ms: number; ok: boolean }[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: jobs });
    worker.once('message', (results: { ms: number; ok: boolean }[]) => {
      void worker.terminate();
      resolve(results);
    });
    worker.once('error', reject);
  });
}

const form = (s: Session, fields: Record<string, string>) => new URLSearchParams({ _csrf: s.csrf, ...fields }).toString();

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const key = (i: number, tag: string) => `${tag}${String(i).padStart(6, '0')}`.padEnd(43, 'k');

export async function runMeetingEvent(app: FastifyInstance, origin: string, seconds: number = EVENT.seconds): Promise<EventFigures> {
  const { projectId, meetingId, emails } = await setUp(app);
  const cardsPath = `/projects/${projectId}/cards`;
  const sessions: Session[] = [];
  for (let i = 0; i < emails.length; i += 10) sessions.push(...(await Promise.all(emails.slice(i, i + 10).map((email) => session(origin, email, cardsPath)))));

  // The event: each person's card and postcard at a random moment within `seconds`.
  const eventJobs: Job[] = sessions.flatMap((s, i) => [
    { delayMs: Math.random() * seconds * 1000, url: `${origin}${cardsPath}`, cookie: s.cookie, body: form(s, { body: `Idea ${String(i)}: a stall for local groups`, wantsToHelp: 'yes', showName: i % 2 === 0 ? 'yes' : 'no', formKey: key(i, 'event') }) },
    { delayMs: Math.random() * seconds * 1000, url: `${origin}/projects/${projectId}/meetings/${meetingId}/postcards`, cookie: s.cookie, body: form(s, { postcard: `Thank you from person ${String(i)}` }) },
  ]);
  const timings = await postAll(eventJobs);
  const eventSorted = timings.map((t) => t.ms).sort((a, b) => a - b);

  // The burst: 100 people in one room (one address) send a card at the same moment; 20 press the button twice.
  const burst = sessions.slice(0, EVENT.burst);
  const burstJobs: Job[] = [
    ...burst.map((s, i) => ({ delayMs: 0, url: `${origin}${cardsPath}`, cookie: s.cookie, body: form(s, { body: `Burst idea ${String(i)}`, wantsToHelp: 'no', showName: 'no', formKey: key(i, 'burst') }) })),
    ...burst.slice(0, EVENT.doubled).map((s, i) => ({ delayMs: 0, url: `${origin}${cardsPath}`, cookie: s.cookie, body: form(s, { body: `Burst idea ${String(i)}`, wantsToHelp: 'no', showName: 'no', formKey: key(i, 'burst') }) })),
  ];
  const burstResults = await postAll(burstJobs);
  timings.push(...burstResults);

  const db = app.db.kysely;
  const cards = await db.selectFrom('opportunity_cards').select(db.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
  const postcards = await db.selectFrom('gratitude_entries').select(db.fn.countAll<number>().as('n')).where('meeting_id', '=', meetingId).where('kind', '=', 'postcard').executeTakeFirstOrThrow();
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
  const burstSorted = burstResults.map((t) => t.ms).sort((a, b) => a - b);
  return {
    submissions: timings.length,
    errors: timings.filter((t) => !t.ok).length,
    p50Ms: Math.round(percentile(sorted, 50)),
    p99Ms: Math.round(percentile(sorted, 99)),
    maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
    eventP99Ms: Math.round(percentile(eventSorted, 99)),
    burstP99Ms: Math.round(percentile(burstSorted, 99)),
    cardsStored: cards.n,
    cardsExpected: EVENT.people + EVENT.burst,
    postcardsStored: postcards.n,
    postcardsExpected: EVENT.people,
  };
}

export function eventMeetsTargets(f: EventFigures): boolean {
  return f.errors === 0 && f.cardsStored === f.cardsExpected && f.postcardsStored === f.postcardsExpected && f.p99Ms <= EVENT.p99TargetMs;
}

export function describeEvent(f: EventFigures): string {
  return [
    `meetings event: ${String(f.submissions)} submissions, ${String(f.errors)} errors; p50 ${String(f.p50Ms)} ms, p99 ${String(f.p99Ms)} ms (target <= ${String(EVENT.p99TargetMs)}), max ${String(f.maxMs)} ms; the 60 s event alone p99 ${String(f.eventP99Ms)} ms, the burst alone p99 ${String(f.burstP99Ms)} ms`,
    `  stored: ${String(f.cardsStored)}/${String(f.cardsExpected)} cards, ${String(f.postcardsStored)}/${String(f.postcardsExpected)} postcards — ${eventMeetsTargets(f) ? 'targets met' : 'A TARGET WAS MISSED'}`,
  ].join('\n');
}

// Run on its own.
if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: String(EVENT.seconds) } } });
  const { buildApp } = await import('../src/app.js');
  const { loadConfig } = await import('../src/config.js');
  const { seedDemoIfNew } = await import('../src/modules/demo/demo.seed.js');
  const dir = mkdtempSync(join(tmpdir(), 'doing-with-event-'));
  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: join(dir, 'event.sqlite'), BASE_URL: 'http://127.0.0.1', DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'silent' }), logger: false });
  try {
    await seedDemoIfNew(app.db.kysely, { enabled: true, password: PASSWORD });
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const figures = await runMeetingEvent(app, origin, Number(values.seconds));
    process.stdout.write(`${describeEvent(figures)}\n`);
    process.exitCode = eventMeetsTargets(figures) ? 0 : 1;
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
