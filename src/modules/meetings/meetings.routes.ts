import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requireAllowed, requireSignIn } from '../../shared/guards.js';
import { createLiveHandlers } from './live.handlers.js';
import { createMeetingsHandlers, type MeetingQuerystring } from './meetings.handlers.js';
import type { CardParams, MeetingParams, ProjectParams, ProposalParams } from './meetings.http.js';
import type { MeetingAction } from './meetings.permissions.js';
import { createParticipationHandlers } from './participation.handlers.js';

export function meetingsRoutes(app: FastifyInstance, services: Services): void {
  const meetings = createMeetingsHandlers(services);
  const take = createParticipationHandlers(services, meetings.meetingPage);
  const live = createLiveHandlers(services);
  const signedIn = { preHandler: requireSignIn };
  // Forms whose every sender needs one permission in the project, or at the meeting: checked before the form is read.
  const may = (action: MeetingAction) => ({
    preHandler: requireAllowed((actor, params) => services.meetings.may(actor, params['projectId'] ?? '', action, params['meetingId'])),
  });
  type P = { Params: ProjectParams };
  type M = { Params: MeetingParams };

  app.get('/meetings', signedIn, meetings.mine);
  app.get<P>('/projects/:projectId/meetings', signedIn, meetings.list);
  app.get<P>('/projects/:projectId/meetings/new', signedIn, async (request, reply) => meetings.newPage(request, reply));
  app.post<P>('/projects/:projectId/meetings', may('facilitate'), meetings.create);
  app.get<{ Params: MeetingParams; Querystring: MeetingQuerystring }>('/projects/:projectId/meetings/:meetingId', signedIn, meetings.page);
  app.get<M>('/projects/:projectId/meetings/:meetingId/meeting.ics', signedIn, meetings.ics);
  app.post<M>('/projects/:projectId/meetings/:meetingId/reply', may('take_part'), meetings.reply);
  app.post<M>('/projects/:projectId/meetings/:meetingId/agenda', may('take_part'), meetings.agenda);
  app.post<M>('/projects/:projectId/meetings/:meetingId/roles', may('facilitate'), meetings.roles);
  app.post<M>('/projects/:projectId/meetings/:meetingId/willing', may('take_part'), meetings.willing);
  app.post<M>('/projects/:projectId/meetings/:meetingId/gratitude', signedIn, take.round);
  app.post<M>('/projects/:projectId/meetings/:meetingId/postcards', may('take_part'), take.postcard);
  app.post<M>('/projects/:projectId/meetings/:meetingId/introduce', signedIn, take.introduce);
  app.post<M>('/projects/:projectId/meetings/:meetingId/notes', may('write_notes'), take.notes);
  app.post<M>('/projects/:projectId/meetings/:meetingId/actions', may('write_notes'), take.action);
  app.get<M>('/projects/:projectId/meetings/:meetingId/live', signedIn, live.page);
  app.get<M>('/projects/:projectId/meetings/:meetingId/live/events', signedIn, live.events);

  app.get<P>('/projects/:projectId/cards', signedIn, take.cards);
  app.post<P>('/projects/:projectId/cards', may('take_part'), take.submitCard);
  app.post<{ Params: CardParams }>('/projects/:projectId/cards/:cardId/status', may('facilitate'), take.moveCard);
  app.get<P>('/projects/:projectId/decisions', signedIn, take.decisions);
  app.post<P>('/projects/:projectId/decisions', may('take_part'), take.propose);
  app.get<{ Params: ProposalParams }>('/projects/:projectId/decisions/:proposalId', signedIn, take.proposal);
  app.post<{ Params: ProposalParams }>('/projects/:projectId/decisions/:proposalId/respond', signedIn, take.respond);
  app.post<{ Params: ProposalParams }>('/projects/:projectId/decisions/:proposalId/close', signedIn, take.close);
  app.get<P>('/projects/:projectId/journal', signedIn, take.journal);
  app.post<P>('/projects/:projectId/journal', may('write_journal'), take.writeJournal);
  app.get<P>('/projects/:projectId/power-balance', signedIn, take.balance);

  app.post('/calendar/feed', signedIn, meetings.newFeed);
  app.get<{ Params: { token: string } }>('/calendar/:token', meetings.feed);
}
