import type { Kysely } from 'kysely';
import type { Database, Permission } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import { fail, forbidden, notFound, ok, type Result } from '../../shared/result.js';
import { can } from './organisations.permissions.js';
import * as repo from './organisations.repository.js';

export interface OrganisationsServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
}

export interface SettingsInput {
  readonly name: string;
  readonly shortName: string;
  readonly defaultLanguage: string;
  readonly timeZone: string;
  /** Which crisis numbers people see (src/shared/crisis-lines.ts). */
  readonly country: string;
  readonly crisisText: string | null;
}

export interface SettingsChange extends SettingsInput {
  /** Days after a meeting ends before the access needs in its replies are deleted. */
  readonly accessNeedsDays: number;
}

export const PEOPLE_PAGE_SIZE = 50;

export function createOrganisationsService({ db, clock, audit }: OrganisationsServiceDeps) {
  const now = () => clock.now().toISOString();
  return {
    async getSettings(actor: Actor): Promise<Result<repo.OrganisationSettings>> {
      if (!can(actor, 'edit_settings')) return forbidden();
      const organisation = await repo.findOrganisation(db, actor.organisationId);
      return organisation === undefined ? notFound() : ok(organisation);
    },

    async updateSettings(actor: Actor, input: SettingsChange): Promise<Result<null>> {
      if (!can(actor, 'edit_settings')) return forbidden();
      await db.transaction().execute(async (trx) => {
        const before = await repo.findOrganisation(trx, actor.organisationId);
        await repo.updateOrganisation(trx, actor.organisationId, { ...input, now: now() });
        // How long health details are kept is a privacy decision: the audit says who changed it, from what, to what.
        const retention = before === undefined || before.accessNeedsDays === input.accessNeedsDays ? {} : { accessNeedsDaysFrom: before.accessNeedsDays, accessNeedsDaysTo: input.accessNeedsDays };
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'organisation.settings_changed', subjectType: 'organisation', subjectId: actor.organisationId, detail: retention });
      });
      return ok(null);
    },

    async listPeople(actor: Actor, page: number): Promise<Result<{ people: repo.PersonWithAccess[]; total: number; page: number; pages: number }>> {
      if (!can(actor, 'view_people_admin')) return forbidden();
      const total = await repo.countPeople(db, actor.organisationId);
      const pages = Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE));
      const current = Math.min(Math.max(1, page), pages);
      const people = await repo.listPeopleWithAccess(db, actor.organisationId, PEOPLE_PAGE_SIZE, (current - 1) * PEOPLE_PAGE_SIZE);
      return ok({ people, total, page: current, pages });
    },

    async findPerson(actor: Actor, personId: string): Promise<Result<repo.PersonWithAccess>> {
      if (!can(actor, 'view_people_admin')) return forbidden();
      const person = await repo.findPersonInOrganisation(db, actor.organisationId, personId);
      return person === undefined ? notFound() : ok(person);
    },

    async changePermission(actor: Actor, personId: string, permission: Permission): Promise<Result<null>> {
      const person = await repo.findPersonInOrganisation(db, actor.organisationId, personId);
      if (person === undefined) return notFound();
      if (!can(actor, 'change_permission')) return forbidden();
      if (person.permission === permission) return ok(null);
      return db.transaction().execute(async (trx) => {
        if (person.permission === 'admin' && (await repo.countAdmins(trx, actor.organisationId)) <= 1) {
          return fail<null>({ kind: 'conflict', reason: 'errors.permission.last_admin' });
        }
        await repo.updatePermission(trx, actor.organisationId, personId, permission, now());
        await audit.record(trx, {
          organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'person.permission_changed',
          subjectType: 'person', subjectId: personId, detail: { from: person.permission, to: permission },
        });
        return ok(null);
      });
    },

    /** For the command line: a new organisation and an invitation for its first admin. */
    async createOrganisation(input: SettingsInput): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const id = await repo.insertOrganisation(trx, { ...input, isDemo: false, now: now() });
        await audit.record(trx, { organisationId: id, actorAccountId: null, action: 'organisation.created', subjectType: 'organisation', subjectId: id });
        return id;
      });
    },
  };
}

export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
