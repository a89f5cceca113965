// Frozen: never edit a migration that has shipped; add a new one instead.
// The outbox for email (#11): mail is written here in the same transaction as the change that causes it, and the
// jobs runner sends it, retrying with back-off, so an SMTP server that is down loses nothing.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null for mail about an account rather than one organisation (sign-in links, password resets).
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // Mail that must go once however often it is queued (a reminder whose job ran twice); null for the rest.
    .addColumn('key', 'text', (c) => c.unique())
    // The invitation a message carries, so the people page can say whether it went; it goes with the invitation.
    .addColumn('invitation_id', 'text', (c) => c.references('auth_tokens.id').onDelete('cascade'))
    .addColumn('to_email', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // Emptied once the message has gone or been given up on, so the links in it do not linger.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    // A link that dies with its token is not worth sending after this (a sign-in link lasts minutes).
    .addColumn('send_before', 'text')
    .addColumn('lease_holder', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mail_outbox_due_idx').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('mail_outbox_invitation_idx').on('mail_outbox').column('invitation_id').execute();
  await db.schema.createIndex('mail_outbox_finished_idx').on('mail_outbox').column('finished_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
}
