/** Schema types: the email outbox. Keep in step with src/db/migrations. Composed into `Database` in ../database.ts. */
import type { Generated } from 'kysely';

export type MailStatus = 'pending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: string;
  organisation_id: string | null;
  kind: string;
  key: string | null;
  invitation_id: string | null;
  to_email: string;
  subject: string;
  body: string;
  status: MailStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  send_before: string | null;
  lease_holder: string | null;
  lease_until: string | null;
  last_error: string | null;
  finished_at: string | null;
  created_at: string;
}
