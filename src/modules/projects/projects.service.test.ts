import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { PROJECT_INPUT, projectsHarness, value, type ProjectsHarness } from '../../../test/helpers/projects.js';
import type { Actor } from '../../shared/actor.js';

describe('projects service', () => {
  let db: TestDb;
  let h: ProjectsHarness;
  let organisationId: string;
  let facilitator: Actor;
  let member: Actor;
  let admin: Actor;

  beforeEach(async () => {
    db = await createTestDb('sqlite');
    h = projectsHarness(db.kysely);
    organisationId = await makeOrganisation(db.kysely);
    facilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator', name: 'Priya Shah' });
    member = await makeMember(db.kysely, organisationId, { name: 'Jordan Ellis' });
    admin = await makeMember(db.kysely, organisationId, { permission: 'admin', name: 'Alex Morgan' });
  });
  afterEach(async () => db.destroy());

  const audit = (action: string) => db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action).execute();

  describe('starting a project', () => {
    it('starts at "inform", makes the starter its first co-producer, and records both', async () => {
      const { projectId } = value(await h.projects.create(facilitator, PROJECT_INPUT));
      const overview = value(await h.projects.overview(facilitator, projectId));
      expect(overview.project).toMatchObject({ title: PROJECT_INPUT.title, stage: 'inform', cycle: 1, visibility: 'open' });
      expect(overview.membership).toMatchObject({ circle: 'co_producers', level: 'involve', domain: 'me' });
      expect(overview.counts).toEqual({ co_producers: 1, participants: 0, involved: 0, consulted: 0 });
      expect(overview.moves).toHaveLength(1);
      expect(overview.moves[0]).toMatchObject({ from: null, to: 'inform', by: { name: 'Priya Shah', former: false } });
      expect(overview.kind).toEqual({ kind: 'co_design', reason: 'projects.kind.reason_unanswered' });
      expect(await audit('project.created')).toHaveLength(1);
    });

    it('is for facilitators and admins, not members', async () => {
      expect(await h.projects.create(member, PROJECT_INPUT)).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(await db.kysely.selectFrom('projects').select('id').execute()).toHaveLength(0);
    });
  });

  describe('moving through the cycle', () => {
    it('goes inform -> consult -> involve -> act -> inform, a new cycle, keeping what was done at each stage', async () => {
      const { projectId } = value(await h.projects.create(facilitator, PROJECT_INPUT));
      for (const [stage, note] of [['consult', 'Told everyone at the café'], ['involve', 'Asked 30 people'], ['act', 'Designed the welcome pack']] as const) {
        h.clock.advance(60_000);
        expect(value(await h.projects.moveStage(facilitator, projectId, { stage, note }))).toEqual({ kind: 'forward', cycle: 1 });
      }
      h.clock.advance(60_000);
      expect(value(await h.projects.moveStage(facilitator, projectId, { stage: 'inform', note: 'Ran six welcome sessions' }))).toEqual({ kind: 'new_cycle', cycle: 2 });
      const overview = value(await h.projects.overview(facilitator, projectId));
      expect(overview.project).toMatchObject({ stage: 'inform', cycle: 2 });
      expect(overview.moves.map((m) => [m.from, m.to, m.cycle, m.note])).toEqual([
        ['act', 'inform', 2, 'Ran six welcome sessions'],
        ['involve', 'act', 1, 'Designed the welcome pack'],
        ['consult', 'involve', 1, 'Asked 30 people'],
        ['inform', 'consult', 1, 'Told everyone at the café'],
        [null, 'inform', 1, ''],
      ]);
      expect((await audit('project.stage_moved')).map((e) => JSON.parse(e.detail) as unknown)).toContainEqual({ from: 'act', to: 'inform', cycle: 2 });
    });

    it('refuses to skip a stage or to stay put, and changes nothing', async () => {
      const { projectId } = value(await h.projects.create(facilitator, PROJECT_INPUT));
      expect(await h.projects.moveStage(facilitator, projectId, { stage: 'involve', note: 'Skipping' })).toEqual({ ok: false, kind: 'invalid', errors: { stage: 'errors.projects.stage.skips_a_stage' } });
      expect(await h.projects.moveStage(facilitator, projectId, { stage: 'inform', note: 'Again' })).toEqual({ ok: false, kind: 'invalid', errors: { stage: 'errors.projects.stage.same_stage' } });
      expect(value(await h.projects.overview(facilitator, projectId)).moves).toHaveLength(1);
    });

    it('may go back to an earlier stage of the same cycle', async () => {
      const { projectId } = value(await h.projects.create(facilitator, PROJECT_INPUT));
      value(await h.projects.moveStage(facilitator, projectId, { stage: 'consult', note: 'a' }));
      value(await h.projects.moveStage(facilitator, projectId, { stage: 'involve', note: 'b' }));
      expect(value(await h.projects.moveStage(facilitator, projectId, { stage: 'consult', note: 'We need to ask more people' }))).toEqual({ kind: 'back', cycle: 1 });
    });

    it('only co-producers and facilitators move the stage', async () => {
      const { projectId } = value(await h.projects.create(facilitator, PROJECT_INPUT));
      expect(await h.projects.moveStage(member, projectId, { stage: 'consult', note: 'x' })).toMatchObject({ ok: false, kind: 'forbidden' });
      value(await h.projects.circle.add(facilitator, projectId, { personId: member.personId, newName: null, circle: 'co_producers', level: null, domain: 'we', note: null }));
      expect(value(await h.projects.moveStage(member, projectId, { stage: 'consult', note: 'x' }))).toEqual({ kind: 'forward', cycle: 1 });
    });
  });

  describe('who sees what', () => {
    it('an invite-only project is "not found" outside its circle, for members and facilitators alike; admins see it', async () => {
      const { projectId } = value(await h.projects.create(facilitator, { ...PROJECT_INPUT, visibility: 'invite_only' }));
      const otherFacilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator' });
      expect(await h.projects.overview(member, projectId)).toEqual({ ok: false, kind: 'not_found' });
      expect(await h.projects.overview(otherFacilitator, projectId)).toEqual({ ok: false, kind: 'not_found' });
      expect(value(await h.projects.overview(admin, projectId)).project.id).toBe(projectId);
      expect(value(await h.projects.list(member)).items).toEqual([]);
      expect(value(await h.projects.list(admin)).items.map((i) => i.project.id)).toEqual([projectId]);
      // In the circle, it appears.
      value(await h.projects.circle.add(facilitator, projectId, { personId: member.personId, newName: null, circle: 'consulted', level: null, domain: 'me', note: null }));
      expect(value(await h.projects.overview(member, projectId)).membership?.circle).toBe('consulted');
      expect(value(await h.projects.list(member)).items.map((i) => i.myCircle)).toEqual(['consulted']);
    });

    it('another organisation\'s project is "not found" to everyone, admins included', async () => {
      const { projectId } = value(await h.projects.create(facilitator, PROJECT_INPUT));
      const elsewhere = await makeOrganisation(db.kysely);
      const outsider = await makeMember(db.kysely, elsewhere, { permission: 'admin' });
      expect(await h.projects.overview(outsider, projectId)).toEqual({ ok: false, kind: 'not_found' });
      expect(await h.projects.moveStage(outsider, projectId, { stage: 'consult', note: 'x' })).toEqual({ ok: false, kind: 'not_found' });
      expect(await h.projects.update(outsider, projectId, { ...PROJECT_INPUT, title: 'Taken' })).toEqual({ ok: false, kind: 'not_found' });
      expect(value(await h.projects.list(outsider)).items).toEqual([]);
      expect(await h.projects.overview(facilitator, 'not-an-id')).toEqual({ ok: false, kind: 'not_found' });
    });

    it('records who changed a project\'s visibility', async () => {
      const { projectId } = value(await h.projects.create(facilitator, PROJECT_INPUT));
      value(await h.projects.update(facilitator, projectId, { ...PROJECT_INPUT, visibility: 'invite_only' }));
      const [event] = await audit('project.visibility_changed');
      expect(event?.actor_account_id).toBe(facilitator.accountId);
      expect(JSON.parse(event?.detail ?? '{}')).toEqual({ from: 'open', to: 'invite_only' });
    });
  });

  describe('the agreement', () => {
    it('labels the project co-production only when it commits to an equal role in delivery, with versions and responses', async () => {
      const { projectId } = value(await h.projects.create(facilitator, PROJECT_INPUT));
      const answers = { power: 'Decisions by consensus', responsibilities: 'Two hours a week', support: 'Travel paid', equalDeliveryNote: null };
      value(await h.projects.agreement.save(facilitator, projectId, { ...answers, equalDelivery: 'not_sure' }));
      expect(value(await h.projects.agreement.page(facilitator, projectId)).kind.kind).toBe('co_design');
      value(await h.projects.agreement.respond(facilitator, projectId, { agrees: true, comment: null }));
      expect(value(await h.projects.agreement.save(facilitator, projectId, { ...answers, equalDelivery: 'yes' }))).toEqual({ version: 2 });
      const page = value(await h.projects.agreement.page(facilitator, projectId));
      expect(page.kind).toEqual({ kind: 'co_production', reason: 'projects.kind.reason_yes' });
      expect(page.responses.map((r) => [r.agrees, r.version, r.current])).toEqual([[true, 1, false]]);
      expect(value(await h.projects.overview(facilitator, projectId)).agreement).toEqual({ answered: true, agreed: 0, disagreed: 0, version: 2 });
      expect(await audit('project.agreement_changed')).toHaveLength(2);
    });

    it('only co-producers respond, and only once there is an agreement', async () => {
      const { projectId } = value(await h.projects.create(facilitator, PROJECT_INPUT));
      expect(await h.projects.agreement.respond(facilitator, projectId, { agrees: true, comment: null })).toEqual({ ok: false, kind: 'conflict', reason: 'errors.projects.agreement.not_yet' });
      value(await h.projects.circle.add(facilitator, projectId, { personId: member.personId, newName: null, circle: 'participants', level: null, domain: 'me', note: null }));
      value(await h.projects.agreement.save(facilitator, projectId, { power: null, responsibilities: null, support: null, equalDelivery: 'no', equalDeliveryNote: null }));
      expect(await h.projects.agreement.respond(member, projectId, { agrees: true, comment: null })).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(await h.projects.agreement.save(member, projectId, { power: 'Mine', responsibilities: null, support: null, equalDelivery: 'yes', equalDeliveryNote: null })).toMatchObject({ ok: false, kind: 'forbidden' });
    });
  });
});
