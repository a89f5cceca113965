import { createHmac, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import csrf from '@fastify/csrf-protection';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { cookieOptions } from './session.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The error codes @fastify/csrf-protection refuses a request with (no secret cookie; a token that does not match). */
export const CSRF_ERROR_CODES: ReadonlySet<string> = new Set(['FST_CSRF_MISSING_SECRET', 'FST_CSRF_INVALID_TOKEN']);

/** The cookie holding the browser's CSRF secret (signed): `__Host-` whenever cookies are Secure. */
const csrfCookieName = (config: Config): string => (config.cookieSecure ? '__Host-doing-with-csrf' : 'doing-with-csrf');

/**
 * What a CSRF token is bound to besides the browser's secret: the session when someone is signed in, so a token
 * made before signing in, or in an earlier session, is refused (as a new session id at sign-in is given). Every
 * visitor who is not signed in shares one value: their tokens still need their own browser's secret.
 */
export function csrfUserInfo(request: FastifyRequest): string {
  const session = request.session as FastifyRequest['session'] | null;
  return session?.accountId === undefined ? 'not signed in' : `session ${session.sessionId}`;
}

/** Each response's script nonce, for the CSP header helmet writes (helmet sees only the raw response). */
const nonces = new WeakMap<ServerResponse, string>();

export interface SecurityPluginOptions {
  readonly config: Config;
}

/**
 * Security headers by @fastify/helmet with a strict CSP carrying a per-response script nonce; CSRF by
 * @fastify/csrf-protection on every state-changing request (token from the form body only, secret in a signed
 * cookie, so a visitor who is not signed in costs no session row); a flood guard on writes keyed by account when
 * signed in (so a room sharing one address is not blocked).
 */
export const securityPlugin = fp<SecurityPluginOptions>(
  async (app, { config }) => {
    // Before helmet's own hooks, so its CSP can read the nonce. No style nonce: no page has an inline style.
    app.decorateReply('cspNonce', null as unknown as FastifyReply['cspNonce']);
    app.addHook('onRequest', (_request, reply, done) => {
      const script = randomBytes(16).toString('hex');
      reply.cspNonce = { script, style: '' };
      nonces.set(reply.raw, script);
      done();
    });
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'", (_req, res) => `'nonce-${nonces.get(res) ?? ''}'`],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'form-action': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'frame-ancestors': ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      // Set by the TLS-terminating proxy, which knows whether HTTPS is in use.
      strictTransportSecurity: false,
    });

    await app.register(csrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: csrfCookieName(config),
      cookieOpts: { ...cookieOptions(config), signed: true },
      csrfOpts: { userInfo: true, hmacKey: createHmac('sha256', config.sessionSecret).update('csrf tokens').digest() },
      getUserInfo: csrfUserInfo,
      getToken: (request) => {
        const token = (request.body as Record<string, unknown> | undefined)?.['_csrf'];
        return typeof token === 'string' ? token : undefined;
      },
    });
    app.addHook('preHandler', (request, reply, done) => {
      if (UNSAFE.has(request.method)) app.csrfProtection(request, reply, done);
      else done();
    });

    // The flood guard is for writes only, so a route that only reads (GET, HEAD) does not carry its hook at all,
    // rather than working out a key on every page view to then let it through (the allowList below stays, for
    // routes that take both).
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!methods.every((method) => method === 'GET' || method === 'HEAD')) return;
      if (route.config?.rateLimit !== undefined) return;
      route.config = { ...route.config, rateLimit: false };
    });
    await app.register(rateLimit, {
      global: true,
      hook: 'preHandler',
      timeWindow: 60_000,
      max: (request) => (request.session.accountId === undefined ? 600 : 300),
      keyGenerator: (request) => request.session.accountId ?? request.ip,
      allowList: (request) => !UNSAFE.has(request.method),
    });

    app.addHook('onSend', (request, reply, payload, done) => {
      // Pages may hold personal data: never cached. Built assets (under /assets/) set their own caching.
      if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
      done(null, payload);
    });
  },
  { name: 'security', dependencies: ['session'] },
);
