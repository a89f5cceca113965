import { isIP } from 'node:net';
import { z } from 'zod';

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Names proxy-addr knows for private ranges, as well as addresses and CIDR ranges. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IPv4 or IPv6 address, a CIDR range of either ("10.0.0.0/8", "fd00::/8"), or a named private range. */
function isAddressOrRange(value: string): boolean {
  if (NAMED_RANGES.has(value)) return true;
  const [address = '', bits, ...rest] = value.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies' X-Forwarded-For to believe: none ("false"), or the addresses and ranges of the proxies in front of
 * the app ("10.0.0.5,10.1.0.0/16"). "true" believes any client that claims another address, so it is for development
 * only. A hop count is not offered: Fastify cannot tell a proxy from a client by hops alone and trusts nobody then.
 */
const trustProxyText = z
  .string()
  .trim()
  .transform((value, context): boolean | string[] => {
    const lower = value.toLowerCase();
    if (lower === 'false' || lower === 'no' || lower === '0' || lower === '') return false;
    if (lower === 'true' || lower === 'yes' || lower === '1') return true;
    const addresses = value.split(',').map((part) => part.trim());
    if (addresses.every(isAddressOrRange)) return addresses;
    context.addIssue({
      code: 'custom',
      message: 'TRUST_PROXY must be false, or a comma-separated list of the addresses or ranges of the proxies in front of the app (10.0.0.5,10.1.0.0/16)',
    });
    return z.NEVER;
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  BASE_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  SMTP_URL: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default('Doing With <no-reply@doingwith.localhost>'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  DEMO_PASSWORD: z.string().min(8).default('together-we-can'),
  SEED_DEMO: booleanText.optional(),
  COOKIE_SECURE: booleanText.optional(),
  TRUST_PROXY: trustProxyText.default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly baseUrl: string;
  readonly databaseUrl: string;
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly sessionSecret: string;
  readonly demoPassword: string;
  readonly seedDemo: boolean;
  readonly cookieSecure: boolean;
  /** False, or the proxies' addresses and ranges (true in development only); Fastify's trustProxy. */
  readonly trustProxy: boolean | string[];
  readonly sessionIdleMs: number;
  readonly sessionAbsoluteMs: number;
  readonly logLevel: string;
}

export const DEFAULT_SQLITE_FILE = './data/doing-with.sqlite';
const DEVELOPMENT_SECRET = 'development-only-secret-not-for-production-use!!';

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Configuration is not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.SESSION_SECRET === undefined) {
    throw new ConfigError('SESSION_SECRET is required when NODE_ENV=production (at least 32 random characters).');
  }
  if (production && e.TRUST_PROXY === true) {
    throw new ConfigError(
      'TRUST_PROXY=true believes any client that claims another address, which lets anyone get round the sign-in limits. Set it to the addresses or ranges of the proxies in front of the app, like TRUST_PROXY=10.0.0.0/8.',
    );
  }
  if (production && e.SMTP_URL === undefined) {
    throw new ConfigError('SMTP_URL is required when NODE_ENV=production: people need their sign-in and invitation emails.');
  }
  return Object.freeze({
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL ?? DEFAULT_SQLITE_FILE,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionSecret: e.SESSION_SECRET ?? DEVELOPMENT_SECRET,
    demoPassword: e.DEMO_PASSWORD,
    seedDemo: e.SEED_DEMO ?? !production,
    cookieSecure: e.COOKIE_SECURE ?? production,
    trustProxy: e.TRUST_PROXY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    logLevel: e.LOG_LEVEL,
  });
}
