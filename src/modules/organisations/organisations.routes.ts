import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requirePermission } from '../../shared/guards.js';
import { createCrisisLinesHandlers, type LineParams } from './crisis-lines.handlers.js';
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

  const lines = createCrisisLinesHandlers(services);
  app.get('/admin/crisis-lines', admin, lines.list);
  app.post('/admin/crisis-lines', admin, lines.add);
  app.get('/admin/crisis-lines/new', admin, lines.newPage);
  app.post('/admin/crisis-lines/own', admin, lines.startOwn);
  app.post('/admin/crisis-lines/checked', admin, lines.markChecked);
  app.post('/admin/crisis-lines/reset', admin, lines.reset);
  app.get<{ Params: LineParams }>('/admin/crisis-lines/:lineId', admin, lines.editPage);
  app.post<{ Params: LineParams }>('/admin/crisis-lines/:lineId', admin, lines.update);
  app.post<{ Params: LineParams }>('/admin/crisis-lines/:lineId/remove', admin, lines.remove);
}
