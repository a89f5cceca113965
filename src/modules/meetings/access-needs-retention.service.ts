import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { JobHandler, RecurringJob } from '../../shared/jobs.js';
import * as repo from './access-needs-retention.repository.js';

export const ACCESS_NEEDS_RETENTION_JOB = 'meeting_access_needs.delete';

const DAY_MS = 24 * 60 * 60_000;

/** Replies cleared per statement: keeps each write short, so a large backlog never holds a long lock. */
export const RETENTION_BATCH = 500;

export interface AccessNeedsRetentionDeps {
  readonly db: Kysely<Database>;
  readonly audit: AuditWriter;
  readonly batch?: number;
}

/** The moment before which a meeting must have ended for its replies' access needs to go. */
export function accessNeedsCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/**
 * Access needs given in meeting replies can say something about a person's health, so they are kept only as long as
 * the organisation chose (issue #11, item 4): once a meeting ended more than that many days ago, they are deleted.
 * Runs daily for every organisation through the jobs runner; running it again finds nothing to do.
 */
export function createAccessNeedsRetention({ db, audit, batch = RETENTION_BATCH }: AccessNeedsRetentionDeps) {
  async function deleteExpired(organisationId: string, now: Date): Promise<{ replies: number; meetings: number }> {
    const days = await repo.retentionDays(db, organisationId);
    if (days === undefined) return { replies: 0, meetings: 0 };
    const endedBefore = accessNeedsCutoff(now, days).toISOString();
    const meetings = new Set<string>();
    let replies = 0;
    for (;;) {
      const found = await repo.findExpiredAccessNeeds(db, organisationId, endedBefore, batch);
      if (found.length === 0) break;
      replies += await repo.clearAccessNeeds(db, organisationId, found.map((r) => r.id));
      for (const r of found) meetings.add(r.meetingId);
      if (found.length < batch) break;
    }
    if (replies > 0) {
      // Counts only: never whose needs, never what they said.
      await audit.record(db, {
        organisationId, actorAccountId: null, action: 'meeting.access_needs_deleted', subjectType: 'organisation', subjectId: organisationId,
        detail: { replies, meetings: meetings.size, days },
      });
    }
    return { replies, meetings: meetings.size };
  }

  const run: JobHandler = async ({ organisationId, now }) => {
    await deleteExpired(organisationId, now);
  };

  return {
    deleteExpired,
    jobHandlers: { [ACCESS_NEEDS_RETENTION_JOB]: run } as Readonly<Record<string, JobHandler>>,
    recurringJobs: [{ kind: ACCESS_NEEDS_RETENTION_JOB, everyMs: DAY_MS }] as readonly RecurringJob[],
  };
}
