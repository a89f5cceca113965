import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../test/helpers/db.js';
import { makeOrganisation } from '../../test/helpers/factories.js';
import { createCapturingMailer, type CapturingMailer } from '../../test/helpers/mailer.js';
import { fixedClock } from './clock.js';
import type { MailMessage, Mailer } from './mailer.js';
import { createOutbox, describeMailError, FINISHED_KEPT_DAYS, MAIL_MAX_ATTEMPTS, queueMail, retryDelayMs, type QueuedMail } from './outbox.js';

const MINUTE = 60_000;

/** An SMTP failure as nodemailer reports it when nothing listens on the port. */
function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET', command: 'CONN' });
}

/** A capturing mailer that can be switched off, counting every attempt. */
function switchableMailer(): CapturingMailer & { down: boolean; attempts: number } {
  const inner = createCapturingMailer();
  const mailer = Object.assign(inner, { down: false, attempts: 0 });
  const send = inner.send.bind(inner);
  mailer.send = async (message: MailMessage) => {
    mailer.attempts += 1;
    if (mailer.down) throw refused();
    await send(message);
  };
  return mailer;
}

describe('retryDelayMs', () => {
  it('doubles from one minute and never waits more than four hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => retryDelayMs(n) / MINUTE)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 240, 240]);
    expect(retryDelayMs(1000)).toBe(240 * MINUTE);
  });
});

describe('describeMailError', () => {
  it('keeps codes, never the message, an address or a password', () => {
    expect(describeMailError(refused())).toBe('ESOCKET ECONNREFUSED during CONN');
    const rejected = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <ada@example.org>: no such user"), {
      code: 'EENVELOPE',
      responseCode: 550,
      command: 'RCPT TO',
      response: '550 5.1.1 <ada@example.org>: no such user',
    });
    expect(describeMailError(rejected)).toBe('EENVELOPE 550 during RCPT TO');
    expect(describeMailError(new Error('Invalid login for smtp://ada:hunter2@mail.example'))).toBe('failed');
    expect(describeMailError({ code: 'smtp://ada:hunter2@x' })).toBe('failed');
    expect(describeMailError('nope')).toBe('failed');
  });
});

