import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requireSignIn } from '../../shared/guards.js';
import { createAuthHandlers } from './auth.handlers.js';

export function authRoutes(app: FastifyInstance, services: Services): void {
  const h = createAuthHandlers(services);
  app.get<{ Querystring: { next?: string } }>('/sign-in', h.signInPage);
  app.post('/sign-in', h.signIn);
  app.post('/sign-out', h.signOut);
  app.get('/sign-in/link', h.linkPage);
  app.post('/sign-in/link', h.requestLink);
  app.get<{ Params: { token: string } }>('/sign-in/link/:token', h.linkConfirmPage);
  app.post<{ Params: { token: string } }>('/sign-in/link/:token', h.useLink);
  app.get('/password-reset', h.resetRequestPage);
  app.post('/password-reset', h.requestReset);
  app.get<{ Params: { token: string } }>('/password-reset/:token', h.resetPage);
  app.post<{ Params: { token: string } }>('/password-reset/:token', h.reset);
  app.get<{ Params: { token: string } }>('/invitations/:token', h.invitationPage);
  app.post<{ Params: { token: string } }>('/invitations/:token', h.acceptInvitation);
  app.get('/account', { preHandler: requireSignIn }, h.accountPage);
  app.post('/account/password', { preHandler: requireSignIn }, h.changePassword);
}
