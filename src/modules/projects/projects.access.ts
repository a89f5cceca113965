import type { Actor } from '../../shared/actor.js';
import { abilities, canSee, type ProjectAction, type ProjectViewer } from './projects.permissions.js';
import { findProjectForViewer, type Db, type Membership, type Project } from './projects.repository.js';

/** A project as one person sees it: the project, their place in it, and what they may do. */
export interface ProjectContext {
  readonly project: Project;
  readonly membership: Membership | null;
  readonly viewer: ProjectViewer;
  readonly can: Readonly<Record<ProjectAction, boolean>>;
  /** The organisation's directory version: it rises whenever people are added, renamed or archived. */
  readonly directoryVersion: number;
  /** Written afresh with every rise of the directory version. */
  readonly directoryStamp: string;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Something that cannot be one of our ids is "not found" without asking the database. */
export function looksLikeId(value: string): boolean {
  return ID.test(value);
}

/**
 * Open a project for an actor: one query. Undefined when it does not exist, belongs to another organisation, or is
 * invite-only and the actor is outside its circle (they all look the same from outside: "not found").
 */
export async function openProject(db: Db, actor: Actor, projectId: string): Promise<ProjectContext | undefined> {
  if (!looksLikeId(projectId)) return undefined;
  const found = await findProjectForViewer(db, actor.organisationId, projectId, actor.personId);
  if (found === undefined) return undefined;
  const viewer: ProjectViewer = { permission: actor.permission, circle: found.membership?.circle ?? null };
  if (!canSee(viewer, found.project)) return undefined;
  return { project: found.project, membership: found.membership, viewer, can: abilities(viewer, found.project), directoryVersion: found.directoryVersion, directoryStamp: found.directoryStamp };
}
