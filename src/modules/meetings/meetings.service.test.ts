import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../db/portable.js';
import { createAuditWriter } from '../../shared/audit.js';
import type { Actor } from '../../shared/actor.js';
import { fixedClock } from '../../shared/clock.js';
import { createOutbox } from '../../shared/outbox.js';
import { createTestDb, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { createCapturingMailer } from '../../../test/helpers/mailer.js';
import { makeProject, makeUpdate, setPerspective } from '../../../test/helpers/meetings.js';
import { findProposal } from './decisions.repository.js';
import { createMeetingsService, type MeetingsService } from './meetings.wiring.js';

describe('meetings services', () => {
  let db: TestDb;
  let service: MeetingsService;
  let org: string;
  let a: Actor;
  let b: Actor;
  let c: Actor;
  let projectId: string;
  const clock = fixedClock(new Date('2027-01-10T09:00:00.000Z'));

  beforeEach(async () => {
    db = await createTestDb('sqlite');
    service = createMeetingsService({ db: db.kysely, clock, audit: createAuditWriter(clock), outbox: createOutbox({ db: db.kysely, clock, mailer: createCapturingMailer() }), baseUrl: 'http://localhost' });
    org = await makeOrganisation(db.kysely);
    a = await makeMember(db.kysely, org, { permission: 'facilitator', name: 'Ada' });
    b = await makeMember(db.kysely, org, { name: 'Ben' });
    c = await makeMember(db.kysely, org, { name: 'Cal' });
    projectId = await makeProject(db.kysely, org, [{ personId: a.personId }, { personId: b.personId }, { personId: c.personId }]);
  });
  afterEach(async () => db.destroy());

  const plan = async (day: number) => {
    const result = await service.create(a, projectId, {
      title: `Meeting ${String(day)}`, date: { year: 2027, month: 2, day }, start: { hour: 10, minute: 0 }, end: { hour: 11, minute: 0 }, place: 'Hall', onlineUrl: null, features: [], ways: ['in_person'],
    });
    if (!result.ok) throw new Error('meeting not planned');
    const page = await service.page(a, projectId, result.value.meetingId);
    if (!page.ok) throw new Error('meeting not found');
    return page.value.meeting;
  };

  it('rotates the card keeper fairly, skips people who said no, and keeps the keeper when the group chose "stay"', async () => {
    const first = await plan(1);
    expect(first.keeperId).toBe(a.personId); // joined first, never kept
    const second = await plan(2);
    expect(second.keeperId).toBe(b.personId);
    expect((await service.setWilling(c, projectId, second.id, false)).ok).toBe(true);
    const third = await plan(3);
    expect(third.keeperId).toBe(a.personId); // Cal said no; Ada kept longest ago
    expect((await service.setRoles(a, projectId, third.id, { keeperId: a.personId, keeperMode: 'stay', noteTakerId: null })).ok).toBe(true);
    const fourth = await plan(4);
    expect(fourth.keeperId).toBe(a.personId);
    expect(fourth.keeperMode).toBe('stay');
  });

  it('moves cards new -> introduced -> taken forward with its update, and refuses skipped steps', async () => {
    const meeting = await plan(1);
    const written = await service.cards.submit(b, projectId, { body: 'A garden', wantsToHelp: true, showName: false, formKey: 'k'.repeat(43) });
    if (!written.ok) throw new Error('card not written');
    const again = await service.cards.submit(b, projectId, { body: 'A garden', wantsToHelp: true, showName: false, formKey: 'k'.repeat(43) });
    expect(again.ok && again.value).toEqual({ cardId: written.value.cardId, created: false });
    const cardId = written.value.cardId;

    const early = await service.cards.move(a, projectId, cardId, { status: 'done', updateId: null });
    expect(early.ok).toBe(false);
    expect(!early.ok && early.kind).toBe('invalid');

    const participant = await makeMember(db.kysely, org, { name: 'Dee' });
    await db.kysely.insertInto('circle_members').values({
      id: newId(), organisation_id: org, project_id: projectId, person_id: participant.personId, circle: 'participants', level: 'consult', domain: 'we', note: null, engagement_how: null,
      engagement_how_often: null, tell_by: 'app', wants_more_at: null, added_by: null, created_at: clock.now().toISOString(), updated_at: clock.now().toISOString(), left_at: null,
    }).execute();
    const notKeeper = await service.cards.introduceNew(participant, projectId, meeting.id);
    expect(notKeeper).toMatchObject({ ok: false, kind: 'forbidden' });
    const introduced = await service.cards.introduceNew(a, projectId, meeting.id);
    expect(introduced.ok && introduced.value.count).toBe(1);

    const noUpdate = await service.cards.move(a, projectId, cardId, { status: 'taken_forward', updateId: null });
    expect(!noUpdate.ok && noUpdate.kind === 'invalid' && noUpdate.errors).toEqual({ updateId: 'errors.meetings.card.move_needs_update' });
    const updateId = await makeUpdate(db.kysely, org, projectId);
    expect((await service.cards.move(a, projectId, cardId, { status: 'taken_forward', updateId })).ok).toBe(true);
    const card = await db.kysely.selectFrom('opportunity_cards').select(['status', 'update_id', 'introduced_meeting_id']).where('id', '=', cardId).executeTakeFirstOrThrow();
    expect(card).toEqual({ status: 'taken_forward', update_id: updateId, introduced_meeting_id: meeting.id });
    const audit = await db.kysely.selectFrom('audit_events').select('action').where('subject_id', '=', cardId).execute();
    expect(audit.map((r) => r.action)).toEqual(['card.written', 'card.moved']);
  });

  it('records consent outcomes with one voice each, whatever the permission', async () => {
    const raise = async (title: string) => {
      const r = await service.decisions.propose(b, projectId, { title, body: null, method: 'consent', meetingId: null });
      if (!r.ok) throw new Error('not raised');
      return r.value.proposalId;
    };
    const agreed = await raise('Open on Saturdays');
    await service.decisions.respond(a, projectId, agreed, { answer: 'agree', reason: null });
    await service.decisions.respond(a, projectId, agreed, { answer: 'live_with', reason: null }); // answering again replaces
    await service.decisions.respond(b, projectId, agreed, { answer: 'agree', reason: null });
    expect(await service.decisions.close(a, projectId, agreed)).toEqual({ ok: true, value: { passed: true } });
    const row = await db.kysely.selectFrom('proposals').select(['status', 'outcome']).where('id', '=', agreed).executeTakeFirstOrThrow();
    expect(row.status).toBe('passed');
    // Who took part is stored by id and named when read, so no name outlives a removed profile (#11).
    expect(JSON.parse(row.outcome ?? '{}')).toMatchObject({ tookPart: 2, counts: { agree: 1, live_with: 1, object: 0 }, personIds: [a.personId, b.personId] });
    expect(row.outcome).not.toContain('Ada');
    expect((await findProposal(db.kysely, a.organisationId, projectId, agreed))?.outcome?.people).toEqual(['Ada', 'Ben']);
    expect(await service.decisions.respond(c, projectId, agreed, { answer: 'agree', reason: null })).toMatchObject({ ok: false, kind: 'conflict' });

    const objected = await raise('Close the café in August');
    expect(await service.decisions.respond(c, projectId, objected, { answer: 'object', reason: null })).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await service.decisions.respond(c, projectId, objected, { answer: 'yes', reason: null })).toMatchObject({ ok: false, kind: 'invalid' });
    await service.decisions.respond(a, projectId, objected, { answer: 'agree', reason: null });
    await service.decisions.respond(b, projectId, objected, { answer: 'agree', reason: null });
    await service.decisions.respond(c, projectId, objected, { answer: 'object', reason: 'People rely on it in the holidays' });
    expect(await service.decisions.close(a, projectId, objected)).toEqual({ ok: true, value: { passed: false } });
    expect(await service.decisions.close(a, projectId, objected)).toMatchObject({ ok: false, kind: 'conflict' });

    // A removed profile reads as "Former member" in the decisions it took part in.
    await db.kysely.updateTable('people').set({ display_name: '', archived_at: new Date().toISOString() }).where('id', '=', b.personId).execute();
    expect((await findProposal(db.kysely, a.organisationId, projectId, agreed))?.outcome?.people).toEqual(['Ada', null]);
  });

  it('shows the power balance only when each group has three people, and only as totals', async () => {
    const more = await Promise.all([1, 2, 3].map((n) => makeMember(db.kysely, org, { name: `Staff ${String(n)}` })));
    const staffProject = await makeProject(db.kysely, org, [a, b, c, ...more].map((p) => ({ personId: p.personId })), 'Balance project');
    for (const p of [a, b]) await setPerspective(db.kysely, org, p.personId, 'lived_experience');
    for (const p of more) await setPerspective(db.kysely, org, p.personId, 'professional_staff');
    await service.cards.submit(a, staffProject, { body: 'Idea', wantsToHelp: false, showName: true, formKey: 'x'.repeat(43) });
    const hidden = await service.powerBalance.page(a, staffProject);
    expect(hidden.ok && hidden.value.balance).toEqual({ shown: false, reason: 'too_few_people', groupSizes: null });

    await setPerspective(db.kysely, org, c.personId, 'lived_experience');
    await service.cards.submit(more[0] ?? a, staffProject, { body: 'Another', wantsToHelp: false, showName: true, formKey: 'y'.repeat(43) });
    const shown = await service.powerBalance.page(a, staffProject);
    if (!shown.ok || !shown.value.balance.shown) throw new Error('expected the balance');
    expect(shown.value.balance.groupSizes).toEqual({ lived_experience: 3, professional_staff: 3 });
    expect(shown.value.balance.totals.find((r) => r.kind === 'cards')).toMatchObject({ counts: { lived_experience: 1, professional_staff: 1 }, livedShare: 50 });
  });
});
