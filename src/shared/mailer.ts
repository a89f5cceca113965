import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface MailLogger {
  info(object: Record<string, unknown>, message: string): void;
  error(object: Record<string, unknown>, message: string): void;
}

export interface Mailer {
  /** Send now and wait for the SMTP server to accept the message. */
  send(message: MailMessage): Promise<void>;
  /**
   * Run work after the response has gone (so the time taken never reveals whether an account exists).
   * Failures are logged, never shown.
   */
  later(work: () => Promise<void>): void;
  /** Resolves when all background work has finished (tests and graceful shutdown use it). */
  idle(): Promise<void>;
  close(): void;
}

export interface MailerOptions {
  readonly smtpUrl: string | undefined;
  readonly from: string;
  readonly logger: MailLogger;
  /** Without SMTP, write mail to the log (development and tests only). */
  readonly allowLogTransport: boolean;
}

export function createMailer(options: MailerOptions): Mailer {
  const { smtpUrl, from, logger } = options;
  let transport: Transporter | undefined;
  if (smtpUrl !== undefined) {
    // Bounded waits: the outbox leases a message for five minutes while it is sent (src/shared/outbox.ts), and an
    // SMTP conversation must end well inside that, or another instance could send the message again.
    transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
  } else if (!options.allowLogTransport) {
    throw new Error('SMTP_URL is required to send email in production.');
  }
  const pending = new Set<Promise<void>>();

  return {
    async send(message) {
      if (transport === undefined) {
        // Development only: the link is in the log so a developer can follow it.
        logger.info({ mail: { to: message.to, subject: message.subject, text: message.text } }, 'Email (not sent: SMTP_URL is not set)');
        return;
      }
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    later(work) {
      const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .catch((error: unknown) => {
          logger.error({ err: error }, 'Background work failed');
        })
        .finally(() => pending.delete(task));
      pending.add(task);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close() {
      transport?.close();
    },
  };
}
