import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { newId } from '../../db/portable.js';
import { crisisLineHref, type CrisisLineReach, type HelpLine } from '../../shared/crisis-lines.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface CrisisLineInput {
  readonly defaultId?: string | null;
  readonly name: string;
  readonly purpose: string | null;
  readonly reach: CrisisLineReach;
  readonly number: string | null;
  readonly instruction: string | null;
  readonly hours: string | null;
}

/** What the page needs about an organisation's crisis support, in one query. */
export interface CrisisLinesOwner {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly crisisText: string | null;
  readonly timeZone: string;
  /** Null while the organisation uses its country's defaults. */
  readonly checkedOn: string | null;
  readonly checkedById: string | null;
  /** The display name of who checked them; '' once that person has removed their profile. */
  readonly checkedByName: string | null;
}

export async function findOwner(db: Db, org: string): Promise<CrisisLinesOwner | undefined> {
  const row = await db
    .selectFrom('organisations as o')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'o.crisis_lines_checked_by').onRef('p.organisation_id', '=', 'o.id'))
    .select(['o.id', 'o.name', 'o.country', 'o.crisis_text', 'o.time_zone', 'o.crisis_lines_checked_on', 'o.crisis_lines_checked_by', 'p.display_name'])
    .where('o.id', '=', org)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id, name: row.name, country: row.country, crisisText: row.crisis_text, timeZone: row.time_zone,
    checkedOn: row.crisis_lines_checked_on, checkedById: row.crisis_lines_checked_by, checkedByName: row.display_name,
  };
}

export async function listLines(db: Db, org: string): Promise<HelpLine[]> {
  const rows = await db
    .selectFrom('crisis_lines')
    .select(['id', 'default_id', 'name', 'purpose', 'reach', 'number', 'instruction', 'hours'])
    .where('organisation_id', '=', org)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id, defaultId: r.default_id, name: r.name, purpose: r.purpose, reach: r.reach, number: r.number,
    href: crisisLineHref(r.reach, r.number), instruction: r.instruction, hours: r.hours,
  }));
}

export async function findLine(db: Db, org: string, lineId: string): Promise<HelpLine | undefined> {
  return (await listLines(db, org)).find((line) => line.id === lineId);
}

export async function insertLine(db: Db, org: string, input: CrisisLineInput, now: string): Promise<string> {
  const last = await db
    .selectFrom('crisis_lines')
    .select((eb) => eb.fn.max<number | string | null>('position').as('position'))
    .where('organisation_id', '=', org)
    .executeTakeFirst();
  const id = newId();
  await db
    .insertInto('crisis_lines')
    .values({
      id, organisation_id: org, position: Number(last?.position ?? 0) + 1, default_id: input.defaultId ?? null, name: input.name, purpose: input.purpose,
      reach: input.reach, number: input.number, instruction: input.instruction, hours: input.hours, created_at: now, updated_at: now,
    })
    .execute();
  return id;
}

export async function updateLine(db: Db, org: string, lineId: string, input: CrisisLineInput, now: string): Promise<boolean> {
  const result = await db
    .updateTable('crisis_lines')
    .set({ name: input.name, purpose: input.purpose, reach: input.reach, number: input.number, instruction: input.instruction, hours: input.hours, updated_at: now })
    .where('organisation_id', '=', org)
    .where('id', '=', lineId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteLine(db: Db, org: string, lineId: string): Promise<boolean> {
  const result = await db.deleteFrom('crisis_lines').where('organisation_id', '=', org).where('id', '=', lineId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteAllLines(db: Db, org: string): Promise<void> {
  await db.deleteFrom('crisis_lines').where('organisation_id', '=', org).execute();
}

/** Record the check: a day and who, or nulls to go back to the country's defaults. */
export async function setChecked(db: Db, org: string, checkedOn: string | null, checkedBy: string | null, now: string): Promise<void> {
  await db.updateTable('organisations').set({ crisis_lines_checked_on: checkedOn, crisis_lines_checked_by: checkedBy, updated_at: now }).where('id', '=', org).execute();
}
