import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { makeMeeting, makeProject } from '../../../test/helpers/meetings.js';
import type { Database } from '../../db/database.js';
import { newId, toDbBool } from '../../db/portable.js';
import { createAuditWriter } from '../../shared/audit.js';
import { fixedClock } from '../../shared/clock.js';
import { createJobRunner } from '../../shared/jobs.js';
import { ACCESS_NEEDS_RETENTION_JOB, accessNeedsCutoff, createAccessNeedsRetention } from './access-needs-retention.service.js';

const DAY = 24 * 60 * 60_000;
const MINUTE = 60_000;
const NOW = new Date('2027-03-10T09:00:00.000Z');

describe('accessNeedsCutoff', () => {
  it('is the given number of whole days before now', () => {
    expect(accessNeedsCutoff(NOW, 30).toISOString()).toBe('2027-02-08T09:00:00.000Z');
    expect(accessNeedsCutoff(NOW, 1).toISOString()).toBe('2027-03-09T09:00:00.000Z');
  });
});

async function reply(db: Kysely<Database>, org: string, meetingId: string, personId: string, accessNeeds: string | null): Promise<string> {
  const id = newId();
  await db
    .insertInto('meeting_replies')
    .values({ id, organisation_id: org, meeting_id: meetingId, person_id: personId, answer: 'coming', way: 'phone', access_needs: accessNeeds, travel_expenses: toDbBool(true), created_at: '2027-01-01T00:00:00.000Z', updated_at: '2027-01-02T00:00:00.000Z' })
    .execute();
  return id;
}

