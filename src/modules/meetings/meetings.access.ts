import type { Actor } from '../../shared/actor.js';
import { canMeeting, type MeetingAction, type MeetingViewer } from './meetings.permissions.js';
import { findMeetingWithAccess, findProjectAccess, type Db, type Meeting, type ProjectAccess } from './meetings.repository.js';

export interface ProjectCtx {
  readonly projectId: string;
  readonly projectTitle: string;
  readonly projectEndsOn: string | null;
  readonly viewer: MeetingViewer;
  readonly can: (action: MeetingAction, roles?: { keeperId?: string | null; noteTakerId?: string | null }) => boolean;
}

export interface MeetingCtx extends ProjectCtx {
  readonly meeting: Meeting;
  /** Days after the meeting before access needs given in replies are deleted (the organisation's setting). */
  readonly accessNeedsDays: number;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const looksLikeId = (value: string): boolean => ID.test(value);

/** The project for this actor, or undefined (another organisation, not there, or not in its circle: all "not found"). */
export async function openProjectCtx(db: Db, actor: Actor, projectId: string): Promise<ProjectCtx | undefined> {
  if (!looksLikeId(projectId)) return undefined;
  const found = await findProjectAccess(db, actor.organisationId, projectId, actor.personId);
  return found === undefined ? undefined : contextOf(actor, projectId, found);
}

function contextOf(actor: Actor, projectId: string, found: ProjectAccess): ProjectCtx | undefined {
  const viewer: MeetingViewer = { permission: actor.permission, circle: found.circle, personId: actor.personId };
  if (!canMeeting(viewer, 'view')) return undefined;
  return { projectId, projectTitle: found.title, projectEndsOn: found.endsOn, viewer, can: (action, roles) => canMeeting(viewer, action, roles) };
}

export async function openMeetingCtx(db: Db, actor: Actor, projectId: string, meetingId: string): Promise<MeetingCtx | undefined> {
  if (!looksLikeId(meetingId) || !looksLikeId(projectId)) return undefined;
  const found = await findMeetingWithAccess(db, actor.organisationId, projectId, meetingId, actor.personId);
  const ctx = found === undefined ? undefined : contextOf(actor, projectId, found.access);
  return ctx === undefined || found === undefined ? undefined : { ...ctx, meeting: found.meeting, accessNeedsDays: found.accessNeedsDays };
}
