import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { createCapturingMailer, type CapturingMailer } from '../../../test/helpers/mailer.js';
import type { Actor } from '../../shared/actor.js';
import { createAuditWriter } from '../../shared/audit.js';
import { fixedClock } from '../../shared/clock.js';
import { createJobRunner } from '../../shared/jobs.js';
import { createOutbox } from '../../shared/outbox.js';
import { createActionsService, reminderTime } from './actions.service.js';
import { createReviewsService } from './reviews.service.js';

const DAY = 24 * 60 * 60_000;

describe('reminderTime', () => {
  it('is 08:00 UTC three days before the due date, or now when that has passed', () => {
    const now = new Date('2027-01-01T12:00:00Z');
    expect(reminderTime('2027-01-20', now).toISOString()).toBe('2027-01-17T08:00:00.000Z');
    expect(reminderTime('2027-01-02', now)).toBe(now);
  });
});

describe.each(testDialects())('actions and reminders (%s)', (dialect) => {
  let db: TestDb;
  let mailer: CapturingMailer;
  const clock = fixedClock(new Date('2027-01-01T09:00:00Z'));
  let facilitator: Actor;
  let member: Actor;
  let outsider: Actor;

  const services = () => {
    const audit = createAuditWriter(clock);
    const outbox = createOutbox({ db: db.kysely, clock, mailer });
    return {
      reviews: createReviewsService({ db: db.kysely, clock, audit }),
      actions: createActionsService({ db: db.kysely, clock, audit, outbox, baseUrl: 'https://dw.example' }),
      outbox,
    };
  };

  beforeEach(async () => {
    clock.set(new Date('2027-01-01T09:00:00Z'));
    db = await createTestDb(dialect);
    mailer = createCapturingMailer();
    const organisationId = await makeOrganisation(db.kysely);
    facilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator' });
    member = await makeMember(db.kysely, organisationId, { name: 'Mo Member' });
    outsider = await makeMember(db.kysely, await makeOrganisation(db.kysely), { permission: 'admin' });
  });
  afterEach(async () => {
    await mailer.idle();
    await db.destroy();
  });

  async function reviewWithAction(dueOn = '2027-01-20') {
    const { reviews, actions } = services();
    const review = await reviews.start(facilitator, { subjectKind: 'organisation', mode: 'group' });
    if (!review.ok) throw new Error('could not start');
    const action = await actions.add(facilitator, review.value, { principle: 'networks', what: 'Map local groups', ownerId: member.personId, dueOn, howKnow: 'A shared map exists' });
    if (!action.ok) throw new Error(`could not add: ${action.kind}`);
    return { reviewId: review.value, actionId: action.value };
  }

  it('only facilitators plan; the owner and facilitators record progress; other organisations find nothing', async () => {
    const { reviews, actions } = services();
    const review = await reviews.start(facilitator, { subjectKind: 'organisation', mode: 'individual' });
    if (!review.ok) throw new Error('could not start');
    const input = { principle: 'assets' as const, what: 'x', ownerId: member.personId, dueOn: '2027-02-01', howKnow: 'y' };
    expect(await actions.add(member, review.value, input)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await actions.add(outsider, review.value, input)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await actions.add(facilitator, review.value, { ...input, ownerId: outsider.personId })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await actions.add(facilitator, review.value, { ...input, dueOn: '2026-12-31' })).toMatchObject({ ok: false, kind: 'invalid' });
    const added = await actions.add(facilitator, review.value, input);
    if (!added.ok) throw new Error('not added');
    expect(await actions.updateProgress(member, added.value, { status: 'under_way', note: 'Started' })).toEqual({ ok: true, value: null });
    expect(await actions.updateProgress(outsider, added.value, { status: 'done', note: null })).toMatchObject({ ok: false, kind: 'not_found' });
    const audit = await db.kysely.selectFrom('audit_events').select('action').where('subject_id', '=', added.value).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['review_action.added', 'review_action.progress']);
  });

  it('sends one reminder three days before the due date, and not before', async () => {
    const { actionId } = await reviewWithAction('2027-01-20');
    const { actions, outbox } = services();
    const runner = createJobRunner({ db: db.kysely, clock, handlers: actions.jobHandlers, outbox });
    expect(await runner.runDue()).toBe(0);
    clock.set(new Date('2027-01-17T07:59:00Z'));
    expect(await runner.runDue()).toBe(0);
    clock.advance(60_000);
    expect(await runner.runDue()).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.to).toBe(member.email);
    expect(mailer.sent[0]?.text).toContain('Map local groups');
    expect(mailer.sent[0]?.text).toContain(`https://dw.example/reviews/actions/${actionId}`);
    clock.advance(DAY);
    expect(await runner.runDue()).toBe(0);
    expect(mailer.sent).toHaveLength(1);
  });

  it('runs once even when two runners race on the same database', async () => {
    for (let i = 0; i < 5; i += 1) await reviewWithAction('2027-01-10');
    clock.set(new Date('2027-01-09T00:00:00Z'));
    const { actions, outbox } = services();
    const handlers = actions.jobHandlers;
    const a = createJobRunner({ db: db.kysely, clock, handlers, instanceId: 'a', outbox });
    const b = createJobRunner({ db: db.kysely, clock, handlers, instanceId: 'b', outbox: createOutbox({ db: db.kysely, clock, mailer, instanceId: 'b' }) });
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    expect(ranA + ranB).toBe(5);
    expect(mailer.sent).toHaveLength(5);
    expect(await a.runDue()).toBe(0);
    expect(mailer.sent).toHaveLength(5);
  });

  it('sends nothing for an action that is done, and retries a failed send later', async () => {
    const { actionId } = await reviewWithAction('2027-01-20');
    await services().actions.updateProgress(member, actionId, { status: 'done', note: null });
    await reviewWithAction('2027-01-21');
    let fail = true;
    const { actions, outbox } = services();
    const flaky = { ...actions.jobHandlers };
    const send = flaky['review_action_reminder'];
    if (send === undefined) throw new Error('no handler');
    flaky['review_action_reminder'] = async (context) => {
      if (fail) throw new Error('SMTP down');
      await send(context);
    };
    const runner = createJobRunner({ db: db.kysely, clock, handlers: flaky, outbox });
    clock.set(new Date('2027-01-19T00:00:00Z'));
    expect(await runner.runDue()).toBe(0);
    fail = false;
    expect(await runner.runDue()).toBe(0); // backing off
    clock.advance(2 * 60_000);
    expect(await runner.runDue()).toBe(1);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]?.text).not.toContain('2027-01-20');
  });
});
