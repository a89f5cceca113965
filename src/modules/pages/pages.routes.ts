import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { checkWritable, ping } from '../../db/portable.js';
import { safeNext } from '../../shared/guards.js';
import { LANGUAGES } from '../../shared/i18n.js';
import { CRISIS_COUNTRIES } from '../../shared/crisis-lines.js';

const languageForm = z.strictObject({
  language: z.enum(LANGUAGES.map((l) => l.code)),
  returnTo: z.string().max(500).optional(),
});

/** Pages everyone can reach: home, getting help, statements, the language choice and health. */
export function pagesRoutes(app: FastifyInstance, services: Services): void {
  app.get('/', async (request, reply) => {
    if (request.actor === null) {
      if (request.session.accountId !== undefined) return reply.redirect('/organisations', 303);
      return reply.page('pages/views/welcome.njk');
    }
    return reply.page('pages/views/home.njk');
  });

  // Works signed out: the lines of the signed-in person's organisation, or of the organisation named in the link (a
  // poster or a leaflet can carry it), or the defaults for a country.
  app.get<{ Querystring: { country?: unknown; organisation?: unknown } }>('/get-help', async (request, reply) => {
    const fromLink = typeof request.query.organisation === 'string' ? request.query.organisation : null;
    const help = await services.crisisLines.forPage({ organisationId: request.organisation?.id ?? fromLink, chosenCountry: request.query.country, language: request.language });
    const checkedOn = new Intl.DateTimeFormat(request.language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const linkedOrganisation = request.organisation === null && help.organisation !== null ? help.organisation.id : null;
    return reply.page('pages/views/get-help.njk', {
      help,
      country: help.country,
      otherCountries: CRISIS_COUNTRIES.filter((other) => other !== help.country),
      countryLinkSuffix: linkedOrganisation === null ? '' : `&organisation=${linkedOrganisation}`,
      checkedOn: checkedOn.format(new Date(`${help.checkedOn}T00:00:00Z`)),
    });
  });
  app.get('/accessibility', async (_request, reply) => reply.page('pages/views/accessibility.njk'));
  app.get('/privacy', async (_request, reply) => reply.page('pages/views/privacy.njk'));

  app.post('/language', async (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = languageForm.safeParse(Object.fromEntries(Object.entries((request.body ?? {}) as Record<string, unknown>).filter(([k]) => k !== '_csrf')));
    if (!parsed.success) return reply.code(400).page('errors/bad-request.njk', {}, 400);
    request.session.language = parsed.data.language;
    if (request.session.accountId !== undefined) await services.auth.setLanguage(request.session.accountId, parsed.data.language);
    return reply.redirect(safeNext(parsed.data.returnTo), 303);
  });

  app.get('/health', async (request, reply) => {
    const dialect = app.db.dialect;
    try {
      await ping(app.db.kysely);
    } catch (error) {
      request.log.error({ err: error }, 'Health check: database unavailable');
      return reply.code(503).send({ status: 'unavailable', database: { status: 'unavailable', dialect, reason: 'The database does not answer.' } });
    }
    try {
      await checkWritable(app.db.kysely);
    } catch (error) {
      request.log.error({ err: error }, 'Health check: database does not take writes');
      return reply.code(503).send({ status: 'unavailable', database: { status: 'read_only', dialect, reason: 'The database answers but does not take writes.' } });
    }
    return reply.send({ status: 'ok', database: { status: 'ok', dialect } });
  });
}
