import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requireAllowed, requirePermission, requireSignIn } from '../../shared/guards.js';
import { createActionsHandlers, type ActionParams } from './actions.handlers.js';
import { createReviewsHandlers, type PageParams, type ReviewParams } from './reviews.handlers.js';

export function reviewsRoutes(app: FastifyInstance, services: Services): void {
  const h = createReviewsHandlers(services);
  const a = createActionsHandlers(services);
  const signedIn = { preHandler: requireSignIn };
  const facilitator = { preHandler: requirePermission('facilitator') };
  app.get('/reviews', signedIn, h.list);
  app.get('/reviews/new', facilitator, h.newForm);
  app.post('/reviews', facilitator, h.start);
  app.post('/reviews/practice', signedIn, h.startPractice);
  app.get('/reviews/actions/due', signedIn, a.due);
  app.get<{ Params: ActionParams }>('/reviews/actions/:actionId', signedIn, a.page);
  const mayUpdate = { preHandler: requireAllowed((actor, params) => services.reviewActions.mayUpdate(actor, params['actionId'] ?? '')) };
  app.post<{ Params: ActionParams }>('/reviews/actions/:actionId', mayUpdate, a.update);
  app.get<{ Params: ReviewParams }>('/reviews/:reviewId', signedIn, h.overview);
  app.get<{ Params: PageParams }>('/reviews/:reviewId/answer/:principle', signedIn, h.answerForm);
  app.post<{ Params: PageParams }>('/reviews/:reviewId/answer/:principle', signedIn, h.saveAnswers);
  app.post<{ Params: PageParams }>('/reviews/:reviewId/answer/:principle/draft', signedIn, h.saveDraft);
  app.get<{ Params: ReviewParams }>('/reviews/:reviewId/check', signedIn, (request, reply) => h.check(request, reply));
  app.post<{ Params: ReviewParams }>('/reviews/:reviewId/send', signedIn, h.send);
  app.get<{ Params: ReviewParams }>('/reviews/:reviewId/results', signedIn, h.results);
  app.post<{ Params: ReviewParams }>('/reviews/:reviewId/publish', signedIn, h.publish);
  app.post<{ Params: ReviewParams }>('/reviews/:reviewId/close', signedIn, h.close);
  app.get<{ Params: ReviewParams; Querystring: { principle?: string } }>('/reviews/:reviewId/actions/new', signedIn, a.newForm);
  app.post<{ Params: ReviewParams }>('/reviews/:reviewId/actions', signedIn, a.add);
}
