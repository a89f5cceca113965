/**
 * The people directory and the team wall: who the viewer may see, searched by name or strength. A fixed number of
 * queries whatever the number of people: one count, one page, then batched look-ups for that page.
 */
import { expressionBuilder, sql, type ExpressionBuilder, type Expression, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { Database, ProfileVisibility, StrengthKind } from '../../db/database.js';
import { containsInsensitive, toCount } from '../../db/portable.js';
import { compiledFor } from '../../db/precompiled.js';
import type { DirectoryScope } from './people.permissions.js';
import { normaliseLabel } from './people.registry.js';
import type { Db } from './people.repository.js';

export interface DirectoryFilter {
  /** Name or strength, as typed. */
  readonly q: string;
  /** Only strengths offered, or wanted to grow; `any` also matches names. */
  readonly kind: 'any' | StrengthKind;
  /** The strength labels containing `q`, from `matchingLabels`; absent when there were too many to list. */
  readonly labels?: readonly string[] | undefined;
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
  return sql<SqlBool>`${column} like ${containsPattern(needle)} escape '\\'`;
}

/** The LIKE pattern for "contains", with the pattern's own special characters escaped by a backslash. */
function containsPattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The SQL twin of `scopeShows` in people.permissions.ts (for any query that has `people` in it). Profiles seen by the
 * whole organisation come first: they are most of the directory, and SQLite tries the conditions in order.
 */
function visibleTo(scope: DirectoryScope): Expression<SqlBool> {
  const eb = expressionBuilder<Database, 'people'>();
  if (scope.everyone) return eb.lit(true);
  const conditions: Expression<SqlBool>[] = [
    eb('people.profile_visibility', '=', 'organisation'),
    eb('people.id', '=', scope.viewerPersonId),
  ];
  if (scope.withoutAccount) conditions.push(eb('people.account_id', 'is', null));
  if (scope.sharingProjectIds.length > 0) {
    conditions.push(eb.and([eb('people.profile_visibility', '=', 'projects'), eb('people.id', 'in', [...scope.sharingProjectIds])]));
  }
  return eb.or(conditions);
}

/** More labels than this and the search falls back to "contains" on every strength (a very short search text). */
export const MAX_MATCHING_LABELS = 200;

/**
 * The organisation's directory version (with its stamp) and its distinct strength labels (of this kind) containing the search text,
 * in one query (a UNION ALL of small reads).
 *
 * The version (directory_versions, raised by triggers whenever anything a directory page shows changes: migrations
 * 007 and 010, each rise with a fresh stamp: 011) says whether a count, a page or the perspective counts cached
 * earlier are still exact (people.cache.ts); 0 and no stamp until the organisation's first change.
 *
 * A search reads these few labels first (`strength_labels`), then the people with exactly those labels through
 * strengths_label_idx, so the work grows with the matches, not with every strength of the organisation. The labels
 * are read here rather than as a subquery of the people query because PostgreSQL planned that subquery badly while
 * its statistics lagged behind a large import (a count ran for over a minute); a short list of values plans well on
 * both databases. `labels` is undefined when there is no text, or when more than MAX_MATCHING_LABELS match (then the
 * search falls back to "contains" on every strength).
 */
export async function directoryFacts(
  db: Db,
  organisationId: string,
  filter: DirectoryFilter,
): Promise<{ labels: readonly string[] | undefined; version: number; stamp: string }> {
  const needle = normaliseLabel(filter.q);
  const wantLabels = needle !== '';
  // Every directory page asks this: compiled once per shape (with or without labels, and of which kinds).
  const kinds = kindsOf(filter.kind);
  const run = compiledFor(db, `people.directoryFacts.${wantLabels ? kinds.join(',') : 'version'}`, wantLabels ? ['organisationId', 'pattern'] : ['organisationId'], (v) => {
    const version = db
      .selectFrom('directory_versions')
      .select([sql<string>`'version'`.as('source'), 'directory_versions.stamp as value', 'directory_versions.version as count'])
      .where('directory_versions.organisation_id', '=', v.organisationId);
    if (!wantLabels) return version;
    return version.unionAll(
      db
        .selectFrom('strength_labels')
        .select([sql<string>`'label'`.as('source'), 'strength_labels.label_normalised as value', 'strength_labels.people as count'])
        .where('strength_labels.organisation_id', '=', v.organisationId)
        .where('strength_labels.kind', 'in', kinds)
        .where(sql<SqlBool>`strength_labels.label_normalised like ${v.pattern} escape '\\'`),
    );
  });
  const rows = await run(wantLabels ? { organisationId, pattern: containsPattern(needle) } : { organisationId, pattern: '' });
  const labels = new Set<string>();
  let version = 0;
  let stamp = '';
  for (const row of rows) {
    if (row.source === 'label') labels.add(row.value);
    else {
      version = toCount(row.count);
      stamp = row.value;
    }
  }
  return { labels: !wantLabels || labels.size > MAX_MATCHING_LABELS ? undefined : [...labels].sort(), version, stamp };
}

/** How many people (not archived) hold each perspective: shown only in aggregate, small counts hidden by the service. */
export async function perspectiveCounts(db: Db, organisationId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('person_perspectives')
    .innerJoin('people', 'people.id', 'person_perspectives.person_id')
    .select(['person_perspectives.perspective as value', (eb) => eb.fn.countAll<number>().as('count')])
    .where('person_perspectives.organisation_id', '=', organisationId)
    .where('people.organisation_id', '=', organisationId)
    .where('people.archived_at', 'is', null)
    .groupBy('person_perspectives.perspective')
    .execute();
  return new Map(rows.map((row) => [row.value, toCount(row.count)]));
}

/** Naming both kinds lets strengths_label_idx serve (organisation_id, kind, label_normalised) when either will do. */
function kindsOf(kind: 'any' | StrengthKind): StrengthKind[] {
  return kind === 'any' ? ['offer', 'grow'] : [kind];
}

/**
 * Whether to list a strength search by reading the directory in name order and checking each person's strengths
 * (a few index look-ups a person), rather than collecting everyone with a matching strength first. Reading in name
 * order stops when the page is full, after about (offset + limit) x people / matches people: with at least 40 times
 * (offset + limit) matches, that is a fortieth of the directory or less. When few match, or the page is far in,
 * collecting the matches (work that grows with the matches, wherever the page is) is cheaper.
 */
export function readInNameOrder(matches: number, offset: number, limit: number): boolean {
  return (offset + limit) * 40 <= matches;
}

function withStrength(eb: PeopleEb, organisationId: string, kind: 'any' | StrengthKind, needle: string, labels: readonly string[] | undefined, inNameOrder = false): Expression<SqlBool> {
  let strengths = eb
    .selectFrom('strengths')
    .select('strengths.person_id')
    .where('strengths.organisation_id', '=', organisationId)
    .where('strengths.kind', 'in', kindsOf(kind));
  if (needle !== '') {
    if (labels === undefined) strengths = strengths.where((sub) => containsNormalised(sub.ref('strengths.label_normalised'), needle));
    else if (labels.length === 0) return eb.lit(false);
    else strengths = strengths.where('strengths.label_normalised', 'in', [...labels]);
  }
  // Each person's own strengths, through strengths_label_idx (organisation, kind, label, person).
  if (inNameOrder) return eb.exists(strengths.whereRef('strengths.person_id', '=', 'people.id'));
  return eb('people.id', 'in', strengths);
}

function matches(eb: PeopleEb, organisationId: string, filter: DirectoryFilter, inNameOrder = false): Expression<SqlBool> {
  const needle = normaliseLabel(filter.q);
  if (needle === '' && filter.kind === 'any') return eb.lit(true);
  if (filter.kind !== 'any') return withStrength(eb, organisationId, filter.kind, needle, filter.labels, inNameOrder);
  // Strengths first: an index look-up, cheaper than lower() on two names (SQLite tries the terms in order).
  return eb.or([
    withStrength(eb, organisationId, 'any', needle, filter.labels, inNameOrder),
    containsInsensitive(eb.ref('people.display_name'), needle),
    containsInsensitive(eb.ref('people.known_as'), needle),
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

function base(db: Db, organisationId: string, scope: DirectoryScope, filter: DirectoryFilter, inNameOrder = false) {
  return db
    .selectFrom('people')
    .where('people.organisation_id', '=', organisationId)
    .where('people.archived_at', 'is', null)
    .where(visibleTo(scope))
    .where((eb) => matches(eb, organisationId, filter, inNameOrder));
}

/** Counts exactly whom `listDirectory` lists (the service tests compare the two). */
export async function countDirectory(db: Db, organisationId: string, scope: DirectoryScope, filter: DirectoryFilter): Promise<number> {
  if (filter.kind !== 'any' && filter.labels !== undefined && filter.labels.length > 0) {
    return countByLabels(db, organisationId, scope, filter.kind, filter.labels);
  }
  const row = await base(db, organisationId, scope, filter)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return toCount(row.count);
}

/**
 * Counting people by strength labels starts from their strengths (strengths_label_idx) and looks up each holder,
 * rather than checking every person of the organisation: the work grows with the matches. Distinct on people.id,
 * not strengths.person_id: on the latter SQLite picks the index by person and reads every strength instead. With one
 * label nobody can be counted twice (a person holds a label once of each kind), so there is nothing to make distinct.
 */
async function countByLabels(db: Db, organisationId: string, scope: DirectoryScope, kind: StrengthKind, labels: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('strengths')
    .innerJoin('people', 'people.id', 'strengths.person_id')
    .select((eb) => (labels.length === 1 ? eb.fn.count<number>('people.id') : eb.fn.count<number>('people.id').distinct()).as('count'))
    .where('strengths.organisation_id', '=', organisationId)
    .where('strengths.kind', '=', kind)
    .where('strengths.label_normalised', 'in', [...labels])
    .where('people.organisation_id', '=', organisationId)
    .where('people.archived_at', 'is', null)
    .where(visibleTo(scope))
    .executeTakeFirstOrThrow();
  return toCount(row.count);
}

/** A page of the directory; `matches`, the count from `countDirectory`, chooses how a strength search is read. */
export async function listDirectory(
  db: Db,
  organisationId: string,
  scope: DirectoryScope,
  filter: DirectoryFilter,
  page: { readonly limit: number; readonly offset: number; readonly matches?: number },
): Promise<DirectoryRow[]> {
  const { limit, offset } = page;
  const rows = await base(db, organisationId, scope, filter, readInNameOrder(page.matches ?? 0, offset, limit))
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
