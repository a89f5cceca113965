import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDownAll, migrateToLatest, migrator } from '../../src/db/connect.js';
import type { Database } from '../../src/db/database.js';
import { migrations } from '../../src/db/migrations/index.js';
import { newId } from '../../src/db/portable.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeMember, makeOrganisation } from '../helpers/factories.js';
import { makeProject } from '../helpers/meetings.js';

/** Tables that belong to no single organisation. Every other table is tenant-owned. */
const GLOBAL_TABLES = new Set(['organisations', 'accounts', 'sessions', 'auth_tokens', 'rate_limits', 'audit_events', 'mail_outbox']);
const FOUNDATION_TABLES = ['accounts', 'audit_events', 'auth_tokens', 'organisations', 'people', 'rate_limits', 'sessions'];
const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/db/migrations/', import.meta.url));

interface TableShape {
  readonly name: string;
  readonly columns: readonly { name: string; type: string; nullable: boolean }[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- after migrating down there is no schema to type
async function schemaOf(db: Kysely<any>): Promise<TableShape[]> {
  const tables = await db.introspection.getTables();
  return tables
    .filter((table) => !table.isView)
    .map((table) => ({
      name: table.name,
      columns: table.columns.map((c) => ({ name: c.name, type: c.dataType, nullable: c.isNullable })).sort((a, b) => a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

async function appendOnlyFunctionExists(db: TestDb): Promise<boolean> {
  const result = await sql<{ n: number }>`select count(*) as n from pg_proc where proname = 'doing_with_append_only'`.execute(db.kysely);
  return Number(result.rows[0]?.n) > 0;
}

async function writeAuditRow(db: Kysely<Database>): Promise<string> {
  const id = newId();
  await db
    .insertInto('audit_events')
    .values({ id, organisation_id: null, actor_account_id: null, action: 'test.written', subject_type: 'test', subject_id: null, detail: '{}', created_at: new Date().toISOString() })
    .execute();
  return id;
}

describe('migration files', () => {
  it('are named by date and number, so they run in the order they were written', () => {
    const names = Object.keys(migrations);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}-\d{3}-[a-z0-9-]+$/);
    expect([...names].sort()).toEqual(names);
  });

  it('are all listed in the index, and import nothing but Kysely (they are frozen, so they never use app code)', () => {
    const files = readdirSync(MIGRATIONS_DIR).filter((file) => /^\d{4}-.*\.ts$/.test(file) && !file.endsWith('.test.ts'));
    expect(files.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual(Object.keys(migrations).sort());
    for (const file of files) {
      const imports = [...readFileSync(`${MIGRATIONS_DIR}${file}`, 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
      expect(imports.filter((source) => source !== 'kysely'), file).toEqual([]);
    }
  });
});

describe.each(testDialects())('migrations (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { migrate: false });
  });
  afterAll(async () => db.destroy());

  it('go up, down to nothing, and up again to the same schema', async () => {
    expect(await schemaOf(db.kysely)).toEqual([]);

    const applied = await migrateToLatest(db.kysely);
    expect(applied).toEqual(Object.keys(migrations));
    const first = await schemaOf(db.kysely);
    expect(first.map((t) => t.name)).toEqual(expect.arrayContaining(FOUNDATION_TABLES));
    expect(await migrateToLatest(db.kysely)).toEqual([]);

    await migrateDownAll(db.kysely);
    expect(await schemaOf(db.kysely)).toEqual([]);
    if (dialect === 'postgres') expect(await appendOnlyFunctionExists(db)).toBe(false);

    expect(await migrateToLatest(db.kysely)).toEqual(Object.keys(migrations));
    expect(await schemaOf(db.kysely)).toEqual(first);
    if (dialect === 'postgres') expect(await appendOnlyFunctionExists(db)).toBe(true);
  });

  it('keeps the audit log append-only after going down and up again', async () => {
    const id = await writeAuditRow(db.kysely);
    await expect(db.kysely.updateTable('audit_events').set({ action: 'test.changed' }).where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(db.kysely.deleteFrom('audit_events').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
  });

  it('gives every tenant-owned table an organisation_id that must be filled in', async () => {
    const tables = await schemaOf(db.kysely);
    const owned = tables.filter((table) => !GLOBAL_TABLES.has(table.name));
    expect(owned.map((t) => t.name)).toContain('people');
    const problems = owned
      .filter((table) => !table.columns.some((c) => c.name === 'organisation_id' && !c.nullable))
      .map((table) => table.name);
    expect(problems, 'tables without organisation_id NOT NULL (or add them to GLOBAL_TABLES if they truly belong to no organisation)').toEqual([]);
    // And the global list names real tables: a renamed table must not slip out of the check.
    expect([...GLOBAL_TABLES].filter((name) => !tables.some((t) => t.name === name))).toEqual([]);
  });

  it('refuses a person without an organisation, and a second person for the same account in one organisation', async () => {
    const now = new Date().toISOString();
    const a = await makeOrganisation(db.kysely);
    const b = await makeOrganisation(db.kysely);
    const accountId = newId();
    await db.kysely
      .insertInto('accounts')
      .values({ id: accountId, email: `${accountId}@test.example`, password_hash: null, language: null, last_organisation_id: null, password_changed_at: null, created_at: now, updated_at: now })
      .execute();
    const person = (organisationId: string | null) => ({
      id: newId(), organisation_id: organisationId as string, account_id: accountId, display_name: 'Ada', permission: 'member' as const,
      created_at: now, updated_at: now, archived_at: null, archived_by: null,
    });
    await db.kysely.insertInto('people').values(person(a)).execute();
    await db.kysely.insertInto('people').values(person(b)).execute(); // the same account in another organisation is fine
    await expect(db.kysely.insertInto('people').values(person(a)).execute()).rejects.toThrow();
    await expect(db.kysely.insertInto('people').values(person(null)).execute()).rejects.toThrow();
    await expect(db.kysely.insertInto('people').values({ ...person(newId()), account_id: null }).execute()).rejects.toThrow();
    const rows = await db.kysely.selectFrom('people').select('organisation_id').where('account_id', '=', accountId).execute();
    expect(rows.map((r) => r.organisation_id).sort()).toEqual([a, b].sort());
  });
});

describe.each(testDialects())('migration 013: who took part in a decision, by id (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect, { migrate: false });
  });
  afterAll(async () => db.destroy());

  it('turns the names stored in decided proposals into ids, dropping names that match nobody or more than one person', async () => {
    const result = await migrator(db.kysely).migrateTo('2026-12-03-012-version-stamps');
    expect(result.error).toBeUndefined();
    const org = await makeOrganisation(db.kysely);
    const ada = await makeMember(db.kysely, org, { name: 'Ada' });
    const ben = await makeMember(db.kysely, org, { name: 'Ben' });
    await makeMember(db.kysely, org, { name: 'Twin' });
    await makeMember(db.kysely, org, { name: 'Twin' });
    const projectId = await makeProject(db.kysely, org, [ada, ben].map((p) => ({ personId: p.personId })));
    const id = newId();
    const at = new Date().toISOString();
    const outcome = JSON.stringify({ passed: true, tookPart: 4, counts: { agree: 4 }, reason: 'meetings.decisions.outcome.consent_passed', people: ['Ada', 'Ben', 'Twin', 'Gone'] });
    await db.kysely.insertInto('proposals').values({ id, organisation_id: org, project_id: projectId, meeting_id: null, title: 'Open later', body: null, method: 'consent', status: 'passed', raised_by: ada.personId, outcome, decided_at: at, created_at: at }).execute();

    await migrateToLatest(db.kysely);
    const row = await db.kysely.selectFrom('proposals').select('outcome').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.outcome ?? '{}')).toEqual({ passed: true, tookPart: 4, counts: { agree: 4 }, reason: 'meetings.decisions.outcome.consent_passed', personIds: [ada.personId, ben.personId] });
  });
});
