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
  /**
   * For a column that names whose a row is: a person (people.id) or an account (accounts.id). Export finds a
   * person's rows through these columns and contact columns (an email); erasure deletes or anonymises through them.
   */
  readonly to?: 'person' | 'account';
  /** What an anonymised column that cannot be empty becomes; any other anonymised column becomes null. */
  readonly blank?: string | number;
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
  /** The table's own `id` is a person's (people) or an account's (accounts). */
  readonly subject?: 'person' | 'account';
  /**
   * Rows that are part of a row of another table and follow it: deleted when it is deleted, anonymised when it is
   * anonymised (a reflection's entries, a review response's answers).
   */
  readonly partOf?: { readonly table: string; readonly column: string };
}

// Shorthands for the common cases, so each module's entries read as a table.
const because = (why: string | undefined) => (why === undefined ? {} : { why });
/** A column holding a person's id. Anonymising it clears it, so pages show "Former member". */
export const link = (erasure: Erasure, readers: Readers, why?: string): PersonalColumn => ({ category: 'link', erasure, readers, to: 'person', ...because(why) });
/** A column holding an account's id. */
export const accountLink = (erasure: Erasure, readers: Readers, why?: string): PersonalColumn => ({ category: 'link', erasure, readers, to: 'account', ...because(why) });
export const column = (category: Category, erasure: Erasure, readers: Readers, why?: string): PersonalColumn => ({ category, erasure, readers, ...because(why) });
/** An anonymised column that cannot be empty, with the value it takes. */
export const blanked = (category: Category, readers: Readers, blank: string | number): PersonalColumn => ({ category, erasure: 'anonymise', readers, blank });

/** The columns through which a row is found to be someone's: links to a person or account, and email addresses. */
export function findsPerson(column: PersonalColumn): boolean {
  return column.to !== undefined || column.category === 'contact';
}

/** Whether the table's rows belong to one organisation (and so are found within it). */
export function ownedByOrganisation(entry: TableEntry): boolean {
  return entry.other.includes('organisation_id');
}
