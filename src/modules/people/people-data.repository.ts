/**
 * Export and erasure written once, over the personal-data registry (issue #11, ADR 0012): every table declares which
 * columns say whose a row is, and what erasure does to each column, so a new table is exported and erased as soon as
 * it is declared. Table and column names come only from the registry, never from input.
 */
import { sql, type RawBuilder } from 'kysely';
import { PERSONAL_DATA_REGISTRY } from '../personal-data.js';
import { findsPerson, ownedByOrganisation, type PersonalColumn, type TableEntry } from '../../shared/personal-data.js';
import type { Db } from './people.repository.js';

/** Whose data: one person in one organisation, with their account and email when they have one. */
export interface DataSubject {
  readonly organisationId: string;
  readonly personId: string;
  readonly accountId: string | null;
  readonly email: string | null;
}

export interface ErasureSubject extends DataSubject {
  /** The account belongs to no other organisation, so it goes too, with everything held about it. */
  readonly accountGoes: boolean;
}

/** One row held about the person: the columns it was found through, and its values (secrets left out). */
export interface HeldRow {
  readonly through: readonly string[];
  readonly values: Readonly<Record<string, unknown>>;
}

export interface HeldTable {
  readonly table: string;
  readonly rows: readonly HeldRow[];
}

/** A table's own id is a person's or an account's: the person row stays as "Former member", an account goes. */
const SUBJECT_ERASURE = { person: 'anonymise', account: 'delete_row' } as const;

interface Finder {
  readonly column: string;
  readonly to: 'person' | 'account' | 'email';
  readonly erasure: PersonalColumn['erasure'];
}

/** The columns through which a table's rows are found to be the person's. */
function findersOf(entry: TableEntry): Finder[] {
  const finders: Finder[] = [];
  if (entry.subject !== undefined) finders.push({ column: 'id', to: entry.subject, erasure: SUBJECT_ERASURE[entry.subject] });
  for (const [column, declared] of Object.entries(entry.personal)) {
    if (findsPerson(declared)) finders.push({ column, to: declared.to ?? 'email', erasure: declared.erasure });
  }
  return finders;
}

const byTable = new Map(PERSONAL_DATA_REGISTRY.map((entry) => [entry.table, entry]));

/**
 * The SQL condition for "this column is the person's". Rows of the organisation are found by person; rows reached
 * through the account or email are those of this organisation, plus (when `beyond` allows) those of no organisation.
 */
function matches(entry: TableEntry, finder: Finder, who: DataSubject, beyond: boolean): RawBuilder<boolean> | undefined {
  const value = finder.to === 'person' ? who.personId : finder.to === 'account' ? who.accountId : who.email;
  if (value === null) return undefined;
  const column = sql.ref(`${entry.table}.${finder.column}`);
  const organisation = sql.ref(`${entry.table}.organisation_id`);
  if (finder.to === 'person') return ownedByOrganisation(entry) ? sql<boolean>`(${column} = ${value} and ${organisation} = ${who.organisationId})` : sql<boolean>`${column} = ${value}`;
  if (!ownedByOrganisation(entry)) return beyond ? sql<boolean>`${column} = ${value}` : undefined;
  return beyond
    ? sql<boolean>`(${column} = ${value} and (${organisation} = ${who.organisationId} or ${organisation} is null))`
    : sql<boolean>`(${column} = ${value} and ${organisation} = ${who.organisationId})`;
}

function anyOf(conditions: readonly (RawBuilder<boolean> | undefined)[]): RawBuilder<boolean> | undefined {
  const present = conditions.filter((c): c is RawBuilder<boolean> => c !== undefined);
  return present.length === 0 ? undefined : sql<boolean>`(${sql.join(present, sql` or `)})`;
}

/** Rows of a table that are the person's, through the finders chosen. */
function rowsWhere(entry: TableEntry, who: DataSubject, beyond: boolean, pick: (finder: Finder) => boolean): RawBuilder<boolean> | undefined {
  return anyOf(findersOf(entry).filter(pick).map((finder) => matches(entry, finder, who, beyond)));
}

/** The same for a table whose rows are part of another's: rows whose parent row is picked. */
function partsWhere(entry: TableEntry, who: DataSubject, beyond: boolean, pick: (finder: Finder) => boolean): RawBuilder<boolean> | undefined {
  if (entry.partOf === undefined) return undefined;
  const parent = byTable.get(entry.partOf.table);
  if (parent === undefined) throw new Error(`${entry.table} is part of ${entry.partOf.table}, which the registry does not declare`);
  const parentRows = rowsWhere(parent, who, beyond, pick);
  if (parentRows === undefined) return undefined;
  return sql<boolean>`${sql.ref(`${entry.table}.${entry.partOf.column}`)} in (select ${sql.ref(`${parent.table}.id`)} from ${sql.table(parent.table)} where ${parentRows})`;
}

