/** Schema types: meetings. Keep in step with src/db/migrations. Composed into `Database` in ../database.ts. */
// Meetings where everyone has a voice (src/modules/meetings, migration 2026-11-22-005-meetings).

export type MeetingReplyAnswer = 'coming' | 'not_coming' | 'maybe';
export type CardStatus = 'new' | 'introduced' | 'taken_forward' | 'parked' | 'done';
export type GratitudeKind = 'round' | 'postcard' | 'journal';
export type DecisionMethod = 'consent' | 'vote';
export type ProposalStatus = 'open' | 'passed' | 'not_passed';
export type ProposalAnswer = 'agree' | 'live_with' | 'object' | 'yes' | 'no' | 'abstain';

export interface MeetingsTable {
  id: string;
  organisation_id: string;
  project_id: string | null;
  title: string;
  starts_at: string;
  ends_at: string;
  place: string | null;
  online_url: string | null;
  step_free: number;
  quiet_room: number;
  hearing_loop: number;
  /** JSON array of ways to take part. */
  ways: string;
  card_keeper_id: string | null;
  keeper_mode: 'stay' | 'rotate';
  note_taker_id: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface MeetingRepliesTable {
  id: string;
  organisation_id: string;
  meeting_id: string;
  person_id: string;
  answer: MeetingReplyAnswer;
  way: string | null;
  access_needs: string | null;
  travel_expenses: number;
  created_at: string;
  updated_at: string;
}

export interface OpportunityCardsTable {
  id: string;
  organisation_id: string;
  project_id: string;
  author_id: string | null;
  body: string;
  wants_to_help: number;
  show_name: number;
  status: CardStatus;
  introduced_meeting_id: string | null;
  update_id: string | null;
  form_key: string;
  created_at: string;
  updated_at: string;
}

export interface AgendaItemsTable {
  id: string;
  organisation_id: string;
  meeting_id: string;
  title: string;
  details: string | null;
  raised_by: string | null;
  card_id: string | null;
  created_at: string;
}

export interface GratitudeEntriesTable {
  id: string;
  organisation_id: string;
  project_id: string;
  meeting_id: string | null;
  scope_id: string;
  kind: GratitudeKind;
  slot: number;
  person_id: string;
  recorded_by: string | null;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface KeeperPreferencesTable {
  id: string;
  organisation_id: string;
  project_id: string;
  person_id: string;
  willing: number;
  updated_at: string;
}

export interface ProposalsTable {
  id: string;
  organisation_id: string;
  project_id: string;
  meeting_id: string | null;
  title: string;
  body: string | null;
  method: DecisionMethod;
  status: ProposalStatus;
  raised_by: string | null;
  /** JSON: the counts and who took part, frozen when decided. */
  outcome: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface ProposalResponsesTable {
  id: string;
  organisation_id: string;
  proposal_id: string;
  person_id: string;
  answer: ProposalAnswer;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingNotesTable {
  id: string;
  organisation_id: string;
  meeting_id: string;
  body: string;
  written_by: string | null;
  shared_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingActionsTable {
  id: string;
  organisation_id: string;
  meeting_id: string;
  text: string;
  person_id: string | null;
  created_at: string;
}

export interface CalendarFeedsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}
