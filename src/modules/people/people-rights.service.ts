/** Data rights: download everything held about you; remove your profile. */
import type { Permission, ProfileVisibility } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { Access, PeopleServiceDeps } from './people.access.js';
import * as appreciationsRepo from './people-appreciations.repository.js';
import * as profileRepo from './people-profile.repository.js';
import * as rightsRepo from './people-rights.repository.js';
import * as repo from './people.repository.js';

/** Everything Doing With holds about a person in one organisation. Labels stay keys: the page and file translate. */
export interface PersonExport {
  readonly exportedAt: string;
  readonly organisation: string;
  readonly person: {
    readonly id: string;
    readonly name: string;
    readonly knownAs: string | null;
    readonly pronouns: string | null;
    readonly age: string | null;
    readonly email: string | null;
    readonly permission: Permission;
    readonly profileVisibility: ProfileVisibility;
    readonly perspectives: readonly string[];
    readonly perspectiveDescription: string | null;
    readonly participationWays: readonly string[];
    readonly accessNeeds: readonly string[];
    readonly accessNeedsOther: string | null;
    readonly consentNote: string | null;
    readonly consentRecordedAt: string | null;
    readonly createdAt: string;
    readonly updatedAt: string;
  };
  /** Every answer, including to headings the organisation has since removed. */
  readonly answers: readonly {
    readonly headingKey: string;
    /** The organisation's wording of the heading, or the i18n key of the toolkit's; both null for a removed heading. */
    readonly heading: string | null;
    readonly headingLabelKey: string | null;
    readonly body: string;
    readonly updatedAt: string;
  }[];
  readonly strengths: readonly { readonly kind: string; readonly label: string }[];
  readonly hasPicture: boolean;
  readonly appreciationsReceived: readonly { readonly from: string | null; readonly body: string; readonly status: string; readonly createdAt: string }[];
  readonly appreciationsWritten: readonly { readonly about: string | null; readonly body: string; readonly status: string; readonly createdAt: string }[];
  readonly auditEvents: readonly rightsRepo.AuditRecord[];
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
      const [organisation, email, perspectives, headingRows, answers, strengths, pictures, received, written, events] = await Promise.all([
        rightsRepo.organisationName(db, org),
        person.accountId === null ? Promise.resolve(undefined) : rightsRepo.accountEmail(db, person.accountId),
        repo.listPerspectives(db, org, personId),
        access.headings(org),
        profileRepo.listAnswers(db, org, [personId]),
        profileRepo.listStrengths(db, org, [personId]),
        profileRepo.withPictures(db, org, [personId]),
        appreciationsRepo.listAbout(db, org, [personId], ['pending', 'accepted', 'declined']),
        appreciationsRepo.listWrittenBy(db, org, personId),
        rightsRepo.auditEventsAbout(db, org, personId),
      ]);
      const headingOf = (key: string) => headingRows.find((h) => h.key === key);
      return ok({
        exportedAt: now(),
        organisation,
        person: {
          id: person.id,
          name: person.displayName,
          knownAs: person.knownAs,
          pronouns: person.pronouns,
          age: person.ageText,
          email: email ?? null,
          permission: person.permission,
          profileVisibility: person.visibility,
          perspectives,
          perspectiveDescription: person.perspectiveDescription,
          participationWays: person.participationWays,
          accessNeeds: person.accessNeeds,
          accessNeedsOther: person.accessNeedsOther,
          consentNote: person.consentNote,
          consentRecordedAt: person.consentRecordedAt,
          createdAt: person.createdAt,
          updatedAt: person.updatedAt,
        },
        answers: answers.map((a) => ({ headingKey: a.headingKey, heading: headingOf(a.headingKey)?.customLabel ?? null, headingLabelKey: headingOf(a.headingKey)?.labelKey ?? null, body: a.body, updatedAt: a.updatedAt })),
        strengths: strengths.map((s) => ({ kind: s.kind, label: s.label })),
        hasPicture: pictures.has(personId),
        appreciationsReceived: received.map((a) => ({ from: a.authorName, body: a.body, status: a.status, createdAt: a.createdAt })),
        appreciationsWritten: written.map((a) => ({ about: a.aboutName, body: a.body, status: a.status, createdAt: a.createdAt })),
        auditEvents: events,
      });
    },

    /** Check a removal may go ahead, for the confirmation page. */
    async removalCheck(actor: Actor, personId: string): Promise<Result<{ name: string; isOwner: boolean; hasAccount: boolean }>> {
      const loaded = await access.load(actor, personId, 'remove');
      if (!loaded.ok) return loaded;
      const { person } = loaded.value;
      return ok({ name: person.displayName, isOwner: loaded.value.isOwner, hasAccount: person.accountId !== null });
    },

    /**
     * Remove a profile. What the person wrote for others stays, shown as from a "Former member"; everything about
     * them goes. If their account then belongs to no organisation, the account goes too and every session ends.
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
        await rightsRepo.wipePerson(trx, actor.organisationId, personId, actor.personId, at);
        await audit.record(trx, {
          organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'person.removed',
          subjectType: 'person', subjectId: personId, detail: { byOwner: loaded.value.isOwner },
        });
        let accountDeleted = false;
        if (person.accountId !== null && !(await rightsRepo.accountHasMemberships(trx, person.accountId))) {
          await rightsRepo.deleteAccount(trx, person.accountId);
          await audit.record(trx, { organisationId: null, actorAccountId: actor.accountId, action: 'account.deleted', subjectType: 'account', subjectId: person.accountId });
          accountDeleted = true;
        }
        return ok({ accountDeleted, self: loaded.value.isOwner });
      });
    },
  };
}
