/** Data rights: download everything held about you; remove your profile. */
import type { Actor } from '../../shared/actor.js';
import { fail, ok, type Result } from '../../shared/result.js';
import { personColumns } from '../personal-data.js';
import type { Access, PeopleServiceDeps } from './people.access.js';
import * as dataRepo from './people-data.repository.js';
import { deleteAllStrengths } from './people-profile.repository.js';
import * as rightsRepo from './people-rights.repository.js';

/**
 * Everything Doing With holds about a person in one organisation, table by table, as the personal-data registry
 * finds it (src/modules/people/people-data.repository.ts). Codes stay codes: the page and the file translate.
 */
export interface PersonExport {
  readonly exportedAt: string;
  readonly organisation: string;
  readonly person: { readonly id: string; readonly name: string };
  readonly held: readonly dataRepo.HeldTable[];
  /** Names of the other people the rows point to, so the readable page can say who; removed profiles are absent. */
  readonly names: Readonly<Record<string, string>>;
  /** The profile headings the answers are under: the organisation's wording, or the toolkit's label key. */
  readonly headings: Readonly<Record<string, { readonly label: string | null; readonly labelKey: string | null }>>;
}

export function rightsUseCases({ db, clock, audit }: PeopleServiceDeps, access: Access) {
  const now = () => clock.now().toISOString();
  return {
    async exportData(actor: Actor, personId: string, format: 'json' | 'html'): Promise<Result<PersonExport>> {
      const loaded = await access.load(actor, personId, 'export');
      if (!loaded.ok) return loaded;
      const { person } = loaded.value;
      const org = actor.organisationId;
      // Recorded first, so the export contains its own record.
      await audit.record(db, { organisationId: org, actorAccountId: actor.accountId, action: 'person.exported', subjectType: 'person', subjectId: personId, detail: { format } });
      const [organisation, email, headings] = await Promise.all([
        rightsRepo.organisationName(db, org),
        person.accountId === null ? Promise.resolve(undefined) : rightsRepo.accountEmail(db, person.accountId),
        access.headings(org),
      ]);
      const held = await dataRepo.heldAbout(db, { organisationId: org, personId, accountId: person.accountId, email: email ?? null });
      const names = await rightsRepo.namesOf(db, org, linkedPeople(held));
      return ok({ exportedAt: now(), organisation, person: { id: person.id, name: person.displayName }, held, names: Object.fromEntries(names), headings: Object.fromEntries(headings.map((h) => [h.key, { label: h.customLabel, labelKey: h.labelKey }])) });
    },

    /** Check a removal may go ahead, for the confirmation page. */
    async removalCheck(actor: Actor, personId: string): Promise<Result<{ name: string; isOwner: boolean; hasAccount: boolean }>> {
      const loaded = await access.load(actor, personId, 'remove');
      if (!loaded.ok) return loaded;
      const { person } = loaded.value;
      return ok({ name: person.displayName, isOwner: loaded.value.isOwner, hasAccount: person.accountId !== null });
    },

    /**
     * Remove a profile: the registry says, column by column, what is deleted, what is anonymised (shown as "Former
     * member") and what stays for the group and why. If the account then belongs to no organisation, it goes too,
     * with every session, token and invitation for its email.
     */
    async removeProfile(actor: Actor, personId: string): Promise<Result<{ accountDeleted: boolean; self: boolean }>> {
      const loaded = await access.load(actor, personId, 'remove');
      if (!loaded.ok) return loaded;
      const { person } = loaded.value;
      return db.transaction().execute(async (trx) => {
        if (person.permission === 'admin' && (await rightsRepo.countCurrentAdmins(trx, actor.organisationId)) <= 1) {
          return fail<{ accountDeleted: boolean; self: boolean }>({ kind: 'conflict', reason: 'errors.people.last_admin' });
        }
        const at = now();
        const email = person.accountId === null ? undefined : await rightsRepo.accountEmail(trx, person.accountId);
        const accountGoes = person.accountId !== null && !(await rightsRepo.accountHasOtherMemberships(trx, person.accountId, actor.organisationId));
        // Strength counts are kept by the profile's repository; everything else the registry erases.
        await deleteAllStrengths(trx, actor.organisationId, personId);
        await dataRepo.eraseHeld(trx, { organisationId: actor.organisationId, personId, accountId: person.accountId, email: email ?? null, accountGoes });
        await rightsRepo.markRemoved(trx, actor.organisationId, personId, actor.personId, at);
        await audit.record(trx, {
          organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'person.removed',
          subjectType: 'person', subjectId: personId, detail: { byOwner: loaded.value.isOwner },
        });
        if (accountGoes) {
          await audit.record(trx, { organisationId: null, actorAccountId: actor.accountId, action: 'account.deleted', subjectType: 'account', subjectId: person.accountId });
        }
        return ok({ accountDeleted: accountGoes, self: loaded.value.isOwner });
      });
    },
  };
}

/** The people the exported rows point to, besides the person: who wrote an appreciation, who recorded a note. */
function linkedPeople(held: readonly dataRepo.HeldTable[]): string[] {
  const ids = new Set<string>();
  for (const table of held) {
    for (const row of table.rows) {
      for (const column of personColumns(table.table)) {
        const value = row.values[column];
        if (typeof value === 'string') ids.add(value);
      }
    }
  }
  return [...ids];
}
