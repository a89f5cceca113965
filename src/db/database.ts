/** The database schema, in types. Keep in step with src/db/migrations. */
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
  is_demo: number;
  created_at: string;
  updated_at: string;
  profile_age_enabled: Generated<number>;
  profile_picture_enabled: Generated<number>;
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

// Co-production projects (src/modules/projects, migration 2026-11-22-003-projects).

export type ProjectStage = 'inform' | 'consult' | 'involve' | 'act';
export type ProjectCircle = 'co_producers' | 'participants' | 'involved' | 'consulted';
export type InvolvementLevel = 'inform' | 'consult' | 'involve';
export type EngagementDomain = 'me' | 'we' | 'community';

export interface ProjectsTable {
  id: string;
  organisation_id: string;
  title: string;
  purpose: string;
  who_for: string;
  starts_on: string | null;
  ends_on: string | null;
  visibility: 'open' | 'invite_only';
  stage: ProjectStage;
  cycle: number;
  review_open: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  archived_by: string | null;
}

export interface ProjectStageMovesTable {
  id: string;
  organisation_id: string;
  project_id: string;
  from_stage: ProjectStage | null;
  to_stage: ProjectStage;
  cycle: number;
  note: string;
  moved_by: string | null;
  created_at: string;
}

export interface CircleMembersTable {
  id: string;
  organisation_id: string;
  project_id: string;
  person_id: string;
  circle: ProjectCircle;
  level: InvolvementLevel;
  domain: EngagementDomain;
  note: string | null;
  engagement_how: string | null;
  engagement_how_often: string | null;
  tell_by: 'app' | 'app_and_email';
  wants_more_at: string | null;
  added_by: string | null;
  created_at: string;
  updated_at: string;
  left_at: string | null;
}

export interface CircleMovesTable {
  id: string;
  organisation_id: string;
  project_id: string;
  person_id: string;
  from_circle: ProjectCircle | null;
  to_circle: ProjectCircle | null;
  from_level: InvolvementLevel | null;
  to_level: InvolvementLevel | null;
  from_domain: EngagementDomain | null;
  to_domain: EngagementDomain | null;
  note: string | null;
  moved_by: string | null;
  created_at: string;
}

