import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, translatorFor } from '../shared/i18n.js';
import { redactUrl } from '../shared/log-redaction.js';
import { CSRF_ERROR_CODES } from './security.js';

/** Plain, GOV.UK-style error pages. Nothing about the error's internals reaches the person. */
export const errorsPlugin = fp(
  async (app) => {
    async function render(request: FastifyRequest, reply: FastifyReply, status: number, template: string): Promise<void> {
      // Errors can happen before the language hook ran.
      if (typeof request.t !== 'function') request.t = translatorFor(DEFAULT_LANGUAGE);
      try {
        await reply.page(`errors/${template}.njk`, {}, status);
      } catch (error) {
        request.log.error({ err: error }, 'Could not render the error page');
        if (!reply.sent) await reply.code(status).type('text/plain; charset=utf-8').send(request.t(`errors.page.${template.replaceAll('-', '_')}.title`));
      }
    }

    app.setNotFoundHandler(async (request, reply) => {
      await render(request, reply, 404, 'not-found');
    });

    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (CSRF_ERROR_CODES.has(error.code)) {
        request.log.warn({ code: error.code, url: redactUrl(request.url) }, 'Refused a request without a valid CSRF token');
        await render(request, reply, 403, 'expired');
        return;
      }
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        await render(request, reply, 413, 'too-large');
        return;
      }
      if (error.statusCode === 429) {
        await render(request, reply, 429, 'too-many');
        return;
      }
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        request.log.info({ code: error.code, url: redactUrl(request.url) }, 'Bad request');
        await render(request, reply, 400, 'bad-request');
        return;
      }
      request.log.error({ err: error }, 'Unexpected error');
      await render(request, reply, 500, 'server-error');
    });
  },
  { name: 'errors', dependencies: ['views'] },
);
