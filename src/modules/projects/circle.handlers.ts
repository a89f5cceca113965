import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { addToCircleForm, emptyForm, engagementForm, placementForm, tellByForm } from './circle.forms.js';
import { notFoundPage, render, serviceFormError, type FormFailure, type MemberParams, type ProjectParams } from './projects.http.js';

/** A suggestion written to follow "Suggested:" starts with a small letter; in the box it starts a sentence. */
function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export function createCircleHandlers(services: Services) {
  const { circle } = services.projects;

  async function circlePage(request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await circle.page(actorOf(request), request.params.projectId);
    if (!result.ok) return notFoundPage(reply);
    return render(request, reply, 'circle', { p: result.value, values: { domain: 'me', level: '' }, ...form }, status);
  }

  async function memberPage(request: FastifyRequest<{ Params: MemberParams }>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await circle.member(actorOf(request), request.params.projectId, request.params.personId);
    if (!result.ok) return notFoundPage(reply);
    const m = result.value.member;
    const values = {
      circle: m.circle, level: m.level, domain: m.domain,
      engagementHow: m.engagementHow ?? sentence(request.t(result.value.suggestion.how, { ways: result.value.suggestion.ways.map((w) => request.t(w)).join(', ') })),
      engagementHowOften: m.engagementHowOften ?? result.value.suggestion.howOften,
    };
    // Both forms on the page keep their values: what was typed in the one sent, what is saved in the other.
    return render(request, reply, 'member', { p: result.value, ...form, values: { ...values, ...form.values } }, status);
  }

  const back = (params: ProjectParams) => `/projects/${params.projectId}/circle`;

  return {
    page: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => circlePage(request, reply),

    add: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(addToCircleForm.schema, request.body, addToCircleForm.order, request.t);
      if (!form.ok) return circlePage(request, reply, form, 422);
      const result = await circle.add(actorOf(request), request.params.projectId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'personId');
        return error === null ? notFoundPage(reply) : circlePage(request, reply, error, 422);
      }
      reply.flash('projects.flash.added', { name: result.value.name, circle: request.t(`projects.circles.${form.value.circle}.name`) });
      return reply.redirect(`${back(request.params)}#circle-list`, 303);
    },

    member: async (request: FastifyRequest<{ Params: MemberParams }>, reply: FastifyReply) => memberPage(request, reply),

    place: async (request: FastifyRequest<{ Params: MemberParams }>, reply: FastifyReply) => {
      const form = parseForm(placementForm.schema, request.body, placementForm.order, request.t);
      if (!form.ok) return memberPage(request, reply, form, 422);
      const result = await circle.place(actorOf(request), request.params.projectId, request.params.personId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'circle');
        return error === null ? notFoundPage(reply) : memberPage(request, reply, error, result.kind === 'conflict' ? 409 : 422);
      }
      reply.flash('projects.flash.moved');
      return reply.redirect(`${back(request.params)}/${request.params.personId}`, 303);
    },

    engagement: async (request: FastifyRequest<{ Params: MemberParams }>, reply: FastifyReply) => {
      const form = parseForm(engagementForm.schema, request.body, engagementForm.order, request.t);
      if (!form.ok) return memberPage(request, reply, form, 422);
      const result = await circle.setEngagement(actorOf(request), request.params.projectId, request.params.personId, form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.engagement_saved');
      return reply.redirect(`${back(request.params)}/${request.params.personId}`, 303);
    },

    remove: async (request: FastifyRequest<{ Params: MemberParams }>, reply: FastifyReply) => {
      const form = parseForm(emptyForm.schema, request.body, emptyForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await circle.remove(actorOf(request), request.params.projectId, request.params.personId);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'circle');
        return error === null ? notFoundPage(reply) : memberPage(request, reply, error, 409);
      }
      reply.flash('projects.flash.removed', { name: result.value.name });
      return reply.redirect(back(request.params), 303);
    },

    tellBy: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(tellByForm.schema, request.body, tellByForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await circle.setTellBy(actorOf(request), request.params.projectId, form.value.tellBy);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.tell_by_saved');
      return reply.redirect(`/projects/${request.params.projectId}#your-place`, 303);
    },

    askForMore: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(emptyForm.schema, request.body, emptyForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await circle.askForMore(actorOf(request), request.params.projectId);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.asked_for_more');
      return reply.redirect(`/projects/${request.params.projectId}#your-place`, 303);
    },
  };
}
