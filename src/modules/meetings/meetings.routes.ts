import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requireSignIn } from '../../shared/guards.js';
import { createLiveHandlers } from './live.handlers.js';
import { createMeetingsHandlers, type MeetingQuerystring } from './meetings.handlers.js';
import type { CardParams, MeetingParams, ProjectParams, ProposalParams } from './meetings.http.js';
import { createParticipationHandlers } from './participation.handlers.js';

export function meetingsRoutes(app: FastifyInstance, services: Services): void {
  const meetings = createMeetingsHandlers(services);
  const take = createParticipationHandlers(services, meetings.meetingPage);
  const live = createLiveHandlers(services);
  const signedIn = { preHandler: requireSignIn };
  type P = { Params: ProjectParams };
  type M = { Params: MeetingParams };

  app.get('/meetings', signedIn, meetings.mine);
  app.get<P>('/projects/:projectId/meetings', signedIn, meetings.list);
  app.get<P>('/projects/:projectId/meetings/new', signedIn, async (request, reply) => meetings.newPage(request, reply));
  app.post<P>('/projects/:projectId/meetings', signedIn, meetings.create);
  app.get<{ Params: MeetingParams; Querystring: MeetingQuerystring }>('/projects/:projectId/meetings/:meetingId', signedIn, meetings.page);
  app.get<M>('/projects/:projectId/meetings/:meetingId/meeting.ics', signedIn, meetings.ics);
  app.post<M>('/projects/:projectId/meetings/:meetingId/reply', signedIn, meetings.reply);
  app.post<M>('/projects/:projectId/meetings/:meetingId/agenda', signedIn, meetings.agenda);
  app.post<M>('/projects/:projectId/meetings/:meetingId/roles', signedIn, meetings.roles);
  app.post<M>('/projects/:projectId/meetings/:meetingId/willing', signedIn, meetings.willing);
  app.post<M>('/projects/:projectId/meetings/:meetingId/gratitude', signedIn, take.round);
  app.post<M>('/projects/:projectId/meetings/:meetingId/postcards', signedIn, take.postcard);
  app.post<M>('/projects/:projectId/meetings/:meetingId/introduce', signedIn, take.introduce);
  app.post<M>('/projects/:projectId/meetings/:meetingId/notes', signedIn, take.notes);
  app.post<M>('/projects/:projectId/meetings/:meetingId/actions', signedIn, take.action);
  app.get<M>('/projects/:projectId/meetings/:meetingId/live', signedIn, live.page);
  app.get<M>('/projects/:projectId/meetings/:meetingId/live/events', signedIn, live.events);

  app.get<P>('/projects/:projectId/cards', signedIn, take.cards);
  app.post<P>('/projects/:projectId/cards', signedIn, take.submitCard);
  app.post<{ Params: CardParams }>('/projects/:projectId/cards/:cardId/status', signedIn, take.moveCard);
  app.get<P>('/projects/:projectId/decisions', signedIn, take.decisions);
  app.post<P>('/projects/:projectId/decisions', signedIn, take.propose);
  app.get<{ Params: ProposalParams }>('/projects/:projectId/decisions/:proposalId', signedIn, take.proposal);
  app.post<{ Params: ProposalParams }>('/projects/:projectId/decisions/:proposalId/respond', signedIn, take.respond);
  app.post<{ Params: ProposalParams }>('/projects/:projectId/decisions/:proposalId/close', signedIn, take.close);
  app.get<P>('/projects/:projectId/journal', signedIn, take.journal);
  app.post<P>('/projects/:projectId/journal', signedIn, take.writeJournal);
  app.get<P>('/projects/:projectId/power-balance', signedIn, take.balance);

  app.post('/calendar/feed', signedIn, meetings.newFeed);
  app.get<{ Params: { token: string } }>('/calendar/:token', meetings.feed);
}
