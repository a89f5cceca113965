import fp from 'fastify-plugin';
import type { TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, fromAcceptLanguage, isLanguage, type LanguageCode, translatorFor } from '../shared/i18n.js';

declare module 'fastify' {
  interface FastifyRequest {
    language: LanguageCode;
    t: TFunction;
  }
}

/**
 * The page language: the person's own choice (kept in their session and account), else their organisation's
 * default, else what the browser asks for, else English.
 */
export const i18nPlugin = fp(
  async (app) => {
    app.decorateRequest('language', DEFAULT_LANGUAGE);
    app.decorateRequest('t', undefined as unknown as TFunction);
    app.addHook('preHandler', async (request) => {
      const chosen = request.session.language;
      const organisationDefault = request.organisation?.defaultLanguage;
      const language: LanguageCode = isLanguage(chosen)
        ? chosen
        : isLanguage(organisationDefault)
          ? organisationDefault
          : (fromAcceptLanguage(request.headers['accept-language']) ?? DEFAULT_LANGUAGE);
      request.language = language;
      request.t = translatorFor(language);
    });
  },
  { name: 'i18n', dependencies: ['auth'] },
);
