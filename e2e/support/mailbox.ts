import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Email {
  /** Envelope recipients, lower case. */
  readonly to: readonly string[];
  readonly subject: string;
  /** The decoded text body. */
  readonly text: string;
}

export interface Mailbox {
  /** For SMTP_URL. Plain SMTP on 127.0.0.1; `ignoreTLS` stops nodemailer trying STARTTLS. */
  readonly url: string;
  readonly received: readonly Email[];
  /**
   * The next email to this address that no test has read yet, waiting for it to arrive (the app sends after it
   * has answered, so the page can come back before the email does).
   */
  next(to: string, timeoutMs?: number): Promise<Email>;
  /** Stop the SMTP server, as when it is down: the app's connections are refused. */
  down(): Promise<void>;
  /** Start it again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** The first link in an email that goes to our own app. */
export function linkIn(email: Email, baseUrl: string): string {
  const link = (email.text.match(/https?:\/\/\S+/g) ?? []).find((url) => url.startsWith(`${baseUrl}/`));
  if (link === undefined) throw new Error(`no link to ${baseUrl} in the email "${email.subject}":\n${email.text}`);
  return link;
}

/**
 * A real SMTP server, in this process, that keeps what it receives. It advertises STARTTLS (as most servers do),
 * so the journeys also prove that the SMTP_URL option `ignoreTLS=true` reaches nodemailer.
 */
export async function startMailbox(): Promise<Mailbox> {
  const received: Email[] = [];
  const read = new Set<Email>();
  const arrivals = new EventEmitter();
  const listen = async (at: number) => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          received.push(parseMessage(Buffer.concat(chunks).toString('utf8'), to));
          arrivals.emit('mail');
          callback();
        });
      },
    });
    smtp.listen(at, '127.0.0.1');
    await once(smtp.server, 'listening');
    return smtp;
  };
  let server: SMTPServer | undefined = await listen(0);
  const { port } = server.server.address() as AddressInfo;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (server === undefined) resolve();
      else server.close(() => resolve());
      server = undefined;
    });

  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    async next(address, timeoutMs = 10_000) {
      const wanted = address.toLowerCase();
      const unread = () => received.find((email) => !read.has(email) && email.to.includes(wanted));
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const email = unread();
        if (email !== undefined) {
          read.add(email);
          return email;
        }
        const left = deadline - Date.now();
        if (left <= 0) {
          const others = received.map((e) => `${e.to.join(', ')}: ${e.subject}`).join('\n  ') || '(none)';
          throw new Error(`no email arrived for ${address} within ${timeoutMs} ms. Received:\n  ${others}`);
        }
        await Promise.race([once(arrivals, 'mail'), new Promise((resolve) => setTimeout(resolve, Math.min(left, 250)))]);
      }
    },
    down: stop,
    async up() {
      server ??= await listen(port);
    },
    close: stop,
  };
}

function parseMessage(raw: string, to: string[]): Email {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const contentType = headers.get('content-type') ?? 'text/plain';
  if (!contentType.toLowerCase().startsWith('text/plain')) {
    throw new Error(`expected a plain-text email, got ${contentType}`);
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  return { to, subject: decodeWords(headers.get('subject') ?? ''), text: decodeBody(body, encoding) };
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body.replace(/\r\n/g, '\n');
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '').replace(/\r\n/g, '\n');
  for (let i = 0; i < soft.length; i += 1) {
    const char = soft[i] ?? '';
    const hex = soft.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words, as nodemailer writes subjects that are not plain ASCII. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
