import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission, ProfileVisibility } from '../../db/database.js';
import { newId } from '../../db/portable.js';
import type { Actor } from '../../shared/actor.js';
import { createAuditWriter } from '../../shared/audit.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { addWithoutAccount, fixedRelationships, makeTeam } from './people.test-support.js';
import { createPeopleService, type PeopleService } from './people.service.js';

describe.each(testDialects())('people service (%s)', (dialect) => {
  let db: TestDb;
  let people: PeopleService;
  const clock = fixedClock(new Date('2026-11-23T10:00:00.000Z'));
  let sharing: (readonly [string, string])[] = [];

  beforeAll(async () => {
    db = await createTestDb(dialect);
    people = createPeopleService({ db: db.kysely, clock, audit: createAuditWriter(clock), relationships: fixedRelationships(() => sharing) });
  });
  afterAll(async () => db.destroy());

  const team = () => makeTeam(db.kysely);
  const withoutAccount = (actor: Actor, name?: string) => addWithoutAccount(people, actor, name);

  async function auditActions(subjectId: string): Promise<string[]> {
    const rows = await db.kysely.selectFrom('audit_events').select('action').where('subject_id', '=', subjectId).orderBy('created_at').orderBy('id').execute();
    return rows.map((row) => row.action);
  }

  describe('who sees a profile, driven through the service (viewer x setting x relationship)', () => {
    type Viewer = 'owner' | 'partner' | 'member' | 'facilitator' | 'admin';
    /** `partner` shares a project with the owner; nobody else does. Read across: organisation, projects, private. */
    const WITH_ACCOUNT: Record<Viewer, readonly [boolean, boolean, boolean]> = {
      owner: [true, true, true],
      partner: [true, true, false],
      member: [true, false, false],
      facilitator: [true, false, false],
      admin: [true, true, true],
    };
    const WITHOUT_ACCOUNT: Record<Exclude<Viewer, 'owner'>, readonly [boolean, boolean, boolean]> = {
      partner: [true, true, false],
      member: [true, false, false],
      facilitator: [true, true, true],
      admin: [true, true, true],
    };
    const SETTINGS: readonly ProfileVisibility[] = ['organisation', 'projects', 'private'];

    it.each(SETTINGS.map((setting, column) => ({ setting, column })))('profile, directory and wall agree for a profile set to $setting', async ({ setting, column }) => {
      const t = await team();
      const noAccount = await withoutAccount(t.facilitator);
      sharing = [[t.partner.personId, t.owner.personId], [t.partner.personId, noAccount]];
      await people.addStrength(t.owner, t.owner.personId, { label: 'Listening', kind: 'offer' });
      await people.addStrength(t.facilitator, noAccount, { label: 'Listening well', kind: 'offer' });
      expect(await people.updateVisibility(t.owner, t.owner.personId, setting)).toEqual({ ok: true, value: null });
      expect((await people.updateVisibility(t.facilitator, noAccount, setting)).ok).toBe(true);

      const checks: { viewer: Viewer; subject: string; expected: boolean }[] = [
        ...(Object.keys(WITH_ACCOUNT) as Viewer[]).map((viewer) => ({ viewer, subject: t.owner.personId, expected: WITH_ACCOUNT[viewer][column] ?? false })),
        ...(Object.keys(WITHOUT_ACCOUNT) as Exclude<Viewer, 'owner'>[]).map((viewer) => ({ viewer, subject: noAccount, expected: WITHOUT_ACCOUNT[viewer][column] ?? false })),
      ];
      for (const { viewer, subject, expected } of checks) {
        const actor = t[viewer];
        const label = `${viewer} -> ${subject === noAccount ? 'person without an account' : 'owner'} (${setting})`;
        const profile = await people.profile(actor, subject);
        expect(profile.ok, label).toBe(expected);
        if (!profile.ok) expect(profile.kind, label).toBe('not_found');
        const directory = await people.directory(actor, { q: '', kind: 'any', page: 1 });
        expect(directory.ok && directory.value.entries.some((e) => e.id === subject), `directory: ${label}`).toBe(expected);
        const byStrength = await people.directory(actor, { q: 'listen', kind: 'offer', page: 1 });
        expect(byStrength.ok && byStrength.value.entries.some((e) => e.id === subject), `search by strength: ${label}`).toBe(expected);
        expect(byStrength.ok && byStrength.value.total, `count by strength: ${label}`).toBe(byStrength.ok ? byStrength.value.entries.length : -1);
        const wall = await people.wall(actor, [subject]);
        expect(wall.ok && wall.value.profiles.some((p) => p.id === subject), `wall: ${label}`).toBe(expected);
      }
      sharing = [];
    });

    it('answers "not found" for another organisation’s person, and for ids that are not ids', async () => {
      const t = await team();
      const other = await team();
      for (const id of [other.owner.personId, newId(), 'nonsense', '']) {
        expect(await people.profile(t.admin, id)).toEqual({ ok: false, kind: 'not_found' });
        expect(await people.editContext(t.admin, id)).toEqual({ ok: false, kind: 'not_found' });
        expect(await people.appreciate(t.member, id, 'Thank you')).toEqual({ ok: false, kind: 'not_found' });
        expect(await people.exportData(t.admin, id, 'json')).toEqual({ ok: false, kind: 'not_found' });
        expect(await people.removeProfile(t.admin, id)).toEqual({ ok: false, kind: 'not_found' });
      }
      const count = await db.kysely.selectFrom('appreciations').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', t.organisationId).executeTakeFirstOrThrow();
      expect(count.n).toBe(0);
    });
  });

  describe('what others see of a profile', () => {
    it('shows perspectives to the owner only, and access needs to the owner and the people who arrange support, recording their look', async () => {
      const t = await team();
      await people.updateTakingPart(t.owner, t.owner.personId, { perspectives: ['lived_experience', 'volunteer'], perspectiveDescription: 'My words', participationWays: ['phone'], accessNeeds: ['bsl', 'other'], accessNeedsOther: 'A hearing loop' });

      const own = await people.profile(t.owner, t.owner.personId);
      expect(own.ok && own.value.person).toMatchObject({ perspectives: ['lived_experience', 'volunteer'], perspectiveDescription: 'My words', accessNeeds: ['bsl', 'other'], accessNeedsOther: 'A hearing loop', participationWays: ['phone'] });

      const byMember = await people.profile(t.member, t.owner.personId);
      expect(byMember.ok && byMember.value.person).toMatchObject({ perspectives: null, perspectiveDescription: null, accessNeeds: null, accessNeedsOther: null, participationWays: ['phone'], visibility: null });

      const byFacilitator = await people.profile(t.facilitator, t.owner.personId);
      expect(byFacilitator.ok && byFacilitator.value.person).toMatchObject({ perspectives: null, accessNeeds: ['bsl', 'other'], accessNeedsOther: 'A hearing loop' });
      expect(await auditActions(t.owner.personId)).toEqual(['person.access_needs_viewed']);
    });

    it('counts perspectives in aggregate, hiding small numbers', async () => {
      const t = await team();
      for (const actor of [t.owner, t.member, t.partner]) {
        await people.updateTakingPart(actor, actor.personId, { perspectives: ['family_carer'], perspectiveDescription: null, participationWays: [], accessNeeds: [], accessNeedsOther: null });
      }
      await people.updateTakingPart(t.admin, t.admin.personId, { perspectives: ['commissioner'], perspectiveDescription: null, participationWays: [], accessNeeds: [], accessNeedsOther: null });
      const directory = await people.directory(t.member, { q: '', kind: 'any', page: 1 });
      expect(directory.ok && directory.value.perspectives.filter((p) => p.key === 'family_carer' || p.key === 'commissioner')).toEqual([
        { key: 'family_carer', count: 3 },
        { key: 'commissioner', count: null },
      ]);
    });
  });

  describe('editing', () => {
    it('lets the owner edit; staff edit only people without accounts, and leave a trace; nobody else edits', async () => {
      const t = await team();
      const about = { displayName: 'Olu O.', knownAs: 'Olu', pronouns: 'he/him' };
      expect(await people.updateAbout(t.owner, t.owner.personId, about)).toEqual({ ok: true, value: null });
      for (const actor of [t.member, t.facilitator, t.admin]) {
        expect(await people.updateAbout(actor, t.owner.personId, { ...about, displayName: 'Changed' })).toEqual({ ok: false, kind: 'forbidden' });
      }
      const noAccount = await withoutAccount(t.facilitator);
      clock.advance(1000);
      expect(await people.updateAbout(t.admin, noAccount, { displayName: 'Margaret Doyle', knownAs: 'Maggie', pronouns: null })).toEqual({ ok: true, value: null });
      expect(await people.updateAbout(t.member, noAccount, { displayName: 'X', knownAs: null, pronouns: null })).toEqual({ ok: false, kind: 'forbidden' });
      const row = await db.kysely.selectFrom('people').select(['display_name', 'known_as']).where('id', '=', t.owner.personId).executeTakeFirstOrThrow();
      expect(row).toEqual({ display_name: 'Olu O.', known_as: 'Olu' });
      expect(await auditActions(noAccount)).toEqual(['person.added_without_account', 'person.profile_edited_for']);
      expect(await auditActions(t.owner.personId)).toEqual([]);
    });

    it('saves answers by heading, deleting blank ones, and ignores headings that do not exist', async () => {
      const t = await team();
      await people.updateAnswers(t.owner, t.owner.personId, { appreciate: 'My cooking', important: 'My dog', made_up: 'x' });
      await people.updateAnswers(t.owner, t.owner.personId, { appreciate: null, important: 'My dog and my garden' });
      const view = await people.profile(t.member, t.owner.personId);
      expect(view.ok && view.value.answers).toEqual({ important: 'My dog and my garden' });
    });

    it('keeps strengths as typed, refuses the same one twice and more than 15 of a kind, and suggests what others use most', async () => {
      const t = await team();
      expect(await people.addStrength(t.owner, t.owner.personId, { label: '  Graphic   design ', kind: 'offer' })).toEqual({ ok: true, value: { label: 'Graphic design' } });
      expect(await people.addStrength(t.owner, t.owner.personId, { label: 'GRAPHIC DESIGN', kind: 'offer' })).toEqual({ ok: false, kind: 'invalid', errors: { label: 'errors.people.strength_duplicate' } });
      expect((await people.addStrength(t.owner, t.owner.personId, { label: 'Graphic design', kind: 'grow' })).ok).toBe(true);
      await people.addStrength(t.member, t.member.personId, { label: 'graphic design', kind: 'offer' });
      await people.addStrength(t.member, t.member.personId, { label: 'Cooking', kind: 'offer' });
      await people.addStrength(t.partner, t.partner.personId, { label: 'A private talent', kind: 'offer' });
      await people.updateVisibility(t.partner, t.partner.personId, 'private');

      const context = await people.editContext(t.admin, t.admin.personId);
      expect(context.ok && context.value.suggestions).toEqual(['Graphic design', 'Cooking']);

      for (let i = 1; i < 15; i += 1) await people.addStrength(t.admin, t.admin.personId, { label: `Skill ${i}`, kind: 'offer' });
      expect((await people.addStrength(t.admin, t.admin.personId, { label: 'Skill 15', kind: 'offer' })).ok).toBe(true);
      expect(await people.addStrength(t.admin, t.admin.personId, { label: 'Skill 16', kind: 'offer' })).toEqual({ ok: false, kind: 'invalid', errors: { label: 'errors.people.strength_too_many' } });

      const own = await people.editContext(t.owner, t.owner.personId);
      const first = own.ok ? own.value.strengths.offer[0] : undefined;
      expect(await people.removeStrength(t.member, t.owner.personId, first?.id ?? '')).toEqual({ ok: false, kind: 'forbidden' });
      expect(await people.removeStrength(t.owner, t.owner.personId, first?.id ?? '')).toEqual({ ok: true, value: { label: 'Graphic design' } });
      expect(await people.removeStrength(t.owner, t.owner.personId, first?.id ?? '')).toEqual({ ok: false, kind: 'not_found' });
    });

    it('records changes of who can see a profile', async () => {
      const t = await team();
      await people.updateVisibility(t.owner, t.owner.personId, 'private');
      await people.updateVisibility(t.owner, t.owner.personId, 'private');
      const rows = await db.kysely.selectFrom('audit_events').select(['action', 'detail']).where('subject_id', '=', t.owner.personId).execute();
      expect(rows.map((r) => ({ action: r.action, detail: JSON.parse(r.detail) as unknown }))).toEqual([{ action: 'person.visibility_changed', detail: { from: 'organisation', to: 'private' } }]);
    });
  });

  describe('appreciations', () => {
    it('stay off the profile until its owner accepts them, and only the owner decides', async () => {
      const t = await team();
      expect(await people.appreciate(t.owner, t.owner.personId, 'I am great')).toEqual({ ok: false, kind: 'forbidden' });
      expect(await people.appreciate(t.member, t.owner.personId, 'You listen so well.')).toEqual({ ok: true, value: { name: 'Olu Owner' } });

      const before = await people.profile(t.partner, t.owner.personId);
      expect(before.ok && before.value.appreciations).toEqual([]);
      const inbox = await people.inbox(t.owner, t.owner.personId);
      const pending = inbox.ok ? inbox.value.pending : [];
      expect(pending.map((a) => ({ body: a.body, authorName: a.authorName, status: a.status }))).toEqual([{ body: 'You listen so well.', authorName: 'Mo Member', status: 'pending' }]);
      const id = pending[0]?.id ?? '';

      expect(await people.inbox(t.member, t.owner.personId)).toEqual({ ok: false, kind: 'forbidden' });
      expect(await people.decide(t.member, t.owner.personId, id, 'accepted')).toEqual({ ok: false, kind: 'forbidden' });
      expect(await people.decide(t.admin, t.owner.personId, id, 'accepted')).toEqual({ ok: false, kind: 'forbidden' });
      expect(await people.decide(t.owner, t.member.personId, id, 'accepted')).toEqual({ ok: false, kind: 'forbidden' });

      expect(await people.decide(t.owner, t.owner.personId, id, 'accepted')).toEqual({ ok: true, value: null });
      const after = await people.profile(t.partner, t.owner.personId);
      expect(after.ok && after.value.appreciations.map((a) => a.body)).toEqual(['You listen so well.']);

      expect(await people.decide(t.owner, t.owner.personId, id, 'declined')).toEqual({ ok: true, value: null });
      const hidden = await people.profile(t.partner, t.owner.personId);
      expect(hidden.ok && hidden.value.appreciations).toEqual([]);
    });

    it('for someone without an account, are decided by the staff who act for them', async () => {
      const t = await team();
      const noAccount = await withoutAccount(t.facilitator);
      await people.appreciate(t.member, noAccount, 'Your baking!');
      const inbox = await people.inbox(t.admin, noAccount);
      const id = inbox.ok ? (inbox.value.pending[0]?.id ?? '') : '';
      expect(await people.decide(t.facilitator, noAccount, id, 'accepted')).toEqual({ ok: true, value: null });
    });
  });

  describe('data rights', () => {
    it('exports everything held about a person, and records that it did', async () => {
      const t = await team();
      await people.updateAbout(t.owner, t.owner.personId, { displayName: 'Olu Owner', knownAs: 'Olu', pronouns: 'they/them' });
      await people.updateAnswers(t.owner, t.owner.personId, { important: 'My allotment' });
      await people.addStrength(t.owner, t.owner.personId, { label: 'Woodwork', kind: 'offer' });
      await people.updateTakingPart(t.owner, t.owner.personId, { perspectives: ['volunteer'], perspectiveDescription: null, participationWays: ['in_person'], accessNeeds: ['quiet_space'], accessNeedsOther: null });
      expect(await people.appreciate(t.member, t.owner.personId, 'Thank you for the shelves')).toMatchObject({ ok: true });
      expect(await people.appreciate(t.owner, t.member.personId, 'You made me welcome')).toMatchObject({ ok: true });
      await people.updateVisibility(t.owner, t.owner.personId, 'projects');
      clock.advance(1000);

      const result = await people.exportData(t.owner, t.owner.personId, 'json');
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const data = result.value;
      const rows = (table: string) => data.held.find((h) => h.table === table)?.rows.map((r) => r.values) ?? [];
      expect(data.person).toEqual({ id: t.owner.personId, name: 'Olu Owner' });
      expect(rows('people')).toEqual([expect.objectContaining({ display_name: 'Olu Owner', known_as: 'Olu', pronouns: 'they/them', permission: 'member', profile_visibility: 'projects', participation_ways: '["in_person"]', access_needs: '["quiet_space"]' })]);
      expect(rows('accounts')).toEqual([expect.objectContaining({ email: t.owner.email })]);
      expect(rows('accounts')[0]).not.toHaveProperty('password_hash');
      expect(rows('person_perspectives')).toEqual([expect.objectContaining({ perspective: 'volunteer' })]);
      expect(rows('profile_answers')).toEqual([expect.objectContaining({ heading_key: 'important', body: 'My allotment' })]);
      expect(rows('strengths')).toEqual([expect.objectContaining({ kind: 'offer', label: 'Woodwork' })]);
      expect(rows('appreciations')).toEqual(expect.arrayContaining([
        expect.objectContaining({ author_person_id: t.member.personId, body: 'Thank you for the shelves', status: 'pending' }),
        expect.objectContaining({ person_id: t.member.personId, body: 'You made me welcome' }),
      ]));
      expect(data.names[t.member.personId]).toBe('Mo Member');
      expect(rows('audit_events').filter((e) => e['subject_id'] === t.owner.personId).map((e) => e['action'])).toEqual(['person.visibility_changed', 'person.exported']);
      expect(await people.exportData(t.member, t.owner.personId, 'json')).toEqual({ ok: false, kind: 'not_found' });
      expect(await people.exportData(t.admin, t.owner.personId, 'json')).toEqual({ ok: false, kind: 'forbidden' });
    });

    it('removes a profile but keeps what they wrote for others, as from a former member; deletes an account left with no organisation', async () => {
      const t = await team();
      await people.updateAnswers(t.owner, t.owner.personId, { important: 'Private things' });
      await people.addStrength(t.owner, t.owner.personId, { label: 'Woodwork', kind: 'offer' });
      await people.updateTakingPart(t.owner, t.owner.personId, { perspectives: ['volunteer'], perspectiveDescription: 'Words', participationWays: ['phone'], accessNeeds: ['bsl'], accessNeedsOther: null });
      await people.appreciate(t.owner, t.member.personId, 'You made me welcome');
      await people.appreciate(t.member, t.owner.personId, 'About the owner');
      const inbox = await people.inbox(t.member, t.member.personId);
      await people.decide(t.member, t.member.personId, inbox.ok ? (inbox.value.pending[0]?.id ?? '') : '', 'accepted');
      await db.kysely.insertInto('sessions').values({ sid: newId(), account_id: t.owner.accountId, data: '{}', expires_at: '2099-01-01T00:00:00.000Z', created_at: clock.now().toISOString() }).execute();

      expect(await people.removeProfile(t.member, t.owner.personId)).toEqual({ ok: false, kind: 'forbidden' });
      expect(await people.removeProfile(t.owner, t.owner.personId)).toEqual({ ok: true, value: { accountDeleted: true, self: true } });

      const row = await db.kysely.selectFrom('people').selectAll().where('id', '=', t.owner.personId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ account_id: null, display_name: '', known_as: null, perspective_description: null, access_needs: '[]', participation_ways: '[]', archived_at: clock.now().toISOString(), archived_by: t.owner.personId });
      for (const table of ['profile_answers', 'strengths', 'person_perspectives'] as const) {
        const left = await db.kysely.selectFrom(table).select('person_id').where('person_id', '=', t.owner.personId).execute();
        expect(left, table).toEqual([]);
      }
      const about = await db.kysely.selectFrom('appreciations').select('id').where('person_id', '=', t.owner.personId).execute();
      expect(about).toEqual([]);
      expect(await db.kysely.selectFrom('accounts').select('id').where('id', '=', t.owner.accountId).execute()).toEqual([]);
      expect(await db.kysely.selectFrom('sessions').select('sid').where('account_id', '=', t.owner.accountId).execute()).toEqual([]);

      const memberProfile = await people.profile(t.partner, t.member.personId);
      expect(memberProfile.ok && memberProfile.value.appreciations.map((a) => ({ body: a.body, authorName: a.authorName }))).toEqual([{ body: 'You made me welcome', authorName: null }]);
      expect(await people.profile(t.admin, t.owner.personId)).toEqual({ ok: false, kind: 'not_found' });
      const directory = await people.directory(t.admin, { q: '', kind: 'any', page: 1 });
      expect(directory.ok && directory.value.entries.map((e) => e.displayName)).not.toContain('');
      expect(await auditActions(t.owner.personId)).toEqual(['person.removed']);
    });

    it('keeps an account that still belongs to another organisation, and never removes the last admin', async () => {
      const t = await team();
      const elsewhere = await makeOrganisation(db.kysely);
      await makeMember(db.kysely, elsewhere, { email: t.owner.email });
      expect(await people.removeProfile(t.owner, t.owner.personId)).toEqual({ ok: true, value: { accountDeleted: false, self: true } });
      expect(await db.kysely.selectFrom('accounts').select('id').where('id', '=', t.owner.accountId).execute()).toHaveLength(1);

      const solo = await makeOrganisation(db.kysely);
      const onlyAdmin = await makeMember(db.kysely, solo, { permission: 'admin' as Permission });
      expect(await people.removeProfile(onlyAdmin, onlyAdmin.personId)).toEqual({ ok: false, kind: 'conflict', reason: 'errors.people.last_admin' });
    });
  });

  describe('the profile template', () => {
    it('renames the toolkit headings, adds up to five more, and removes them without losing answers', async () => {
      const t = await team();
      expect(await people.template(t.facilitator)).toEqual({ ok: false, kind: 'forbidden' });
      await people.updateTemplate(t.admin, { ageEnabled: true, pictureEnabled: false, 'heading-appreciate': 'What people like about me', 'heading-important': null, 'heading-support': null });
      for (let i = 1; i <= 5; i += 1) expect(await people.addHeading(t.admin, `Extra ${i}`)).toEqual({ ok: true, value: null });
      expect(await people.addHeading(t.admin, 'Extra 6')).toEqual({ ok: false, kind: 'invalid', errors: { label: 'errors.people.heading_too_many' } });

      const template = await people.template(t.admin);
      if (!template.ok) throw new Error('no template');
      expect(template.value.settings).toEqual({ ageEnabled: true, pictureEnabled: false });
      expect(template.value.headings.map((h) => h.customLabel ?? h.labelKey)).toEqual([
        'What people like about me', 'profile_headings.important', 'profile_headings.support', 'Extra 1', 'Extra 2', 'Extra 3', 'Extra 4', 'Extra 5',
      ]);
      const extra = template.value.extras[0]?.key ?? '';
      await people.updateAnswers(t.owner, t.owner.personId, { [extra]: 'An answer to an extra heading' });
      expect(await people.removeHeading(t.admin, extra)).toEqual({ ok: true, value: null });
      expect(await people.removeHeading(t.admin, extra)).toEqual({ ok: false, kind: 'not_found' });
      expect(await people.removeHeading(t.admin, 'appreciate')).toEqual({ ok: false, kind: 'not_found' });

      const view = await people.profile(t.member, t.owner.personId);
      expect(view.ok && view.value.headings.map((h) => h.key)).not.toContain(extra);
      const exported = await people.exportData(t.owner, t.owner.personId, 'json');
      expect(exported.ok && exported.value.held.find((h) => h.table === 'profile_answers')?.rows.map((r) => r.values)).toEqual([expect.objectContaining({ heading_key: extra, body: 'An answer to an extra heading' })]);

      await people.updateTemplate(t.admin, { ageEnabled: false, pictureEnabled: false, 'heading-appreciate': null, 'heading-important': null, 'heading-support': null });
      const reset = await people.template(t.admin);
      expect(reset.ok && reset.value.headings[0]).toMatchObject({ key: 'appreciate', labelKey: 'profile_headings.appreciate', customLabel: null });
    });
  });
});
