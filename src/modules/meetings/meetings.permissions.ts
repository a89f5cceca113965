import type { Permission } from '../../db/database.js';
import { atLeast } from '../../shared/actor.js';

/** Who is looking: their permission in the organisation and their circle in the project (null: not in it). */
export interface MeetingViewer {
  readonly permission: Permission;
  readonly circle: string | null;
  readonly personId: string;
}

export type MeetingAction = 'view' | 'take_part' | 'facilitate' | 'see_access_needs' | 'introduce_cards' | 'write_notes' | 'write_journal';

/**
 * Pure rules. Meetings belong to the people in the project's circle: everyone else (even a facilitator of the
 * organisation who is not in the circle) is told "not found"; admins may look. Everyone in the circle takes part
 * equally: replies, agenda items, gratitude, cards, proposals, one voice in every decision. Co-producers and
 * facilitators run the meeting; the card keeper introduces cards; the note-taker writes the notes; the gratitude
 * journal is for co-producers. Access needs told with a reply can say something about health, so only the
 * facilitators of the circle (and admins) see them, by name; everyone else sees how many people told them.
 */
export function canMeeting(viewer: MeetingViewer, action: MeetingAction, roles: { keeperId?: string | null; noteTakerId?: string | null } = {}): boolean {
  const inCircle = viewer.circle !== null;
  const runs = inCircle && (viewer.circle === 'co_producers' || atLeast(viewer, 'facilitator'));
  switch (action) {
    case 'view':
      return inCircle || atLeast(viewer, 'admin');
    case 'take_part':
      return inCircle;
    case 'facilitate':
      return runs;
    case 'see_access_needs':
      return atLeast(viewer, 'facilitator') && (inCircle || atLeast(viewer, 'admin'));
    case 'introduce_cards':
      return inCircle && (roles.keeperId === viewer.personId || runs);
    case 'write_notes':
      return inCircle && (roles.noteTakerId === viewer.personId || runs);
    case 'write_journal':
      return viewer.circle === 'co_producers';
  }
}
