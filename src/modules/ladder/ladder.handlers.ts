import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { reflectionForm, shareForm } from './ladder.forms.js';
import { BANDS, LIMITS, RUNGS, SCOPES } from './ladder.registry.js';
import type { EntryRow } from './ladder.repository.js';

export type ReflectionParams = { reflectionId: string };

/** The ladder from the top rung down, grouped into bands, with each entry placed on its rung. */
export function ladderView(entries: readonly Pick<EntryRow, 'section' | 'rung' | 'what'>[]) {
  const top = [...RUNGS].reverse();
  return [...BANDS].reverse().map((band) => ({
    band,
    rungs: top.filter((r) => r.band === band).map((r) => ({ ...r, entries: entries.filter((e) => e.rung === r.key) })),
  }));
}

export function createLadderHandlers(services: Services) {
  const { ladder } = services;

  const formPage = (reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    reply.page('ladder/views/new.njk', { bands: BANDS, rungs: RUNGS, scopes: SCOPES, limits: LIMITS, ladder: ladderView([]), values: { scope: 'practice' }, ...extra }, status);

  return {
    list: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request);
      const own = await ladder.own(actor);
      const visible = await ladder.list(actor);
      return reply.page('ladder/views/list.njk', { own, shared: visible.shared, ladder: ladderView(own.flatMap((r) => r.entries)) });
    },

    newForm: async (_request: FastifyRequest, reply: FastifyReply) => formPage(reply),

    add: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(reflectionForm.schema, request.body, reflectionForm.order, request.t);
      if (!form.ok) return formPage(reply, form, 422);
      const result = await ladder.add(actorOf(request), form.value);
      if (!result.ok) return reply.callNotFound();
      reply.flash('flash.reflection_saved');
      return reply.redirect(`/ladder/${result.value}`, 303);
    },

    show: async (request: FastifyRequest<{ Params: ReflectionParams }>, reply: FastifyReply) => {
      const result = await ladder.show(actorOf(request), request.params.reflectionId);
      if (!result.ok) return reply.callNotFound();
      const { entries } = result.value;
      return reply.page('ladder/views/show.njk', { ...result.value, bands: BANDS, bySection: Object.fromEntries(entries.map((e) => [e.section, e])), ladder: ladderView(entries) });
    },

    share: async (request: FastifyRequest<{ Params: ReflectionParams }>, reply: FastifyReply) => {
      const form = parseForm(shareForm.schema, request.body, shareForm.order, request.t);
      if (!form.ok) return reply.callNotFound();
      const result = await ladder.share(actorOf(request), request.params.reflectionId, form.value.share === 'yes');
      if (!result.ok) return reply.callNotFound();
      reply.flash(form.value.share === 'yes' ? 'flash.reflection_shared' : 'flash.reflection_private');
      return reply.redirect(`/ladder/${request.params.reflectionId}`, 303);
    },
  };
}
