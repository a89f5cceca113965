import type { MailMessage, Mailer } from '../../src/shared/mailer.js';

export interface CapturingMailer extends Mailer {
  readonly sent: MailMessage[];
  /** The first link to our own site in the last email to this address. */
  linkTo(email: string): Promise<string>;
}

/** A mailer that keeps what it sends, for service and integration tests (browser tests use a real SMTP server). */
export function createCapturingMailer(): CapturingMailer {
  const sent: MailMessage[] = [];
  const pending = new Set<Promise<void>>();
  const mailer: CapturingMailer = {
    sent,
    send(message) {
      sent.push(message);
      return Promise.resolve();
    },
    later(work) {
      const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(work)
        .finally(() => pending.delete(task));
      pending.add(task);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close() {},
    async linkTo(email) {
      await mailer.idle();
      const message = [...sent].reverse().find((m) => m.to === email);
      const link = message?.text.match(/https?:\/\/\S+/)?.[0];
      if (link === undefined) throw new Error(`no email with a link was sent to ${email}`);
      return link;
    },
  };
  return mailer;
}
