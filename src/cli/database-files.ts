import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from '../config.js';
import { connect, migrateAndAnalyse, type Db } from '../db/connect.js';
import { migrations } from '../db/migrations/index.js';
import { dialectOf, sqliteFilename } from '../db/portable.js';
import { copyPrivately, createPrivateFile, makePrivateFolder } from '../db/private-files.js';
import { EXIT, messageOf, type ExitCode, type Output } from './output.js';

/** How long restore waits for other connections to let go before saying the database is in use. */
const LOCK_WAIT_MS = 250;

type Check = { ok: true; migrations: string[] } | { ok: false; reason: string };

/**
 * Is this file a sound Doing With database? Opens it read-write (callers pass a copy they own), switches it out of
 * WAL mode so it is one self-contained file, and checks its integrity and tables.
 */
function checkDatabaseFile(file: string): Check {
  let handle: SQLite.Database | undefined;
  try {
    handle = new SQLite(file, { fileMustExist: true });
    const integrity = handle.pragma('integrity_check') as { integrity_check: string }[];
    const problems = integrity.map((row) => row.integrity_check).filter((text) => text !== 'ok');
    if (problems.length > 0) return { ok: false, reason: `it is damaged (${problems.slice(0, 3).join('; ')})` };
    const tables = new Set(
      (handle.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((row) => row.name),
    );
    const missing = ['kysely_migration', 'organisations'].filter((table) => !tables.has(table));
    if (missing.length > 0) return { ok: false, reason: `it is a SQLite database, but not one of Doing With's (no ${missing.join(' or ')} table)` };
    handle.pragma('journal_mode = DELETE');
    const applied = (handle.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((row) => row.name);
    return { ok: true, migrations: applied };
  } catch (error) {
    return { ok: false, reason: `it could not be read as a SQLite database (${messageOf(error)})` };
  } finally {
    handle?.close();
  }
}

function stamp(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
}

/** Online backup of the SQLite database (safe while the app is running), then a check of the copy. */
export async function backupCommand(db: Db, out: Output, options: { to: string | undefined }): Promise<ExitCode> {
  if (db.dialect === 'postgres' || db.sqlite === undefined) {
    out.error('The database is PostgreSQL: back it up with pg_dump (for example `pg_dump --format=custom --file=doing-with.dump "$DATABASE_URL"`).');
    return EXIT.failed;
  }
  if (options.to === undefined || options.to === '') {
    out.error('Say where to put the backup, like: npm run cli -- backup --to backups/doing-with.sqlite');
    return EXIT.usage;
  }
  if (db.sqlite.memory) {
    out.error('DATABASE_URL is an in-memory database: there is nothing on disk to back up.');
    return EXIT.failed;
  }
  const target = resolve(options.to);
  if (existsSync(target)) {
    out.error(`${options.to} already exists. Choose a new file name: a backup never overwrites a file.`);
    return EXIT.failed;
  }
  if (target === resolve(db.sqlite.name)) {
    out.error('The backup cannot be the database itself. Choose another file.');
    return EXIT.failed;
  }
  try {
    makePrivateFolder(dirname(target));
    createPrivateFile(target);
    // better-sqlite3 copies every page in one step, so the copy is one consistent moment even while the app writes.
    const progress = await db.sqlite.backup(target);
    const check = checkDatabaseFile(target);
    if (!check.ok) {
      out.error(`The backup was written to ${options.to}, but the check failed: ${check.reason}. Do not rely on it.`);
      return EXIT.failed;
    }
    out.line(`Backed up the database to ${options.to} (${progress.totalPages} pages), and checked the copy: it is sound.`);
    return EXIT.ok;
  } catch (error) {
    out.error(`The backup failed: ${messageOf(error)}`);
    return EXIT.failed;
  }
}

/**
 * Try to take the database for ourselves. In WAL mode every open connection holds a shared lock while it is open,
 * so an exclusive lock is refused while the app (or anything else) has the database open, even when idle.
 */
function takeExclusive(file: string): SQLite.Database | undefined {
  const handle = new SQLite(file, { fileMustExist: true, timeout: LOCK_WAIT_MS });
  try {
    handle.pragma('locking_mode = EXCLUSIVE');
    handle.exec('BEGIN EXCLUSIVE');
    handle.exec('COMMIT'); // the exclusive locking mode keeps the lock until the connection closes
    return handle;
  } catch (error) {
    handle.close();
    if (error instanceof SQLite.SqliteError && error.code.startsWith('SQLITE_BUSY')) return undefined;
    throw error;
  }
}

/** Replace the SQLite database with a backup. The app must be stopped; the old database is kept next to it. */
export async function restoreCommand(config: Config, out: Output, options: { from: string | undefined; now?: Date }): Promise<ExitCode> {
  if (dialectOf(config.databaseUrl) === 'postgres') {
    out.error('The database is PostgreSQL: restore it with pg_restore (for a pg_dump custom-format file) or psql.');
    return EXIT.failed;
  }
  if (options.from === undefined || options.from === '') {
    out.error('Say which backup to restore, like: npm run cli -- restore --from backups/doing-with.sqlite');
    return EXIT.usage;
  }
  const filename = sqliteFilename(config.databaseUrl);
  if (filename === ':memory:') {
    out.error('DATABASE_URL is an in-memory database: there is nothing on disk to restore into.');
    return EXIT.failed;
  }
  const target = resolve(filename);
  const source = resolve(options.from);
  if (!existsSync(source)) {
    out.error(`There is no file at ${options.from}.`);
    return EXIT.failed;
  }
  if (source === target) {
    out.error('That is the database itself. Choose a backup file.');
    return EXIT.failed;
  }

  const time = stamp(options.now ?? new Date());
  const incoming = `${target}.restoring-${time}`;
  const kept = `${target}.before-restore-${time}`;
  try {
    // Check a copy, so the backup itself is never touched.
    makePrivateFolder(dirname(target));
    await copyPrivately(source, incoming);
    // A database copied by hand may have its latest changes in a -wal file beside it: bring that along too.
    if (existsSync(`${source}-wal`)) await copyPrivately(`${source}-wal`, `${incoming}-wal`);
    const check = checkDatabaseFile(incoming);
    if (!check.ok) {
      out.error(`${options.from} cannot be restored: ${check.reason}. Nothing has changed.`);
      return EXIT.failed;
    }
    const known = new Set(Object.keys(migrations));
    const unknown = check.migrations.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      out.error(`${options.from} was made by a newer version of Doing With (it has ${unknown.join(', ')}). Update Doing With first. Nothing has changed.`);
      return EXIT.failed;
    }

    if (existsSync(target)) {
      const lock = takeExclusive(target);
      if (lock === undefined) {
        out.error(`The database ${filename} is in use. Stop the app first (and anything else using the database), then run restore again. Nothing has changed.`);
        return EXIT.failed;
      }
      try {
        // Fold any write-ahead log into the file, so the copy we keep is complete on its own.
        const [checkpoint] = lock.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
        if (checkpoint !== undefined && checkpoint.busy !== 0) throw new Error('the write-ahead log could not be folded into the database');
        await copyPrivately(target, kept);
      } finally {
        lock.close();
      }
    }
    // Left-over -wal or -shm files belong to the old database and would damage the restored one.
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(incoming, target);
  } catch (error) {
    out.error(`The restore failed: ${messageOf(error)}`);
    return EXIT.failed;
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${incoming}${suffix}`, { force: true });
  }

  if (existsSync(kept)) out.line(`Kept the database as it was before at ${kept}.`);
  out.line(`Restored ${options.from} into ${filename}.`);
  const db = connect(config.databaseUrl, { poolSize: 1 });
  try {
    const applied = await migrateAndAnalyse(db);
    out.line(applied.length === 0 ? 'It is up to date.' : `Brought it up to date: ${applied.join(', ')}.`);
    return EXIT.ok;
  } catch (error) {
    out.error(`The backup is in place, but bringing it up to date failed: ${messageOf(error)}`);
    return EXIT.failed;
  } finally {
    await db.close();
  }
}
