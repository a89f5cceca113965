import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import type { HelpLine } from '../../shared/crisis-lines.js';
import { crisisLineForm, emptyForm } from './crisis-lines.forms.js';

export type LineParams = { lineId: string };

const LIST = '/admin/crisis-lines';
const FORM_VIEW = 'organisations/views/crisis-line.njk';

/** A line's values for its form: a default's purpose in the reader's words until someone changes it. */
function valuesOf(line: HelpLine, t: (key: string) => string): Record<string, string> {
  return {
    name: line.name,
    purpose: line.purpose ?? (line.defaultId === null ? '' : t(`help.lines.${line.defaultId}`)),
    reach: line.reach,
    number: line.number ?? '',
    instruction: line.instruction ?? '',
    hours: line.hours ?? '',
  };
}

export function createCrisisLinesHandlers(services: Services) {
  const { crisisLines } = services;

  /** Buttons send only the CSRF token: anything else is refused, so a stray form cannot reset the lines. */
  function onlyToken(request: FastifyRequest): boolean {
    return parseForm(emptyForm.schema, request.body, emptyForm.order, request.t).ok;
  }

  async function done(reply: FastifyReply, result: { ok: boolean }, flash: string) {
    if (!result.ok) return reply.callNotFound();
    reply.flash(flash);
    return reply.redirect(LIST, 303);
  }

  return {
    list: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await crisisLines.editor(actorOf(request));
      if (!result.ok) return reply.callNotFound();
      const day = new Intl.DateTimeFormat(request.language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      return reply.page('organisations/views/crisis-lines.njk', { editor: result.value, checkedOn: day.format(new Date(`${result.value.checkedOn}T00:00:00Z`)) });
    },

    startOwn: async (request: FastifyRequest, reply: FastifyReply) => {
      if (!onlyToken(request)) return reply.code(400).page('errors/bad-request.njk', {}, 400);
      return done(reply, await crisisLines.startOwn(actorOf(request)), 'flash.crisis_lines.started');
    },

    markChecked: async (request: FastifyRequest, reply: FastifyReply) => {
      if (!onlyToken(request)) return reply.code(400).page('errors/bad-request.njk', {}, 400);
      return done(reply, await crisisLines.markChecked(actorOf(request)), 'flash.crisis_lines.checked');
    },

    reset: async (request: FastifyRequest, reply: FastifyReply) => {
      if (!onlyToken(request)) return reply.code(400).page('errors/bad-request.njk', {}, 400);
      return done(reply, await crisisLines.reset(actorOf(request)), 'flash.crisis_lines.reset');
    },

    newPage: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await crisisLines.editor(actorOf(request));
      if (!result.ok) return reply.callNotFound();
      return reply.page(FORM_VIEW, { line: null, values: { reach: 'call' } });
    },

    add: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(crisisLineForm.schema, request.body, crisisLineForm.order, request.t);
      if (!form.ok) return reply.page(FORM_VIEW, { ...form, line: null }, 422);
      return done(reply, await crisisLines.add(actorOf(request), form.value), 'flash.crisis_lines.added');
    },

    editPage: async (request: FastifyRequest<{ Params: LineParams }>, reply: FastifyReply) => {
      const result = await crisisLines.findLine(actorOf(request), request.params.lineId);
      if (!result.ok) return reply.callNotFound();
      return reply.page(FORM_VIEW, { line: result.value, values: valuesOf(result.value, request.t) });
    },

    update: async (request: FastifyRequest<{ Params: LineParams }>, reply: FastifyReply) => {
      const actor = actorOf(request);
      const found = await crisisLines.findLine(actor, request.params.lineId);
      if (!found.ok) return reply.callNotFound();
      const form = parseForm(crisisLineForm.schema, request.body, crisisLineForm.order, request.t);
      if (!form.ok) return reply.page(FORM_VIEW, { ...form, line: found.value }, 422);
      return done(reply, await crisisLines.update(actor, request.params.lineId, form.value), 'flash.crisis_lines.changed');
    },

    remove: async (request: FastifyRequest<{ Params: LineParams }>, reply: FastifyReply) => {
      const actor = actorOf(request);
      const found = await crisisLines.findLine(actor, request.params.lineId);
      if (!found.ok) return reply.callNotFound();
      if (!onlyToken(request)) return reply.code(400).page('errors/bad-request.njk', {}, 400);
      return done(reply, await crisisLines.remove(actor, request.params.lineId), 'flash.crisis_lines.removed');
    },
  };
}
