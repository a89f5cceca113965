import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupCommand, restoreCommand } from '../../src/cli/commands.js';
import { memoryOutput } from '../../src/cli/output.js';
import { connect, migrateToLatest, migrator, type Db } from '../../src/db/connect.js';
import { migrations } from '../../src/db/migrations/index.js';
import { testConfig } from '../helpers/app.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeOrganisation } from '../helpers/factories.js';

/**
 * Writes to the database from another thread (so, truly at the same time as the backup), one row per transaction,
 * until told to stop.
 */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 5000 });
const stop = new Int32Array(workerData.stop);
const insert = db.prepare("insert into rate_limits (key, hits, reset_at) values (?, 1, '2099-01-01T00:00:00.000Z')");
let written = 0;
while (Atomics.load(stop, 0) === 0) {
  insert.run('writer-' + written);
  written += 1;
  if (written === 50) parentPort.postMessage({ started: true });
}
db.close();
parentPort.postMessage({ written });
`;

function startWriter(file: string): { started: Promise<void>; stop(): Promise<number> } {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(WRITER, { eval: true, workerData: { file, stop, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
  let onStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const finished = new Promise<number>((resolve, reject) => {
    worker.on('message', (message: { started?: boolean; written?: number }) => {
      if (message.started === true) onStarted();
      if (message.written !== undefined) resolve(message.written);
    });
    worker.on('error', reject);
  });
  return {
    started,
    stop: async () => {
      Atomics.store(new Int32Array(stop), 0, 1);
      return finished;
    },
  };
}

/** Read a database file (read-write, so closing it tidies away its -wal and -shm files as the app's would). */
function readOnly<T>(file: string, read: (handle: SQLite.Database) => T): T {
  const handle = new SQLite(file, { fileMustExist: true });
  try {
    return read(handle);
  } finally {
    handle.close();
  }
}

const organisationNames = (file: string) =>
  readOnly(file, (h) => (h.prepare('select name from organisations order by name').all() as { name: string }[]).map((r) => r.name));

describe.each(testDialects())('npm run cli -- backup and restore (%s)', (dialect) => {
  if (dialect === 'postgres') {
    let db: TestDb;
    beforeEach(async () => {
      db = await createTestDb(dialect);
    });
    afterEach(async () => {
      await db.destroy();
    });

    it('points to pg_dump and pg_restore, and exits non-zero', async () => {
      const out = memoryOutput();
      const dir = mkdtempSync(join(tmpdir(), 'dw-backup-'));
      expect(await backupCommand(db, out, { to: join(dir, 'copy.sqlite') })).toBe(1);
      expect(out.errors.join('\n')).toContain('back it up with pg_dump');
      expect(readdirSync(dir)).toEqual([]);
      const config = testConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
      expect(await restoreCommand(config, out, { from: join(dir, 'copy.sqlite') })).toBe(1);
      expect(out.errors.join('\n')).toContain('restore it with pg_restore');
      rmSync(dir, { recursive: true, force: true });
    });
    return;
  }

  let dir: string;
  let file: string;
  let open: Db[];

  async function database(path: string, organisations: string[]): Promise<Db> {
    const db = connect(path, { poolSize: 1 });
    open.push(db);
    await migrateToLatest(db.kysely);
    for (const name of organisations) await makeOrganisation(db.kysely, { name });
    return db;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dw-backup-'));
    file = join(dir, 'doing-with.sqlite');
    open = [];
  });
  afterEach(async () => {
    for (const db of open) await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while another connection is writing, and the copy is sound and complete up to a moment', async () => {
    const db = await database(file, ['Riverside Wellbeing Collective']);
    db.sqlite?.exec(`insert into audit_events (id, organisation_id, actor_account_id, action, subject_type, subject_id, detail, created_at)
      select 'filler-' || value, null, null, 'filler', 'none', null, '{"padding":"' || hex(randomblob(200)) || '"}', '2026-01-01T00:00:00.000Z'
      from (with recursive n(value) as (select 1 union all select value + 1 from n where value < 5000) select value from n)`);
    const writer = startWriter(file);
    await writer.started;
    const out = memoryOutput();
    const copy = join(dir, 'backups', 'copy.sqlite');
    const code = await backupCommand(db, out, { to: copy });
    const writtenBeforeStop = (await sql<{ n: number }>`select count(*) as n from rate_limits`.execute(db.kysely)).rows[0]?.n ?? 0;
    const written = await writer.stop();

    expect(out.errors).toEqual([]);
    expect(code).toBe(0);
    expect(out.lines.join('\n')).toMatch(/^Backed up the database to .*copy\.sqlite \(\d+ pages\), and checked the copy: it is sound\.$/);
    expect(readOnly(copy, (h) => h.pragma('integrity_check', { simple: true }))).toBe('ok');
    expect(readOnly(copy, (h) => h.pragma('journal_mode', { simple: true }))).toBe('delete');
    expect(organisationNames(copy)).toEqual(['Riverside Wellbeing Collective']);
    expect(readOnly(copy, (h) => h.prepare("select count(*) as n from audit_events where action = 'filler'").get())).toEqual({ n: 5000 });
    // The copy holds some of the writer's rows: a moment in the middle of the writing, not before or after it.
    const copied = readOnly(copy, (h) => (h.prepare('select count(*) as n from rate_limits').get() as { n: number }).n);
    expect(copied).toBeGreaterThanOrEqual(50);
    expect(copied).toBeLessThan(written);
    expect(writtenBeforeStop).toBeLessThanOrEqual(written);
  });

  it('keeps the database, its backups and the copy kept at a restore readable by this account only (#11)', async () => {
    const mode = (path: string) => statSync(path).mode & 0o777;
    const previous = process.umask(0o022); // the usual umask, which would make new files readable by everyone
    try {
      const inFolder = join(dir, 'data', 'doing-with.sqlite');
      const db = await database(inFolder, ['Riverside Wellbeing Collective']);
      expect(mode(join(dir, 'data'))).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) expect(mode(`${inFolder}${suffix}`)).toBe(0o600);

      const copy = join(dir, 'backups', 'copy.sqlite');
      expect(await backupCommand(db, memoryOutput(), { to: copy })).toBe(0);
      expect(mode(join(dir, 'backups'))).toBe(0o700);
      expect(mode(copy)).toBe(0o600);
      await db.close();
      open = [];

      // A backup made elsewhere with looser permissions is restored private, and so is the copy kept of the old one.
      const loose = join(dir, 'loose.sqlite');
      copyFileSync(copy, loose);
      chmodSync(loose, 0o644);
      const out = memoryOutput();
      expect(await restoreCommand(testConfig({ DATABASE_URL: inFolder }), out, { from: loose, now: new Date('2026-12-03T10:00:00Z') })).toBe(0);
      expect(mode(inFolder)).toBe(0o600);
      expect(mode(`${inFolder}.before-restore-2026-12-03T10-00-00Z`)).toBe(0o600);

      // A database made by an earlier version, readable by everyone, is made private when opened.
      chmodSync(inFolder, 0o644);
      open.push(connect(inFolder, { poolSize: 1 }));
      expect(mode(inFolder)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('never overwrites a file', async () => {
    const db = await database(file, ['Riverside Wellbeing Collective']);
    const existing = join(dir, 'precious.txt');
    writeFileSync(existing, 'do not touch');
    const out = memoryOutput();
    expect(await backupCommand(db, out, { to: existing })).toBe(1);
    expect(out.errors).toEqual([`${existing} already exists. Choose a new file name: a backup never overwrites a file.`]);
    expect(readdirSync(dir).sort()).toEqual(['doing-with.sqlite', 'doing-with.sqlite-shm', 'doing-with.sqlite-wal', 'precious.txt']);
  });

  it('refuses to restore while another connection has the database open, and changes nothing', async () => {
    const backup = join(dir, 'backup.sqlite');
    expect(await backupCommand(await database(join(dir, 'earlier.sqlite'), ['From the backup']), memoryOutput(), { to: backup })).toBe(0);
    const app = await database(file, ['Live organisation']); // open, as a running app's would be
    await sql`select 1`.execute(app.kysely);
    const config = testConfig({ DATABASE_URL: file });

    const out = memoryOutput();
    expect(await restoreCommand(config, out, { from: backup })).toBe(1);
    expect(out.errors.join('\n')).toContain('is in use. Stop the app first');
    expect(readdirSync(dir).filter((name) => name.includes('.before-restore-') || name.includes('.restoring-'))).toEqual([]);
    expect((await app.kysely.selectFrom('organisations').select('name').execute()).map((r) => r.name)).toEqual(['Live organisation']);

    // Once the app has stopped, the same restore goes ahead.
    await app.close();
    open = open.filter((db) => db !== app);
    expect(await restoreCommand(config, memoryOutput(), { from: backup })).toBe(0);
    expect(organisationNames(file)).toEqual(['From the backup']);
  });

  it('replaces the data, keeps the database as it was, clears stale WAL files and brings the backup up to date', async () => {
    const backup = join(dir, 'backup.sqlite');
    const old = connect(backup, { poolSize: 1 });
    const first = Object.keys(migrations)[0] ?? '';
    const result = await migrator(old.kysely).migrateTo(first);
    expect(result.error).toBeUndefined();
    await makeOrganisation(old.kysely, { name: 'From the backup' });
    await old.close();

    const live = await database(file, ['Live organisation', 'Second live organisation']);
    // Leave committed rows only in the write-ahead log, as an app that crashed does: they must reach the kept copy.
    live.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    live.sqlite?.pragma('wal_autocheckpoint = 0');
    await makeOrganisation(live.kysely, { name: 'Only in the WAL' });
    copyFileSync(file, `${file}.crashed`);
    copyFileSync(`${file}-wal`, `${file}.crashed-wal`);
    await live.close();
    open = [];
    renameSync(`${file}.crashed`, file);
    renameSync(`${file}.crashed-wal`, `${file}-wal`);
    writeFileSync(`${file}-shm`, Buffer.alloc(32_768, 0xff)); // and a stale shared-memory file
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);

    const out = memoryOutput();
    const config = testConfig({ DATABASE_URL: file });
    const code = await restoreCommand(config, out, { from: backup, now: new Date('2026-11-22T10:30:00.123Z') });
    expect(out.errors).toEqual([]);
    expect(code).toBe(0);
    const kept = `${file}.before-restore-2026-11-22T10-30-00Z`;
    expect(out.lines).toEqual([
      `Kept the database as it was before at ${kept}.`,
      `Restored ${backup} into ${file}.`,
      Object.keys(migrations).length > 1 ? `Brought it up to date: ${Object.keys(migrations).slice(1).join(', ')}.` : 'It is up to date.',
    ]);
    expect(organisationNames(file)).toEqual(['From the backup']);
    expect(organisationNames(kept)).toEqual(['Live organisation', 'Only in the WAL', 'Second live organisation']);
    expect(readOnly(file, (h) => (h.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name))).toEqual(Object.keys(migrations).sort());
    expect(readdirSync(dir).sort()).toEqual(['backup.sqlite', 'doing-with.sqlite', 'doing-with.sqlite.before-restore-2026-11-22T10-30-00Z']);
    expect(organisationNames(backup)).toEqual(['From the backup']); // the backup itself is untouched
  });

  it('restores a database copied by hand with its -wal file, including what was only in the -wal', async () => {
    const source = await database(join(dir, 'by-hand.sqlite'), ['In the main file']);
    source.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
    source.sqlite?.pragma('wal_autocheckpoint = 0');
    await makeOrganisation(source.kysely, { name: 'Only in the WAL' });
    copyFileSync(join(dir, 'by-hand.sqlite'), join(dir, 'copied.sqlite'));
    copyFileSync(join(dir, 'by-hand.sqlite-wal'), join(dir, 'copied.sqlite-wal'));

    const out = memoryOutput();
    expect(await restoreCommand(testConfig({ DATABASE_URL: file }), out, { from: join(dir, 'copied.sqlite') })).toBe(0);
    expect(out.lines).toContain(`Restored ${join(dir, 'copied.sqlite')} into ${file}.`);
    expect(organisationNames(file)).toEqual(['In the main file', 'Only in the WAL']);
    expect(readdirSync(dir).filter((name) => name.includes('.restoring-'))).toEqual([]);
  });

  it('refuses a file that is not a Doing With database, and changes nothing', async () => {
    await database(file, ['Live organisation']);
    for (const db of open) await db.close();
    open = [];
    const config = testConfig({ DATABASE_URL: file });

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some words that go on for a while '.repeat(20));
    const other = join(dir, 'other.sqlite');
    const handle = new SQLite(other);
    handle.exec('create table notes (body text)');
    handle.close();

    for (const [from, reason] of [
      [text, 'it could not be read as a SQLite database'],
      [other, "it is a SQLite database, but not one of Doing With's (no kysely_migration or organisations table)"],
      [join(dir, 'missing.sqlite'), 'There is no file at'],
    ] as const) {
      const out = memoryOutput();
      expect(await restoreCommand(config, out, { from })).toBe(1);
      expect(out.errors.join('\n')).toContain(reason);
    }
    expect(organisationNames(file)).toEqual(['Live organisation']);
    expect(readdirSync(dir).sort()).toEqual(['doing-with.sqlite', 'notes.txt', 'other.sqlite']);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});
