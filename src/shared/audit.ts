import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { newId } from '../db/portable.js';
import type { Clock } from './clock.js';

export interface AuditEntry {
  readonly organisationId: string | null;
  readonly actorAccountId: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: string | null;
  /** Never form bodies or health details: ids, names of fields changed, old and new permissions. */
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface AuditWriter {
  record(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry): Promise<void>;
}

/** The append-only audit log (the database refuses updates and deletes on audit_events). */
export function createAuditWriter(clock: Clock): AuditWriter {
  return {
    async record(db, entry) {
      await db
        .insertInto('audit_events')
        .values({
          id: newId(),
          organisation_id: entry.organisationId,
          actor_account_id: entry.actorAccountId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: entry.subjectId,
          detail: JSON.stringify(entry.detail ?? {}),
          created_at: clock.now().toISOString(),
        })
        .execute();
    },
  };
}
