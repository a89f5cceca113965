/** Schema types: foundation. Keep in step with src/db/migrations. Composed into `Database` in ../database.ts. */
import type { ProfileVisibility } from './people.js';
import type { Generated } from 'kysely';

export type Permission = 'member' | 'facilitator' | 'admin';
export type TokenPurpose = 'sign_in_link' | 'invitation' | 'password_reset';

export interface OrganisationsTable {
  id: string;
  name: string;
  short_name: string;
  default_language: string;
  time_zone: string;
  crisis_text: string | null;
  /** ISO 3166 code of the country the organisation is in: which crisis numbers its people see. */
  country: Generated<string>;
  is_demo: number;
  created_at: string;
  updated_at: string;
  profile_age_enabled: Generated<number>;
  profile_picture_enabled: Generated<number>;
  /** Days after a meeting ends before the access needs in its replies are deleted. */
  meeting_access_needs_days: Generated<number>;
  /** The day (YYYY-MM-DD) an admin last checked the organisation's own crisis lines; null while it uses the defaults. */
  crisis_lines_checked_on: string | null;
  /** The person who last checked or changed them. */
  crisis_lines_checked_by: string | null;
}

export type CrisisLineReach = 'call' | 'text' | 'other';

/** An organisation's own crisis line (migration 2026-12-03-061-crisis-lines). */
export interface CrisisLinesTable {
  id: string;
  organisation_id: string;
  position: number;
  /** The default line it was copied from (src/shared/crisis-lines.ts), if any. */
  default_id: string | null;
  name: string;
  /** What it is for; null for a copied default, whose words are translated. */
  purpose: string | null;
  reach: CrisisLineReach;
  number: string | null;
  instruction: string | null;
  hours: string | null;
  created_at: string;
  updated_at: string;
}

export interface AccountsTable {
  id: string;
  email: string;
  password_hash: string | null;
  language: string | null;
  last_organisation_id: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PeopleTable {
  id: string;
  organisation_id: string;
  account_id: string | null;
  display_name: string;
  permission: Permission;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  archived_by: string | null;
  known_as: string | null;
  pronouns: string | null;
  profile_visibility: Generated<ProfileVisibility>;
  age_text: string | null;
  perspective_description: string | null;
  /** JSON array of participation way keys. */
  participation_ways: Generated<string>;
  /** JSON array of access need keys. */
  access_needs: Generated<string>;
  access_needs_other: string | null;
  consent_note: string | null;
  consent_recorded_by: string | null;
  consent_recorded_at: string | null;
}

export interface SessionsTable {
  sid: string;
  account_id: string | null;
  data: string;
  expires_at: string;
  created_at: string;
}

export interface AuthTokensTable {
  id: string;
  token_hash: string;
  purpose: TokenPurpose;
  email: string;
  account_id: string | null;
  organisation_id: string | null;
  permission: Permission | null;
  display_name: string | null;
  created_by_account_id: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface RateLimitsTable {
  key: string;
  hits: number;
  reset_at: string;
}

export interface AuditEventsTable {
  id: string;
  organisation_id: string | null;
  actor_account_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  detail: string;
  created_at: string;
}