export interface ProjectAgreementsTable {
  id: string;
  organisation_id: string;
  project_id: string;
  power: string | null;
  responsibilities: string | null;
  support: string | null;
  equal_delivery: 'yes' | 'no' | 'not_sure' | null;
  equal_delivery_note: string | null;
  version: number;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AgreementResponsesTable {
  id: string;
  organisation_id: string;
  project_id: string;
  person_id: string;
  agrees: number;
  comment: string | null;
  agreement_version: number;
  created_at: string;
  updated_at: string;
}

export interface ProjectUpdatesTable {
  id: string;
  organisation_id: string;
  project_id: string;
  body: string;
  quoted: string | null;
  author_id: string | null;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  kind: string;
  project_id: string | null;
  update_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface ProjectTasksTable {
  id: string;
  organisation_id: string;
  project_id: string;
  title: string;
  details: string | null;
  owner_id: string | null;
  due_on: string | null;
  status: 'open' | 'done';
  created_by: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
}

export interface TaskNeedsTable {
  id: string;
  organisation_id: string;
  task_id: string;
  label: string;
  label_normalised: string;
}

export interface TaskVolunteersTable {
  id: string;
  organisation_id: string;
  task_id: string;
  person_id: string;
  created_at: string;
}

export interface SuccessCriteriaTable {
  id: string;
  organisation_id: string;
  project_id: string;
  text: string;
  proposed_by: string | null;
  created_at: string;
  archived_at: string | null;
}

export interface SuccessRatingsTable {
  id: string;
  organisation_id: string;
  project_id: string;
  criterion_id: string;
  person_id: string;
  cycle: number;
  score: number | null;
  comment: string | null;
  created_at: string;
  updated_at: string;
}

// People and one-page profiles (src/modules/people, migration 2026-11-22-002-people-profiles).

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

// The reflective toolkit (src/modules/reviews, ladder, toolkit; migration 2026-11-22-004-reviews).

export interface ReviewsTable {
  id: string;
  organisation_id: string;
  subject_kind: 'project' | 'service' | 'organisation' | 'practice';
  subject_key: string;
  subject_label: string | null;
  project_id: string | null;
  owner_person_id: string | null;
  mode: 'individual' | 'group';
  status: 'open' | 'closed';
  created_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface ReviewResponsesTable {
  id: string;
  organisation_id: string;
  review_id: string;
  person_id: string | null;
  kind: 'individual' | 'group';
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewAnswersTable {
  organisation_id: string;
  response_id: string;
  review_id: string;
  question_key: string;
  /** 1-5, or 0 for "don't know". */
  value: number;
  comment: string | null;
  updated_at: string;
}

export interface ReviewNotesTable {
  organisation_id: string;
  review_id: string;
  principle: string;
  notes: string;
  updated_at: string;
}

export interface ReviewActionsTable {
  id: string;
  organisation_id: string;
  review_id: string;
  principle: string;
  what: string;
  owner_person_id: string | null;
  due_on: string;
  how_know: string;
  status: 'not_started' | 'under_way' | 'done';
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewActionNotesTable {
  id: string;
  organisation_id: string;
  action_id: string;
  body: string;
  status: string;
  author_id: string | null;
  created_at: string;
}

export interface JobsTable {
  id: string;
  organisation_id: string;
  kind: string;
  key: string;
  payload: string;
  run_at: string;
  claimed_by: string | null;
  lease_until: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  done_at: string | null;
  created_at: string;
}

export interface LadderReflectionsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  scope: 'practice' | 'service';
  title: string;
  tend: string | null;
  move_up: string | null;
  skills: string | null;
  shared_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface LadderEntriesTable {
  organisation_id: string;
  reflection_id: string;
  section: 'doing_to' | 'doing_for' | 'doing_with';
  what: string;
  rung: string;
  outcomes: string | null;
  better: string | null;
}

export interface LearningAnswersTable {
  organisation_id: string;
  person_id: string;
  check_key: string;
  answer: string;
  correct: number;
  answered_at: string;
}

export interface Database {
  organisations: OrganisationsTable;
  accounts: AccountsTable;
  people: PeopleTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  rate_limits: RateLimitsTable;
  audit_events: AuditEventsTable;
  person_perspectives: PersonPerspectivesTable;
  profile_headings: ProfileHeadingsTable;
  profile_answers: ProfileAnswersTable;
  strengths: StrengthsTable;
  strength_labels: StrengthLabelsTable;
  appreciations: AppreciationsTable;
  person_pictures: PersonPicturesTable;
  projects: ProjectsTable;
  project_stage_moves: ProjectStageMovesTable;
  circle_members: CircleMembersTable;
  circle_moves: CircleMovesTable;
  project_agreements: ProjectAgreementsTable;
  agreement_responses: AgreementResponsesTable;
  project_updates: ProjectUpdatesTable;
  notifications: NotificationsTable;
  project_tasks: ProjectTasksTable;
  task_needs: TaskNeedsTable;
  task_volunteers: TaskVolunteersTable;
  success_criteria: SuccessCriteriaTable;
  success_ratings: SuccessRatingsTable;
  meetings: MeetingsTable;
  meeting_replies: MeetingRepliesTable;
  opportunity_cards: OpportunityCardsTable;
  agenda_items: AgendaItemsTable;
  gratitude_entries: GratitudeEntriesTable;
  keeper_preferences: KeeperPreferencesTable;
  proposals: ProposalsTable;
  proposal_responses: ProposalResponsesTable;
  meeting_notes: MeetingNotesTable;
  meeting_actions: MeetingActionsTable;
  calendar_feeds: CalendarFeedsTable;
  reviews: ReviewsTable;
  review_responses: ReviewResponsesTable;
  review_answers: ReviewAnswersTable;
  review_notes: ReviewNotesTable;
  review_actions: ReviewActionsTable;
  review_action_notes: ReviewActionNotesTable;
  jobs: JobsTable;
  ladder_reflections: LadderReflectionsTable;
  ladder_entries: LadderEntriesTable;
  learning_answers: LearningAnswersTable;
}
