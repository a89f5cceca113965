import { createQueryId, sql, type Kysely, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { newId } from '../../src/db/portable.js';
import * as directoryRepo from '../../src/modules/people/people-directory.repository.js';
import { listStrengths } from '../../src/modules/people/people-profile.repository.js';
import type { DirectoryScope } from '../../src/modules/people/people.permissions.js';
import { listCirclePeople, listOrganisationPeople } from '../../src/modules/projects/circle.repository.js';
import { countCircles } from '../../src/modules/projects/projects.repository.js';
import { countedAnswers } from '../../src/modules/reviews/rounds.repository.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeMember, makeOrganisation } from '../helpers/factories.js';

/**
 * A cached value is exact only while its version changes with everything it shows. The versions are raised by
 * triggers whose watched columns are written by hand in migrations; these tests read the triggers back from the
 * database (SQLite: sqlite_master; PostgreSQL: pg_trigger and the trigger function's source) and run each cached
 * query, reading the columns its SQL uses, and fail if a column is not watched by the trigger that versions it.
 *
 * `id` and `created_at` are exempt: written once, with the row, never updated (an insert is watched instead).
 */
const WRITTEN_ONCE = new Set(['id', 'created_at']);

type Counter = 'directory' | 'circle';

interface Watch {
  insert: boolean;
  delete: boolean;
  /** Every update, whatever the columns. */
  anyUpdate: boolean;
  columns: Set<string>;
}

/** The counter a trigger raises, from what its body (or function) writes. */
function counterOf(body: string): Counter | undefined {
  if (body.includes('directory_versions')) return 'directory';
  if (body.includes('circle_version')) return 'circle';
  return undefined;
}

/** The counters themselves carry triggers (their stamps): not what a query reads. */
const COUNTER_TABLES = new Set(['directory_versions', 'projects']);

async function watchedColumns(db: TestDb): Promise<Map<string, Watch>> {
  const out = new Map<string, Watch>();
  const note = (counter: Counter, table: string, event: string, columns: string | undefined) => {
    if (COUNTER_TABLES.has(table)) return;
    const key = `${counter}:${table}`;
    const watch = out.get(key) ?? { insert: false, delete: false, anyUpdate: false, columns: new Set<string>() };
    out.set(key, watch);
    const kind = event.toLowerCase();
    if (kind === 'insert') watch.insert = true;
    else if (kind === 'delete') watch.delete = true;
    else if (columns === undefined) watch.anyUpdate = true;
    else for (const column of columns.split(',')) watch.columns.add(column.trim().replace(/"/g, '').toLowerCase());
  };
  if (db.dialect === 'sqlite') {
    const rows = await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger'`.execute(db.kysely);
    for (const row of rows.rows) {
      const counter = counterOf(row.sql);
      const head = /\b(?:after|before)\s+(insert|delete|update)(?:\s+of\s+(.+?))?\s+on\s+"?(\w+)"?/i.exec(row.sql);
      if (counter === undefined || head?.[1] === undefined || head[3] === undefined) continue;
      note(counter, head[3], head[1], head[2]);
    }
  } else {
    const rows = await sql<{ def: string; source: string }>`
      select pg_get_triggerdef(t.oid) as def, p.prosrc as source
      from pg_trigger t join pg_proc p on p.oid = t.tgfoid
      where not t.tgisinternal`.execute(db.kysely);
    for (const row of rows.rows) {
      const counter = counterOf(row.source);
      const head = /\b(?:AFTER|BEFORE)\s+(.+?)\s+ON\s+(?:\w+\.)?(\w+)\s/.exec(row.def);
      if (counter === undefined || head?.[1] === undefined || head[2] === undefined) continue;
      for (const event of head[1].split(/\s+OR\s+/)) {
        const update = /^UPDATE OF (.+)$/.exec(event);
        if (update?.[1] !== undefined) note(counter, head[2], 'update', update[1]);
        else note(counter, head[2], event, undefined);
      }
    }
  }
  return out;
}

/** Runs queries through Kysely while keeping the SQL each compiles to. */
function recording(db: Kysely<Database>): { db: Kysely<Database>; sql: string[] } {
  const seen: string[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      seen.push(db.getExecutor().compileQuery(node, createQueryId()).sql);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { db: db.withPlugin(plugin), sql: seen };
}

/** The columns, table by table, an SQL statement uses (identifiers are quoted by Kysely on both databases). */
function columnsUsed(statement: string, columnsOf: Map<string, Set<string>>): Map<string, Set<string>> {
  const tableOf = new Map<string, string>();
  for (const m of statement.matchAll(/\b(?:from|join)\s+"(\w+)"(?:\s+as\s+"(\w+)")?/gi)) {
    if (m[1] === undefined) continue;
    tableOf.set(m[1], m[1]);
    if (m[2] !== undefined) tableOf.set(m[2], m[1]);
  }
  const used = new Map<string, Set<string>>();
  const use = (table: string, column: string) => {
    const set = used.get(table) ?? new Set<string>();
    set.add(column);
    used.set(table, set);
  };
  for (const m of statement.matchAll(/"(\w+)"\."(\w+)"/g)) {
    const table = m[1] === undefined ? undefined : tableOf.get(m[1]);
    if (table !== undefined && m[2] !== undefined) use(table, m[2]);
  }
  // What is left: unqualified columns, once table names, aliases and output names are taken out.
  const rest = statement
    .replace(/"(\w+)"\."(\w+)"/g, ' ')
    .replace(/\b(?:from|join)\s+"(\w+)"(?:\s+as\s+"(\w+)")?/gi, ' ')
    .replace(/\bas\s+"\w+"/gi, ' ');
  const tables = new Set(tableOf.values());
  for (const m of rest.matchAll(/"(\w+)"/g)) {
    const column = m[1];
    if (column === undefined) continue;
    for (const table of tables) if (columnsOf.get(table)?.has(column) === true) use(table, column);
  }
  return used;
}

describe.each(testDialects())('the triggers that version cached queries (%s)', (dialect) => {
  let db: TestDb;
  let watched: Map<string, Watch>;
  let columnsOf: Map<string, Set<string>>;
  let organisationId: string;
  let personId: string;

  beforeAll(async () => {
    db = await createTestDb(dialect);
    watched = await watchedColumns(db);
    columnsOf = new Map((await db.kysely.introspection.getTables()).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
    organisationId = await makeOrganisation(db.kysely);
    personId = (await makeMember(db.kysely, organisationId, { name: 'Ada' })).personId;
  });
  afterAll(async () => db.destroy());

  /**
   * Runs the queries and checks every column they use on `tables` (the tables the counter stands for; any other
   * table a query reads is versioned another way) against the counter's triggers.
   */
  async function check(counter: Counter, tables: readonly string[], run: (k: Kysely<Database>) => Promise<unknown>): Promise<void> {
    const recorder = recording(db.kysely);
    await run(recorder.db);
    expect(recorder.sql.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const statement of recorder.sql) {
      for (const [table, columns] of columnsUsed(statement, columnsOf)) {
        if (!tables.includes(table)) continue;
        const watch = watched.get(`${counter}:${table}`);
        for (const column of columns) {
          if (WRITTEN_ONCE.has(column) || watch?.anyUpdate === true || watch?.columns.has(column) === true) continue;
          missing.push(`${table}.${column}`);
        }
      }
    }
    expect([...new Set(missing)], `columns read by a query cached for the ${counter} version but not watched by its triggers`).toEqual([]);
  }

  const member = (): DirectoryScope => ({ viewerPersonId: personId, everyone: false, withoutAccount: true, sharingProjectIds: [newId()] });
  const everyone: DirectoryScope = { viewerPersonId: newId(), everyone: true, withoutAccount: true, sharingProjectIds: [] };
  const filters: directoryRepo.DirectoryFilter[] = [
    { q: '', kind: 'any' },
    { q: 'ada', kind: 'any' },
    { q: 'ada', kind: 'any', labels: ['ada lovelace'] },
    { q: 'bak', kind: 'offer', labels: ['baking'] },
    { q: 'bak', kind: 'grow', labels: ['baking', 'bakery'] },
    { q: 'bak', kind: 'offer' },
  ];

  it('reads its triggers back: each versioned table is watched on insert and delete', () => {
    for (const table of ['people', 'strengths', 'person_perspectives']) {
      expect(watched.get(`directory:${table}`), table).toMatchObject({ insert: true, delete: true });
    }
    expect(watched.get('circle:circle_members')).toMatchObject({ insert: true, delete: true });
    expect(watched.get('circle:people')?.columns.has('display_name')).toBe(true);
  });

  it('the directory version watches every column a cached count or page of the directory uses', async () => {
    await check('directory', ['people', 'strengths', 'person_perspectives'], async (k) => {
      for (const scope of [member(), everyone]) {
        for (const filter of filters) {
          await directoryRepo.countDirectory(k, organisationId, scope, filter);
          for (const matches of [0, 1_000_000]) await directoryRepo.listDirectory(k, organisationId, scope, filter, { limit: 25, offset: 0, matches });
        }
      }
      await listStrengths(k, organisationId, [personId]);
    });
  });

  it('the directory version watches every column the cached perspective counts and review round decisions use', async () => {
    await check('directory', ['people', 'strengths', 'person_perspectives'], async (k) => {
      await directoryRepo.perspectiveCounts(k, organisationId);
      await countedAnswers(k, organisationId, newId());
    });
  });

  it('the directory version watches every column of the organisation’s people the circle page caches', async () => {
    await check('directory', ['people'], (k) => listOrganisationPeople(k, organisationId));
  });

  it('the circle version watches every column the cached circle and its counts use', async () => {
    await check('circle', ['circle_members', 'people'], async (k) => {
      await listCirclePeople(k, organisationId, newId());
      await countCircles(k, organisationId, newId());
    });
  });

  it('catches a column that is not watched', async () => {
    // What no trigger watches: a person's last update time. A query reading it must fail the check.
    await expect(check('directory', ['people'], (k) => k.selectFrom('people').select(['display_name', 'updated_at']).execute())).rejects.toThrow(/people\.updated_at/);
  });
});
