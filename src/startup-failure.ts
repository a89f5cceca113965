import { ConfigError } from './config.js';
import { MigrationError } from './db/connect.js';

interface StartupContext {
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
}

/** A text property of a thrown error (Node's `code` and `path`, a driver's SQLSTATE `code`), if it has one. */
function textOf(error: unknown, property: 'code' | 'path'): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[property];
  return typeof value === 'string' ? value : undefined;
}

/** The database address without its password, for a message people may paste into a ticket. */
function withoutPassword(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

/**
 * What went wrong at start-up and what to do, in one plain sentence, instead of a stack trace. Anything not
 * recognised still gets a sentence, with the error's own message.
 */
export function explainStartupFailure(error: unknown, context: StartupContext): string {
  const code = textOf(error, 'code');
  const message = error instanceof Error ? error.message : String(error);
  const database = withoutPassword(context.databaseUrl);
  if (error instanceof ConfigError) return message;
  if (error instanceof MigrationError) return `Doing With could not bring the database up to date (${message}). Nothing was served; restore a backup or ask for help.`;
  if (code === 'EADDRINUSE') return `Doing With could not start: port ${context.port} on ${context.host} is already in use. Stop the other program, or set PORT to a free port.`;
  if (code === 'EADDRNOTAVAIL') return `Doing With could not start: ${context.host} is not an address of this machine. Set HOST to one that is, like 127.0.0.1 or 0.0.0.0.`;
  if (code === 'EACCES' && textOf(error, 'path') === undefined && message.includes('listen')) return `Doing With could not start: it may not listen on port ${context.port}. Use a port above 1023, or set PORT.`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `Doing With could not open its database at ${database}: it may not write there (${textOf(error, 'path') ?? 'permission denied'}). Give the account running it write access to that folder, or set DATABASE_URL to a place it can write.`;
  if (code === 'ENOTDIR' || code === 'ENOENT' || code === 'EEXIST' || code === 'SQLITE_CANTOPEN') return `Doing With could not create its database at ${database}: part of that path is missing or is a file, not a folder. Set DATABASE_URL to a file in a folder that exists or can be made.`;
  if (code === 'SQLITE_READONLY') return `Doing With could not write to its database at ${database}: the file is read-only. Give the account running it write access, or set DATABASE_URL to a writable file.`;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return `The file at ${database} is not a sound Doing With database. Restore a backup (npm run cli -- restore --from FILE) or set DATABASE_URL to another file.`;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') return `Doing With could not reach the database at ${database}. Check that PostgreSQL is running and DATABASE_URL is right.`;
  if (code === '28P01' || code === '28000') return `PostgreSQL refused the user or password in DATABASE_URL (${database}). Check them.`;
  if (code === '3D000') return `The PostgreSQL database in DATABASE_URL (${database}) does not exist. Create it first (createdb), then start again.`;
  return `Doing With could not start: ${message}`;
}
