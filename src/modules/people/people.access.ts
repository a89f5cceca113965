/**
 * Loading a person for an actor, with the permission check in one place: every use case that touches one person
 * goes through `load`. Another organisation's person, a removed person, and a profile the actor may not see are all
 * "not found": we never confirm that someone exists to a person who may not see them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import { forbidden, notFound, ok, type Result } from '../../shared/result.js';
import { can, type ProfileAction, type ProfileSubject, type ProfileViewer, type Relationship } from './people.permissions.js';
import type { Relationships } from './people.relationships.js';
import { BUILTIN_HEADINGS } from './people.registry.js';
import * as profileRepo from './people-profile.repository.js';
import * as repo from './people.repository.js';

export interface PeopleServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
  /** Who shares a project with whom: wired by issue #4; `noProjectRelationships` until then. */
  readonly relationships: Relationships;
}

/** A heading of the one-page profile: the toolkit's three (perhaps renamed) and the organisation's own. */
export interface Heading {
  /** `appreciate`, `important`, `support`, or the id of an organisation's own heading. */
  readonly key: string;
  readonly builtin: boolean;
  /** i18n key of the toolkit's wording, when not renamed. */
  readonly labelKey: string | null;
  readonly hintKey: string | null;
  /** The organisation's own wording. */
  readonly customLabel: string | null;
}

export interface Loaded {
  readonly person: repo.PersonRecord;
  readonly settings: repo.ProfileSettings;
  readonly viewer: ProfileViewer;
  readonly subject: ProfileSubject;
  readonly relationship: Relationship;
  readonly isOwner: boolean;
  /** Everything else this actor may do with this profile. */
  allows(action: ProfileAction): boolean;
}

/** Ids are UUIDs; anything far from one is not worth a query. */
export function plausibleId(value: string): boolean {
  return value.length >= 8 && value.length <= 64 && /^[0-9a-zA-Z-]+$/.test(value);
}

export function viewerOf(actor: Actor): ProfileViewer {
  return { personId: actor.personId, permission: actor.permission };
}

export function createAccess({ db, relationships }: PeopleServiceDeps) {
  return {
    async load(actor: Actor, personId: string, action: ProfileAction): Promise<Result<Loaded>> {
      if (!plausibleId(personId)) return notFound();
      const found = await repo.findPerson(db, actor.organisationId, personId);
      if (found === undefined) return notFound();
      const viewer = viewerOf(actor);
      const subject: ProfileSubject = { personId, hasAccount: found.person.accountId !== null, visibility: found.person.visibility };
      const isOwner = actor.personId === personId;
      const sharesProject =
        !isOwner && subject.visibility === 'projects' ? await relationships.sharesProject(actor.organisationId, actor.personId, personId) : false;
      const relationship: Relationship = { sharesProject };
      if (!can(viewer, 'view', subject, relationship)) return notFound();
      if (!can(viewer, action, subject, relationship)) return forbidden();
      return ok({
        ...found,
        viewer,
        subject,
        relationship,
        isOwner,
        allows: (other: ProfileAction) => can(viewer, other, subject, relationship),
      });
    },

    async headings(organisationId: string): Promise<Heading[]> {
      return headingsFrom(await profileRepo.listHeadingRows(db, organisationId));
    },
  };
}

/** The headings of a profile from the organisation's heading rows (by position): the toolkit's three, then its own. */
export function headingsFrom(rows: readonly profileRepo.HeadingRow[]): Heading[] {
  const builtins = BUILTIN_HEADINGS.map((builtin): Heading => {
    const renamed = rows.find((row) => row.builtinKey === builtin.key && row.label !== '');
    return renamed === undefined
      ? { key: builtin.key, builtin: true, labelKey: builtin.label, hintKey: builtin.hint, customLabel: null }
      : { key: builtin.key, builtin: true, labelKey: null, hintKey: null, customLabel: renamed.label };
  });
  const extras = rows
    .filter((row) => row.builtinKey === null)
    .map((row): Heading => ({ key: row.id, builtin: false, labelKey: null, hintKey: null, customLabel: row.label }));
  return [...builtins, ...extras];
}

export type Access = ReturnType<typeof createAccess>;