const all = () => true;
const deletes = (finder: Finder) => finder.erasure === 'delete_row';
const anonymises = (finder: Finder) => finder.erasure === 'anonymise';

function exportable(value: unknown): unknown {
  if (value instanceof Uint8Array) return { bytes: value.byteLength, base64: Buffer.from(value).toString('base64') };
  return value;
}

/**
 * Everything held about the person: every row of every table found through one of its person, account or email
 * columns, and the rows that are part of those. Secrets (password hashes, token hashes, session data) are left out.
 */
export async function heldAbout(db: Db, who: DataSubject): Promise<HeldTable[]> {
  const held: HeldTable[] = [];
  for (const entry of PERSONAL_DATA_REGISTRY) {
    const finders = findersOf(entry);
    const where = anyOf([rowsWhere(entry, who, true, all), partsWhere(entry, who, true, all)]);
    if (where === undefined) continue;
    const found = await sql<Record<string, unknown>>`select * from ${sql.table(entry.table)} where ${where}`.execute(db);
    if (found.rows.length === 0) continue;
    const secret = new Set(Object.entries(entry.personal).filter(([, c]) => c.category === 'security').map(([name]) => name));
    const rows = found.rows.map((row) => ({
      through: finders.filter((f) => row[f.column] !== null && row[f.column] === (f.to === 'person' ? who.personId : f.to === 'account' ? who.accountId : who.email)).map((f) => f.column),
      values: Object.fromEntries(Object.entries(row).filter(([name]) => !secret.has(name) && name !== 'organisation_id').map(([name, value]) => [name, exportable(value)])),
    }));
    held.push({ table: entry.table, rows });
  }
  return held;
}

/** The value an anonymised column takes. */
const blankOf = (declared: PersonalColumn): string | number | null => declared.blank ?? null;

/** `set` clauses for a table's anonymised columns that are not links (links are cleared on their own). */
function blanking(entry: TableEntry): RawBuilder<unknown> | undefined {
  const sets = Object.entries(entry.personal)
    .filter(([, declared]) => declared.erasure === 'anonymise' && !findsPerson(declared))
    .map(([name, declared]) => sql`${sql.ref(name)} = ${blankOf(declared)}`);
  return sets.length === 0 ? undefined : sql.join(sets);
}

/**
 * Erase the person: in each table, delete the rows a delete-row column finds, blank the anonymised columns of the rows
 * an anonymised column finds, and clear anonymised links to them, so pages show "Former member". Rows that are part of
 * another follow it. Columns the registry keeps stay, for the reason it gives. Run inside a transaction.
 */
export async function eraseHeld(db: Db, who: ErasureSubject): Promise<void> {
  const beyond = who.accountGoes;
  const order = [...PERSONAL_DATA_REGISTRY].sort((a, b) => Number(a.subject === 'account') - Number(b.subject === 'account'));
  // Parts first: once the rows they belong to are changed, they can no longer be found.
  for (const entry of order) {
    const gone = partsWhere(entry, who, beyond, deletes);
    if (gone !== undefined) await sql`delete from ${sql.table(entry.table)} where ${gone}`.execute(db);
    const sets = blanking(entry);
    const anonymised = partsWhere(entry, who, beyond, anonymises);
    if (sets !== undefined && anonymised !== undefined) await sql`update ${sql.table(entry.table)} set ${sets} where ${anonymised}`.execute(db);
  }
  for (const entry of order) {
    const sets = blanking(entry);
    const anonymised = rowsWhere(entry, who, beyond, (f) => anonymises(f) && (entry.about.includes(f.column) || f.column === 'id'));
    if (sets !== undefined && anonymised !== undefined) await sql`update ${sql.table(entry.table)} set ${sets} where ${anonymised}`.execute(db);
    const gone = rowsWhere(entry, who, beyond, deletes);
    if (gone !== undefined) await sql`delete from ${sql.table(entry.table)} where ${gone}`.execute(db);
    for (const finder of findersOf(entry).filter((f) => anonymises(f) && f.column !== 'id')) {
      const condition = matches(entry, finder, who, beyond);
      if (condition !== undefined) await sql`update ${sql.table(entry.table)} set ${sql.ref(finder.column)} = ${null} where ${condition}`.execute(db);
    }
  }
}
