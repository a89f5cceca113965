import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import { translatorFor, isLanguage, DEFAULT_LANGUAGE } from '../../shared/i18n.js';
import { cancelJob, scheduleJob, type JobHandler } from '../../shared/jobs.js';
import { queueMail, type Outbox } from '../../shared/outbox.js';
import { forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import * as repo from './actions.repository.js';
import { canReview, canUpdateAction, type ReviewResource } from './reviews.permissions.js';
import { findReview } from './reviews.repository.js';
import { DUE_SOON_DAYS, REMINDER_DAYS_BEFORE, type ActionStatus, type PrincipleKey } from './reviews.registry.js';

export interface ActionsServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
  readonly outbox: Outbox;
  readonly baseUrl: string;
}

export interface ActionInput {
  readonly principle: PrincipleKey;
  readonly what: string;
  readonly ownerId: string;
  readonly dueOn: string;
  readonly howKnow: string;
}

export const REMINDER_JOB = 'review_action_reminder';
const DAY_MS = 24 * 60 * 60_000;

/** The job's key: one reminder per action and due date, however many times it is scheduled. */
export function reminderKey(actionId: string, dueOn: string): string {
  return `${REMINDER_JOB}:${actionId}:${dueOn}`;
}

/** Reminders go at 08:00 UTC, REMINDER_DAYS_BEFORE days before the due date (or straight away if that has passed). */
export function reminderTime(dueOn: string, now: Date): Date {
  const at = new Date(Date.parse(`${dueOn}T08:00:00.000Z`) - REMINDER_DAYS_BEFORE * DAY_MS);
  return at.getTime() < now.getTime() ? now : at;
}

function resourceOf(action: repo.ActionWithReview): { ownerPersonId: string | null; review: ReviewResource } {
  return {
    ownerPersonId: action.ownerPersonId,
    review: { subjectKind: action.subjectKind, mode: action.reviewMode, status: action.reviewStatus, ownerPersonId: action.reviewOwnerId },
  };
}

