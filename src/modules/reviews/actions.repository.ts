import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { newId } from '../../db/portable.js';
import type { ActionStatus, SubjectKind } from './reviews.registry.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ActionRow {
  readonly id: string;
  readonly reviewId: string;
  readonly principle: string;
  readonly what: string;
  readonly ownerPersonId: string | null;
  readonly ownerName: string | null;
  readonly dueOn: string;
  readonly howKnow: string;
  readonly status: ActionStatus;
  readonly updatedAt: string;
}

export interface ActionWithReview extends ActionRow {
  readonly subjectKind: SubjectKind;
  readonly subjectLabel: string | null;
  readonly projectTitle: string | null;
  readonly reviewOwnerId: string | null;
  readonly reviewMode: 'individual' | 'group';
  readonly reviewStatus: 'open' | 'closed';
}

function actionQuery(db: Db, organisationId: string) {
  return db
    .selectFrom('review_actions')
    .leftJoin('people', (join) => join.onRef('people.id', '=', 'review_actions.owner_person_id').on('people.organisation_id', '=', organisationId))
    .select([
      'review_actions.id', 'review_actions.review_id as reviewId', 'review_actions.principle', 'review_actions.what',
      'review_actions.owner_person_id as ownerPersonId', 'people.display_name as ownerName', 'review_actions.due_on as dueOn',
      'review_actions.how_know as howKnow', 'review_actions.status', 'review_actions.updated_at as updatedAt',
    ])
    .where('review_actions.organisation_id', '=', organisationId);
}

function withReview(db: Db, organisationId: string) {
  return actionQuery(db, organisationId)
    .innerJoin('reviews', (join) => join.onRef('reviews.id', '=', 'review_actions.review_id').on('reviews.organisation_id', '=', organisationId))
    .leftJoin('projects', (join) => join.onRef('projects.id', '=', 'reviews.project_id').on('projects.organisation_id', '=', organisationId))
    .select([
      'reviews.subject_kind as subjectKind', 'reviews.subject_label as subjectLabel', 'projects.title as projectTitle',
      'reviews.owner_person_id as reviewOwnerId', 'reviews.mode as reviewMode', 'reviews.status as reviewStatus',
    ]);
}

export async function actionsOf(db: Db, organisationId: string, reviewIds: readonly string[]): Promise<ActionRow[]> {
  if (reviewIds.length === 0) return [];
  return actionQuery(db, organisationId).where('review_actions.review_id', 'in', reviewIds).orderBy('review_actions.due_on').orderBy('review_actions.id').execute();
}

export async function findAction(db: Db, organisationId: string, id: string): Promise<ActionWithReview | undefined> {
  return withReview(db, organisationId).where('review_actions.id', '=', id).executeTakeFirst();
}

/** Open actions due on or before `until`, that this person may see (shared reviews, or their own practice). */
export async function dueActions(db: Db, organisationId: string, personId: string, until: string, limit: number): Promise<ActionWithReview[]> {
  return withReview(db, organisationId)
    .where('review_actions.status', '!=', 'done')
    .where('review_actions.due_on', '<=', until)
    .where((eb) => eb.or([eb('reviews.subject_kind', '!=', 'practice'), eb('reviews.owner_person_id', '=', personId)]))
    .orderBy('review_actions.due_on')
    .orderBy('review_actions.id')
    .limit(limit)
    .execute();
}

export async function actionsOwnedBy(db: Db, organisationId: string, personId: string, limit: number): Promise<ActionWithReview[]> {
  return withReview(db, organisationId)
    .where('review_actions.owner_person_id', '=', personId)
    .orderBy('review_actions.due_on')
    .orderBy('review_actions.id')
    .limit(limit)
    .execute();
}

export async function insertAction(
  db: Db,
  organisationId: string,
  input: { reviewId: string; principle: string; what: string; ownerPersonId: string; dueOn: string; howKnow: string; createdBy: string; now: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('review_actions')
    .values({
      id, organisation_id: organisationId, review_id: input.reviewId, principle: input.principle, what: input.what,
      owner_person_id: input.ownerPersonId, due_on: input.dueOn, how_know: input.howKnow, status: 'not_started',
      created_by: input.createdBy, created_at: input.now, updated_at: input.now,
    })
    .execute();
  return id;
}

export async function updateStatus(db: Db, organisationId: string, id: string, status: ActionStatus, now: string): Promise<void> {
  await db.updateTable('review_actions').set({ status, updated_at: now }).where('organisation_id', '=', organisationId).where('id', '=', id).execute();
}

export async function insertNote(db: Db, organisationId: string, input: { actionId: string; body: string; status: ActionStatus; authorId: string; now: string }): Promise<void> {
  await db
    .insertInto('review_action_notes')
    .values({ id: newId(), organisation_id: organisationId, action_id: input.actionId, body: input.body, status: input.status, author_id: input.authorId, created_at: input.now })
    .execute();
}

export async function notesOf(db: Db, organisationId: string, actionId: string): Promise<{ body: string; status: string; authorName: string | null; createdAt: string }[]> {
  return db
    .selectFrom('review_action_notes')
    .leftJoin('people', (join) => join.onRef('people.id', '=', 'review_action_notes.author_id').on('people.organisation_id', '=', organisationId))
    .select(['review_action_notes.body', 'review_action_notes.status', 'people.display_name as authorName', 'review_action_notes.created_at as createdAt'])
    .where('review_action_notes.organisation_id', '=', organisationId)
    .where('review_action_notes.action_id', '=', actionId)
    .orderBy('review_action_notes.created_at', 'desc')
    .execute();
}

/** People who can be named as owning an action. */
export async function listPeople(db: Db, organisationId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('people')
    .select(['id', 'display_name as name'])
    .where('organisation_id', '=', organisationId)
    .where('archived_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

export async function findPerson(db: Db, organisationId: string, id: string): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('people')
    .select(['id', 'display_name as name'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
}

/** Where to send an action's reminder: the owner's email and language, and the organisation's language. */
export async function reminderRecipient(db: Db, organisationId: string, actionId: string) {
  return db
    .selectFrom('review_actions')
    .innerJoin('people', (join) => join.onRef('people.id', '=', 'review_actions.owner_person_id').on('people.organisation_id', '=', organisationId))
    .innerJoin('accounts', 'accounts.id', 'people.account_id')
    .innerJoin('organisations', 'organisations.id', 'review_actions.organisation_id')
    .select([
      'review_actions.id', 'review_actions.what', 'review_actions.due_on as dueOn', 'review_actions.status', 'review_actions.principle',
      'people.display_name as name', 'accounts.email', 'accounts.language', 'organisations.default_language as organisationLanguage',
      'organisations.short_name as organisationName',
    ])
    .where('review_actions.organisation_id', '=', organisationId)
    .where('review_actions.id', '=', actionId)
    .where('people.archived_at', 'is', null)
    .executeTakeFirst();
}
