import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { fieldError, formValues, parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { LANGUAGES } from '../../shared/i18n.js';
import { grantable } from './organisations.permissions.js';
import { inviteForm, permissionForm, resendForm, settingsForm, switchForm } from './organisations.forms.js';
import { CRISIS_COUNTRIES } from '../../shared/crisis-lines.js';

export type PersonParams = { personId: string };
export type InvitationParams = { invitationId: string };

export function createOrganisationsHandlers(services: Services) {
  const { organisations, auth, invitations } = services;

  async function peoplePage(request: FastifyRequest, reply: FastifyReply, page: number, extra: Record<string, unknown> = {}, status = 200) {
    const actor = actorOf(request);
    const [result, pending] = await Promise.all([organisations.listPeople(actor, page), invitations.pending(actor)]);
    if (!result.ok) return reply.callNotFound();
    return reply.page('organisations/views/people.njk', { ...result.value, invitations: pending.ok ? pending.value : [], grantable: grantable(actor), values: {}, ...extra }, status);
  }

  return {
    chooser: async (request: FastifyRequest, reply: FastifyReply) => {
      const accountId = request.session.accountId;
      if (accountId === undefined) return reply.redirect('/sign-in', 303);
      const memberships = await auth.listMemberships(accountId);
      return reply.page('organisations/views/choose.njk', { memberships });
    },

    switchTo: async (request: FastifyRequest, reply: FastifyReply) => {
      const accountId = request.session.accountId;
      if (accountId === undefined) return reply.redirect('/sign-in', 303);
      const form = parseForm(switchForm.schema, request.body, switchForm.order, request.t);
      if (!form.ok) return reply.callNotFound();
      const result = await auth.rememberOrganisation(accountId, form.value.organisationId);
      if (!result.ok) return reply.callNotFound();
      request.session.organisationId = form.value.organisationId;
      reply.flash('flash.organisation_switched');
      return reply.redirect('/', 303);
    },

    settingsPage: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await organisations.getSettings(actorOf(request));
      if (!result.ok) return reply.callNotFound();
      return reply.page('organisations/views/settings.njk', { values: result.value, languageOptions: LANGUAGES, countryOptions: CRISIS_COUNTRIES });
    },

    saveSettings: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(settingsForm.schema, request.body, settingsForm.order, request.t);
      if (!form.ok) return reply.page('organisations/views/settings.njk', { ...form, languageOptions: LANGUAGES, countryOptions: CRISIS_COUNTRIES }, 422);
      const result = await organisations.updateSettings(actorOf(request), form.value);
      if (!result.ok) return reply.callNotFound();
      reply.flash('flash.settings_saved');
      return reply.redirect('/admin/organisation', 303);
    },

    people: async (request: FastifyRequest<{ Querystring: { page?: string } }>, reply: FastifyReply) => {
      const page = Number.parseInt(request.query.page ?? '1', 10);
      return peoplePage(request, reply, Number.isFinite(page) ? page : 1);
    },

    invite: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request);
      const form = parseForm(inviteForm.schema, request.body, inviteForm.order, request.t);
      if (!form.ok) return peoplePage(request, reply, 1, form, 422);
      const result = await auth.invite(actor, form.value);
      if (!result.ok) {
        if (result.kind === 'invalid') {
          const [field = 'email', key = 'errors.form.check_answer'] = Object.entries(result.errors)[0] ?? [];
          return peoplePage(request, reply, 1, fieldError(field, key, request.t, formValues(request.body)), 422);
        }
        return reply.callNotFound();
      }
      reply.flash('flash.invited', { email: form.value.email });
      return reply.redirect('/admin/people', 303);
    },

    /** Permission and the invitation first, then the (empty) form: a stranger learns nothing from a bad form. */
    resendInvitation: async (request: FastifyRequest<{ Params: InvitationParams }>, reply: FastifyReply) => {
      const actor = actorOf(request);
      const found = await invitations.check(actor, request.params.invitationId);
      if (!found.ok) return reply.callNotFound();
      const form = parseForm(resendForm.schema, request.body, resendForm.order, request.t);
      // The form has no fields, so the message points at the button that was pressed.
      if (!form.ok) return peoplePage(request, reply, 1, { errorList: [{ text: request.t('errors.form.unexpected_field'), href: `#resend-${found.value.id}` }] }, 422);
      const result = await invitations.resend(actor, request.params.invitationId);
      if (!result.ok) return reply.callNotFound();
      reply.flash('flash.invitation_resent', { email: result.value.email });
      return reply.redirect('/admin/people#invitations', 303);
    },

    personPage: async (request: FastifyRequest<{ Params: PersonParams }>, reply: FastifyReply) => {
      const result = await organisations.findPerson(actorOf(request), request.params.personId);
      if (!result.ok) return reply.callNotFound();
      return reply.page('organisations/views/person.njk', { person: result.value, values: { permission: result.value.permission } });
    },

    changePermission: async (request: FastifyRequest<{ Params: PersonParams }>, reply: FastifyReply) => {
      const actor = actorOf(request);
      const found = await organisations.findPerson(actor, request.params.personId);
      if (!found.ok) return reply.callNotFound();
      const form = parseForm(permissionForm.schema, request.body, permissionForm.order, request.t);
      if (!form.ok) return reply.page('organisations/views/person.njk', { ...form, person: found.value }, 422);
      const result = await organisations.changePermission(actor, request.params.personId, form.value.permission);
      if (!result.ok) {
        if (result.kind === 'conflict') {
          return reply.page('organisations/views/person.njk', { ...fieldError('permission', result.reason, request.t, formValues(request.body)), person: found.value }, 409);
        }
        return reply.callNotFound();
      }
      reply.flash('flash.permission_changed', { name: found.value.displayName });
      return reply.redirect('/admin/people', 303);
    },
  };
}
