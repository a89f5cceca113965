/**
 * The outbox for email (#11): a message is written to `mail_outbox` in the same transaction as the change that
 * causes it (an invitation, a sign-in link, an update), so it exists exactly when the change does; it is sent
 * afterwards, by the jobs runner's pass and straight after the change by `wake`, and a failure is retried with
 * back-off instead of being lost.
 *
 * Sending claims each message with a conditional UPDATE and a lease, as the jobs runner claims jobs: only the instance
 * whose UPDATE changed the row sends it, and a message is marked sent by the instance holding the lease. The one
 * window left is a crash after the SMTP server accepted a message and before it was marked sent: the lease runs out
 * and the message goes again. Sending again beats losing an invitation.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { newId } from '../db/portable.js';
import type { Clock } from './clock.js';
import type { MailMessage, Mailer } from './mailer.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Every kind of mail the app sends. */
export type MailKind = 'invitation' | 'first_admin' | 'sign_in_link' | 'password_reset' | 'project_update' | 'meeting_notes' | 'action_reminder';

export interface QueuedMail extends MailMessage {
  readonly kind: MailKind;
  /** Null for mail about an account rather than one organisation (sign-in links, resets). */
  readonly organisationId: string | null;
  /** The invitation (an auth_tokens row) the message carries, so its delivery can be shown. */
  readonly invitationId?: string;
  /** Queue the message once, however often this is called with the same key. */
  readonly key?: string;
  /** Give up instead of sending after this time: the link in the message has stopped working. */
  readonly sendBefore?: Date;
}

/** Attempts before a message is given up on: with the delays below, about eight and a half hours of trying. */
export const MAIL_MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 4 * 60 * 60_000;
/** Sent and given-up messages (their bodies already emptied) are kept this long to answer "did the email go?". */
export const FINISHED_KEPT_DAYS = 30;

/** The wait after the nth failed attempt: 1, 2, 4, 8 ... minutes, never more than four hours. */
export function retryDelayMs(failedAttempts: number): number {
  const doublings = Math.max(0, failedAttempts - 1);
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(doublings, 30));
}

const CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
const COMMAND = /^[A-Z][A-Z ]{1,15}$/;

/**
 * What went wrong, in codes only ("ESOCKET ECONNREFUSED during CONN", "EENVELOPE 550 during RCPT TO"). A server's
 * reply and an error's message can hold the recipient's address or a password from SMTP_URL, so neither is kept.
 */
export function describeMailError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'failed';
  const { code, responseCode, command, message } = error as { code?: unknown; responseCode?: unknown; command?: unknown; message?: unknown };
  const parts: string[] = [];
  if (typeof code === 'string' && CODE.test(code)) parts.push(code);
  const cause = typeof message === 'string' ? /\b(E[A-Z]{3,20})\b/.exec(message)?.[1] : undefined;
  if (cause !== undefined && cause !== code) parts.push(cause);
  if (typeof responseCode === 'number' && Number.isInteger(responseCode)) parts.push(String(responseCode));
  if (typeof command === 'string' && COMMAND.test(command)) parts.push(`during ${command}`);
  return parts.length === 0 ? 'failed' : parts.join(' ');
}

/** A failure that concerns one message (a refused recipient, a malformed message), not the server. */
function aboutThisMessage(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === 'EENVELOPE' || code === 'EMESSAGE';
}