export function createActionsService({ db, clock, audit, outbox, baseUrl }: ActionsServiceDeps) {
  const now = () => clock.now().toISOString();
  const today = () => now().slice(0, 10);

  async function plannable(actor: Actor, reviewId: string) {
    const review = await findReview(db, actor.organisationId, reviewId);
    if (review === undefined || !canReview(actor, 'view', review)) return notFound<NonNullable<typeof review>>();
    if (!canReview(actor, 'plan', review)) return forbidden<NonNullable<typeof review>>();
    return ok(review);
  }

  /** Queues the reminder in the outbox, keyed by the job's key, so a job that runs twice still sends it once. */
  const sendReminder: JobHandler = async ({ organisationId, payload }) => {
    const actionId = typeof payload['actionId'] === 'string' ? payload['actionId'] : '';
    if (actionId === '') return;
    const row = await repo.reminderRecipient(db, organisationId, actionId);
    // Done, moved or nobody to tell: nothing to send.
    if (row === undefined || row.status === 'done' || row.dueOn !== payload['dueOn']) return;
    const language = isLanguage(row.language) ? row.language : isLanguage(row.organisationLanguage) ? row.organisationLanguage : DEFAULT_LANGUAGE;
    const t = translatorFor(language);
    await queueMail(db, {
      kind: 'action_reminder', organisationId, key: reminderKey(row.id, row.dueOn),
      to: row.email,
      subject: t('reviews.reminder.subject', { organisation: row.organisationName }),
      text: t('reviews.reminder.body', {
        name: row.name,
        what: row.what,
        due: row.dueOn,
        principle: t(`reviews.principles.${row.principle}.name`),
        url: `${baseUrl}/reviews/actions/${row.id}`,
      }),
    }, clock.now());
    outbox.wake();
  };

  return {
    /** The job handlers this service owns (the runner in server.ts calls them). */
    jobHandlers: { [REMINDER_JOB]: sendReminder } as Readonly<Record<string, JobHandler>>,

    async formPage(actor: Actor, reviewId: string) {
      const review = await plannable(actor, reviewId);
      if (!review.ok) return review;
      return ok({ review: review.value, people: review.value.subjectKind === 'practice' ? [{ id: actor.personId, name: actor.displayName }] : await repo.listPeople(db, actor.organisationId) });
    },

    async add(actor: Actor, reviewId: string, input: ActionInput): Promise<Result<string>> {
      const review = await plannable(actor, reviewId);
      if (!review.ok) return review;
      const owner = await repo.findPerson(db, actor.organisationId, input.ownerId);
      if (owner === undefined || (review.value.subjectKind === 'practice' && owner.id !== actor.personId)) return invalid({ ownerId: 'errors.reviews.owner_required' });
      if (input.dueOn < today()) return invalid({ dueOn: 'errors.reviews.due.in_past' });
      const id = await db.transaction().execute(async (trx) => {
        const actionId = await repo.insertAction(trx, actor.organisationId, { ...input, reviewId, ownerPersonId: owner.id, createdBy: actor.personId, now: now() });
        await scheduleJob(trx, { kind: REMINDER_JOB, key: reminderKey(actionId, input.dueOn), runAt: reminderTime(input.dueOn, clock.now()), organisationId: actor.organisationId, payload: { actionId, dueOn: input.dueOn } }, clock.now());
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'review_action.added', subjectType: 'review_action', subjectId: actionId, detail: { principle: input.principle } });
        return actionId;
      });
      return ok(id);
    },

    /** Whether the actor may record progress on the action (false too when they may not see it, or it is not there). */
    async mayUpdate(actor: Actor, actionId: string): Promise<boolean> {
      const action = await repo.findAction(db, actor.organisationId, actionId);
      return action !== undefined && canReview(actor, 'view', resourceOf(action).review) && canUpdateAction(actor, resourceOf(action));
    },

    async page(actor: Actor, actionId: string) {
      const action = await repo.findAction(db, actor.organisationId, actionId);
      if (action === undefined || !canReview(actor, 'view', resourceOf(action).review)) return notFound();
      const notes = await repo.notesOf(db, actor.organisationId, action.id);
      return ok({ action, notes, mayUpdate: canUpdateAction(actor, resourceOf(action)) });
    },

    async updateProgress(actor: Actor, actionId: string, input: { status: ActionStatus; note: string | null }): Promise<Result<null>> {
      const action = await repo.findAction(db, actor.organisationId, actionId);
      if (action === undefined || !canReview(actor, 'view', resourceOf(action).review)) return notFound();
      if (!canUpdateAction(actor, resourceOf(action))) return forbidden();
      await db.transaction().execute(async (trx) => {
        await repo.updateStatus(trx, actor.organisationId, action.id, input.status, now());
        if (input.note !== null || input.status !== action.status) {
          await repo.insertNote(trx, actor.organisationId, { actionId: action.id, body: input.note ?? '', status: input.status, authorId: actor.personId, now: now() });
        }
        if (input.status === 'done') await cancelJob(trx, reminderKey(action.id, action.dueOn));
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'review_action.progress', subjectType: 'review_action', subjectId: action.id, detail: { status: input.status } });
      });
      return ok(null);
    },

    /** Due soon and overdue: open actions due within DUE_SOON_DAYS, oldest first, split at today. */
    async due(actor: Actor) {
      const until = new Date(clock.now().getTime() + DUE_SOON_DAYS * DAY_MS).toISOString().slice(0, 10);
      const rows = await repo.dueActions(db, actor.organisationId, actor.personId, until, 200);
      return ok({ overdue: rows.filter((r) => r.dueOn < today()), soon: rows.filter((r) => r.dueOn >= today()), today: today() });
    },

    async ownedBy(actor: Actor, limit = 100) {
      return repo.actionsOwnedBy(db, actor.organisationId, actor.personId, limit);
    },
  };
}

export type ActionsService = ReturnType<typeof createActionsService>;
