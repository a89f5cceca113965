import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { emptyForm } from './circle.forms.js';
import { agreementForm, agreementResponseForm, updateForm } from './projects.forms.js';
import { notFoundPage, pageNumber, render, serviceFormError, type FormFailure, type ProjectParams } from './projects.http.js';

/** The agreement, "you said, we did" updates and notifications. */
export function createWorkHandlers(services: Services) {
  const { agreement, updates } = services.projects;

  async function agreementPage(request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await agreement.page(actorOf(request), request.params.projectId);
    if (!result.ok) return notFoundPage(reply);
    const a = result.value.agreement;
    const mine = result.value.mine;
    const saved = {
      power: a?.power ?? '', responsibilities: a?.responsibilities ?? '', support: a?.support ?? '', equalDelivery: a?.equalDelivery ?? '',
      equalDeliveryNote: a?.equalDeliveryNote ?? '', agrees: mine === null ? '' : mine.agrees ? 'yes' : 'no', comment: mine?.comment ?? '',
    };
    return render(request, reply, 'agreement', { p: result.value, ...form, values: { ...saved, ...form.values } }, status);
  }

  async function updatesPage(request: FastifyRequest<{ Params: ProjectParams; Querystring: { page?: string } }>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await updates.page(actorOf(request), request.params.projectId, pageNumber(request.query.page));
    if (!result.ok) return notFoundPage(reply);
    return render(request, reply, 'updates', { p: result.value, values: {}, ...form }, status);
  }

  return {
    agreement: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => agreementPage(request, reply),

    saveAgreement: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(agreementForm.schema, request.body, agreementForm.order, request.t);
      if (!form.ok) return agreementPage(request, reply, form, 422);
      const result = await agreement.save(actorOf(request), request.params.projectId, form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.agreement_saved');
      return reply.redirect(`/projects/${request.params.projectId}/agreement`, 303);
    },

    respond: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(agreementResponseForm.schema, request.body, agreementResponseForm.order, request.t);
      if (!form.ok) return agreementPage(request, reply, form, 422);
      const result = await agreement.respond(actorOf(request), request.params.projectId, { agrees: form.value.agrees === 'yes', comment: form.value.comment });
      if (!result.ok) {
        const error = serviceFormError(request, result, 'agrees');
        return error === null ? notFoundPage(reply) : agreementPage(request, reply, error, 409);
      }
      reply.flash('projects.flash.response_saved');
      return reply.redirect(`/projects/${request.params.projectId}/agreement#responses`, 303);
    },

    updates: async (request: FastifyRequest<{ Params: ProjectParams; Querystring: { page?: string } }>, reply: FastifyReply) => updatesPage(request, reply),

    postUpdate: async (request: FastifyRequest<{ Params: ProjectParams; Querystring: { page?: string } }>, reply: FastifyReply) => {
      const form = parseForm(updateForm.schema, request.body, updateForm.order, request.t);
      if (!form.ok) return updatesPage(request, reply, form, 422);
      const result = await updates.post(actorOf(request), request.params.projectId, form.value);
      if (!result.ok) return notFoundPage(reply);
      // Flash parameters are text, so the plural is chosen here.
      reply.flash(result.value.told === 1 ? 'projects.flash.update_posted_single' : 'projects.flash.update_posted_several', { count: String(result.value.told) });
      return reply.redirect(`/projects/${request.params.projectId}/updates`, 303);
    },

    notifications: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await updates.notifications(actorOf(request));
      if (!result.ok) return notFoundPage(reply);
      return render(request, reply, 'notifications', result.value);
    },

    openNotification: async (request: FastifyRequest<{ Params: { notificationId: string } }>, reply: FastifyReply) => {
      const form = parseForm(emptyForm.schema, request.body, emptyForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await updates.open(actorOf(request), request.params.notificationId);
      if (!result.ok) return notFoundPage(reply);
      return reply.redirect(result.value.url, 303);
    },

    readAll: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(emptyForm.schema, request.body, emptyForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      await updates.readAll(actorOf(request));
      reply.flash('projects.flash.all_read');
      return reply.redirect('/notifications', 303);
    },
  };
}
