/** Schema types: reviews. Keep in step with src/db/migrations. Composed into `Database` in ../database.ts. */
import type { Generated } from 'kysely';
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

/** A published round of a review's combined results (migration 2026-12-03-040, ADR 0014). */
export interface ReviewRoundsTable {
  id: string;
  organisation_id: string;
  review_id: string;
  number: number;
  reason: 'published' | 'closed';
  respondents: number;
  groups_shown: number;
  /** JSON: the snapshot of totals the round shows (reviews.rounds.ts `Snapshot`). */
  totals: string;
  published_by: string | null;
  published_at: string;
}

/** Which sent response a round counted, at which revision, in which perspective cell. */
export interface ReviewRoundMembersTable {
  organisation_id: string;
  round_id: string;
  response_id: string;
  revision: string;
  cell: 'lived_experience' | 'professional_staff' | 'both' | 'neither';
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
