/**
 * The personal-data registry's vocabulary (issue #11, ADR 0012). Every table is declared once, next to the module
 * that owns it (`<area>.personal-data.ts`), and every column of it is declared either as personal (with what kind of
 * data it is, what erasure does and who may read it) or as holding nothing about a person. A schema test reads the
 * live database on both dialects and fails on anything undeclared, so a new table or column cannot be forgotten.
 */

/** What a column holds about a person. */
export type Category =
  /** Names, pronouns, age, picture: who they are. */
  | 'identity'
  /** An email address. */
  | 'contact'
  /** Health and other special-category data: access needs, perspectives, consent notes. */
  | 'special'
  /** What the person wrote themselves. */
  | 'own_words'
  /** What other people wrote about the person. */
  | 'about_them'
  /** A record kept for a group (a decision, shared notes, an update) that names or quotes the person. */
  | 'kept_for_others'
  /** Points to a person: who did what, who a row is about. */
  | 'link'
  /** What the person chose or did: answers, ratings, replies, choices. */
  | 'activity'
  /** Secrets and sign-in state: never exported. */
  | 'security';

/**
 * What erasure (removing a profile) does to this column for the person it is about: the row is deleted, the value
 * is anonymised (a link cleared, so pages show "Former member"; words replaced), or it is kept, with the reason.
 */
export type Erasure = 'delete_row' | 'anonymise' | 'keep';

/** Who, besides the person, may read the column. */
export type Readers =
  | 'nobody'
  | 'admins'
  | 'facilitators'
  | 'project'
  | 'organisation'
  /** Used by the system only (sign-in, scheduling), never shown. */
  | 'system';

export interface PersonalColumn {
  readonly category: Category;
  readonly erasure: Erasure;
  readonly readers: Readers;
  /** Required for `keep`: why the value stays once the person has gone. */
  readonly why?: string;
}

export interface TableEntry {
  readonly table: string;
  /**
   * The columns that say whose data a row is (a person's id, an account's id, an email): export and erasure start
   * from them. Empty for a table that holds no row about one person.
   */
  readonly about: readonly string[];
  readonly personal: Readonly<Record<string, PersonalColumn>>;
  /** Every other column: ids of records, states, codes, counts, timestamps. Nothing about a person. */
  readonly other: readonly string[];
}

// Shorthands for the common cases, so each module's entries read as a table.
export const link = (erasure: Erasure, readers: Readers, why?: string): PersonalColumn => ({ category: 'link', erasure, readers, ...(why === undefined ? {} : { why }) });
export const column = (category: Category, erasure: Erasure, readers: Readers, why?: string): PersonalColumn => ({ category, erasure, readers, ...(why === undefined ? {} : { why }) });
