/**
 * `npx tsx bench/profile.ts '<scenario name>' [requests] [cpu|http]`: the server's CPU profile for one page, as app.inject in a
 * loop (no sockets), written to .prof/ for `node --cpu-prof` style analysis. For finding where a page spends time.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedDemoIfNew } from '../src/modules/demo/demo.seed.js';
import { SCENARIOS } from './scenarios.js';

const [name = 'home page', requestsText = '3000', mode = 'profile'] = process.argv.slice(2);
/** `cpu` measures CPU time only (the profiler's own sampling makes every request slower); `http` profiles the server under autocannon. */
const profiling = mode !== 'cpu';
const scenario = SCENARIOS.find((s) => s.name.includes(name));
if (scenario === undefined) throw new Error(`No scenario named like ${name}`);
const dir = mkdtempSync(join(tmpdir(), 'doing-with-prof-'));
const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: join(dir, 'p.sqlite'), BASE_URL: 'http://127.0.0.1', DEMO_PASSWORD: 'benchmark-password', LOG_LEVEL: 'silent' });
const app = await buildApp({ config, logger: false });
await seedDemoIfNew(app.db.kysely, { enabled: true, password: 'benchmark-password' });
await app.refreshDemoFlag();
const origin = await app.listen({ host: '127.0.0.1', port: 0 });
await scenario.setup?.({ app, origin });
const jar = new Map<string, string>();
const form = await app.inject({ url: '/sign-in' });
for (const c of form.cookies) jar.set(c.name, c.value);
const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const signed = await app.inject({ method: 'POST', url: '/sign-in', headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: csrf, email: scenario.signedInAs ?? '', password: 'benchmark-password' }).toString() });
for (const c of signed.cookies) jar.set(c.name, c.value);
const headers = { cookie: cookie() };
const n = Number(requestsText);
for (let i = 0; i < 300; i++) await app.inject({ url: scenario.path, headers });
await new Promise<void>((resolve) => setImmediate(resolve));
const session = new Session();
session.connect();
if (profiling) {
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}
const before = process.cpuUsage();
if (mode === 'http') {
  // Over real sockets, from autocannon in a worker thread (the profile is of this, the server's, thread only).
  const result = await autocannon({ url: `${origin}${scenario.path}`, connections: 50, amount: n, headers, workers: 1 });
  console.log(`${scenario.name}: ${result.requests.average.toFixed(0)} req/s over HTTP, p99 ${String(result.latency.p99)} ms, ${String(result.non2xx)} not 2xx`);
} else {
  for (let i = 0; i < n; i++) {
    const r = await app.inject({ url: scenario.path, headers });
    if (r.statusCode !== 200) throw new Error(String(r.statusCode));
    // Let the event loop turn, as between real requests (see bench/run.ts: otherwise every response is kept).
    if (i % 20 === 19) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
const used = process.cpuUsage(before);
if (profiling) {
  const { profile } = await session.post('Profiler.stop');
  mkdirSync('.prof', { recursive: true });
  writeFileSync('.prof/page.cpuprofile', JSON.stringify(profile));
}
if (mode !== 'http') console.log(`${scenario.name}: ${((used.user + used.system) / n).toFixed(0)} µs CPU per request`);
await app.close();
rmSync(dir, { recursive: true, force: true });
