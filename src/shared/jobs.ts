/**
 * Scheduled work that survives restarts and runs once, even with several app instances on one database.
 *
 * - `scheduleJob` inserts a row with a unique `key` (for example `review_action_reminder:<action id>:<due date>`);
 *   scheduling the same key again does nothing, so a job is created once.
 * - `createJobRunner(...).runDue()` finds due rows and claims each with a conditional UPDATE (no one holds a lease,
 *   or the lease has run out). Only the instance whose UPDATE changed the row runs it; a crashed instance's lease
 *   expires and another picks the job up. Failures are retried with a growing delay, up to MAX_ATTEMPTS.
 * - Recurring work (for example deleting meeting access needs once they are old enough) is declared as a
 *   `RecurringJob`: at the start of each period the runner schedules one job per organisation, keyed by kind,
 *   organisation and period, so however many instances poll, each organisation's run happens once a period.
 * - Each pass then sends the email that is due from the outbox (src/shared/outbox.ts), which claims its messages the
 *   same way and retries them with exponential back-off.
 * - server.ts calls runDue every minute; tests call it directly with a fixed clock.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { fromJson, newId, toJson } from '../db/portable.js';
import type { Clock } from './clock.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface JobSpec {
  readonly kind: string;
  readonly key: string;
  readonly runAt: Date;
  /** Every job belongs to an organisation (tenant rule: jobs are filtered and distributed by it like all data). */
  readonly organisationId: string;
  readonly payload: Readonly<Record<string, string | number | boolean | null>>;
}

/** Create a job unless one with the same key exists. Returns true when this call created it. */
export async function scheduleJob(db: Db, job: JobSpec, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('jobs')
    .values({
      id: newId(),
      organisation_id: job.organisationId,
      kind: job.kind,
      key: job.key,
      payload: toJson(job.payload),
      run_at: job.runAt.toISOString(),
      claimed_by: null,
      lease_until: null,
      last_error: null,
      done_at: null,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Drop a job that has not run (for example an action's due date moved). */
export async function cancelJob(db: Db, key: string): Promise<void> {
  await db.deleteFrom('jobs').where('key', '=', key).where('done_at', 'is', null).execute();
}

export interface JobContext {
  readonly organisationId: string;
  readonly payload: Record<string, unknown>;
  readonly now: Date;
}

export type JobHandler = (context: JobContext) => Promise<void>;

/** Work done for every organisation once a period (its handler is found by kind like any other job's). */
export interface RecurringJob {
  readonly kind: string;
  /** The length of a period in milliseconds; periods start at whole multiples of it since 1970 (UTC). */
  readonly everyMs: number;
}

/** The key of one organisation's run of a recurring job in one period: the same key from every instance. */
export function recurringKey(kind: string, organisationId: string, periodStart: Date): string {
  return `${kind}:${organisationId}:${periodStart.toISOString()}`;
}

/** Schedule this period's run of a recurring job for every organisation (nothing for those already scheduled). */
export async function scheduleRecurring(db: Db, job: RecurringJob, now: Date): Promise<number> {
  const periodStart = new Date(Math.floor(now.getTime() / job.everyMs) * job.everyMs);
  const organisations = await db.selectFrom('organisations').select('id').orderBy('id').execute();
  let created = 0;
  for (const { id } of organisations) {
    if (await scheduleJob(db, { kind: job.kind, key: recurringKey(job.kind, id, periodStart), runAt: periodStart, organisationId: id, payload: {} }, now)) created += 1;
  }
  return created;
}

export interface JobRunnerOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly handlers: Readonly<Record<string, JobHandler>>;
  /** Work to schedule for every organisation each period. */
  readonly recurring?: readonly RecurringJob[];
  /** How long a claim lasts before another instance may take the job over. */
  readonly leaseMs?: number;
  /** Most jobs one pass takes. */
  readonly batch?: number;
  readonly instanceId?: string;
  readonly onError?: (error: unknown, kind: string) => void;
  /** The email outbox, sent after the jobs of each pass (a job may have queued mail). */
  readonly outbox?: { sendDue(): Promise<number> };
}

export const MAX_ATTEMPTS = 5;

export interface JobRunner {
  /** Run every job that is due now; resolves with how many this instance ran successfully. */
  runDue(): Promise<number>;
  readonly instanceId: string;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, clock, handlers } = options;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const batch = options.batch ?? 50;
  const instanceId = options.instanceId ?? randomBytes(8).toString('hex');
  const recurring = options.recurring ?? [];
  // The period each recurring kind was last scheduled for by this instance: one look at the organisations a period.
  const scheduledPeriod = new Map<string, number>();

  async function scheduleDueRecurring(now: Date): Promise<void> {
    for (const job of recurring) {
      const period = Math.floor(now.getTime() / job.everyMs);
      if (scheduledPeriod.get(job.kind) === period) continue;
      await scheduleRecurring(db, job, now);
      scheduledPeriod.set(job.kind, period);
    }
  }

  async function claim(id: string, now: Date): Promise<boolean> {
    const nowIso = now.toISOString();
    const result = await db
      .updateTable('jobs')
      .set((eb) => ({ claimed_by: instanceId, lease_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('done_at', 'is', null)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  return {
    instanceId,
    async runDue() {
      const now = clock.now();
      const nowIso = now.toISOString();
      await scheduleDueRecurring(now);
      const due = await db
        .selectFrom('jobs')
        .select(['id', 'kind', 'organisation_id', 'payload', 'attempts'])
        .where('done_at', 'is', null)
        .where('run_at', '<=', nowIso)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
        .orderBy('run_at')
        .limit(batch)
        .execute();
      let ran = 0;
      for (const job of due) {
        if (!(await claim(job.id, now))) continue; // another instance has it
        const handler = handlers[job.kind];
        try {
          if (handler === undefined) throw new Error(`no handler for job kind ${job.kind}`);
          await handler({ organisationId: job.organisation_id, payload: (fromJson(job.payload) ?? {}) as Record<string, unknown>, now });
          await db.updateTable('jobs').set({ done_at: clock.now().toISOString(), last_error: null }).where('id', '=', job.id).where('claimed_by', '=', instanceId).execute();
          ran += 1;
        } catch (error) {
          options.onError?.(error, job.kind);
          const attempts = job.attempts + 1;
          const message = error instanceof Error ? error.message.slice(0, 500) : 'failed';
          const giveUp = attempts >= MAX_ATTEMPTS;
          // Retry later: the lease becomes the back-off (1, 4, 9, 16 minutes).
          await db
            .updateTable('jobs')
            .set({
              last_error: message,
              claimed_by: null,
              lease_until: new Date(now.getTime() + attempts * attempts * 60_000).toISOString(),
              ...(giveUp ? { done_at: clock.now().toISOString() } : {}),
            })
            .where('id', '=', job.id)
            .execute();
        }
      }
      await options.outbox?.sendDue();
      return ran;
    },
  };
}
