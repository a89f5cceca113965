/**
 * The people directory and the team wall: who the viewer may see, searched by name or strength. A fixed number of
 * queries whatever the number of people: one count, one page, then batched look-ups for that page.
 */
import { expressionBuilder, sql, type ExpressionBuilder, type Expression, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Database, ProfileVisibility, StrengthKind } from '../../db/database.js';
import { containsInsensitive, toCount } from '../../db/portable.js';
import type { DirectoryScope } from './people.permissions.js';
import { normaliseLabel } from './people.registry.js';
import type { Db } from './people.repository.js';

export interface DirectoryFilter {
  /** Name or strength, as typed. */
  readonly q: string;
  /** Only strengths offered, or wanted to grow; `any` also matches names. */
  readonly kind: 'any' | StrengthKind;
}

export interface DirectoryRow {
  readonly id: string;
  readonly displayName: string;
  readonly knownAs: string | null;
  readonly pronouns: string | null;
  readonly ageText: string | null;
  readonly hasAccount: boolean;
  readonly visibility: ProfileVisibility;
}

type PeopleEb = ExpressionBuilder<Database, 'people'>;

/** "Contains" on a column that is already lower case (label_normalised): no lower() per row, same on both databases. */
function containsNormalised(column: Expression<string>, needle: string): RawBuilder<SqlBool> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

/** The SQL twin of `scopeShows` in people.permissions.ts (for any query that has `people` in it). */
function visibleTo(scope: DirectoryScope): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'people'>();
  if (scope.everyone) return eb.lit(true);
  const conditions: Expression<SqlBool>[] = [
    eb('people.id', '=', scope.viewerPersonId),
    eb('people.profile_visibility', '=', 'organisation'),
  ];
  if (scope.withoutAccount) conditions.push(eb('people.account_id', 'is', null));
  if (scope.sharingProjectIds.length > 0) {
    conditions.push(eb.and([eb('people.profile_visibility', '=', 'projects'), eb('people.id', 'in', [...scope.sharingProjectIds])]));
  }
  return eb.or(conditions);
}

function matches(eb: PeopleEb, organisationId: string, filter: DirectoryFilter): Expression<SqlBool> {
  const needle = normaliseLabel(filter.q);
  const withStrength = () => {
    let strengths = eb
      .selectFrom('strengths')
      .select('strengths.person_id')
      .where('strengths.organisation_id', '=', organisationId);
    if (filter.kind !== 'any') strengths = strengths.where('strengths.kind', '=', filter.kind);
    if (needle !== '') strengths = strengths.where((sub) => containsNormalised(sub.ref('strengths.label_normalised'), needle));
    return eb('people.id', 'in', strengths);
  };
  if (needle === '') return filter.kind === 'any' ? eb.lit(true) : withStrength();
  if (filter.kind !== 'any') return withStrength();
  return eb.or([
    containsInsensitive(eb.ref('people.display_name'), needle),
    containsInsensitive(eb.ref('people.known_as'), needle),
    withStrength(),
  ]);
}

const ROW_COLUMNS = ['people.id', 'people.display_name', 'people.known_as', 'people.pronouns', 'people.age_text', 'people.account_id', 'people.profile_visibility'] as const;

function toRow(row: Pick<Selectable<Database['people']>, 'id' | 'display_name' | 'known_as' | 'pronouns' | 'age_text' | 'account_id' | 'profile_visibility'>): DirectoryRow {
  return {
    id: row.id,
    displayName: row.display_name,
    knownAs: row.known_as,
    pronouns: row.pronouns,
    ageText: row.age_text,
    hasAccount: row.account_id !== null,
    visibility: row.profile_visibility,
  };
}

function base(db: Db, organisationId: string, scope: DirectoryScope, filter: DirectoryFilter) {
  return db
    .selectFrom('people')
    .where('people.organisation_id', '=', organisationId)
    .where('people.archived_at', 'is', null)
    .where(visibleTo(scope))
    .where((eb) => matches(eb, organisationId, filter));
}

export async function countDirectory(db: Db, organisationId: string, scope: DirectoryScope, filter: DirectoryFilter): Promise<number> {
  if (filter.kind !== 'any') return countByStrength(db, organisationId, scope, { q: filter.q, kind: filter.kind });
  const row = await base(db, organisationId, scope, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return toCount(row.count);
}

/**
 * Counting people by a strength starts from the matching strengths and joins their people, rather than checking
 * every person of the organisation against the list: about half the time with 10,000 people. It counts exactly
 * whom `base` lists (the service tests compare the two).
 */
async function countByStrength(db: Db, organisationId: string, scope: DirectoryScope, filter: { q: string; kind: StrengthKind }): Promise<number> {
  const needle = normaliseLabel(filter.q);
  let query = db
    .selectFrom('strengths')
    .innerJoin('people', 'people.id', 'strengths.person_id')
    .select((eb) => eb.fn.count<number>('strengths.person_id').distinct().as('count'))
    .where('strengths.organisation_id', '=', organisationId)
    .where('strengths.kind', '=', filter.kind)
    .where('people.organisation_id', '=', organisationId)
    .where('people.archived_at', 'is', null)
    .where(visibleTo(scope));
  if (needle !== '') query = query.where((eb) => containsNormalised(eb.ref('strengths.label_normalised'), needle));
  const row = await query.executeTakeFirstOrThrow();
  return toCount(row.count);
}

export async function listDirectory(
  db: Db,
  organisationId: string,
  scope: DirectoryScope,
  filter: DirectoryFilter,
  limit: number,
  offset: number,
): Promise<DirectoryRow[]> {
  const rows = await base(db, organisationId, scope, filter)
    .select(ROW_COLUMNS)
    .orderBy('people.display_name')
    .orderBy('people.id')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toRow);
}

/** The chosen people for a team wall, in the order of the directory, limited to those the viewer may see. */
export async function listChosen(db: Db, organisationId: string, scope: DirectoryScope, personIds: readonly string[]): Promise<DirectoryRow[]> {
  if (personIds.length === 0) return [];
  const rows = await base(db, organisationId, scope, { q: '', kind: 'any' })
    .where('people.id', 'in', [...personIds])
    .select(ROW_COLUMNS)
    .orderBy('people.display_name')
    .orderBy('people.id')
    .execute();
  return rows.map(toRow);
}
