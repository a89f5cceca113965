/**
 * `npm run bench [-- --duration 10 --connections 50 --no-record --only 'home page']`: page speed against a static
 * twin of the same page, served by the same server, and the server's CPU time per request. See docs/benchmarks.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedDemoIfNew } from '../src/modules/demo/demo.seed.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { appendResults, meetsTargets, printResults, runInfo, type Figures, type ScenarioResult } from './report.js';
import { describeEvent, runMeetingEvent } from './meetings-event.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '2' },
    'no-record': { type: 'boolean', default: false },
    /** Only the pages whose name contains this text (and not the meetings event): for checking one change quickly. */
    only: { type: 'string' },
  },
});
const durationSeconds = Number(args.duration);
const connections = Number(args.connections);
const warmupSeconds = Number(args.warmup);
for (const [name, value] of [['--duration', durationSeconds], ['--connections', connections], ['--warmup', warmupSeconds]] as const) {
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a number of ${name === '--connections' ? 'connections' : 'seconds'}.`);
    process.exit(2);
  }
}

const DEMO_PASSWORD = 'benchmark-password';
const twinPath = (index: number) => `/__bench/static/${index}`;

/** Each static twin's HTML, captured from the real page once the server is up. */
const twins = new Map<number, Buffer>();

function registerTwins(app: FastifyInstance): void {
  SCENARIOS.forEach((scenario, index) => {
    if (scenario.staticTwin !== true) return;
    app.get(twinPath(index), async (_request, reply) => reply.type('text/html; charset=utf-8').send(twins.get(index) ?? Buffer.alloc(0)));
  });
}

function cookiesFrom(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';');
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** Sign in as a person would: load the form (for its CSRF token and cookie), then post it. */
async function signIn(origin: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${origin}/sign-in`);
  cookiesFrom(form, jar);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (csrf === undefined) throw new Error('The sign-in page has no CSRF token.');
  const response = await fetch(`${origin}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ _csrf: csrf, email, password: DEMO_PASSWORD }).toString(),
  });
  cookiesFrom(response, jar);
  if (response.status !== 303) throw new Error(`Signing in as ${email} answered ${response.status}, not 303.`);
  return cookieHeader(jar);
}

async function measure(url: string, headers: Record<string, string>, seconds: number): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: seconds, headers, workers: 1 });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new Error(`${url}: ${result.non2xx} answers were not 2xx, ${result.errors} errors, ${result.timeouts} timeouts.`);
  return { requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, requests: result.requests.total };
}

const CPU_REQUESTS = 2_000;

/**
 * The server's CPU time for one request: a loop of app.inject in this process (no sockets, nothing else running:
 * autocannon's worker is idle by then). Steadier than requests per second on a shared machine, though a busy
 * machine still slows it somewhat.
 */
/**
 * Let the event loop turn. A loop of awaited app.inject calls runs on promises alone, so the setImmediate callbacks
 * each response leaves (which let its request, reply and body go) would pile up until the loop ended: the heap grew
 * by a page and more per request and garbage collection inflated the figure (the circle page's CPU read 2,450 µs
 * rather than about 900). A server under real traffic turns the loop between requests.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function cpuPerRequest(app: FastifyInstance, url: string, headers: Record<string, string>): Promise<number> {
  for (let i = 0; i < CPU_REQUESTS / 10; i++) await app.inject({ url, headers });
  await turn();
  const before = process.cpuUsage();
  for (let i = 0; i < CPU_REQUESTS; i++) {
    const response = await app.inject({ url, headers });
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode} while measuring CPU time.`);
    if (i % 20 === 19) await turn();
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / CPU_REQUESTS;
}

