import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { fieldError, parseForm } from '../../shared/forms.js';
import { actorOf, safeNext } from '../../shared/guards.js';
import type { SignedIn } from './auth.service.js';
import { acceptExistingForm, acceptNewForm, changePasswordForm, emailForm, resetForm, signInForm } from './auth.forms.js';

type Params = { token: string };

/**
 * Start a fresh session (a new id, so a fixed session id can never be reused) for someone who proved who they are,
 * and remember their browser as one they sign in from (ADR 0013).
 */
async function startSession(request: FastifyRequest, reply: FastifyReply, auth: Services['auth'], signedIn: SignedIn): Promise<void> {
  const device = await auth.deviceTokenFor(signedIn.accountId);
  if (device !== undefined) reply.rememberDevice(device);
  const language = request.session.language;
  await request.session.regenerate();
  request.session.accountId = signedIn.accountId;
  request.session.signedInAt = signedIn.signedInAt;
  request.session.seenAt = signedIn.signedInAt;
  if (signedIn.organisationId !== null) request.session.organisationId = signedIn.organisationId;
  const chosen = signedIn.language ?? language;
  if (chosen !== undefined) request.session.language = chosen;
}

export function createAuthHandlers(services: Services) {
  const { auth } = services;
  return {
    signInPage: async (request: FastifyRequest<{ Querystring: { next?: string } }>, reply: FastifyReply) => {
      if (request.actor !== null) return reply.redirect('/', 303);
      return reply.page('auth/views/sign-in.njk', { values: { next: safeNext(request.query.next) } });
    },

    signIn: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(signInForm.schema, request.body, signInForm.order, request.t);
      if (!form.ok) return reply.page('auth/views/sign-in.njk', form, 422);
      const result = await auth.signIn({ email: form.value.email, password: form.value.password, ip: request.ip, device: request.deviceToken });
      if (!result.ok) {
        const values = { email: form.value.email, next: form.value.next ?? '' };
        if (result.kind === 'rate_limited') {
          reply.header('retry-after', String(result.retryAfterSeconds));
          const count = Math.ceil(result.retryAfterSeconds / 60);
          return reply.page('auth/views/sign-in.njk', fieldError('email', 'errors.sign_in.too_many', (key) => request.t(key, { count }), values), 429);
        }
        return reply.page('auth/views/sign-in.njk', fieldError('email', 'errors.sign_in.incorrect', request.t, values), 422);
      }
      await startSession(request, reply, auth, result.value);
      return reply.redirect(safeNext(form.value.next), 303);
    },

    signOut: async (request: FastifyRequest, reply: FastifyReply) => {
      const language = request.session.language;
      // A brand-new, empty session: the old one is deleted from the store, so its cookie is worthless.
      await request.session.regenerate();
      if (language !== undefined) request.session.language = language;
      reply.flash('flash.signed_out');
      return reply.redirect('/sign-in', 303);
    },

    linkPage: async (_request: FastifyRequest, reply: FastifyReply) => {
      return reply.page('auth/views/email-link.njk', { values: {} });
    },

    requestLink: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(emailForm.schema, request.body, emailForm.order, request.t);
      if (!form.ok) return reply.page('auth/views/email-link.njk', form, 422);
      auth.requestSignInLink({ email: form.value.email }, { ip: request.ip, device: request.deviceToken });
      return reply.page('auth/views/check-email.njk', { email: form.value.email, purpose: 'sign_in_link' });
    },

    linkConfirmPage: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      if (!(await auth.checkSignInLink(request.params.token))) return reply.page('auth/views/link-expired.njk', {}, 404);
      return reply.page('auth/views/link-confirm.njk', { token: request.params.token });
    },

    useLink: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      const result = await auth.useSignInLink(request.params.token);
      if (!result.ok) return reply.page('auth/views/link-expired.njk', {}, 404);
      await startSession(request, reply, auth, result.value);
      return reply.redirect('/', 303);
    },

    resetRequestPage: async (_request: FastifyRequest, reply: FastifyReply) => {
      return reply.page('auth/views/reset-request.njk', { values: {} });
    },

    requestReset: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(emailForm.schema, request.body, emailForm.order, request.t);
      if (!form.ok) return reply.page('auth/views/reset-request.njk', form, 422);
      auth.requestPasswordReset({ email: form.value.email }, { ip: request.ip, device: request.deviceToken });
      return reply.page('auth/views/check-email.njk', { email: form.value.email, purpose: 'password_reset' });
    },

    resetPage: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      if (!(await auth.checkPasswordReset(request.params.token))) return reply.page('auth/views/link-expired.njk', {}, 404);
      return reply.page('auth/views/reset.njk', { token: request.params.token, values: {} });
    },

    reset: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      const token = request.params.token;
      // A link that does not work says so first, rather than asking for a better password it can never save.
      if (!(await auth.checkPasswordReset(token))) return reply.page('auth/views/link-expired.njk', {}, 404);
      const form = parseForm(resetForm.schema, request.body, resetForm.order, request.t);
      if (!form.ok) return reply.page('auth/views/reset.njk', { ...form, values: {}, token }, 422);
      const result = await auth.resetPassword({ token, password: form.value.password });
      if (!result.ok) return reply.page('auth/views/link-expired.njk', {}, 404);
      await startSession(request, reply, auth, result.value);
      reply.flash('flash.password_reset');
      return reply.redirect('/', 303);
    },

    invitationPage: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      const result = await auth.checkInvitation(request.params.token);
      if (!result.ok) return reply.page('auth/views/link-expired.njk', {}, 404);
      return reply.page('auth/views/invitation.njk', {
        invitation: result.value,
        token: request.params.token,
        values: { displayName: result.value.displayName },
      });
    },

    acceptInvitation: async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      const token = request.params.token;
      const check = await auth.checkInvitation(token);
      if (!check.ok) return reply.page('auth/views/link-expired.njk', {}, 404);
      const invitation = check.value;
      const form = invitation.accountExists
        ? parseForm(acceptExistingForm.schema, request.body, acceptExistingForm.order, request.t)
        : parseForm(acceptNewForm.schema, request.body, acceptNewForm.order, request.t);
      if (!form.ok) {
        const values = { displayName: form.values['displayName'] ?? '' }; // never echo a password
        return reply.page('auth/views/invitation.njk', { ...form, values, invitation, token }, 422);
      }
      const result = await auth.acceptInvitation({
        token,
        displayName: form.value.displayName,
        password: 'password' in form.value && typeof form.value.password === 'string' ? form.value.password : null,
        signedInAccountId: request.session.accountId ?? null,
        language: request.language,
      });
      if (!result.ok) {
        if (result.kind === 'forbidden') return reply.page('auth/views/invitation.njk', { invitation, token, values: form.value, mustSignIn: true }, 403);
        return reply.page('auth/views/link-expired.njk', {}, 404);
      }
      if (request.session.accountId === undefined) await startSession(request, reply, auth, result.value);
      if (result.value.organisationId !== null) request.session.organisationId = result.value.organisationId;
      reply.flash('flash.invitation_accepted', { organisation: invitation.organisationName });
      return reply.redirect('/', 303);
    },

    accountPage: async (_request: FastifyRequest, reply: FastifyReply) => {
      return reply.page('auth/views/account.njk', { values: {} });
    },

    changePassword: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(changePasswordForm.schema, request.body, changePasswordForm.order, request.t);
      if (!form.ok) return reply.page('auth/views/account.njk', { ...form, values: {} }, 422);
      const result = await auth.changePassword(actorOf(request), { current: form.value.currentPassword, password: form.value.password, keepSid: request.session.sessionId });
      if (!result.ok) return reply.page('auth/views/account.njk', fieldError('currentPassword', 'errors.password.current_wrong', request.t, {}), 422);
      // The new password ended every browser's trust: this one, where it was changed, is trusted again.
      const device = await auth.deviceTokenFor(actorOf(request).accountId);
      if (device !== undefined) reply.rememberDevice(device);
      reply.flash('flash.password_changed');
      return reply.redirect('/account', 303);
    },
  };
}
