import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedEmail {
  readonly to: readonly string[];
  readonly raw: string;
  /** The message with quoted-printable soft breaks and escapes undone, good enough to find links in. */
  readonly text: string;
}

/**
 * A real SMTP server in this process, for SMTP_URL, keeping what it receives. Give the port of one that was closed to
 * bring "the same" server back up (the outbox tests take SMTP down and up again).
 */
export async function startMailbox(port = 0): Promise<{ url: string; port: number; received: ReceivedEmail[]; close(): Promise<void> }> {
  const received: ReceivedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, text });
        callback();
      });
    },
  });
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  const listening = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${listening}`,
    port: listening,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
