/** Appreciations inbox, data rights (download, remove) and the organisation's profile template. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { fieldError, formValues, parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { extraHeadingForm, removeForm, templateForm } from './people.forms.js';
import { BUILTIN_HEADINGS, LIMITS, MAX_EXTRA_HEADINGS } from './people.registry.js';
import { readableExport } from './people-export.readable.js';
import { notFoundPage, type PersonParams } from './people.handlers.js';

type Request = FastifyRequest<{ Params: PersonParams }>;
type AppreciationParams = PersonParams & { appreciationId: string };
type HeadingParams = { headingId: string };

export function createRightsHandlers(services: Services) {
  const { people } = services;

  async function inboxPage(request: Request, reply: FastifyReply) {
    const result = await people.inbox(actorOf(request), request.params.personId);
    if (!result.ok) return notFoundPage(reply);
    return reply.page('people/views/appreciations.njk', { ...result.value });
  }

  async function templatePage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const result = await people.template(actorOf(request));
    if (!result.ok) return notFoundPage(reply);
    const { settings, headings } = result.value;
    const values = {
      ageEnabled: settings.ageEnabled ? 'yes' : '',
      pictureEnabled: settings.pictureEnabled ? 'yes' : '',
      ...Object.fromEntries(headings.filter((h) => h.builtin).map((h) => [`heading-${h.key}`, h.customLabel ?? ''])),
    };
    return reply.page('people/views/template.njk', { ...result.value, builtins: BUILTIN_HEADINGS, maxExtra: MAX_EXTRA_HEADINGS, limits: LIMITS, values, headingValues: {}, ...extra }, status);
  }

  const decide = (decision: 'accepted' | 'declined') => async (request: FastifyRequest<{ Params: AppreciationParams }>, reply: FastifyReply) => {
    const { personId, appreciationId } = request.params;
    const result = await people.decide(actorOf(request), personId, appreciationId, decision);
    if (!result.ok) return notFoundPage(reply);
    reply.flash(decision === 'accepted' ? 'flash.appreciation_accepted' : 'flash.appreciation_declined');
    return reply.redirect(`/people/${personId}/appreciations`, 303);
  };

  return {
    inbox: inboxPage,
    accept: decide('accepted'),
    decline: decide('declined'),

    exportPage: async (request: Request, reply: FastifyReply) => {
      const result = await people.exportData(actorOf(request), request.params.personId, 'html');
      if (!result.ok) return notFoundPage(reply);
      return reply.page('people/views/export.njk', { data: readableExport(result.value, request.t, request.language) });
    },

    exportJson: async (request: Request, reply: FastifyReply) => {
      const result = await people.exportData(actorOf(request), request.params.personId, 'json');
      if (!result.ok) return notFoundPage(reply);
      // Every column as stored, table by table, for anyone moving the data to another system; the page has the words.
      return reply
        .header('content-disposition', `attachment; filename="doing-with-${request.params.personId}.json"`)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(result.value, null, 2));
    },

    removePage: async (request: Request, reply: FastifyReply) => {
      const result = await people.removalCheck(actorOf(request), request.params.personId);
      if (!result.ok) return notFoundPage(reply);
      return reply.page('people/views/remove.njk', { ...result.value, personId: request.params.personId });
    },

    remove: async (request: Request, reply: FastifyReply) => {
      const actor = actorOf(request);
      const form = parseForm(removeForm.schema, request.body, removeForm.order, request.t);
      const confirmed = form.ok && [request.t('people.remove.confirm_word'), 'remove'].includes(form.value.confirmWord.toLowerCase());
      if (!confirmed) {
        const check = await people.removalCheck(actor, request.params.personId);
        if (!check.ok) return notFoundPage(reply);
        const failure = form.ok ? fieldError('confirmWord', 'errors.people.remove_confirm', request.t, formValues(request.body)) : form;
        return reply.page('people/views/remove.njk', { ...check.value, personId: request.params.personId, ...failure }, 422);
      }
      const result = await people.removeProfile(actor, request.params.personId);
      if (!result.ok) {
        if (result.kind !== 'conflict') return notFoundPage(reply);
        const check = await people.removalCheck(actor, request.params.personId);
        if (!check.ok) return notFoundPage(reply);
        return reply.page('people/views/remove.njk', { ...check.value, personId: request.params.personId, ...fieldError('remove', result.reason, request.t, {}) }, 409);
      }
      if (result.value.accountDeleted) {
        await request.session.destroy();
        return reply.redirect('/people/removed', 303);
      }
      reply.flash(result.value.self ? 'flash.own_profile_removed' : 'flash.profile_removed');
      return reply.redirect(result.value.self ? '/' : '/people', 303);
    },

    // Only someone signed out can have had their account removed: a signed-in person goes home instead of being told so.
    removed: async (request: FastifyRequest, reply: FastifyReply) => (request.actor === null ? reply.page('people/views/removed.njk') : reply.redirect('/', 303)),

    templatePage: async (request: FastifyRequest, reply: FastifyReply) => templatePage(request, reply),

    saveTemplate: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(templateForm.schema, request.body, templateForm.order, request.t);
      if (!form.ok) return templatePage(request, reply, form, 422);
      const result = await people.updateTemplate(actorOf(request), form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('flash.template_saved');
      return reply.redirect('/admin/organisation/profile-template', 303);
    },

    addHeading: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(extraHeadingForm.schema, request.body, extraHeadingForm.order, request.t);
      if (!form.ok) return templatePage(request, reply, { headingErrors: form.errors, errorList: form.errorList, headingValues: form.values }, 422);
      const result = await people.addHeading(actorOf(request), form.value.label);
      if (!result.ok) {
        if (result.kind !== 'invalid') return notFoundPage(reply);
        const failed = fieldError('label', result.errors['label'] ?? 'errors.form.check_answer', request.t, formValues(request.body));
        return templatePage(request, reply, { headingErrors: failed.errors, errorList: failed.errorList, headingValues: failed.values }, 422);
      }
      reply.flash('flash.heading_added', { label: form.value.label });
      return reply.redirect('/admin/organisation/profile-template', 303);
    },

    removeHeading: async (request: FastifyRequest<{ Params: HeadingParams }>, reply: FastifyReply) => {
      const result = await people.removeHeading(actorOf(request), request.params.headingId);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('flash.heading_removed');
      return reply.redirect('/admin/organisation/profile-template', 303);
    },
  };
}
