import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requireSignIn } from '../../shared/guards.js';
import { ladderRoutes } from '../ladder/ladder.routes.js';
import { createToolkitHandlers, type TopicParams } from './toolkit.handlers.js';

/** My toolkit, the learning module, and the Ladder of Participation. */
export function toolkitRoutes(app: FastifyInstance, services: Services): void {
  const h = createToolkitHandlers(services);
  const signedIn = { preHandler: requireSignIn };
  app.get('/toolkit', signedIn, h.mine);
  app.get('/learning', signedIn, h.learning);
  app.get<{ Params: TopicParams }>('/learning/:topic', signedIn, h.topic);
  app.post<{ Params: TopicParams }>('/learning/:topic', signedIn, h.answer);
  ladderRoutes(app, services);
}
