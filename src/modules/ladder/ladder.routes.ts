import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requireSignIn } from '../../shared/guards.js';
import { createLadderHandlers, type ReflectionParams } from './ladder.handlers.js';

export function ladderRoutes(app: FastifyInstance, services: Services): void {
  const h = createLadderHandlers(services);
  const signedIn = { preHandler: requireSignIn };
  app.get('/ladder', signedIn, h.list);
  app.get('/ladder/new', signedIn, h.newForm);
  app.post('/ladder', signedIn, h.add);
  app.get<{ Params: ReflectionParams }>('/ladder/:reflectionId', signedIn, h.show);
  app.post<{ Params: ReflectionParams }>('/ladder/:reflectionId/share', signedIn, h.share);
}
