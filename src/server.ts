import { buildApp } from './app.js';
import { loadConfig, ConfigError, type Config } from './config.js';
import { explainStartupFailure } from './startup-failure.js';
import { seedDemoIfNew } from './modules/demo/demo.seed.js';
import { systemClock } from './shared/clock.js';
import { createJobRunner } from './shared/jobs.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

/** A start-up failure ends in one plain sentence (what went wrong, what to do) and a non-zero exit, not a stack trace. */
async function start(settings: Config) {
  try {
    const built = await buildApp({ config: settings });
    try {
      const demo = await seedDemoIfNew(built.db.kysely, { enabled: settings.seedDemo, password: settings.demoPassword });
      await built.refreshDemoFlag();
      await built.listen({ host: settings.host, port: settings.port });
      return { app: built, seeded: demo };
    } catch (error) {
      await built.close().catch(() => {});
      throw error;
    }
  } catch (error) {
    console.error(explainStartupFailure(error, settings));
    process.exit(1);
  }
}

const { app, seeded } = await start(config);

const url = config.baseUrl;
console.log(`\nDoing With is running at ${url}\n`);
if (seeded !== null) {
  console.log(seeded.created ? 'Demo organisations were created in the new database.' : 'This database holds demo organisations.');
  console.log(`Sign in at ${url}/sign-in with any of these, password "${config.demoPassword}" (the DEMO_PASSWORD setting):`);
  for (const account of seeded.accounts) console.log(`  ${account.email.padEnd(28)} ${account.permission}`);
  console.log('');
}

const purge = setInterval(() => {
  app.services.auth.purgeExpired().catch((error: unknown) => app.log.error({ err: error }, 'Session clean-up failed'));
}, 15 * 60_000);
purge.unref();

// The query planner's statistics follow the tables as they grow (ADR 0010): nearly free when nothing changed much.
const statistics = setInterval(() => {
  app.db.updateStatistics().catch((error: unknown) => app.log.error({ err: error }, 'Updating the query planner statistics failed'));
}, 60 * 60_000);
statistics.unref();

// Scheduled jobs (action reminders, the daily deletion of old meeting access needs, ...) and the email outbox: every
// instance polls; the claim in the jobs and outbox tables makes each run once. New email does not wait for this: the
// change that queues it wakes the outbox at once.
const jobs = createJobRunner({
  db: app.db.kysely,
  clock: systemClock,
  handlers: app.services.jobHandlers,
  recurring: app.services.recurringJobs,
  outbox: app.services.outbox,
  onError: (error, kind) => app.log.error({ err: error, kind }, 'Scheduled job failed'),
});
const jobTimer = setInterval(() => {
  jobs.runDue().catch((error: unknown) => app.log.error({ err: error }, 'Scheduled jobs could not run'));
}, 60_000);
jobTimer.unref();
// Email left waiting by a restart goes now rather than at the first pass.
app.services.outbox.wake();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info(`${signal} received: finishing requests, then closing`);
    clearInterval(purge);
    clearInterval(statistics);
    clearInterval(jobTimer);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
