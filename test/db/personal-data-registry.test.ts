import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_DATA_REGISTRY } from '../../src/modules/personal-data.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';

interface LiveColumn {
  readonly table: string;
  readonly column: string;
  /** The table a foreign key on this column points to, if any. */
  readonly references: string | undefined;
  readonly nullable: boolean;
}

async function liveSchema(db: TestDb): Promise<LiveColumn[]> {
  if (db.dialect === 'sqlite') {
    const handle = db.sqlite;
    if (handle === undefined) throw new Error('no SQLite handle');
    const tables = handle.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'").all() as { name: string }[];
    return tables.flatMap(({ name }) => {
      const foreign = new Map((handle.prepare(`pragma foreign_key_list(${name})`).all() as { from: string; table: string }[]).map((f) => [f.from, f.table]));
      return (handle.prepare(`pragma table_info(${name})`).all() as { name: string; notnull: number; pk: number }[]).map((c) => ({
        table: name, column: c.name, references: foreign.get(c.name), nullable: c.notnull === 0 && c.pk === 0,
      }));
    });
  }
  const columns = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
    select table_name, column_name, is_nullable from information_schema.columns
    where table_schema = 'public' and table_name not like 'kysely_%'`.execute(db.kysely);
  const foreign = await sql<{ table_name: string; column_name: string; target: string }>`
    select k.table_name, k.column_name, c.table_name as target
    from information_schema.table_constraints t
    join information_schema.key_column_usage k on k.constraint_name = t.constraint_name and k.table_schema = t.table_schema
    join information_schema.constraint_column_usage c on c.constraint_name = t.constraint_name and c.table_schema = t.table_schema
    where t.constraint_type = 'FOREIGN KEY' and t.table_schema = 'public'`.execute(db.kysely);
  const targets = new Map(foreign.rows.map((f) => [`${f.table_name}.${f.column_name}`, f.target]));
  return columns.rows.map((c) => ({ table: c.table_name, column: c.column_name, references: targets.get(`${c.table_name}.${c.column_name}`), nullable: c.is_nullable === 'YES' }));
}

/** Column names that point to a person even where no foreign key says so (who archived, who recorded consent ...). */
const LOOKS_LIKE_A_PERSON = /(^|_)(person|people|account|author|owner|email)(_|$)|_by$|^sid$|token/;
/** Names that only look like it. */
const NOT_A_PERSON: Readonly<Record<string, string>> = {
  'jobs.claimed_by': 'the app instance that took the job',
  'strength_labels.people': 'how many people list the strength',
};

/**
 * #11: every table and column of the live database is declared in the personal-data registry, so a new feature's
 * table or column cannot be forgotten by export and erasure.
 */
describe.each(testDialects())('the personal-data registry against the live schema (%s)', (dialect) => {
  let db: TestDb;
  let live: LiveColumn[];
  beforeAll(async () => {
    db = await createTestDb(dialect);
    live = await liveSchema(db);
  });
  afterAll(async () => db.destroy());

  const entries = new Map(PERSONAL_DATA_REGISTRY.map((entry) => [entry.table, entry]));

  it('declares each table once, and no table that is not there', () => {
    expect(PERSONAL_DATA_REGISTRY.length, 'a table is declared twice').toBe(entries.size);
    const tables = [...new Set(live.map((c) => c.table))].sort();
    expect(tables.filter((t) => !entries.has(t)), 'tables missing from the registry').toEqual([]);
    expect([...entries.keys()].filter((t) => !tables.includes(t)), 'registry tables not in the database').toEqual([]);
  });

  it('declares every column, once, as personal or not, and nothing that is not there', () => {
    const problems: string[] = [];
    for (const entry of PERSONAL_DATA_REGISTRY) {
      const columns = live.filter((c) => c.table === entry.table).map((c) => c.column);
      const personal = Object.keys(entry.personal);
      for (const column of columns) {
        if (!personal.includes(column) && !entry.other.includes(column)) problems.push(`${entry.table}.${column} is not declared`);
        if (personal.includes(column) && entry.other.includes(column)) problems.push(`${entry.table}.${column} is declared twice`);
      }
      for (const column of [...personal, ...entry.other]) if (!columns.includes(column)) problems.push(`${entry.table}.${column} is declared but not in the database`);
      for (const column of entry.about) if (!columns.includes(column)) problems.push(`${entry.table}.${column} is named in "about" but not in the database`);
    }
    expect(problems).toEqual([]);
  });

  it('declares as personal every column that points to a person or an account, or looks as if it does', () => {
    const problems = live
      .filter((c) => c.references === 'people' || c.references === 'accounts' || (LOOKS_LIKE_A_PERSON.test(c.column) && NOT_A_PERSON[`${c.table}.${c.column}`] === undefined))
      .filter((c) => entries.get(c.table)?.personal[c.column] === undefined)
      .map((c) => `${c.table}.${c.column}`);
    expect(problems).toEqual([]);
  });

  it('can carry out every anonymisation: a cleared column may be empty, or the registry says what it becomes', () => {
    const problems = PERSONAL_DATA_REGISTRY.flatMap((entry) =>
      Object.entries(entry.personal)
        .filter(([name, column]) => column.erasure === 'anonymise' && column.blank === undefined && live.some((c) => c.table === entry.table && c.column === name && !c.nullable))
        .map(([name]) => `${entry.table}.${name} cannot be empty: keep it (with the reason) or give it a blank value`),
    );
    expect(problems).toEqual([]);
  });

  it('names, for each table that is part of another, a table that is declared', () => {
    const problems = PERSONAL_DATA_REGISTRY.filter((entry) => entry.partOf !== undefined && !entries.has(entry.partOf.table)).map((entry) => entry.table);
    expect(problems).toEqual([]);
  });

  it('says why for everything that erasure keeps', () => {
    const unexplained = PERSONAL_DATA_REGISTRY.flatMap((entry) =>
      Object.entries(entry.personal)
        .filter(([, column]) => column.erasure === 'keep' && (column.why ?? '').trim() === '')
        .map(([name]) => `${entry.table}.${name}`),
    );
    expect(unexplained).toEqual([]);
  });
});
