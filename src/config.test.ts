import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SQLITE_FILE, loadConfig } from './config.js';

const SECRET = 's'.repeat(32);
const production = { NODE_ENV: 'production', SESSION_SECRET: SECRET, SMTP_URL: 'smtp://mail.example:587' };

describe('loadConfig', () => {
  it('runs out of the box in development: port 3000, an SQLite file, a development secret', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.databaseUrl).toBe(DEFAULT_SQLITE_FILE);
    expect(DEFAULT_SQLITE_FILE).toMatch(/\.sqlite$/);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.smtpUrl).toBeUndefined();
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.cookieSecure).toBe(false);
    expect(config.seedDemo).toBe(true);
    expect(config.sessionIdleMs).toBe(120 * 60_000);
    expect(config.sessionAbsoluteMs).toBe(12 * 3_600_000);
  });

  it('refuses to start in production without SESSION_SECRET', () => {
    const env = { NODE_ENV: 'production', SMTP_URL: production.SMTP_URL };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/SESSION_SECRET is required/);
  });

  it('refuses to start in production without SMTP_URL', () => {
    const env = { NODE_ENV: 'production', SESSION_SECRET: SECRET };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/SMTP_URL is required/);
  });

  it('starts in production with both, with secure cookies and no demo data', () => {
    const config = loadConfig(production);
    expect(config.env).toBe('production');
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.smtpUrl).toBe('smtp://mail.example:587');
    expect(config.cookieSecure).toBe(true);
    expect(config.seedDemo).toBe(false);
  });

  it('refuses a session secret shorter than 32 characters, naming the setting', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'too-short' })).toThrow(/SESSION_SECRET: SESSION_SECRET must be at least 32 characters/);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['BASE_URL', 'not a url'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', '2'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.5,evil.example'],
    ['SESSION_IDLE_MINUTES', '1'],
    ['LOG_LEVEL', 'loud'],
  ])('refuses %s=%s, naming the setting', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^Configuration is not valid:\\n(.*\\n)*${name}: `));
  });

  it('reads the settings it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      BASE_URL: 'https://doingwith.example/',
      DATABASE_URL: 'postgres://db.example/doingwith',
      TRUST_PROXY: 'yes',
      COOKIE_SECURE: '0',
      SEED_DEMO: 'false',
      SESSION_IDLE_MINUTES: '30',
      SESSION_ABSOLUTE_HOURS: '2',
    });
    expect(config.port).toBe(8080);
    expect(config.baseUrl).toBe('https://doingwith.example');
    expect(config.databaseUrl).toBe('postgres://db.example/doingwith');
    expect(config.trustProxy).toBe(true);
    expect(config.cookieSecure).toBe(false);
    expect(config.seedDemo).toBe(false);
    expect(config.sessionIdleMs).toBe(30 * 60_000);
    expect(config.sessionAbsoluteMs).toBe(2 * 3_600_000);
  });

  it('reads TRUST_PROXY as the addresses and ranges of the proxies to believe (#11)', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', 'loopback']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('refuses TRUST_PROXY=true in production, saying what to set instead (#11)', () => {
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://mail.example:587' };
    expect(() => loadConfig({ ...production, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true .* addresses or ranges of the proxies/);
    expect(loadConfig({ ...production, TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toEqual(['10.0.0.0/8']);
  });

  it('builds the base URL from the port when none is given', () => {
    expect(loadConfig({ PORT: '4000' }).baseUrl).toBe('http://localhost:4000');
  });

  it('gives a frozen config', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