describe.each(testDialects())('the email outbox (%s)', (dialect) => {
  let db: TestDb;
  let mailer: ReturnType<typeof switchableMailer>;
  let organisationId: string;
  const clock = fixedClock(new Date('2027-03-01T09:00:00.000Z'));

  const message = (n: number, extra: Partial<QueuedMail> = {}): QueuedMail => ({
    kind: 'project_update',
    organisationId,
    to: `person-${String(n)}@test.example`,
    subject: `Update ${String(n)}`,
    text: `Read it at https://dw.example/secret-token-${String(n)}`,
    ...extra,
  });
  const rows = () => db.kysely.selectFrom('mail_outbox').selectAll().orderBy('to_email').execute();

  beforeEach(async () => {
    clock.set(new Date('2027-03-01T09:00:00.000Z'));
    db = await createTestDb(dialect);
    mailer = switchableMailer();
    organisationId = await makeOrganisation(db.kysely);
  });
  afterEach(async () => {
    await mailer.idle();
    await db.destroy();
  });

  it('sends a queued message once, then empties its body so the link in it does not linger', async () => {
    const outbox = createOutbox({ db: db.kysely, clock, mailer });
    await queueMail(db.kysely, message(1), clock.now());
    expect(await outbox.sendDue()).toBe(1);
    expect(mailer.sent).toEqual([{ to: 'person-1@test.example', subject: 'Update 1', text: 'Read it at https://dw.example/secret-token-1' }]);
    expect(await rows()).toMatchObject([{ status: 'sent', body: '', attempts: 1, last_error: null, finished_at: clock.now().toISOString(), lease_holder: null }]);
    expect(await outbox.sendDue()).toBe(0);
    expect(mailer.attempts).toBe(1);
  });

  it('queues a keyed message once however often it is queued', async () => {
    expect(await queueMail(db.kysely, message(1, { key: 'reminder:x' }), clock.now())).toBe(1);
    expect(await queueMail(db.kysely, message(1, { key: 'reminder:x' }), clock.now())).toBe(0);
    expect(await rows()).toHaveLength(1);
  });

  it('backs off 1, 2, 4 ... minutes while SMTP is down, then gives up with the last error and no body', async () => {
    const outbox = createOutbox({ db: db.kysely, clock, mailer });
    mailer.down = true;
    await queueMail(db.kysely, message(1), clock.now());
    const start = clock.now().getTime();
    const triedAt: number[] = [];
    // Step through time a minute at a time, as the runner would, for longer than the whole back-off.
    for (let minute = 0; minute <= 12 * 60; minute += 1) {
      clock.set(new Date(start + minute * MINUTE));
      const before = mailer.attempts;
      await outbox.sendDue();
      if (mailer.attempts > before) triedAt.push(minute);
    }
    expect(triedAt).toEqual([0, 1, 3, 7, 15, 31, 63, 127, 255, 495]);
    expect(triedAt).toHaveLength(MAIL_MAX_ATTEMPTS);
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'failed', attempts: MAIL_MAX_ATTEMPTS, body: '', last_error: 'ESOCKET ECONNREFUSED during CONN' });
    expect(mailer.sent).toEqual([]);
  });

  it('sends a message that failed once SMTP is back, at its next attempt', async () => {
    const outbox = createOutbox({ db: db.kysely, clock, mailer });
    mailer.down = true;
    await queueMail(db.kysely, message(1), clock.now());
    await outbox.sendDue();
    expect(await rows()).toMatchObject([{ status: 'pending', attempts: 1, last_error: 'ESOCKET ECONNREFUSED during CONN', next_attempt_at: '2027-03-01T09:01:00.000Z' }]);
    mailer.down = false;
    expect(await outbox.sendDue()).toBe(0); // not yet due
    clock.advance(MINUTE);
    expect(await outbox.sendDue()).toBe(1);
    expect(mailer.sent.map((m) => m.to)).toEqual(['person-1@test.example']);
    expect(await rows()).toMatchObject([{ status: 'sent', attempts: 2, last_error: null }]);
  });

  it('stops a pass at the first sign that the server is down, leaving the rest untried', async () => {
    const outbox = createOutbox({ db: db.kysely, clock, mailer });
    mailer.down = true;
    await queueMail(db.kysely, [message(1), message(2), message(3)], clock.now());
    await outbox.sendDue();
    expect(mailer.attempts).toBe(1);
    expect((await rows()).map((r) => r.attempts).sort()).toEqual([0, 0, 1]);
  });

  it('gives up on a sign-in link whose token has expired instead of sending it late', async () => {
    const outbox = createOutbox({ db: db.kysely, clock, mailer });
    mailer.down = true;
    await queueMail(db.kysely, message(1, { kind: 'sign_in_link', organisationId: null, sendBefore: new Date(clock.now().getTime() + 15 * MINUTE) }), clock.now());
    await outbox.sendDue();
    mailer.down = false;
    clock.advance(16 * MINUTE);
    expect(await outbox.sendDue()).toBe(0);
    expect(mailer.sent).toEqual([]);
    expect(await rows()).toMatchObject([{ status: 'failed', body: '', last_error: 'EXPIRED before it could be sent' }]);
  });

  it('two instances racing never send the same message twice', async () => {
    // A slow SMTP server, so that the two passes interleave.
    const slow: Mailer = { ...mailer, send: async (m) => { await new Promise((resolve) => setTimeout(resolve, 2)); await mailer.send(m); } };
    const a = createOutbox({ db: db.kysely, clock, mailer: slow, instanceId: 'a', batch: 7 });
    const b = createOutbox({ db: db.kysely, clock, mailer: slow, instanceId: 'b', batch: 7 });
    await queueMail(db.kysely, Array.from({ length: 30 }, (_, i) => message(i)), clock.now());
    const [sentA, sentB] = await Promise.all([a.sendDue(), b.sendDue()]);
    expect(sentA + sentB).toBe(30);
    expect(sentA).toBeGreaterThan(0);
    expect(sentB).toBeGreaterThan(0);
    expect(mailer.sent).toHaveLength(30);
    expect(new Set(mailer.sent.map((m) => m.to)).size).toBe(30);
    expect(await Promise.all([a.sendDue(), b.sendDue()])).toEqual([0, 0]);
  });

  it('leaves a message claimed by another instance alone until its lease runs out', async () => {
    const a = createOutbox({ db: db.kysely, clock, mailer, instanceId: 'a' });
    const b = createOutbox({ db: db.kysely, clock, mailer, instanceId: 'b', leaseMs: 5 * MINUTE });
    await queueMail(db.kysely, message(1), clock.now());
    // Instance b claimed it and then crashed before sending.
    await db.kysely.updateTable('mail_outbox').set({ lease_holder: 'b', lease_until: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(), attempts: 1 }).execute();
    expect(await a.sendDue()).toBe(0);
    clock.advance(5 * MINUTE + 1);
    expect(await a.sendDue()).toBe(1);
    expect(await b.sendDue()).toBe(0);
    expect(mailer.sent).toHaveLength(1);
    expect(await rows()).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('wakes in the background and sends straight away', async () => {
    const outbox = createOutbox({ db: db.kysely, clock, mailer });
    await queueMail(db.kysely, [message(1), message(2)], clock.now());
    outbox.wake();
    outbox.wake();
    expect(mailer.sent).toEqual([]);
    await mailer.idle();
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['person-1@test.example', 'person-2@test.example']);
  });

  it(`forgets finished messages after ${String(FINISHED_KEPT_DAYS)} days`, async () => {
    const outbox = createOutbox({ db: db.kysely, clock, mailer });
    await queueMail(db.kysely, message(1), clock.now());
    await outbox.sendDue();
    await queueMail(db.kysely, message(2), clock.now());
    clock.advance(FINISHED_KEPT_DAYS * 86_400_000);
    await outbox.sendDue();
    expect((await rows()).map((r) => r.to_email)).toEqual(['person-1@test.example', 'person-2@test.example']);
    clock.advance(1);
    await outbox.sendDue();
    expect((await rows()).map((r) => r.to_email)).toEqual(['person-2@test.example']);
  });
});
