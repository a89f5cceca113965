import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { MigrationError } from './db/connect.js';
import { explainStartupFailure } from './startup-failure.js';

const context = { databaseUrl: './data/doing-with.sqlite', host: '127.0.0.1', port: 3000 };
const failure = (code: string, message = 'failed', extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { code, ...extra });

describe('explainStartupFailure', () => {
  it.each([
    [failure('EADDRINUSE', 'listen EADDRINUSE: address already in use 127.0.0.1:3000'), 'port 3000 on 127.0.0.1 is already in use'],
    [failure('EACCES', "EACCES: permission denied, open './data/doing-with.sqlite'", { path: './data/doing-with.sqlite' }), 'it may not write there (./data/doing-with.sqlite)'],
    [failure('EROFS', 'read-only file system'), 'Give the account running it write access to that folder'],
    [failure('ENOTDIR', "ENOTDIR: not a directory, mkdir './README.md/data'"), 'part of that path is missing or is a file'],
    [failure('SQLITE_READONLY', 'attempt to write a readonly database'), 'the file is read-only'],
    [failure('SQLITE_NOTADB', 'file is not a database'), 'is not a sound Doing With database'],
    [failure('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'could not reach the database'],
    [failure('3D000', 'database "doing_with" does not exist'), 'does not exist. Create it first'],
  ])('says what went wrong and what to do, in one line: %s', (error, expected) => {
    const sentence = explainStartupFailure(error, context);
    expect(sentence).toContain(expected);
    expect(sentence).not.toContain('\n');
    expect(sentence).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('never shows a PostgreSQL password', () => {
    const sentence = explainStartupFailure(failure('28P01', 'password authentication failed'), { ...context, databaseUrl: 'postgres://doing_with:s3cret@db.example:5432/dw' });
    expect(sentence).toBe('PostgreSQL refused the user or password in DATABASE_URL (postgres://doing_with:***@db.example:5432/dw). Check them.');
  });

  it('passes on the settings and migration messages, which are already plain', () => {
    expect(explainStartupFailure(new ConfigError('SESSION_SECRET is required when NODE_ENV=production.'), context)).toBe('SESSION_SECRET is required when NODE_ENV=production.');
    expect(explainStartupFailure(new MigrationError('Migration 2026-11-22-001 failed: boom'), context)).toContain('could not bring the database up to date (Migration 2026-11-22-001 failed: boom)');
  });

  it('still gives a sentence for anything it does not recognise', () => {
    expect(explainStartupFailure(new Error('something odd'), context)).toBe('Doing With could not start: something odd');
  });
});
