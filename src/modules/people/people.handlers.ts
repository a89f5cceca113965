import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { formValues, parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import type { Result } from '../../shared/result.js';
import { appreciationForm, directorySearch, newPersonForm } from './people.forms.js';
import { directoryCardsHtml } from './people.directory-cards.js';
import { LIMITS, PARTICIPATION_WAYS, ACCESS_NEEDS } from './people.registry.js';
import { paginationItems } from './people.view-helpers.js';

export type PersonParams = { personId: string };
export type DirectoryQuerystring = { q?: unknown; kind?: unknown; page?: unknown };
export type WallQuerystring = { person?: string | string[] };

/** Not found and not allowed look the same: we never confirm that a profile exists to someone who may not see it. */
export function notFoundPage(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

export function isFailure<T>(result: Result<T>): result is Extract<Result<T>, { ok: false }> {
  return !result.ok;
}

export function createPeopleHandlers(services: Services) {
  const { people } = services;

  async function profilePage(request: FastifyRequest<{ Params: PersonParams }>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const result = await people.profile(actorOf(request), request.params.personId);
    if (!result.ok) return notFoundPage(reply);
    return reply.page('people/views/profile.njk', { ...result.value, participationWays: PARTICIPATION_WAYS, accessNeedOptions: ACCESS_NEEDS, limits: LIMITS, values: {}, ...extra }, status);
  }

  return {
    ownProfile: async (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/people/${actorOf(request).personId}`, 303),

    directory: async (request: FastifyRequest<{ Querystring: DirectoryQuerystring }>, reply: FastifyReply) => {
      const actor = actorOf(request);
      const form = parseForm(directorySearch.schema, request.query, directorySearch.order, request.t);
      const query = form.ok ? form.value : { q: '', kind: 'any' as const, page: 1 };
      const result = await people.directory(actor, query);
      if (!result.ok) return notFoundPage(reply);
      const href = (page: number) => {
        const params = new URLSearchParams();
        if (query.q !== '') params.set('q', query.q);
        if (query.kind !== 'any') params.set('kind', query.kind);
        if (page > 1) params.set('page', String(page));
        const search = params.toString();
        return search === '' ? '/people' : `/people?${search}`;
      };
      const { page, pages } = result.value;
      return reply.page(
        'people/views/directory.njk',
        {
          ...result.value,
          cardsHtml: directoryCardsHtml(result.value.listing, actor.personId, request.language, request.t),
          query,
          searched: query.q !== '' || query.kind !== 'any',
          pagination: pages > 1 ? { items: paginationItems(page, pages, href), previous: page > 1 ? href(page - 1) : null, next: page < pages ? href(page + 1) : null } : null,
          ...(form.ok ? { values: query } : { errors: form.errors, errorList: form.errorList, values: formValues(request.query) }),
        },
        form.ok ? 200 : 422,
      );
    },

    wall: async (request: FastifyRequest<{ Querystring: WallQuerystring }>, reply: FastifyReply) => {
      const wanted = request.query.person;
      const ids = wanted === undefined ? [] : Array.isArray(wanted) ? wanted : [wanted];
      const result = await people.wall(actorOf(request), ids);
      if (!result.ok) return notFoundPage(reply);
      return reply.page('people/views/wall.njk', { ...result.value, participationWays: PARTICIPATION_WAYS });
    },

    profile: async (request: FastifyRequest<{ Params: PersonParams }>, reply: FastifyReply) => profilePage(request, reply),

    appreciate: async (request: FastifyRequest<{ Params: PersonParams }>, reply: FastifyReply) => {
      const form = parseForm(appreciationForm.schema, request.body, appreciationForm.order, request.t);
      if (!form.ok) return profilePage(request, reply, form, 422);
      const result = await people.appreciate(actorOf(request), request.params.personId, form.value.appreciation);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('flash.appreciation_sent', { name: result.value.name });
      return reply.redirect(`/people/${request.params.personId}`, 303);
    },

    newPersonPage: async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.page('people/views/new-person.njk', { values: {}, limits: LIMITS }),

    addPerson: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(newPersonForm.schema, request.body, newPersonForm.order, request.t);
      if (!form.ok) return reply.page('people/views/new-person.njk', { ...form, limits: LIMITS }, 422);
      const result = await people.addPersonWithoutAccount(actorOf(request), form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('flash.person_added', { name: form.value.displayName });
      return reply.redirect(`/people/${result.value.id}/edit`, 303);
    },
  };
}
