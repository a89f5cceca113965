/** Seeing and editing one person's profile. */
import type { ProfileVisibility, StrengthKind } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import type { AboutInput, NewPersonInput, TakingPartInput } from './people.forms.js';
import { canAddPersonWithoutAccount } from './people.permissions.js';
import { MAX_STRENGTHS_PER_KIND, normaliseLabel, tidyLabel } from './people.registry.js';
import { headingsFrom, type Access, type Heading, type Loaded, type PeopleServiceDeps } from './people.access.js';
import * as appreciationsRepo from './people-appreciations.repository.js';
import * as pageRepo from './people-profile-page.repository.js';
import * as profileRepo from './people-profile.repository.js';
import * as repo from './people.repository.js';

/** What a viewer may see of a person: fields they may not see are left out, not just hidden by the page. */
export interface ShownPerson {
  readonly id: string;
  readonly displayName: string;
  readonly knownAs: string | null;
  readonly pronouns: string | null;
  readonly hasAccount: boolean;
  readonly ageText: string | null;
  readonly participationWays: readonly string[];
  /** Only for the owner and the people who arrange support. */
  readonly accessNeeds: readonly string[] | null;
  readonly accessNeedsOther: string | null;
  /** Only for the owner (and whoever fills the profile in for someone without an account). */
  readonly perspectives: readonly string[] | null;
  readonly perspectiveDescription: string | null;
  readonly visibility: ProfileVisibility | null;
  readonly consentNote: string | null;
  readonly consentRecordedAt: string | null;
}

export interface Strengths {
  readonly offer: readonly profileRepo.StrengthRecord[];
  readonly grow: readonly profileRepo.StrengthRecord[];
}

export interface ProfileView {
  readonly person: ShownPerson;
  readonly settings: repo.ProfileSettings;
  readonly headings: readonly Heading[];
  readonly answers: Readonly<Record<string, string>>;
  readonly strengths: Strengths;
  readonly appreciations: readonly appreciationsRepo.AppreciationRecord[];
  readonly hasPicture: boolean;
  readonly pendingAppreciations: number;
  readonly may: { readonly edit: boolean; readonly appreciate: boolean; readonly decide: boolean; readonly export: boolean; readonly remove: boolean };
  readonly isOwner: boolean;
}

export interface EditContext {
  readonly person: ShownPerson;
  readonly settings: repo.ProfileSettings;
  readonly headings: readonly Heading[];
  readonly answers: Readonly<Record<string, string>>;
  readonly strengths: Strengths;
  readonly suggestions: readonly string[];
  readonly hasPicture: boolean;
  readonly isOwner: boolean;
}

export function splitStrengths(records: readonly profileRepo.StrengthRecord[]): Strengths {
  return { offer: records.filter((s) => s.kind === 'offer'), grow: records.filter((s) => s.kind === 'grow') };
}

function answersOf(records: readonly profileRepo.AnswerRecord[]): Record<string, string> {
  return Object.fromEntries(records.map((a) => [a.headingKey, a.body]));
}

function shown(loaded: Loaded, perspectives: readonly string[] | null): ShownPerson {
  const { person, settings } = loaded;
  const accessNeeds = loaded.allows('see_access_needs');
  const consent = loaded.allows('see_consent');
  return {
    id: person.id,
    displayName: person.displayName,
    knownAs: person.knownAs,
    pronouns: person.pronouns,
    hasAccount: person.accountId !== null,
    ageText: settings.ageEnabled ? person.ageText : null,
    participationWays: person.participationWays,
    accessNeeds: accessNeeds ? person.accessNeeds : null,
    accessNeedsOther: accessNeeds ? person.accessNeedsOther : null,
    perspectives,
    perspectiveDescription: perspectives === null ? null : person.perspectiveDescription,
    visibility: loaded.allows('edit') ? person.visibility : null,
    consentNote: consent ? person.consentNote : null,
    consentRecordedAt: consent ? person.consentRecordedAt : null,
  };
}

