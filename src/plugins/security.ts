import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import csrf from '@fastify/csrf-protection';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers with a strict, nonce-based CSP; CSRF on every state-changing request (token from the form body
 * only); a flood guard on writes keyed by account when signed in (so a room sharing one address is not blocked).
 */
export const securityPlugin = fp(
  async (app) => {
    await app.register(helmet, {
      enableCSPNonces: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
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
      strictTransportSecurity: false, // set by the TLS-terminating proxy, which knows whether HTTPS is in use
    });

    await app.register(csrf, {
      sessionPlugin: '@fastify/session',
      getToken: (request) => {
        const body = request.body as Record<string, unknown> | undefined;
        const token = body?.['_csrf'];
        return typeof token === 'string' ? token : undefined;
      },
    });
    app.addHook('preHandler', (request, reply, done) => {
      if (!UNSAFE.has(request.method)) {
        done();
        return;
      }
      app.csrfProtection(request, reply, done);
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

    app.addHook('onSend', async (request, reply, payload) => {
      // Pages may hold personal data: never cached. Built assets (under /assets/) set their own caching.
      if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
      reply.removeHeader('x-powered-by');
      return payload;
    });
  },
  { name: 'security', dependencies: ['session'] },
);
