import type { Permission, ProfileVisibility } from '../../db/database.js';
import { atLeast } from '../../shared/actor.js';

/** Who is looking. */
export interface ProfileViewer {
  readonly personId: string;
  readonly permission: Permission;
}

/** Whose profile it is. People without an account were added by a facilitator, with their consent recorded. */
export interface ProfileSubject {
  readonly personId: string;
  readonly hasAccount: boolean;
  readonly visibility: ProfileVisibility;
}

/** How the viewer and the owner are connected (projects arrive with issue #4). */
export interface Relationship {
  readonly sharesProject: boolean;
}

export type ProfileAction =
  | 'view'
  | 'edit'
  | 'see_perspectives'
  | 'see_access_needs'
  | 'see_consent'
  | 'decide_appreciations'
  | 'appreciate'
  | 'export'
  | 'remove';

const isOwner = (viewer: ProfileViewer, subject: ProfileSubject) => viewer.personId === subject.personId;

/**
 * Facilitators and admins act for people without an account (who do not use computers), with the consent recorded
 * when they were added. The consent was given to the organisation, not to one facilitator, so any facilitator may
 * keep the profile up to date with the person.
 */
const actsFor = (viewer: ProfileViewer, subject: ProfileSubject) => !subject.hasAccount && atLeast(viewer, 'facilitator');

/**
 * Who sees a profile: the owner always; admins always; facilitators and admins the people without accounts they act
 * for; otherwise the owner's choice: `organisation` — anyone in the organisation; `projects` — people who share a
 * project with them; `private` — nobody else.
 */
export function canViewProfile(viewer: ProfileViewer, subject: ProfileSubject, relationship: Relationship): boolean {
  if (isOwner(viewer, subject) || atLeast(viewer, 'admin') || actsFor(viewer, subject)) return true;
  switch (subject.visibility) {
    case 'organisation':
      return true;
    case 'projects':
      return relationship.sharesProject;
    case 'private':
      return false;
  }
}

/** Pure rules for everything a person can do with a profile. */
export function can(viewer: ProfileViewer, action: ProfileAction, subject: ProfileSubject, relationship: Relationship): boolean {
  switch (action) {
    case 'view':
      return canViewProfile(viewer, subject, relationship);
    // Nobody edits, exports or removes someone else's account-holding profile; not even an admin.
    case 'edit':
    case 'export':
    case 'remove':
    case 'decide_appreciations':
    case 'see_consent':
      return isOwner(viewer, subject) || actsFor(viewer, subject);
    // Perspectives are counted, never shown next to a name: the owner only (or whoever fills the form in for them).
    case 'see_perspectives':
      return isOwner(viewer, subject) || actsFor(viewer, subject);
    // Access needs: the owner, and the facilitators and admins who arrange support. Never other members.
    case 'see_access_needs':
      return canViewProfile(viewer, subject, relationship) && (isOwner(viewer, subject) || atLeast(viewer, 'facilitator'));
    case 'appreciate':
      return canViewProfile(viewer, subject, relationship) && !isOwner(viewer, subject);
  }
}

/**
 * The same rules as `canViewProfile`, for a list: whom the directory and the team wall may show, as data a repository
 * turns into SQL. `projects` profiles are shown when their owner is among `sharingProjectIds`.
 */
export interface DirectoryScope {
  readonly viewerPersonId: string;
  /** Admins see everyone. */
  readonly everyone: boolean;
  /** Facilitators see the people without accounts they act for. */
  readonly withoutAccount: boolean;
  readonly sharingProjectIds: readonly string[];
}

export function directoryScope(viewer: ProfileViewer, sharingProjectIds: readonly string[]): DirectoryScope {
  return {
    viewerPersonId: viewer.personId,
    everyone: atLeast(viewer, 'admin'),
    withoutAccount: atLeast(viewer, 'facilitator'),
    sharingProjectIds,
  };
}

/** Whether a scope shows a subject: the directory's SQL must agree with this (the service tests check it does). */
export function scopeShows(scope: DirectoryScope, subject: ProfileSubject): boolean {
  if (scope.everyone || subject.personId === scope.viewerPersonId) return true;
  if (scope.withoutAccount && !subject.hasAccount) return true;
  if (subject.visibility === 'organisation') return true;
  return subject.visibility === 'projects' && scope.sharingProjectIds.includes(subject.personId);
}

/** Who may add a person without an account, and who may change the organisation's profile template. */
export function canAddPersonWithoutAccount(viewer: Pick<ProfileViewer, 'permission'>): boolean {
  return atLeast(viewer, 'facilitator');
}

export function canEditTemplate(viewer: Pick<ProfileViewer, 'permission'>): boolean {
  return atLeast(viewer, 'admin');
}