export const SUGGESTIONS_LIMIT = 60;

export function profileUseCases({ db, clock, audit }: PeopleServiceDeps, access: Access) {
  const now = () => clock.now().toISOString();

  /** Staff changing the profile of someone without an account leave a trace; people editing their own do not need to. */
  async function recordEditFor(actor: Actor, loaded: Loaded, section: string): Promise<void> {
    if (loaded.isOwner) return;
    await audit.record(db, {
      organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'person.profile_edited_for',
      subjectType: 'person', subjectId: loaded.person.id, detail: { section },
    });
  }

  return {
    async profile(actor: Actor, personId: string): Promise<Result<ProfileView>> {
      const loaded = await access.load(actor, personId, 'view');
      if (!loaded.ok) return loaded;
      const { person } = loaded.value;
      const may = {
        edit: loaded.value.allows('edit'),
        appreciate: loaded.value.allows('appreciate'),
        decide: loaded.value.allows('decide_appreciations'),
        export: loaded.value.allows('export'),
        remove: loaded.value.allows('remove'),
      };
      // Headings, answers, strengths and appreciations in one query; what only some viewers see, in their own.
      const [contents, perspectives, pending, pictures] = await Promise.all([
        pageRepo.profileContents(db, actor.organisationId, person.id),
        loaded.value.allows('see_perspectives') ? repo.listPerspectives(db, actor.organisationId, person.id) : Promise.resolve(null),
        may.decide ? appreciationsRepo.countPending(db, actor.organisationId, person.id) : Promise.resolve(0),
        loaded.value.settings.pictureEnabled ? profileRepo.withPictures(db, actor.organisationId, [person.id]) : Promise.resolve(new Set<string>()),
      ]);
      const view = shown(loaded.value, perspectives);
      if (!loaded.value.isOwner && view.accessNeeds !== null && (view.accessNeeds.length > 0 || view.accessNeedsOther !== null)) {
        // Access needs can say something about health: reads by others are recorded.
        await audit.record(db, {
          organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'person.access_needs_viewed',
          subjectType: 'person', subjectId: person.id,
        });
      }
      return ok({
        person: view,
        settings: loaded.value.settings,
        headings: headingsFrom(contents.headingRows),
        answers: answersOf(contents.answers),
        strengths: splitStrengths(contents.strengths),
        appreciations: contents.appreciations,
        hasPicture: pictures.has(person.id),
        pendingAppreciations: pending,
        may,
        isOwner: loaded.value.isOwner,
      });
    },

    /** Everything the edit pages need; the same for the person and for staff acting for someone without an account. */
    async editContext(actor: Actor, personId: string): Promise<Result<EditContext>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      const { person } = loaded.value;
      const [headings, answers, strengths, perspectives, suggestions, pictures] = await Promise.all([
        access.headings(actor.organisationId),
        profileRepo.listAnswers(db, actor.organisationId, [person.id]),
        profileRepo.listStrengths(db, actor.organisationId, [person.id]),
        repo.listPerspectives(db, actor.organisationId, person.id),
        profileRepo.strengthSuggestions(db, actor.organisationId, SUGGESTIONS_LIMIT),
        profileRepo.withPictures(db, actor.organisationId, [person.id]),
      ]);
      return ok({
        person: shown(loaded.value, perspectives),
        settings: loaded.value.settings,
        headings,
        answers: answersOf(answers),
        strengths: splitStrengths(strengths),
        suggestions,
        hasPicture: pictures.has(person.id),
        isOwner: loaded.value.isOwner,
      });
    },

    async updateAbout(actor: Actor, personId: string, input: AboutInput): Promise<Result<null>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      const ageText = loaded.value.settings.ageEnabled ? (input.age ?? null) : undefined;
      await repo.updateAbout(db, actor.organisationId, personId, { displayName: input.displayName, knownAs: input.knownAs, pronouns: input.pronouns, ...(ageText === undefined ? {} : { ageText }) }, now());
      await recordEditFor(actor, loaded.value, 'about');
      return ok(null);
    },

    async updateAnswers(actor: Actor, personId: string, answers: Readonly<Record<string, string | null>>): Promise<Result<null>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      const keys = new Set((await access.headings(actor.organisationId)).map((h) => h.key));
      const known = Object.fromEntries(Object.entries(answers).filter(([key]) => keys.has(key)));
      await db.transaction().execute(async (trx) => profileRepo.saveAnswers(trx, actor.organisationId, personId, known, now()));
      await recordEditFor(actor, loaded.value, 'answers');
      return ok(null);
    },

    async addStrength(actor: Actor, personId: string, input: { label: string; kind: StrengthKind }): Promise<Result<{ label: string }>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      const label = tidyLabel(input.label);
      if ((await profileRepo.countStrengths(db, actor.organisationId, personId, input.kind)) >= MAX_STRENGTHS_PER_KIND) {
        return invalid({ label: 'errors.people.strength_too_many' });
      }
      // The strength and its label's count (strength_labels) change together.
      const added = await db
        .transaction()
        .execute(async (trx) => profileRepo.insertStrength(trx, actor.organisationId, personId, { kind: input.kind, label, normalised: normaliseLabel(label) }, now()));
      if (!added) return invalid({ label: 'errors.people.strength_duplicate' });
      await recordEditFor(actor, loaded.value, 'strengths');
      return ok({ label });
    },

    async removeStrength(actor: Actor, personId: string, strengthId: string): Promise<Result<{ label: string }>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      const label = await db.transaction().execute(async (trx) => profileRepo.deleteStrength(trx, actor.organisationId, personId, strengthId));
      if (label === undefined) return notFound();
      await recordEditFor(actor, loaded.value, 'strengths');
      return ok({ label });
    },

    async updateTakingPart(actor: Actor, personId: string, input: TakingPartInput): Promise<Result<null>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      await db.transaction().execute(async (trx) => repo.updateTakingPart(trx, actor.organisationId, personId, input, now()));
      await recordEditFor(actor, loaded.value, 'taking_part');
      return ok(null);
    },

    async updateVisibility(actor: Actor, personId: string, visibility: ProfileVisibility): Promise<Result<null>> {
      const loaded = await access.load(actor, personId, 'edit');
      if (!loaded.ok) return loaded;
      const from = loaded.value.person.visibility;
      if (from === visibility) return ok(null);
      await db.transaction().execute(async (trx) => {
        await repo.updateVisibility(trx, actor.organisationId, personId, visibility, now());
        await audit.record(trx, {
          organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'person.visibility_changed',
          subjectType: 'person', subjectId: personId, detail: { from, to: visibility },
        });
      });
      return ok(null);
    },

    /** A facilitator adds someone who does not use computers, with their consent recorded. */
    async addPersonWithoutAccount(actor: Actor, input: NewPersonInput): Promise<Result<{ id: string }>> {
      if (!canAddPersonWithoutAccount(actor)) return forbidden();
      const id = await db.transaction().execute(async (trx) => {
        const created = await repo.insertPersonWithoutAccount(trx, actor.organisationId, { displayName: input.displayName, knownAs: input.knownAs, consentNote: input.consentNote, recordedBy: actor.personId }, now());
        await audit.record(trx, {
          organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'person.added_without_account',
          subjectType: 'person', subjectId: created, detail: { consentRecorded: true },
        });
        return created;
      });
      return ok({ id });
    },

    /** How many people hold each perspective: the only way anyone else ever sees perspectives. */
    async perspectiveCounts(actor: Actor): Promise<Result<Map<string, number>>> {
      return ok(await repo.countPerspectives(db, actor.organisationId));
    },
  };
}
