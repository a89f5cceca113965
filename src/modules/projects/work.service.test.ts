import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { BASE_URL, makePersonWithoutAccount, offerStrength, PROJECT_INPUT, projectsHarness, value, type ProjectsHarness } from '../../../test/helpers/projects.js';
import type { Actor } from '../../shared/actor.js';
import type { Circle, Level } from './projects.registry.js';

describe('updates, tasks and success', () => {
  let db: TestDb;
  let h: ProjectsHarness;
  let organisationId: string;
  let facilitator: Actor;
  let projectId: string;

  const join = async (actor: Actor, circle: Circle, level: Level | null = null) =>
    value(await h.projects.circle.add(facilitator, projectId, { personId: actor.personId, newName: null, circle, level, domain: 'we', note: null }));

  beforeEach(async () => {
    db = await createTestDb('sqlite');
    h = projectsHarness(db.kysely);
    organisationId = await makeOrganisation(db.kysely, { defaultLanguage: 'en-GB' });
    facilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator', name: 'Priya Shah' });
    projectId = value(await h.projects.create(facilitator, PROJECT_INPUT)).projectId;
  });
  afterEach(async () => {
    await h.mailer.idle();
    await db.destroy();
  });

  describe('"you said, we did" updates', () => {
    it('tell everyone in the circle in the app, and by email as each prefers, in their own language', async () => {
      const jordan = await makeMember(db.kysely, organisationId, { name: 'Jordan Ellis', email: 'jordan@test.example' });
      const giulia = await makeMember(db.kysely, organisationId, { name: 'Giulia Bianchi', email: 'giulia@test.example' });
      const sam = await makeMember(db.kysely, organisationId, { name: 'Sam Okafor', email: 'sam@test.example' });
      const outsider = await makeMember(db.kysely, organisationId, { email: 'outsider@test.example' });
      await db.kysely.updateTable('accounts').set({ language: 'it' }).where('id', '=', giulia.accountId).execute();
      const amina = await makePersonWithoutAccount(db.kysely, organisationId, 'Amina Patel');
      await join(jordan, 'participants');
      await join(giulia, 'co_producers');
      await join(sam, 'consulted');
      value(await h.projects.circle.add(facilitator, projectId, { personId: amina, newName: null, circle: 'participants', level: null, domain: 'me', note: null }));
      value(await h.projects.circle.setTellBy(sam, projectId, 'app'));

      const posted = value(await h.projects.updates.post(facilitator, projectId, { body: 'We now open on Saturdays.', quoted: 'Weekdays are hard for people who work.' }));
      expect(posted).toMatchObject({ told: 4, emailed: 2 });
      await h.mailer.idle();

      expect(h.mailer.sent.map((m) => m.to).sort()).toEqual(['giulia@test.example', 'jordan@test.example']);
      const english = h.mailer.sent.find((m) => m.to === 'jordan@test.example');
      expect(english?.subject).toBe('You said, we did: an update from Peer-led welcome group');
      expect(english?.text).toContain('Hello Jordan Ellis');
      expect(english?.text).toContain('You said:\nWeekdays are hard for people who work.\n\nWe did:\nWe now open on Saturdays.');
      expect(english?.text).toContain(`${BASE_URL}/projects/${projectId}/updates`);
      const italian = h.mailer.sent.find((m) => m.to === 'giulia@test.example');
      expect(italian?.subject).toBe('Avete detto, abbiamo fatto: un aggiornamento da Peer-led welcome group');
      expect(italian?.text).toContain('Ciao Giulia Bianchi');

      // In the app: everyone in the circle but the author, nobody outside it.
      for (const person of [jordan, giulia, sam]) expect(value(await h.projects.updates.notifications(person)).unread).toBe(1);
      expect(await h.projects.updates.unreadCount(facilitator)).toBe(0);
      expect(await h.projects.updates.unreadCount(outsider)).toBe(0);
      const rows = await db.kysely.selectFrom('notifications').select('person_id').where('organisation_id', '=', organisationId).execute();
      expect(rows.map((r) => r.person_id).sort()).toEqual([jordan.personId, giulia.personId, sam.personId, amina].sort());
    });

    it('opening a notification marks it read and leads to the update; someone else\'s notification is not found', async () => {
      const jordan = await makeMember(db.kysely, organisationId);
      await join(jordan, 'participants');
      const { updateId } = value(await h.projects.updates.post(facilitator, projectId, { body: 'Done', quoted: null }));
      const [item] = value(await h.projects.updates.notifications(jordan)).items;
      if (item === undefined) throw new Error('no notification');
      expect(item).toMatchObject({ projectTitle: PROJECT_INPUT.title, excerpt: 'Done', read: false });
      expect(await h.projects.updates.open(facilitator, item.id)).toEqual({ ok: false, kind: 'not_found' });
      expect(value(await h.projects.updates.open(jordan, item.id))).toEqual({ url: `/projects/${projectId}/updates#update-${updateId}` });
      expect(value(await h.projects.updates.notifications(jordan)).unread).toBe(0);
    });

    it('are posted by co-producers only', async () => {
      const jordan = await makeMember(db.kysely, organisationId);
      await join(jordan, 'participants');
      expect(await h.projects.updates.post(jordan, projectId, { body: 'x', quoted: null })).toMatchObject({ ok: false, kind: 'forbidden' });
      const admin = await makeMember(db.kysely, organisationId, { permission: 'admin' });
      expect(await h.projects.updates.post(admin, projectId, { body: 'x', quoted: null })).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(await db.kysely.selectFrom('project_updates').select('id').execute()).toHaveLength(0);
    });

    it('are listed newest first, twenty to a page', async () => {
      for (let i = 1; i <= 25; i += 1) {
        h.clock.advance(1000);
        value(await h.projects.updates.post(facilitator, projectId, { body: `Update ${String(i)}`, quoted: null }));
      }
      const first = value(await h.projects.updates.page(facilitator, projectId, 1));
      expect(first).toMatchObject({ total: 25, page: 1, pages: 2 });
      expect(first.updates[0]?.body).toBe('Update 25');
      const last = value(await h.projects.updates.page(facilitator, projectId, 99));
      expect(last.page).toBe(2);
      expect(last.updates.map((u) => u.body)).toEqual(['Update 5', 'Update 4', 'Update 3', 'Update 2', 'Update 1']);
    });
  });

  describe('tasks matched to strengths', () => {
    it('suggests people in the circle who offer what a task needs, most matches first', async () => {
      const jordan = await makeMember(db.kysely, organisationId, { name: 'Jordan Ellis' });
      const giulia = await makeMember(db.kysely, organisationId, { name: 'Giulia Bianchi' });
      const notInCircle = await makeMember(db.kysely, organisationId, { name: 'Sam Okafor' });
      const privateProfile = await makeMember(db.kysely, organisationId, { name: 'Quiet Person' });
      await join(jordan, 'participants', 'involve');
      await join(giulia, 'co_producers');
      await join(privateProfile, 'participants');
      await offerStrength(db.kysely, organisationId, jordan.personId, 'Baking');
      await offerStrength(db.kysely, organisationId, giulia.personId, 'baking');
      await offerStrength(db.kysely, organisationId, giulia.personId, 'Welcoming  people');
      await offerStrength(db.kysely, organisationId, notInCircle.personId, 'Baking');
      await offerStrength(db.kysely, organisationId, privateProfile.personId, 'Baking');
      await db.kysely.updateTable('people').set({ profile_visibility: 'private' }).where('id', '=', privateProfile.personId).execute();

      const { taskId } = value(await h.projects.tasks.create(facilitator, projectId, { title: 'Bake for the open day', details: null, needs: ['Baking ', 'welcoming people'], dueOn: '2027-03-27' }));
      const page = value(await h.projects.tasks.page(jordan, projectId, taskId));
      expect(page.task).toMatchObject({ title: 'Bake for the open day', dueOn: '2027-03-27', status: 'open', needs: ['Baking', 'welcoming people'] });
      expect(page.suggestions).toEqual([
        { personId: giulia.personId, name: 'Giulia Bianchi', matches: ['baking', 'Welcoming  people'] },
        { personId: jordan.personId, name: 'Jordan Ellis', matches: ['Baking'] },
      ]);

      // Anyone in the circle volunteers; a co-producer or facilitator sets the owner, from the circle only.
      value(await h.projects.tasks.volunteer(jordan, projectId, taskId));
      value(await h.projects.tasks.volunteer(jordan, projectId, taskId));
      expect(value(await h.projects.tasks.page(facilitator, projectId, taskId)).volunteers.map((v) => v.name)).toEqual(['Jordan Ellis']);
      expect(await h.projects.tasks.volunteer(notInCircle, projectId, taskId)).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(await h.projects.tasks.setOwner(jordan, projectId, taskId, jordan.personId)).toMatchObject({ ok: false, kind: 'forbidden' });
      expect(await h.projects.tasks.setOwner(facilitator, projectId, taskId, notInCircle.personId)).toEqual({ ok: false, kind: 'invalid', errors: { ownerId: 'errors.projects.task.owner_not_in_circle' } });
      value(await h.projects.tasks.setOwner(facilitator, projectId, taskId, jordan.personId));
      // The owner may mark it done.
      value(await h.projects.tasks.setStatus(jordan, projectId, taskId, 'done'));
      const list = value(await h.projects.tasks.list(jordan, projectId));
      expect(list.tasks.map((t) => [t.title, t.status, t.owner?.name, t.volunteers])).toEqual([['Bake for the open day', 'done', 'Jordan Ellis', 1]]);
      expect([...list.volunteered]).toEqual([taskId]);
      expect(await db.kysely.selectFrom('audit_events').select('id').where('action', '=', 'task.owner_set').execute()).toHaveLength(1);
    });

    it('does not offer tasks to someone at "me" or "inform", but lets them volunteer if they want to', async () => {
      const jordan = await makeMember(db.kysely, organisationId);
      value(await h.projects.circle.add(facilitator, projectId, { personId: jordan.personId, newName: null, circle: 'participants', level: 'inform', domain: 'me', note: null }));
      const { taskId } = value(await h.projects.tasks.create(facilitator, projectId, { title: 'Design the leaflet', details: null, needs: [], dueOn: null }));
      expect(value(await h.projects.tasks.list(jordan, projectId)).offer).toMatchObject({ tasks: false, note: 'projects.offer.note_me' });
      value(await h.projects.tasks.volunteer(jordan, projectId, taskId));
    });
  });

  describe('success defined by the people involved', () => {
    it('co-producers propose what success means; at the review everyone in the circle answers; results are counts by criterion', async () => {
      const people = await Promise.all(['A', 'B', 'C'].map((n) => makeMember(db.kysely, organisationId, { name: `Person ${n}` })));
      for (const person of people) await join(person, 'participants');
      const [a, b, c] = people;
      if (a === undefined || b === undefined || c === undefined) throw new Error('people missing');
      value(await h.projects.success.propose(facilitator, projectId, 'People who come once come back'));
      h.clock.advance(1000);
      value(await h.projects.success.propose(facilitator, projectId, 'Nobody waits alone'));
      expect(await h.projects.success.propose(a, projectId, 'Mine')).toMatchObject({ ok: false, kind: 'forbidden' });
      const [first, second] = value(await h.projects.success.criteria(a, projectId));
      if (first === undefined || second === undefined) throw new Error('criteria missing');

      expect(await h.projects.success.rate(a, projectId, [{ criterionId: first.id, score: 5, comment: null }])).toEqual({ ok: false, kind: 'conflict', reason: 'errors.projects.success.review_closed' });
      value(await h.projects.success.setReview(facilitator, projectId, true));
      value(await h.projects.success.rate(a, projectId, [{ criterionId: first.id, score: 5, comment: 'Lovely' }, { criterionId: second.id, score: 2, comment: null }]));
      value(await h.projects.success.rate(b, projectId, [{ criterionId: first.id, score: 4, comment: null }, { criterionId: second.id, score: null, comment: 'Not sure' }]));
      value(await h.projects.success.rate(c, projectId, [{ criterionId: first.id, score: 1, comment: null }, { criterionId: second.id, score: 3, comment: null }]));
      // Changing your mind replaces your answer.
      value(await h.projects.success.rate(c, projectId, [{ criterionId: first.id, score: 3, comment: null }, { criterionId: second.id, score: 3, comment: null }]));
      expect(await h.projects.success.rate(a, projectId, [{ criterionId: 'someone-elses', score: 3, comment: null }])).toMatchObject({ ok: false, kind: 'invalid' });

      const page = value(await h.projects.success.page(b, projectId));
      expect(page.results).toHaveLength(1);
      expect(page.results[0]?.rows.map((r) => [r.text, r.counts.map((x) => x.count), r.dontKnow, r.answered, r.average])).toEqual([
        ['People who come once come back', [0, 0, 1, 1, 1], 0, 3, 4],
        ['Nobody waits alone', [0, 1, 1, 0, 0], 1, 3, 2.5],
      ]);
      expect(page.results[0]?.comments.map((x) => x.comment)).toEqual(['Lovely', 'Not sure']);
      expect([...page.mine.entries()]).toEqual([[first.id, { score: 4, comment: null }], [second.id, { score: null, comment: 'Not sure' }]]);
      // Nothing on the page says who gave which answer.
      expect(JSON.stringify(page.results)).not.toContain(a.personId);

      const outsider = await makeMember(db.kysely, organisationId);
      expect(await h.projects.success.rate(outsider, projectId, [{ criterionId: first.id, score: 5, comment: null }])).toMatchObject({ ok: false, kind: 'forbidden' });
    });

    it('cannot open a review before anyone has said what success means', async () => {
      expect(await h.projects.success.setReview(facilitator, projectId, true)).toEqual({ ok: false, kind: 'conflict', reason: 'errors.projects.success.no_criteria' });
    });
  });
});
