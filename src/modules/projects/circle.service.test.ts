import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { makePersonWithoutAccount, PROJECT_INPUT, projectsHarness, value, type ProjectsHarness } from '../../../test/helpers/projects.js';
import type { Actor } from '../../shared/actor.js';
import type { AddToCircleInput } from './circle.forms.js';

describe('the Circle of Support', () => {
  let db: TestDb;
  let h: ProjectsHarness;
  let organisationId: string;
  let facilitator: Actor;
  let member: Actor;
  let projectId: string;

  const add = (input: Partial<AddToCircleInput>, actor: Actor = facilitator) =>
    h.projects.circle.add(actor, projectId, { personId: null, newName: null, circle: 'participants', level: null, domain: 'me', note: null, ...input });

  beforeEach(async () => {
    db = await createTestDb('sqlite');
    h = projectsHarness(db.kysely);
    organisationId = await makeOrganisation(db.kysely);
    facilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator', name: 'Priya Shah' });
    member = await makeMember(db.kysely, organisationId, { name: 'Jordan Ellis' });
    projectId = value(await h.projects.create(facilitator, PROJECT_INPUT)).projectId;
  });
  afterEach(async () => db.destroy());

  it('places named people: someone already here, or a new person record made by name', async () => {
    value(await add({ personId: member.personId, circle: 'participants', note: 'Comes to the café every week' }));
    const { personId } = value(await add({ newName: 'Amina Patel', circle: 'consulted' }));
    const person = await db.kysely.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ organisation_id: organisationId, display_name: 'Amina Patel', account_id: null, permission: 'member' });

    const page = value(await h.projects.circle.page(facilitator, projectId));
    expect(page.groups.map((g) => [g.circle, g.members.map((m) => m.name)])).toEqual([
      ['co_producers', ['Priya Shah']],
      ['participants', ['Jordan Ellis']],
      ['involved', []],
      ['consulted', ['Amina Patel']],
    ]);
    // The usual level for the circle, unless one is chosen.
    expect(page.members.find((m) => m.name === 'Jordan Ellis')).toMatchObject({ level: 'consult', domain: 'me', wantsMore: false });
    expect(value(await h.projects.circle.member(facilitator, projectId, member.personId)).member.note).toBe('Comes to the café every week');
    expect(page.drawing.marks.map((m) => m.initials).sort()).toEqual(['AP', 'JE', 'PS']);
    const events = await db.kysely.selectFrom('audit_events').select('action').where('action', 'in', ['circle.person_added', 'person.created_in_circle']).execute();
    expect(events.map((e) => e.action).sort()).toEqual(['circle.person_added', 'circle.person_added', 'person.created_in_circle']);
  });

  it('refuses someone already in the circle, and people from another organisation', async () => {
    value(await add({ personId: member.personId }));
    expect(await add({ personId: member.personId })).toEqual({ ok: false, kind: 'invalid', errors: { personId: 'errors.projects.circle.already_in' } });
    const elsewhere = await makeMember(db.kysely, await makeOrganisation(db.kysely));
    expect(await add({ personId: elsewhere.personId })).toEqual({ ok: false, kind: 'invalid', errors: { personId: 'errors.projects.circle.person_unknown' } });
    expect(await add({ personId: 'not-an-id' })).toEqual({ ok: false, kind: 'invalid', errors: { personId: 'errors.projects.circle.person_unknown' } });
  });

  it('only co-producers and facilitators change the circle', async () => {
    value(await add({ personId: member.personId, circle: 'participants' }));
    expect(await add({ newName: 'Sam Okafor' }, member)).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await h.projects.circle.place(member, projectId, member.personId, { circle: 'co_producers', level: 'involve', domain: 'we', note: null })).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await h.projects.circle.remove(member, projectId, facilitator.personId)).toMatchObject({ ok: false, kind: 'forbidden' });
    // A member's own plan and history are theirs to see; someone else's are not.
    expect((await h.projects.circle.member(member, projectId, member.personId)).ok).toBe(true);
    expect(await h.projects.circle.member(member, projectId, facilitator.personId)).toEqual({ ok: false, kind: 'not_found' });
  });

  it('keeps the history of moves: participants often become co-producers', async () => {
    value(await add({ personId: member.personId, circle: 'participants', level: 'consult', domain: 'me' }));
    h.clock.advance(86_400_000);
    value(await h.projects.circle.place(facilitator, projectId, member.personId, { circle: 'participants', level: 'involve', domain: 'we', note: 'Ready to help plan' }));
    h.clock.advance(86_400_000);
    value(await h.projects.circle.place(facilitator, projectId, member.personId, { circle: 'co_producers', level: 'involve', domain: 'community', note: 'Leads the Saturday sessions' }));
    expect(await h.projects.circle.place(facilitator, projectId, member.personId, { circle: 'co_producers', level: 'involve', domain: 'community', note: null })).toEqual({ ok: false, kind: 'invalid', errors: { circle: 'errors.projects.circle.nothing_changed' } });

    const page = value(await h.projects.circle.member(facilitator, projectId, member.personId));
    expect(page.member).toMatchObject({ circle: 'co_producers', level: 'involve', domain: 'community', note: 'Leads the Saturday sessions' });
    expect(page.moves.map((m) => [m.from.circle, m.to.circle, m.from.level, m.to.level, m.from.domain, m.to.domain, m.note, m.by.name])).toEqual([
      [null, 'participants', null, 'consult', null, 'me', null, 'Priya Shah'],
      ['participants', 'participants', 'consult', 'involve', 'me', 'we', 'Ready to help plan', 'Priya Shah'],
      ['participants', 'co_producers', 'involve', 'involve', 'we', 'community', 'Leads the Saturday sessions', 'Priya Shah'],
    ]);
    const moved = await db.kysely.selectFrom('audit_events').select('detail').where('action', '=', 'circle.person_moved').execute();
    expect(moved).toHaveLength(2);
    expect(JSON.parse(moved[1]?.detail ?? '{}')).toMatchObject({ personId: member.personId, fromCircle: 'participants', toCircle: 'co_producers' });

    // Their journey: where they started, where they are now.
    const journey = value(await h.projects.circle.journey(member, member.personId));
    expect(journey.entries).toHaveLength(1);
    expect(journey.entries[0]).toMatchObject({ started: { circle: 'participants', level: 'consult', domain: 'me' }, now: { circle: 'co_producers', level: 'involve', domain: 'community' } });
  });

  it('keeps at least one co-producer', async () => {
    expect(await h.projects.circle.remove(facilitator, projectId, facilitator.personId)).toEqual({ ok: false, kind: 'conflict', reason: 'errors.projects.circle.last_co_producer' });
    expect(await h.projects.circle.place(facilitator, projectId, facilitator.personId, { circle: 'participants', level: 'involve', domain: 'me', note: null })).toEqual({ ok: false, kind: 'conflict', reason: 'errors.projects.circle.last_co_producer' });
    value(await add({ personId: member.personId, circle: 'co_producers' }));
    value(await h.projects.circle.place(facilitator, projectId, facilitator.personId, { circle: 'participants', level: 'involve', domain: 'me', note: null }));
  });

  it('someone who leaves the circle keeps their history, and can come back', async () => {
    value(await add({ personId: member.personId, circle: 'participants' }));
    h.clock.advance(1000);
    value(await h.projects.circle.remove(facilitator, projectId, member.personId));
    expect(value(await h.projects.circle.page(facilitator, projectId)).members.map((m) => m.name)).toEqual(['Priya Shah']);
    expect(await h.projects.circle.member(facilitator, projectId, member.personId)).toEqual({ ok: false, kind: 'not_found' });
    h.clock.advance(1000);
    value(await add({ personId: member.personId, circle: 'involved' }));
    const page = value(await h.projects.circle.member(facilitator, projectId, member.personId));
    expect(page.moves.map((m) => [m.from.circle, m.to.circle])).toEqual([[null, 'participants'], ['participants', null], [null, 'involved']]);
    expect(value(await h.projects.circle.journey(facilitator, member.personId)).entries[0]?.now?.circle).toBe('involved');
  });

  it('a person who has left the organisation shows as "Former member" in every history, and is no longer in the circle', async () => {
    const amina = await makePersonWithoutAccount(db.kysely, organisationId, 'Amina Patel');
    value(await add({ personId: amina, circle: 'co_producers' }));
    // Amina moves Jordan, then leaves the organisation.
    value(await add({ personId: member.personId, circle: 'participants' }));
    const aminaActor: Actor = { ...facilitator, personId: amina, permission: 'member', displayName: 'Amina Patel' };
    h.clock.advance(1000);
    value(await h.projects.circle.place(aminaActor, projectId, member.personId, { circle: 'co_producers', level: 'involve', domain: 'we', note: null }));
    value(await h.projects.moveStage(aminaActor, projectId, { stage: 'consult', note: 'Told people' }));
    await db.kysely.updateTable('people').set({ archived_at: new Date().toISOString() }).where('id', '=', amina).execute();

    const circle = value(await h.projects.circle.page(facilitator, projectId));
    expect(circle.members.map((m) => m.name)).not.toContain('Amina Patel');
    expect(circle.drawing.marks.map((m) => m.name)).not.toContain('Amina Patel');
    const history = value(await h.projects.circle.member(facilitator, projectId, member.personId)).moves;
    expect(history[1]?.by).toEqual({ id: null, name: null, former: true });
    const overview = value(await h.projects.overview(facilitator, projectId));
    expect(overview.moves[0]?.by).toEqual({ id: null, name: null, former: true });
    expect(overview.counts.co_producers).toBe(2);
  });

  it('engagement plans: suggested from the circle and the person\'s ways of taking part, saved by them or by co-producers', async () => {
    value(await add({ personId: member.personId, circle: 'consulted' }));
    await db.kysely.updateTable('people').set({ participation_ways: JSON.stringify(['phone', 'in_writing']) }).where('id', '=', member.personId).execute();
    const page = value(await h.projects.circle.member(member, projectId, member.personId));
    expect(page.suggestion).toEqual({ how: 'projects.engagement.suggest.consulted_with_ways', ways: ['projects.engagement.ways.phone', 'projects.engagement.ways.writing'], howOften: 'each_stage' });
    value(await h.projects.circle.setEngagement(member, projectId, member.personId, { engagementHow: 'A phone call after each meeting', engagementHowOften: 'monthly' }));
    expect(value(await h.projects.circle.member(facilitator, projectId, member.personId)).member).toMatchObject({ engagementHow: 'A phone call after each meeting', engagementHowOften: 'monthly' });
    expect(await h.projects.circle.setEngagement(member, projectId, facilitator.personId, { engagementHow: 'x', engagementHowOften: null })).toMatchObject({ ok: false, kind: 'forbidden' });
  });

  it('people say how they hear about a project, and can ask to do more', async () => {
    value(await add({ personId: member.personId, circle: 'participants', level: 'inform' }));
    value(await h.projects.circle.setTellBy(member, projectId, 'app'));
    value(await h.projects.circle.askForMore(member, projectId));
    const me = value(await h.projects.overview(member, projectId));
    expect(me.membership).toMatchObject({ tellBy: 'app', wantsMoreAt: '2026-11-22T10:00:00.000Z' });
    expect(me.offer).toEqual({ tasks: false, note: 'projects.offer.note_me', nextStep: { level: 'inform', domain: 'we' } });
    const outsider = await makeMember(db.kysely, organisationId);
    expect(await h.projects.circle.setTellBy(outsider, projectId, 'app')).toMatchObject({ ok: false, kind: 'forbidden' });
    // Moving them clears the request: it has been answered.
    value(await h.projects.circle.place(facilitator, projectId, member.personId, { circle: 'participants', level: 'consult', domain: 'we', note: 'Asked to do more' }));
    expect(value(await h.projects.overview(member, projectId)).membership?.wantsMoreAt).toBeNull();
  });

  it('a journey is seen by the person and by facilitators, showing only projects the viewer may see', async () => {
    const secret = value(await h.projects.create(facilitator, { ...PROJECT_INPUT, title: 'Quiet project', visibility: 'invite_only' })).projectId;
    value(await add({ personId: member.personId, circle: 'participants' }));
    value(await h.projects.circle.add(facilitator, secret, { personId: member.personId, newName: null, circle: 'consulted', level: null, domain: 'me', note: null }));
    const someone = await makeMember(db.kysely, organisationId);
    const otherFacilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator' });
    expect(value(await h.projects.circle.journey(member, member.personId)).entries.map((e) => e.title).sort()).toEqual(['Peer-led welcome group', 'Quiet project']);
    expect(value(await h.projects.circle.journey(otherFacilitator, member.personId)).entries.map((e) => e.title)).toEqual(['Peer-led welcome group']);
    expect(await h.projects.circle.journey(someone, member.personId)).toEqual({ ok: false, kind: 'not_found' });
  });

  it('tells the people module who shares a project', async () => {
    const stranger = await makeMember(db.kysely, organisationId);
    value(await add({ personId: member.personId, circle: 'participants' }));
    const { relationships } = h.projects;
    expect(await relationships.sharesProject(organisationId, member.personId, facilitator.personId)).toBe(true);
    expect(await relationships.sharesProject(organisationId, member.personId, stranger.personId)).toBe(false);
    expect([...(await relationships.peopleSharingProjects(organisationId, member.personId))].sort()).toEqual([facilitator.personId, member.personId].sort());
    expect(await relationships.peopleSharingProjects(organisationId, member.personId, [stranger.personId, facilitator.personId])).toEqual([facilitator.personId]);
    value(await h.projects.circle.remove(facilitator, projectId, member.personId));
    expect(await relationships.sharesProject(organisationId, member.personId, facilitator.personId)).toBe(false);
    // Another organisation never shares.
    expect(await relationships.sharesProject(await makeOrganisation(db.kysely), facilitator.personId, facilitator.personId)).toBe(false);
  });
});
