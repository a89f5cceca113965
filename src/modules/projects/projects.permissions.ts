import type { Permission } from '../../db/database.js';
import { atLeast } from '../../shared/actor.js';
import type { Circle, Visibility } from './projects.registry.js';

/** Who is looking at a project: what they may do in the organisation, and where they are in its circle (if at all). */
export interface ProjectViewer {
  readonly permission: Permission;
  readonly circle: Circle | null;
}

export interface ProjectAccess {
  readonly visibility: Visibility;
}

export type ProjectAction =
  | 'view'
  | 'create'
  | 'edit_details'
  | 'change_circle'
  | 'move_stage'
  | 'edit_agreement'
  | 'respond_to_agreement'
  | 'post_update'
  | 'manage_tasks'
  | 'volunteer'
  | 'propose_criterion'
  | 'manage_review'
  | 'rate_success'
  | 'set_own_preferences';

const inCircle = (viewer: ProjectViewer) => viewer.circle !== null;
const coProducer = (viewer: ProjectViewer) => viewer.circle === 'co_producers';
const facilitates = (viewer: ProjectViewer) => atLeast(viewer, 'facilitator');

/**
 * Pure rules. Invite-only projects exist only for the people in their circle (and admins, who see everything);
 * everyone else is told "not found". Changing the circle, the stage and the agreement is for co-producers and
 * facilitators; "you said, we did" updates and agreeing to the agreement are for co-producers; anyone in the circle volunteers and says how well the project did.
 */
export function canSee(viewer: ProjectViewer, project: ProjectAccess): boolean {
  return project.visibility === 'open' || inCircle(viewer) || atLeast(viewer, 'admin');
}

export function can(viewer: ProjectViewer, action: ProjectAction, project: ProjectAccess): boolean {
  if (action === 'create') return facilitates(viewer);
  if (!canSee(viewer, project)) return false;
  switch (action) {
    case 'view':
      return true;
    case 'edit_details':
    case 'change_circle':
    case 'move_stage':
    case 'edit_agreement':
    case 'manage_tasks':
    case 'propose_criterion':
    case 'manage_review':
      return coProducer(viewer) || facilitates(viewer);
    case 'post_update':
    case 'respond_to_agreement':
      return coProducer(viewer);
    case 'volunteer':
    case 'rate_success':
    case 'set_own_preferences':
      return inCircle(viewer);
  }
}

/** Everything the viewer may do here, for the page to show or hide its forms. */
export function abilities(viewer: ProjectViewer, project: ProjectAccess): Readonly<Record<ProjectAction, boolean>> {
  const actions: ProjectAction[] = [
    'view', 'create', 'edit_details', 'change_circle', 'move_stage', 'edit_agreement', 'respond_to_agreement',
    'post_update', 'manage_tasks', 'volunteer', 'propose_criterion', 'manage_review', 'rate_success', 'set_own_preferences',
  ];
  return Object.fromEntries(actions.map((a) => [a, can(viewer, a, project)])) as Record<ProjectAction, boolean>;
}
