import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_DATA_REGISTRY } from '../../src/modules/personal-data.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { everythingAboutOnePerson, type OnePerson } from '../helpers/one-person.js';

/**
 * Tables the fixture cannot reach through the app, each with the reason. Empty: every table the registry says holds
 * rows about a person is reached by a real use case (or, for sessions, the session plugin's own store).
 */
const UNREACHABLE: Readonly<Record<string, string>> = {};

/** Every row of every table, as the database returns it. */
async function everyRow(db: TestDb): Promise<Map<string, Record<string, unknown>[]>> {
  const tables =
    db.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(db.kysely)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'`.execute(db.kysely)).rows.map((r) => r.name);
  const rows = new Map<string, Record<string, unknown>[]>();
  for (const table of tables) rows.set(table, (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.kysely)).rows);
  return rows;
}

/** The text of a value as a scan sees it: strings and JSON as they are stored; ids, numbers and bytes are not text. */
const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : value !== null && typeof value === 'object' && !Buffer.isBuffer(value) && !(value instanceof Date) ? JSON.stringify(value) : undefined);

/**
 * #11: the "everything about one person" fixture reaches every table the personal-data registry says holds rows about
 * a person, and every marker it writes is in the database, where it says.
 */
describe.each(testDialects())('the one-person fixture (%s)', (dialect) => {
  let db: TestDb;
  let person: OnePerson;
  let rows: Map<string, Record<string, unknown>[]>;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    person = await everythingAboutOnePerson(db.kysely);
    rows = await everyRow(db);
  }, 60_000);
  afterAll(async () => db.destroy());

  it('has at least one row about the member in every table whose rows can be about a person', () => {
    const { member } = person;
    const theirs = new Set([member.personId, member.accountId, member.email]);
    const tables = PERSONAL_DATA_REGISTRY.filter((entry) => entry.about.length > 0 && UNREACHABLE[entry.table] === undefined);
    expect(tables.length).toBeGreaterThan(20);
    const missing = tables
      .filter((entry) => !(rows.get(entry.table) ?? []).some((row) => entry.about.some((column) => theirs.has(String(row[column])))))
      .map((entry) => `${entry.table} (by ${entry.about.join(' or ')})`);
    expect(missing, 'tables with no row about the member: make the fixture reach them, or explain in UNREACHABLE').toEqual([]);
  });

  it('lists in UNREACHABLE only tables the registry says hold rows about a person', () => {
    const about = new Set(PERSONAL_DATA_REGISTRY.filter((entry) => entry.about.length > 0).map((entry) => entry.table));
    expect(Object.keys(UNREACHABLE).filter((table) => !about.has(table))).toEqual([]);
  });

  it('gives every text its own marker, none part of another, and says which others wrote about the member', () => {
    const values = Object.values(person.markers);
    expect(values.length).toBeGreaterThan(60);
    expect(new Set(values).size).toBe(values.length);
    expect(values.filter((a) => values.some((b) => a !== b && b.includes(a)))).toEqual([]);
    expect(person.markersAboutThem.length).toBeGreaterThanOrEqual(8);
    expect(person.markersAboutThem.filter((m) => !values.includes(m))).toEqual([]);
    expect(Object.keys(person.places).sort()).toEqual(Object.keys(person.markers).sort());
    expect(person.member.displayName).toContain(person.markers['displayName']);
  });

  it('writes every marker into the database, in the table and column it names', () => {
    const misplaced = Object.entries(person.markers)
      .filter(([name, marker]) => {
        const place = person.places[name];
        return place === undefined || !(rows.get(place.table) ?? []).some((row) => textOf(row[place.column])?.includes(marker) === true);
      })
      .map(([name]) => `${name} (${person.places[name]?.table ?? '?'}.${person.places[name]?.column ?? '?'})`);
    expect(misplaced).toEqual([]);
    // And found by a scan of every text column of every table, as the erasure test will scan.
    const everything = [...rows.values()].flatMap((table) => table.flatMap((row) => Object.values(row).map(textOf).filter((t): t is string => t !== undefined)));
    expect(Object.values(person.markers).filter((marker) => !everything.some((text) => text.includes(marker)))).toEqual([]);
  });

  it('leaves the member with an unused invitation, a pending password reset and sign-in link, and a session', () => {
    const tokens = (rows.get('auth_tokens') ?? []).filter((row) => row['email'] === person.member.email && row['used_at'] === null);
    expect(tokens.map((row) => row['purpose']).sort()).toEqual(['invitation', 'password_reset', 'sign_in_link']);
    expect((rows.get('sessions') ?? []).filter((row) => row['account_id'] === person.member.accountId)).toHaveLength(1);
  });

  it('records a decision whose outcome refers to the member, by name or by id', () => {
    const outcomes = (rows.get('proposals') ?? []).map((row) => textOf(row['outcome']) ?? '');
    expect(outcomes.some((outcome) => outcome.includes(person.member.displayName) || outcome.includes(person.member.personId))).toBe(true);
  });
});