/** Write mail to the outbox, inside the caller's transaction. Returns how many messages were queued. */
export async function queueMail(db: Db, mail: QueuedMail | readonly QueuedMail[], now: Date): Promise<number> {
  const messages: readonly QueuedMail[] = Array.isArray(mail) ? mail : [mail as QueuedMail];
  if (messages.length === 0) return 0;
  const at = now.toISOString();
  const result = await db
    .insertInto('mail_outbox')
    .values(
      messages.map((m) => ({
        id: newId(),
        organisation_id: m.organisationId,
        kind: m.kind,
        key: m.key ?? null,
        invitation_id: m.invitationId ?? null,
        to_email: m.to,
        subject: m.subject,
        body: m.text,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: at,
        send_before: m.sendBefore?.toISOString() ?? null,
        lease_holder: null,
        lease_until: null,
        last_error: null,
        finished_at: null,
        created_at: at,
      })),
    )
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** Drop messages for an invitation that have not started going (the invitation was sent again, with a new link). */
export async function cancelInvitationMail(db: Db, invitationId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .deleteFrom('mail_outbox')
    .where('invitation_id', '=', invitationId)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
    .execute();
}

export interface OutboxOptions {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly mailer: Mailer;
  /** How long a claim lasts; longer than one SMTP conversation can take (the mailer's timeouts bound it). */
  readonly leaseMs?: number;
  /** Most messages one query takes; a pass takes batches until nothing is due. */
  readonly batch?: number;
  readonly instanceId?: string;
  /** Told of each failed attempt (the log); the error is also kept, as codes, on the message. */
  readonly onError?: (error: unknown, kind: string) => void;
}

export interface Outbox {
  /** Send every message that is due now, and forget long-finished ones; resolves with how many this pass sent. */
  sendDue(): Promise<number>;
  /**
   * Send what is due straight away, in the background (after the response), so a sign-in link arrives in seconds
   * rather than at the runner's next pass. Call after the transaction that queued the mail has committed.
   */
  wake(): void;
  readonly instanceId: string;
}

const MOST_BATCHES = 20;

export function createOutbox(options: OutboxOptions): Outbox {
  const { db, clock, mailer } = options;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const batch = options.batch ?? 50;
  const instanceId = options.instanceId ?? randomBytes(8).toString('hex');

  async function claim(id: string): Promise<boolean> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const result = await db
      .updateTable('mail_outbox')
      .set((eb) => ({ lease_holder: instanceId, lease_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Mark a claimed message finished; its body (links with tokens, others' words) goes at once. */
  async function finish(id: string, status: 'sent' | 'failed', lastError: string | null): Promise<boolean> {
    const result = await db
      .updateTable('mail_outbox')
      .set({ status, body: '', last_error: lastError, finished_at: clock.now().toISOString(), lease_holder: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_holder', '=', instanceId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async function retryLater(id: string, attempts: number, lastError: string): Promise<void> {
    await db
      .updateTable('mail_outbox')
      .set({ last_error: lastError, next_attempt_at: new Date(clock.now().getTime() + retryDelayMs(attempts)).toISOString(), lease_holder: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_holder', '=', instanceId)
      .execute();
  }

  async function sendBatch(): Promise<{ seen: number; sent: number; stop: boolean }> {
    const nowIso = clock.now().toISOString();
    const due = await db
      .selectFrom('mail_outbox')
      .select(['id', 'kind', 'to_email', 'subject', 'body', 'attempts', 'send_before'])
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(batch)
      .execute();
    let sent = 0;
    for (const message of due) {
      if (!(await claim(message.id))) continue; // another instance has it
      const attempts = message.attempts + 1;
      if (message.send_before !== null && message.send_before <= clock.now().toISOString()) {
        await finish(message.id, 'failed', 'EXPIRED before it could be sent');
        continue;
      }
      try {
        await mailer.send({ to: message.to_email, subject: message.subject, text: message.body });
      } catch (error) {
        options.onError?.(error, message.kind);
        const described = describeMailError(error);
        if (attempts >= MAIL_MAX_ATTEMPTS) await finish(message.id, 'failed', described);
        else await retryLater(message.id, attempts, described);
        // The server is down or refusing us: the rest wait for the next pass rather than each timing out now.
        if (!aboutThisMessage(error)) return { seen: due.length, sent, stop: true };
        continue;
      }
      if (await finish(message.id, 'sent', null)) sent += 1;
      else options.onError?.(new Error('the lease on an email ran out while it was being sent'), message.kind);
    }
    return { seen: due.length, sent, stop: false };
  }

  async function sendDue(): Promise<number> {
    const cutoff = new Date(clock.now().getTime() - FINISHED_KEPT_DAYS * 86_400_000).toISOString();
    await db.deleteFrom('mail_outbox').where('finished_at', '<', cutoff).execute();
    let sent = 0;
    for (let round = 0; round < MOST_BATCHES; round += 1) {
      const pass = await sendBatch();
      sent += pass.sent;
      if (pass.stop || pass.seen < batch) break;
    }
    return sent;
  }

  let running = false;
  let again = false;
  /** Whether a wake came during the pass just done (and forget it). */
  const wokenMeanwhile = (): boolean => {
    const woken = again;
    again = false;
    return woken;
  };
  return {
    instanceId,
    sendDue,
    wake() {
      // One background pass at a time in this instance; a wake during a pass asks for one more pass after it.
      if (running) {
        again = true;
        return;
      }
      running = true;
      mailer.later(async () => {
        try {
          do {
            await sendDue();
          } while (wokenMeanwhile());
        } finally {
          running = false;
        }
      });
    },
  };
}
