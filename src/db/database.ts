/**
 * The database schema, in types: one file per area under ./schema, composed here. Keep in step with
 * src/db/migrations.
 */
export type * from './schema/foundation.js';
export type * from './schema/projects.js';
export type * from './schema/people.js';
export type * from './schema/meetings.js';
export type * from './schema/reviews.js';
export type * from './schema/mail.js';
import type { OrganisationsTable, CrisisLinesTable, AccountsTable, PeopleTable, SessionsTable, AuthTokensTable, RateLimitsTable, AuditEventsTable } from './schema/foundation.js';
import type { ProjectsTable, ProjectStageMovesTable, CircleMembersTable, CircleMovesTable, ProjectAgreementsTable, AgreementResponsesTable, ProjectUpdatesTable, NotificationsTable, ProjectTasksTable, TaskNeedsTable, TaskVolunteersTable, SuccessCriteriaTable, SuccessRatingsTable } from './schema/projects.js';
import type { PersonPerspectivesTable, ProfileHeadingsTable, ProfileAnswersTable, StrengthsTable, StrengthLabelsTable, AppreciationsTable, PersonPicturesTable, DirectoryVersionsTable } from './schema/people.js';
import type { MeetingsTable, MeetingRepliesTable, OpportunityCardsTable, AgendaItemsTable, GratitudeEntriesTable, KeeperPreferencesTable, ProposalsTable, ProposalResponsesTable, MeetingNotesTable, MeetingActionsTable, CalendarFeedsTable } from './schema/meetings.js';
import type { MailOutboxTable } from './schema/mail.js';
import type { ReviewsTable, ReviewResponsesTable, ReviewAnswersTable, ReviewNotesTable, ReviewActionsTable, ReviewActionNotesTable, ReviewRoundsTable, ReviewRoundMembersTable, JobsTable, LadderReflectionsTable, LadderEntriesTable, LearningAnswersTable } from './schema/reviews.js';

export interface Database {
  organisations: OrganisationsTable;
  crisis_lines: CrisisLinesTable;
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
  directory_versions: DirectoryVersionsTable;
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
  review_rounds: ReviewRoundsTable;
  review_round_members: ReviewRoundMembersTable;
  jobs: JobsTable;
  ladder_reflections: LadderReflectionsTable;
  ladder_entries: LadderEntriesTable;
  learning_answers: LearningAnswersTable;
  mail_outbox: MailOutboxTable;
}