/** #11 item 4: meeting access needs are deleted a set number of days after the meeting, by the jobs runner. */
describe.each(testDialects())('deleting meeting access needs after the meeting (%s)', (dialect) => {
  let db: TestDb;
  const clock = fixedClock(NOW);

  beforeEach(async () => {
    clock.set(NOW);
    db = await createTestDb(dialect);
  });
  afterEach(async () => db.destroy());

  async function organisationWithMeetings(days: number | null, endedAgo: readonly number[], replies = 1) {
    const org = await makeOrganisation(db.kysely);
    if (days !== null) await db.kysely.updateTable('organisations').set({ meeting_access_needs_days: days }).where('id', '=', org).execute();
    const people = [];
    for (let i = 0; i < replies; i += 1) people.push(await makeMember(db.kysely, org));
    const projectId = await makeProject(db.kysely, org, people);
    const meetings = [];
    for (const ago of endedAgo) {
      const meetingId = await makeMeeting(db.kysely, org, projectId, new Date(NOW.getTime() - ago));
      const replyIds = [];
      for (const [index, person] of people.entries()) replyIds.push(await reply(db.kysely, org, meetingId, person.personId, `Marker ${meetingId} ${String(index)}: I need to sit near the door`));
      meetings.push({ meetingId, replyIds });
    }
    return { org, meetings };
  }

  async function needsOf(replyIds: readonly string[]) {
    const rows = await db.kysely.selectFrom('meeting_replies').select(['id', 'access_needs']).where('id', 'in', replyIds).orderBy('id').execute();
    return rows.map((r) => r.access_needs);
  }

  function runner(instanceId = 'one') {
    const retention = createAccessNeedsRetention({ db: db.kysely, audit: createAuditWriter(clock), batch: 2 });
    return createJobRunner({ db: db.kysely, clock, handlers: retention.jobHandlers, recurring: retention.recurringJobs, instanceId });
  }

  it('keeps them until the set number of days after the meeting ended, then deletes them, keeping the rest of the reply', async () => {
    const a = await organisationWithMeetings(null, [30 * DAY - MINUTE, 30 * DAY + MINUTE, 2 * DAY]);
    const [justInside, justOutside, recent] = a.meetings;
    if (justInside === undefined || justOutside === undefined || recent === undefined) throw new Error('no meetings');
    const before = await db.kysely.selectFrom('meeting_replies').selectAll().where('id', '=', justOutside.replyIds[0] ?? '').executeTakeFirstOrThrow();

    expect(await runner().runDue()).toBe(1);
    expect(await needsOf(justOutside.replyIds)).toEqual([null]);
    expect((await needsOf(justInside.replyIds))[0]).toContain('sit near the door');
    expect((await needsOf(recent.replyIds))[0]).toContain('sit near the door');
    const after = await db.kysely.selectFrom('meeting_replies').selectAll().where('id', '=', justOutside.replyIds[0] ?? '').executeTakeFirstOrThrow();
    expect(after).toEqual({ ...before, access_needs: null });

    // Two minutes later the first meeting has crossed the line too, but today's run is done: tomorrow's takes it.
    clock.advance(2 * MINUTE);
    expect(await runner().runDue()).toBe(0);
    expect((await needsOf(justInside.replyIds))[0]).toContain('sit near the door');
    clock.advance(DAY);
    expect(await runner().runDue()).toBe(1);
    expect(await needsOf(justInside.replyIds)).toEqual([null]);
    expect((await needsOf(recent.replyIds))[0]).toContain('sit near the door');
  });

  it("follows each organisation's own number of days", async () => {
    const week = await organisationWithMeetings(7, [8 * DAY, 6 * DAY]);
    const month = await organisationWithMeetings(30, [8 * DAY, 31 * DAY]);
    await runner().runDue();
    expect(await needsOf(week.meetings[0]?.replyIds ?? [])).toEqual([null]);
    expect((await needsOf(week.meetings[1]?.replyIds ?? []))[0]).toContain('door');
    expect((await needsOf(month.meetings[0]?.replyIds ?? []))[0]).toContain('door');
    expect(await needsOf(month.meetings[1]?.replyIds ?? [])).toEqual([null]);
  });

  it('works through many replies in batches and records counts only, once, in the audit log', async () => {
    const { org, meetings } = await organisationWithMeetings(10, [11 * DAY, 12 * DAY, 40 * DAY, 3 * DAY], 3);
    await runner().runDue();
    const cleared = meetings.slice(0, 3).flatMap((m) => m.replyIds);
    expect(await needsOf(cleared)).toEqual(cleared.map(() => null));
    expect((await needsOf(meetings[3]?.replyIds ?? [])).every((n) => n?.includes('door'))).toBe(true);

    const audit = await db.kysely.selectFrom('audit_events').select(['action', 'actor_account_id', 'subject_id', 'detail']).where('organisation_id', '=', org).execute();
    expect(audit).toEqual([{ action: 'meeting.access_needs_deleted', actor_account_id: null, subject_id: org, detail: JSON.stringify({ replies: 9, meetings: 3, days: 10 }) }]);

    // Running again (another day, or by hand) finds nothing, changes nothing and adds no audit row.
    const retention = createAccessNeedsRetention({ db: db.kysely, audit: createAuditWriter(clock) });
    expect(await retention.deleteExpired(org, clock.now())).toEqual({ replies: 0, meetings: 0 });
    expect(await db.kysely.selectFrom('audit_events').select('id').where('organisation_id', '=', org).execute()).toHaveLength(1);
  });

  it('runs once a day per organisation however many instances poll', async () => {
    const first = await organisationWithMeetings(null, [31 * DAY]);
    const second = await organisationWithMeetings(null, [31 * DAY]);
    const one = runner('one');
    const two = runner('two');
    expect((await one.runDue()) + (await two.runDue())).toBe(2);
    expect((await one.runDue()) + (await two.runDue())).toBe(0);
    const jobs = await db.kysely.selectFrom('jobs').select(['organisation_id', 'kind', 'done_at', 'run_at']).orderBy('organisation_id').execute();
    expect(jobs).toHaveLength(2);
    expect(new Set(jobs.map((j) => j.organisation_id))).toEqual(new Set([first.org, second.org]));
    expect(jobs.every((j) => j.kind === ACCESS_NEEDS_RETENTION_JOB && j.done_at !== null && j.run_at === '2027-03-10T00:00:00.000Z')).toBe(true);
    clock.advance(DAY);
    expect((await two.runDue()) + (await one.runDue())).toBe(2);
    expect(await db.kysely.selectFrom('jobs').select('id').execute()).toHaveLength(4);
  });

  it("never touches another organisation's replies", async () => {
    const ours = await organisationWithMeetings(null, [31 * DAY]);
    const theirs = await organisationWithMeetings(null, [31 * DAY]);
    const retention = createAccessNeedsRetention({ db: db.kysely, audit: createAuditWriter(clock) });
    expect(await retention.deleteExpired(ours.org, clock.now())).toEqual({ replies: 1, meetings: 1 });
    expect((await needsOf(theirs.meetings[0]?.replyIds ?? []))[0]).toContain('door');
  });
});
