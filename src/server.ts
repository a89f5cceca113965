import { buildApp } from './app.js';
import { loadConfig, ConfigError } from './config.js';
import { seedDemoIfNew } from './modules/demo/demo.seed.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

const app = await buildApp({ config });
const seeded = await seedDemoIfNew(app.db.kysely, { enabled: config.seedDemo, password: config.demoPassword });
await app.refreshDemoFlag();
await app.listen({ host: config.host, port: config.port });

const url = config.baseUrl;
console.log(`\nDoing With is running at ${url}\n`);
if (seeded !== null) {
  console.log('A demo organisation was created. Sign in with any of these (password for all: the DEMO_PASSWORD setting):');
  for (const account of seeded.accounts) console.log(`  ${account.permission.padEnd(12)} ${account.email}`);
  console.log(`  password     ${config.demoPassword}\n`);
}

const purge = setInterval(() => {
  app.services.auth.purgeExpired().catch((error: unknown) => app.log.error({ err: error }, 'Session clean-up failed'));
}, 15 * 60_000);
purge.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info(`${signal} received: finishing requests, then closing`);
    clearInterval(purge);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
