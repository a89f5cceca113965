import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/portable.js';
import type { Actor } from '../../shared/actor.js';
import { createAuditWriter } from '../../shared/audit.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { createPeopleService, type PeopleService } from './people.service.js';
import { addWithoutAccount, fixedRelationships, makeTeam } from './people.test-support.js';

describe.each(testDialects())('people directory service (%s)', (dialect) => {
  let db: TestDb;
  let people: PeopleService;
  const clock = fixedClock(new Date('2026-11-23T10:00:00.000Z'));
  const sharing: (readonly [string, string])[] = [];

  beforeAll(async () => {
    db = await createTestDb(dialect);
    people = createPeopleService({ db: db.kysely, clock, audit: createAuditWriter(clock), relationships: fixedRelationships(() => sharing) });
  });
  afterAll(async () => db.destroy());

  const team = () => makeTeam(db.kysely);
  const withoutAccount = (actor: Actor, name?: string) => addWithoutAccount(people, actor, name);

  describe('the directory', () => {
    it('finds people by name or strength, offered or to grow, a page at a time', async () => {
      const t = await team();
      await people.addStrength(t.owner, t.owner.personId, { label: 'Graphic design', kind: 'offer' });
      await people.addStrength(t.member, t.member.personId, { label: 'Facilitating groups', kind: 'grow' });
      await people.addStrength(t.partner, t.partner.personId, { label: 'Facilitating', kind: 'offer' });
      const names = async (q: string, kind: 'any' | 'offer' | 'grow') => {
        const result = await people.directory(t.admin, { q, kind, page: 1 });
        if (!result.ok) return [];
        // The count (a different query for strength searches) agrees with the list.
        expect(result.value.total, `count for "${q}" (${kind})`).toBe(result.value.entries.length);
        return result.value.entries.map((e) => e.displayName);
      };
      expect(await names('design', 'any')).toEqual(['Olu Owner']);
      expect(await names('DESIGN', 'offer')).toEqual(['Olu Owner']);
      expect(await names('design', 'grow')).toEqual([]);
      expect(await names('facilitat', 'grow')).toEqual(['Mo Member']);
      expect(await names('facilitat', 'offer')).toEqual(['Pat Partner']);
      expect(await names('facilitat', 'any')).toEqual(['Fen Facilitator', 'Mo Member', 'Pat Partner']);
      expect(await names('', 'grow')).toEqual(['Mo Member']);
      expect(await names('100%_\\', 'any')).toEqual([]);

      for (let i = 0; i < 30; i += 1) await withoutAccount(t.admin, `Zed ${String(i).padStart(2, '0')}`);
      const page2 = await people.directory(t.member, { q: '', kind: 'any', page: 2 });
      expect(page2.ok && { total: page2.value.total, pages: page2.value.pages, page: page2.value.page, first: page2.value.entries[0]?.displayName, count: page2.value.entries.length }).toEqual({
        total: 35, pages: 2, page: 2, first: 'Zed 20', count: 10,
      });
      const beyond = await people.directory(t.member, { q: '', kind: 'any', page: 99 });
      expect(beyond.ok && beyond.value.page).toBe(2);
    });

    it('remembers a count only while it is exact: changes made anywhere, and each viewer\'s own view, count', async () => {
      const t = await team();
      await people.addStrength(t.owner, t.owner.personId, { label: 'Graphic design', kind: 'offer' });
      const found = async (actor: Actor, q = 'design', kind: 'any' | 'offer' = 'offer') => {
        const result = await people.directory(actor, { q, kind, page: 1 });
        return result.ok ? result.value.total : -1;
      };
      expect(await found(t.member)).toBe(1);
      expect(await found(t.member)).toBe(1);
      // Another module adds a person with a strength straight into the tables (as circles and invitations add people).
      const now = clock.now().toISOString();
      const added = newId();
      await db.kysely.insertInto('people').values({ id: added, organisation_id: t.organisationId, account_id: null, display_name: 'Dee Direct', permission: 'member', created_at: now, updated_at: now, archived_at: null, archived_by: null }).execute();
      expect(await found(t.member, 'dee', 'any')).toBe(1);
      await people.addStrength(t.admin, added, { label: 'Poster design', kind: 'offer' });
      expect(await found(t.member)).toBe(2);
      // Hidden from the member, still seen by its owner and an admin: each viewer's count is their own.
      await people.updateVisibility(t.owner, t.owner.personId, 'private');
      expect(await found(t.member)).toBe(1);
      expect(await found(t.owner)).toBe(2);
      expect(await found(t.admin)).toBe(2);
      expect(await found(t.member)).toBe(1);
      const all = await people.directory(t.member, { q: '', kind: 'any', page: 1 });
      expect(all.ok && all.value.total).toBe(all.ok ? all.value.entries.length : -1);
    });

    it('shows a remembered page of the directory only while nothing on it has changed', async () => {
      const t = await team();
      await people.addStrength(t.owner, t.owner.personId, { label: 'Graphic design', kind: 'offer' });
      const shown = async () => {
        const result = await people.directory(t.member, { q: 'design', kind: 'offer', page: 1 });
        if (!result.ok) return [];
        return result.value.entries.map((e) => `${e.displayName} (${e.pronouns ?? '-'}): ${e.strengths.offer.map((s) => s.label).join(', ')}${e.isSelf ? ' [me]' : ''}`);
      };
      const volunteers = async () => {
        const result = await people.directory(t.admin, { q: '', kind: 'any', page: 1 });
        return result.ok ? result.value.perspectives.find((p) => p.key === 'volunteer')?.count : undefined;
      };
      expect(await shown()).toEqual(['Olu Owner (-): Graphic design']);
      expect(await shown()).toEqual(['Olu Owner (-): Graphic design']);
      // Changed straight in the tables, as another module or process would.
      await db.kysely.updateTable('people').set({ pronouns: 'they/them' }).where('id', '=', t.owner.personId).execute();
      expect(await shown()).toEqual(['Olu Owner (they/them): Graphic design']);
      await db.kysely.updateTable('strengths').set({ label: 'Graphic Design' }).where('person_id', '=', t.owner.personId).execute();
      expect(await shown()).toEqual(['Olu Owner (they/them): Graphic Design']);
      await people.addStrength(t.member, t.member.personId, { label: 'Web design', kind: 'offer' });
      expect(await shown()).toEqual(['Mo Member (-): Web design [me]', 'Olu Owner (they/them): Graphic Design']);
      // The same page for an admin, who sees everyone: nobody is marked as them.
      const admin = await people.directory(t.admin, { q: 'design', kind: 'offer', page: 1 });
      expect(admin.ok && admin.value.entries.map((e) => e.isSelf)).toEqual([false, false]);

      expect(await volunteers()).toBeNull();
      for (const actor of [t.owner, t.member, t.admin]) {
        await people.updateTakingPart(actor, actor.personId, { perspectives: ['volunteer'], perspectiveDescription: null, participationWays: [], accessNeeds: [], accessNeedsOther: null });
      }
      expect(await volunteers()).toBe(3);
      await db.kysely.deleteFrom('person_perspectives').where('person_id', '=', t.member.personId).execute();
      expect(await volunteers()).toBeNull();
    });

    it('keeps the searched strength labels in step with the strengths: counted up, down, and dropped when unused', async () => {
      const t = await team();
      const labels = async () =>
        (await db.kysely.selectFrom('strength_labels').select(['kind', 'label_normalised', 'people']).where('organisation_id', '=', t.organisationId).orderBy('kind').orderBy('label_normalised').execute())
          .map((row) => `${row.kind} ${row.label_normalised} ${String(row.people)}`);
      await people.addStrength(t.owner, t.owner.personId, { label: 'Graphic design', kind: 'offer' });
      await people.addStrength(t.member, t.member.personId, { label: 'graphic  DESIGN', kind: 'offer' });
      await people.addStrength(t.member, t.member.personId, { label: 'Graphic design', kind: 'offer' }); // the same again: refused
      await people.addStrength(t.member, t.member.personId, { label: 'Graphic design', kind: 'grow' });
      expect(await labels()).toEqual(['grow graphic design 1', 'offer graphic design 2']);

      const mine = await db.kysely.selectFrom('strengths').select('id').where('person_id', '=', t.owner.personId).executeTakeFirstOrThrow();
      expect(await people.removeStrength(t.owner, t.owner.personId, mine.id)).toMatchObject({ ok: true });
      expect(await labels()).toEqual(['grow graphic design 1', 'offer graphic design 1']);
      const found = await people.directory(t.admin, { q: 'design', kind: 'offer', page: 1 });
      expect(found.ok && found.value.entries.map((e) => e.displayName)).toEqual(['Mo Member']);

      expect(await people.removeProfile(t.member, t.member.personId)).toMatchObject({ ok: true });
      expect(await labels()).toEqual([]);
      const none = await people.directory(t.admin, { q: 'design', kind: 'any', page: 1 });
      expect(none.ok && none.value.total).toBe(0);
    });
  });
});
