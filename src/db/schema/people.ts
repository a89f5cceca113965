/** Schema types: people. Keep in step with src/db/migrations. Composed into `Database` in ../database.ts. */
// People and one-page profiles (src/modules/people, migration 2026-11-22-002-people-profiles).
import type { Generated } from 'kysely';

export type ProfileVisibility = 'organisation' | 'projects' | 'private';
export type BuiltinHeadingKey = 'appreciate' | 'important' | 'support';
export type StrengthKind = 'offer' | 'grow';
export type AppreciationStatus = 'pending' | 'accepted' | 'declined';

export interface PersonPerspectivesTable {
  organisation_id: string;
  person_id: string;
  perspective: string;
}

export interface ProfileHeadingsTable {
  id: string;
  organisation_id: string;
  builtin_key: BuiltinHeadingKey | null;
  label: string;
  position: number;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface ProfileAnswersTable {
  organisation_id: string;
  person_id: string;
  heading_key: string;
  body: string;
  updated_at: string;
}

export interface StrengthsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  kind: StrengthKind;
  label: string;
  label_normalised: string;
  created_at: string;
}

/** Each organisation's distinct strength labels by kind, with how many strengths use them (kept with `strengths`). */
export interface StrengthLabelsTable {
  organisation_id: string;
  kind: StrengthKind;
  label_normalised: string;
  people: number;
}

export interface AppreciationsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  author_person_id: string;
  body: string;
  status: AppreciationStatus;
  created_at: string;
  decided_at: string | null;
}

export interface PersonPicturesTable {
  person_id: string;
  organisation_id: string;
  content_type: 'image/png' | 'image/jpeg';
  bytes: Buffer;
  created_at: string;
}

/**
 * A number per organisation that triggers raise whenever people, strengths or perspectives change in a way a directory
 * page could show (migrations 2026-11-22-007 and 2026-12-02-010), with a random stamp rewritten on every rise (migration
 * 2026-12-03-011): a cached value is used only while both are the same. Written only by those triggers, never by the app.
 */
export interface DirectoryVersionsTable {
  organisation_id: string;
  version: number;
  /** Random, written by the database with every rise of version (migration 2026-12-03-011). */
  stamp: Generated<string>;
}