async function run(app: FastifyInstance, origin: string, scenario: Scenario, index: number): Promise<ScenarioResult> {
  await scenario.setup?.({ app, origin });
  // The statistics step a running server takes every hour (server.ts, ADR 0010), so the generated data is measured
  // as a server that has been up a while would plan it.
  await app.db.updateStatistics();
  const headers: Record<string, string> = scenario.signedInAs === undefined ? {} : { cookie: await signIn(origin, scenario.signedInAs) };
  const response = await fetch(`${origin}${scenario.path}`, { headers, redirect: 'manual' });
  const html = await response.text();
  if (response.status !== 200 || !html.includes(scenario.expect)) {
    throw new Error(`${scenario.name}: GET ${scenario.path} answered ${response.status} without "${scenario.expect}".`);
  }
  console.log(`${scenario.name}: measuring GET ${scenario.path} (${html.length.toLocaleString('en-GB')} bytes)`);
  // Queries for one request on its own (under load, requests still in flight at the end blur the count), the page
  // having been seen once (above), and before any twin is loaded.
  const queriesBefore = app.db.queryCount();
  await (await fetch(`${origin}${scenario.path}`, { headers })).text();
  const queriesPerRequest = app.db.queryCount() - queriesBefore;

  let twin: Figures | undefined;
  if (scenario.staticTwin === true) {
    twins.set(index, Buffer.from(html));
    const copy = await (await fetch(`${origin}${twinPath(index)}`)).text();
    if (copy !== html) throw new Error(`${scenario.name}: the static twin does not serve the same HTML.`);
    if (warmupSeconds > 0) await measure(`${origin}${twinPath(index)}`, {}, warmupSeconds);
    twin = await measure(`${origin}${twinPath(index)}`, {}, durationSeconds);
  }
  if (warmupSeconds > 0) await measure(`${origin}${scenario.path}`, headers, warmupSeconds);
  const page = await measure(`${origin}${scenario.path}`, headers, durationSeconds);
  const cpuUs = {
    page: await cpuPerRequest(app, scenario.path, headers),
    twin: scenario.staticTwin === true ? await cpuPerRequest(app, twinPath(index), {}) : undefined,
  };
  return { name: scenario.name, path: scenario.path, page, twin, queriesPerRequest, cpuUs };
}

const dir = mkdtempSync(join(tmpdir(), 'doing-with-bench-'));
const config = loadConfig({
  NODE_ENV: 'test', // templates cached as in production, without needing production's secrets
  DATABASE_URL: join(dir, 'bench.sqlite'),
  BASE_URL: 'http://127.0.0.1',
  DEMO_PASSWORD,
  LOG_LEVEL: 'silent',
});
const app = await buildApp({ config, logger: false, extraRoutes: registerTwins });
let failed = false;
try {
  await seedDemoIfNew(app.db.kysely, { enabled: true, password: DEMO_PASSWORD });
  await app.refreshDemoFlag();
  const origin = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`Benchmarking on ${origin}: ${connections} connections, ${durationSeconds} s per measurement, ${warmupSeconds} s warm-up.`);
  const results: ScenarioResult[] = [];
  for (const [index, scenario] of SCENARIOS.entries()) {
    if (args.only !== undefined && !scenario.name.includes(args.only)) continue;
    try {
      results.push(await run(app, origin, scenario, index));
    } catch (error) {
      // One page that errors or times out under load must not throw away every other page's figures.
      failed = true;
      console.error(`${scenario.name}: not measured — ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Writes, not a page: 300 people at a meetings event (bench/meetings-event.ts).
  if (args.only === undefined) console.log(describeEvent(await runMeetingEvent(app, origin)));

  const info = runInfo(connections, durationSeconds);
  printResults(info, results, (line) => console.log(line));
  if (args['no-record']) {
    console.log('Not recorded (--no-record).');
  } else {
    const file = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
    appendResults(file, info, results);
    console.log('Added to docs/benchmarks.md.');
  }
  if (!results.every(meetsTargets)) console.log("A target was missed: see above. (The exit code stays 0: figures on a shared machine vary.)");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  failed = true;
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
