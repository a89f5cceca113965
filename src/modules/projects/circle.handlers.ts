import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { addToCircleForm, circleFind, emptyForm, engagementForm, placementForm, tellByForm } from './circle.forms.js';
import { CHOOSE_LIMIT, peopleToChoose } from './circle.find.js';
import { notFoundPage, render, serviceFormError, type FormFailure, type MemberParams, type ProjectParams } from './projects.http.js';

/** A suggestion written to follow "Suggested:" starts with a small letter; in the box it starts a sentence. */
function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

export type CircleQuerystring = { find?: unknown };

/**
 * With nobody listed to choose from (too many people to list, or none matching the search), "choose a person" is said at the
 * search box, the input that leads to a choice, and the error summary links there.
 */
function errorsAtSearch(form: Partial<FormFailure>): Partial<FormFailure> {
  const { errors, errorList } = form;
  if (errors?.['personId'] === undefined || errors['find'] !== undefined) return form;
  const moved = Object.fromEntries(Object.entries(errors).map(([field, error]) => [field === 'personId' ? 'find' : field, error]));
  return { ...form, errors: moved, errorList: (errorList ?? []).map((e) => (e.href === '#personId' ? { ...e, href: '#find' } : e)) };
}

export function createCircleHandlers(services: Services) {
  const { circle } = services.projects;

  /**
   * The circle page. `search` is the part of a name typed to find people outside the circle: from the query string,
   * or sent again with the add form (whose values, if it had errors, come in `form`).
   */
  async function circlePage(request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200, search = '') {
    const result = await circle.page(actorOf(request), request.params.projectId);
    if (!result.ok) return notFoundPage(reply);
    const chosen = form.values?.['personId'];
    const choose = peopleToChoose(result.value.everyone, search, typeof chosen === 'string' ? chosen : null, result.value.inCircle);
    const shown = choose.mode !== 'all' && choose.listed.length === 0 ? errorsAtSearch(form) : form;
    return render(request, reply, 'circle', { p: result.value, choose, search, chooseLimit: CHOOSE_LIMIT, values: { domain: 'me', level: '' }, ...shown }, status);
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
    page: async (request: FastifyRequest<{ Params: ProjectParams; Querystring: CircleQuerystring }>, reply: FastifyReply) => {
      const find = parseForm(circleFind.schema, request.query, circleFind.order, request.t);
      if (find.ok) return circlePage(request, reply, {}, 200, find.value.find);
      // Too long to be a name: said so beside the box, which keeps what was typed; nobody is listed.
      return circlePage(request, reply, { errors: find.errors, errorList: find.errorList, values: { domain: 'me', level: '', find: find.values['find'] ?? '' } }, 422);
    },

    add: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(addToCircleForm.schema, request.body, addToCircleForm.order, request.t);
      if (!form.ok) return circlePage(request, reply, form, 422, typeof form.values['find'] === 'string' ? form.values['find'] : '');
      const result = await circle.add(actorOf(request), request.params.projectId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'personId');
        return error === null ? notFoundPage(reply) : circlePage(request, reply, error, 422, form.value.find ?? '');
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
