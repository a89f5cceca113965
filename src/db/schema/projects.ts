/** Schema types: projects. Keep in step with src/db/migrations. Composed into `Database` in ../database.ts. */
// Co-production projects (src/modules/projects, migrations 2026-11-22-003-projects and 2026-11-22-008-projects-speed).
import type { Generated } from 'kysely';

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
  /** Raised by the database whenever what the circle page lists changes (migration 2026-11-22-008). */
  circle_version: Generated<number>;
  /** Random, written by the database with every rise of circle_version (migration 2026-12-03-011). */
  circle_stamp: Generated<string>;
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
