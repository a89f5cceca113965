import type { Actor } from '../../shared/actor.js';
import { canMeeting, type MeetingAction, type MeetingViewer } from './meetings.permissions.js';
import { findMeeting, findProjectAccess, type Db, type Meeting } from './meetings.repository.js';

export interface ProjectCtx {
  readonly projectId: string;
  readonly projectTitle: string;
  readonly projectEndsOn: string | null;
  readonly viewer: MeetingViewer;
  readonly can: (action: MeetingAction, roles?: { keeperId?: string | null; noteTakerId?: string | null }) => boolean;
}

export interface MeetingCtx extends ProjectCtx {
  readonly meeting: Meeting;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const looksLikeId = (value: string): boolean => ID.test(value);

/** The project for this actor, or undefined (another organisation, not there, or not in its circle: all "not found"). */
export async function openProjectCtx(db: Db, actor: Actor, projectId: string): Promise<ProjectCtx | undefined> {
  if (!looksLikeId(projectId)) return undefined;
  const found = await findProjectAccess(db, actor.organisationId, projectId, actor.personId);
  if (found === undefined) return undefined;
  const viewer: MeetingViewer = { permission: actor.permission, circle: found.circle, personId: actor.personId };
  if (!canMeeting(viewer, 'view')) return undefined;
  return { projectId, projectTitle: found.title, projectEndsOn: found.endsOn, viewer, can: (action, roles) => canMeeting(viewer, action, roles) };
}

export async function openMeetingCtx(db: Db, actor: Actor, projectId: string, meetingId: string): Promise<MeetingCtx | undefined> {
  if (!looksLikeId(meetingId)) return undefined;
  const [ctx, meeting] = await Promise.all([openProjectCtx(db, actor, projectId), looksLikeId(projectId) ? findMeeting(db, actor.organisationId, projectId, meetingId) : undefined]);
  if (ctx === undefined || meeting === undefined) return undefined;
  return { ...ctx, meeting };
}
