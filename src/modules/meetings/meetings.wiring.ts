import { createCardsService } from './cards.service.js';
import { createDecisionsService } from './decisions.service.js';
import { createGratitudeService } from './gratitude.service.js';
import { createLiveHub, type LiveHub } from './meetings.live.js';
import { meetingVersion } from './meetings.repository.js';
import { createMeetingsCore, type MeetingsServiceDeps } from './meetings.service.js';
import { createNotesService } from './notes.service.js';
import { createPowerBalanceService } from './power-balance.service.js';

/** Every meetings use case, wired once. */
export function createMeetingsService(deps: Omit<MeetingsServiceDeps, 'live'> & { live?: LiveHub }) {
  const full: MeetingsServiceDeps = { ...deps, live: deps.live ?? createLiveHub() };
  return {
    ...createMeetingsCore(full),
    cards: createCardsService(full),
    gratitude: createGratitudeService(full),
    decisions: createDecisionsService(full),
    notes: createNotesService(full),
    powerBalance: createPowerBalanceService(full),
    live: full.live,
    /** The meeting's change counter (live views poll it, so changes on other instances arrive too). */
    version: (organisationId: string, meetingId: string) => meetingVersion(full.db, organisationId, meetingId),
  };
}

export type MeetingsService = ReturnType<typeof createMeetingsService>;
