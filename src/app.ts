import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import { loadConfig, type Config } from './config.js';
import { connect, migrateAndAnalyse, type Db } from './db/connect.js';
import { systemClock, type Clock } from './shared/clock.js';
import { createMailer, type Mailer } from './shared/mailer.js';
import { describeMailError } from './shared/outbox.js';
import { sessionPlugin } from './plugins/session.js';
import { securityPlugin } from './plugins/security.js';
import { authPlugin } from './plugins/auth.js';
import { deviceCookiePlugin } from './plugins/device-cookie.js';
import { i18nPlugin } from './plugins/i18n.js';
import { viewsPlugin } from './plugins/views.js';
import { errorsPlugin } from './plugins/errors.js';
import { staticPlugin } from './plugins/static.js';
import { compressPlugin } from './plugins/compress.js';
import { createServices, type Services } from './services.js';
import { hasDemoData } from './modules/demo/demo.seed.js';
import { registerModules } from './modules/index.js';
import { logSerializers } from './shared/log-redaction.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    db: Db;
    mailer: Mailer;
    config: Config;
    refreshDemoFlag(): Promise<void>;
  }
}

export interface BuildOptions {
  readonly config?: Config;
  /** An open database (tests bring their own); otherwise one is opened from the config and closed with the app. */
  readonly db?: Db;
  readonly clock?: Clock;
  readonly mailer?: Mailer;
  /** Where and how much to log; `stream` lets a test read what was logged. URLs are always redacted. */
  readonly logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Run migrations before serving (default true). */
  readonly migrate?: boolean;
  /** Routes added after the modules, before the app is ready. Only the benchmark uses it, for its static twins. */
  readonly extraRoutes?: (app: FastifyInstance) => void;
}

/** Every logger the app makes writes URLs with their tokens redacted (sign-in links, resets, invitations, feeds). */
function loggerOptions(logger: NonNullable<BuildOptions['logger']>) {
  if (logger === false) return false;
  return { ...(logger === true ? {} : logger), serializers: logSerializers };
}

/** Build the app: plugins, then modules, in a fixed order. It never listens; server.ts and tests do. */
export async function buildApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  const config = options.config ?? loadConfig();
  const app = Fastify({
    logger: loggerOptions(options.logger ?? { level: config.logLevel }),
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const db = options.db ?? connect(config.databaseUrl);
  if (options.db === undefined) app.addHook('onClose', async () => db.close());
  if (options.migrate !== false) await migrateAndAnalyse(db);
  const clock = options.clock ?? systemClock;
  const mailer =
    options.mailer ??
    createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, logger: app.log, allowLogTransport: config.env !== 'production' });
  app.addHook('onClose', async () => {
    await mailer.idle();
    if (options.mailer === undefined) mailer.close();
  });

  // The log gets codes only: an SMTP server's reply can hold the address the message was for.
  const onMailError = (error: unknown, kind: string) => app.log.warn({ kind, error: describeMailError(error) }, 'An email could not be sent yet; the outbox will try again');
  const services = createServices({ db, clock, mailer, config, onMailError });
  app.decorate('services', services);
  app.decorate('db', db);
  app.decorate('mailer', mailer);
  app.decorate('config', config);

  let demo = await hasDemoData(db.kysely);
  app.decorate('refreshDemoFlag', async () => {
    demo = await hasDemoData(db.kysely);
  });

  await app.register(formbody, { bodyLimit: 256 * 1024 });
  await app.register(staticPlugin, { production: config.env === 'production', reloadManifest: config.env === 'development' });
  await app.register(compressPlugin);
  await app.register(sessionPlugin, { db: db.kysely, clock, config });
  await app.register(deviceCookiePlugin, { config });
  await app.register(authPlugin, { db: db.kysely, clock, absoluteMs: config.sessionAbsoluteMs });
  await app.register(securityPlugin, { config });
  await app.register(i18nPlugin);
  await app.register(viewsPlugin, { production: config.env !== 'development', demo: () => demo });
  await app.register(errorsPlugin);
  registerModules(app, services);
  options.extraRoutes?.(app);
  return app;
}
