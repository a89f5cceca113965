import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import view from '@fastify/view';
import nunjucks from 'nunjucks';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../shared/i18n.js';
import { longDate } from '../shared/dates.js';
import { atLeast } from '../shared/actor.js';
import { navigationFor } from '../shared/navigation.js';
import { csrfUserInfo } from './security.js';
import { useFastGovukComponents } from './govuk-components.js';

declare module 'fastify' {
  interface FastifyReply {
    /** Render a page inside the layout, with everything the layout needs. */
    page(template: string, context?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
    /**
     * Render part of a page (a partial template) to a string, with the translator and language: for a part that is
     * expensive and the same for everyone (see reviews' results diagram), so a handler can keep it.
     */
    fragment(template: string, context?: Record<string, unknown>): Promise<string>;
    /** Set a one-off success message for the next page. */
    flash(key: string, params?: Record<string, string | number>): void;
  }
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export interface ViewsPluginOptions {
  readonly production: boolean;
  /** True when this instance holds demo data: every page says so. */
  readonly demo: () => boolean;
}

export const viewsPlugin = fp<ViewsPluginOptions>(
  async (app, options) => {
    await app.register(view, {
      engine: { nunjucks },
      templates: [here('../views'), here('../modules'), here('../../node_modules/govuk-frontend/dist')],
      production: options.production,
      options: {
        autoescape: true,
        throwOnUndefined: false,
        trimBlocks: true,
        lstripBlocks: true,
        onConfigure: (env: nunjucks.Environment) => {
          // A stored date or timestamp as "24 November 2026", in the page's language and the organisation's time zone.
          env.addFilter('longDate', function longDateFilter(this: { ctx: { lang?: string; organisation?: { timeZone?: string } | null } }, value: string | null | undefined) {
            return longDate(value, this.ctx.lang ?? DEFAULT_LANGUAGE, this.ctx.organisation?.timeZone ?? 'UTC');
          });
          env.addGlobal('asset', app.assetUrl);
          useFastGovukComponents(env);
        },
      },
    });

    app.decorateReply('flash', function flash(this: FastifyReply, key: string, params?: Record<string, string | number>) {
      this.request.session.flash = params === undefined ? { key } : { key, params };
    });

    app.decorateReply('fragment', async function fragment(this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      return this.viewAsync(template, { t: this.request.t, lang: this.request.language, ...context });
    });

    app.decorateReply('page', async function page(
      this: FastifyReply,
      template: string,
      context: Record<string, unknown> = {},
      status = 200,
    ) {
      const request: FastifyRequest = this.request;
      const flash = request.session.flash;
      if (flash !== undefined) delete request.session.flash;
      const actor = request.actor;
      const organisation = request.organisation;
      const locals = {
        t: request.t,
        lang: request.language,
        languages: LANGUAGES.map((l) => ({ ...l, current: l.code === request.language })),
        csrfToken: this.generateCsrf({ userInfo: csrfUserInfo(request) }),
        cspNonce: this.cspNonce.script,
        currentPath: request.url,
        actor,
        isFacilitator: actor !== null && atLeast(actor, 'facilitator'),
        isAdmin: actor !== null && atLeast(actor, 'admin'),
        signedIn: request.session.accountId !== undefined,
        organisation,
        demo: organisation?.isDemo ?? options.demo(),
        navigation: navigationFor(actor, request.url, request.t),
        flash: flash === undefined ? null : request.t(flash.key, flash.params ?? {}),
        ...context,
      };
      this.code(status).type('text/html; charset=utf-8');
      // As bytes: given a string, Fastify measures its UTF-8 length and Node then encodes it again to write it.
      return this.send(Buffer.from(await this.viewAsync(template, locals)));
    });
  },
  { name: 'views', dependencies: ['auth', 'i18n', 'security'] },
);
