import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requirePermission } from '../../shared/guards.js';
import { createOrganisationsHandlers, type InvitationParams, type PersonParams } from './organisations.handlers.js';

export function organisationsRoutes(app: FastifyInstance, services: Services): void {
  const h = createOrganisationsHandlers(services);
  const facilitator = { preHandler: requirePermission('facilitator') };
  const admin = { preHandler: requirePermission('admin') };
  app.get('/organisations', h.chooser);
  app.post('/organisations/switch', h.switchTo);
  app.get('/admin/organisation', admin, h.settingsPage);
  app.post('/admin/organisation', admin, h.saveSettings);
  app.get<{ Querystring: { page?: string } }>('/admin/people', facilitator, h.people);
  app.post('/admin/people/invite', facilitator, h.invite);
  app.post<{ Params: InvitationParams }>('/admin/people/invitations/:invitationId/resend', facilitator, h.resendInvitation);
  app.get<{ Params: PersonParams }>('/admin/people/:personId', admin, h.personPage);
  app.post<{ Params: PersonParams }>('/admin/people/:personId/permission', admin, h.changePermission);
}
