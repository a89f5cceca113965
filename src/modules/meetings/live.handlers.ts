import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { actorOf } from '../../shared/guards.js';
import { notFoundPage, render, type MeetingParams } from './meetings.http.js';
import type { LiveEvent } from './meetings.live.js';

type Req = FastifyRequest<{ Params: MeetingParams }>;

export const HEARTBEAT_MS = 15_000;
export const POLL_MS = 3_000;

/**
 * The live meeting view for the facilitator's screen, and its server-sent events. Changes on this instance arrive at
 * once through the in-process hub; changes on other instances arrive within POLL_MS through the meeting's version
 * counter, which every write bumps. Without JavaScript the page has a "Refresh" link.
 */
export function createLiveHandlers(services: Services) {
  const meetings = services.meetings;

  return {
    page: async (request: Req, reply: FastifyReply) => {
      const result = await meetings.page(actorOf(request), request.params.projectId, request.params.meetingId);
      if (!result.ok) return notFoundPage(reply);
      return render(request, reply, 'live', { p: result.value });
    },

    events: async (request: Req, reply: FastifyReply) => {
      const actor = actorOf(request);
      const page = await meetings.page(actor, request.params.projectId, request.params.meetingId);
      if (!page.ok) return notFoundPage(reply);
      const meetingId = request.params.meetingId;
      let version = page.value.meeting.version;
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'content-security-policy': "default-src 'none'",
      });
      const send = (event: LiveEvent) => {
        raw.write(`event: change\ndata: ${JSON.stringify({ type: event.type, version: event.version ?? version })}\n\n`);
      };
      raw.write(`retry: 5000\nevent: ready\ndata: ${JSON.stringify({ version })}\n\n`);
      // A change heard in-process: send it at once, then note the new version so the poll does not send it again.
      const unsubscribe = meetings.live.subscribe(meetingId, (event) => {
        send(event);
        void meetings.version(actor.organisationId, meetingId).then(
          (current) => {
            if (current !== undefined) version = current;
          },
          (error: unknown) => request.log.warn({ err: error }, 'live version read failed'),
        );
      });
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
      const poll = setInterval(() => {
        void meetings.version(actor.organisationId, meetingId).then(
          (current) => {
            if (current === undefined || current === version) return;
            version = current;
            send({ type: 'agenda', version: current });
          },
          (error: unknown) => request.log.warn({ err: error }, 'live poll failed'),
        );
      }, POLL_MS);
      const close = () => {
        clearInterval(heartbeat);
        clearInterval(poll);
        unsubscribe();
      };
      request.raw.on('close', close);
      raw.on('error', close);
      return reply;
    },
  };
}
