import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../services.js';
import { fixedClock } from '../../shared/clock.js';
import { testConfig } from '../../../test/helpers/app.js';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { createCapturingMailer } from '../../../test/helpers/mailer.js';
import { PEOPLE_PAGE_SIZE } from './organisations.service.js';

const SETTINGS = { name: 'Hillside Peer Network', shortName: 'Hillside', defaultLanguage: 'it', timeZone: 'Europe/Rome', country: 'IT', crisisText: 'Call the duty line on 0800 000 000', accessNeedsDays: 14 };

describe.each(testDialects())('organisations service (%s)', (dialect) => {
  let db: TestDb;
  let services: Services;
  const clock = fixedClock(new Date('2026-11-23T10:00:00.000Z'));

  beforeAll(async () => {
    db = await createTestDb(dialect);
    services = createServices({ db, clock, mailer: createCapturingMailer(), config: testConfig() });
  });
  afterAll(async () => db.destroy());

  const organisations = () => services.organisations;

  async function team() {
    const organisationId = await makeOrganisation(db.kysely);
    const admin = await makeMember(db.kysely, organisationId, { permission: 'admin', name: 'Admin A' });
    const facilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator', name: 'Facilitator F' });
    const plain = await makeMember(db.kysely, organisationId, { name: 'Member M' });
    return { organisationId, admin, facilitator, plain };
  }

  async function permissionOf(personId: string): Promise<string | undefined> {
    const row = await db.kysely.selectFrom('people').select('permission').where('id', '=', personId).executeTakeFirst();
    return row?.permission;
  }

  describe('changing what someone can do', () => {
    it('lets an admin change a permission, and writes who did it, to whom, from what and to what in the audit log', async () => {
      const { admin, plain, organisationId } = await team();
      expect(await organisations().changePermission(admin, plain.personId, 'facilitator')).toEqual({ ok: true, value: null });
      expect(await permissionOf(plain.personId)).toBe('facilitator');
      const rows = await db.kysely.selectFrom('audit_events').selectAll().where('subject_id', '=', plain.personId).execute();
      expect(rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }))).toEqual([
        expect.objectContaining({
          organisation_id: organisationId, actor_account_id: admin.accountId, action: 'person.permission_changed', subject_type: 'person',
          detail: { from: 'member', to: 'facilitator' }, created_at: clock.now().toISOString(),
        }),
      ]);
    });

    it('does not let a facilitator or a member change permissions', async () => {
      const { facilitator, plain } = await team();
      expect(await organisations().changePermission(facilitator, plain.personId, 'admin')).toEqual({ ok: false, kind: 'forbidden' });
      expect(await organisations().changePermission(plain, facilitator.personId, 'member')).toEqual({ ok: false, kind: 'forbidden' });
      expect(await permissionOf(plain.personId)).toBe('member');
      expect(await permissionOf(facilitator.personId)).toBe('facilitator');
    });

    it('cannot take admin away from the last admin, but can once there is another', async () => {
      const { admin, facilitator } = await team();
      expect(await organisations().changePermission(admin, admin.personId, 'member')).toEqual({ ok: false, kind: 'conflict', reason: 'errors.permission.last_admin' });
      expect(await permissionOf(admin.personId)).toBe('admin');
      expect((await organisations().changePermission(admin, facilitator.personId, 'admin')).ok).toBe(true);
      expect((await organisations().changePermission(admin, admin.personId, 'member')).ok).toBe(true);
      expect(await permissionOf(admin.personId)).toBe('member');
    });

    it('answers "not found" for a person in another organisation, and changes nothing', async () => {
      const ours = await team();
      const theirs = await team();
      expect(await organisations().changePermission(ours.admin, theirs.plain.personId, 'admin')).toEqual({ ok: false, kind: 'not_found' });
      expect(await organisations().findPerson(ours.admin, theirs.plain.personId)).toEqual({ ok: false, kind: 'not_found' });
      expect(await permissionOf(theirs.plain.personId)).toBe('member');
    });

    it('writes nothing when the permission is already what was asked for', async () => {
      const { admin, plain } = await team();
      expect(await organisations().changePermission(admin, plain.personId, 'member')).toEqual({ ok: true, value: null });
      expect(await db.kysely.selectFrom('audit_events').select('id').where('subject_id', '=', plain.personId).execute()).toEqual([]);
    });
  });

  describe('settings', () => {
    it('lets an admin read and save the settings, with an audit row', async () => {
      const { admin, organisationId } = await team();
      expect((await organisations().updateSettings(admin, SETTINGS)).ok).toBe(true);
      const saved = await organisations().getSettings(admin);
      expect(saved).toEqual({ ok: true, value: { id: organisationId, ...SETTINGS, isDemo: false } });
      const actions = await db.kysely.selectFrom('audit_events').select(['action', 'detail']).where('subject_id', '=', organisationId).execute();
      expect(actions).toEqual([{ action: 'organisation.settings_changed', detail: JSON.stringify({ accessNeedsDaysFrom: 30, accessNeedsDaysTo: 14 }) }]);
    });

    it('does not let a facilitator read or save them', async () => {
      const { facilitator, organisationId } = await team();
      expect(await organisations().getSettings(facilitator)).toEqual({ ok: false, kind: 'forbidden' });
      expect(await organisations().updateSettings(facilitator, SETTINGS)).toEqual({ ok: false, kind: 'forbidden' });
      const row = await db.kysely.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
      expect(row.name).not.toBe(SETTINGS.name);
    });

    it('only ever changes the actor’s own organisation', async () => {
      const ours = await team();
      const theirs = await team();
      const before = await db.kysely.selectFrom('organisations').selectAll().where('id', '=', theirs.organisationId).executeTakeFirstOrThrow();
      await organisations().updateSettings(ours.admin, SETTINGS);
      expect(await db.kysely.selectFrom('organisations').selectAll().where('id', '=', theirs.organisationId).executeTakeFirstOrThrow()).toEqual(before);
    });
  });

  describe('the list of people', () => {
    it('shows facilitators and admins the people of their own organisation only, a page at a time', async () => {
      const { facilitator, organisationId } = await team();
      for (let i = 0; i < PEOPLE_PAGE_SIZE; i += 1) await makeMember(db.kysely, organisationId, { name: `Person ${String(i).padStart(3, '0')}` });
      const other = await team();

      const first = await organisations().listPeople(facilitator, 1);
      if (!first.ok) throw new Error('could not list');
      expect(first.value.total).toBe(PEOPLE_PAGE_SIZE + 3);
      expect(first.value.pages).toBe(2);
      expect(first.value.people).toHaveLength(PEOPLE_PAGE_SIZE);
      const second = await organisations().listPeople(facilitator, 2);
      if (!second.ok) throw new Error('could not list');
      expect(second.value.people).toHaveLength(3);
      const everyone = [...first.value.people, ...second.value.people];
      expect(new Set(everyone.map((p) => p.id)).size).toBe(PEOPLE_PAGE_SIZE + 3);
      expect(everyone.map((p) => p.id)).not.toContain(other.plain.personId);
      expect(everyone.map((p) => p.displayName)).toEqual([...everyone.map((p) => p.displayName)].sort());
      // A page past the end shows the last page.
      const past = await organisations().listPeople(facilitator, 99);
      expect(past.ok && past.value.page).toBe(2);
    });

    it('is not for members', async () => {
      const { plain } = await team();
      expect(await organisations().listPeople(plain, 1)).toEqual({ ok: false, kind: 'forbidden' });
    });
  });

  it('creates an organisation with an audit row', async () => {
    const id = await organisations().createOrganisation(SETTINGS);
    const row = await db.kysely.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: SETTINGS.name, short_name: SETTINGS.shortName, is_demo: 0 });
    const audit = await db.kysely.selectFrom('audit_events').select(['action', 'organisation_id']).where('subject_id', '=', id).execute();
    expect(audit).toEqual([{ action: 'organisation.created', organisation_id: id }]);
  });
});
