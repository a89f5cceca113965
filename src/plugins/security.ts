import { randomBytes, timingSafeEqual } from 'node:crypto';
import { randomBytesPooled } from '../shared/random.js';
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from './session.js';

declare module 'fastify' {
  interface FastifyReply {
    /** This response's CSP nonce, for the page's own scripts. */
    cspNonce: { script: string };
    /** A CSRF token for a form on this page (a fresh masking of the session's secret each time). */
    generateCsrf(): string;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The Content-Security-Policy, around the nonce: scripts only from us (and ours inline only with the nonce). */
const CSP_BEFORE_NONCE = "default-src 'self';script-src 'self' 'nonce-";
const CSP_AFTER_NONCE =
  "';style-src 'self';img-src 'self' data:;font-src 'self';connect-src 'self';form-action 'self';object-src 'none';base-uri 'none';frame-ancestors 'none'";

/**
 * The other security headers, the same on every response (the set helmet's defaults gave; ADR 0007). No HSTS: the
 * TLS-terminating proxy sets it, knowing whether HTTPS is in use.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

const SECRET_BYTES = 32;

/**
 * A CSRF token is the session's secret XORed with a fresh random mask, sent with the mask: different on every page
 * (so a compressed response never repeats it), and checked without storing anything per form.
 */
export function csrfToken(secret: Buffer): string {
  const mask = randomBytesPooled(SECRET_BYTES);
  const token = Buffer.allocUnsafe(SECRET_BYTES * 2);
  mask.copy(token, 0);
  for (let i = 0; i < SECRET_BYTES; i++) token[SECRET_BYTES + i] = (mask[i] ?? 0) ^ (secret[i] ?? 0);
  return token.toString('base64url');
}

/** True when the token is a masking of this secret. */
export function csrfTokenMatches(token: string, secret: Buffer): boolean {
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== SECRET_BYTES * 2 || secret.length !== SECRET_BYTES) return false;
  const unmasked = Buffer.allocUnsafe(SECRET_BYTES);
  for (let i = 0; i < SECRET_BYTES; i++) unmasked[i] = (bytes[i] ?? 0) ^ (bytes[SECRET_BYTES + i] ?? 0);
  return timingSafeEqual(unmasked, secret);
}

function sessionSecret(session: Session): Buffer {
  session.csrfSecret ??= randomBytes(SECRET_BYTES).toString('base64url');
  return Buffer.from(session.csrfSecret, 'base64url');
}

export class CsrfError extends Error {
  readonly code = 'CSRF_INVALID';
  readonly statusCode = 403;
  constructor() {
    super('This form was not sent with a valid CSRF token');
  }
}

/**
 * Security headers with a strict, nonce-based CSP; CSRF on every state-changing request (token from the form body
 * only); a flood guard on writes keyed by account when signed in (so a room sharing one address is not blocked).
 */
export const securityPlugin = fp(
  async (app) => {
    app.decorateReply('cspNonce', undefined as unknown as { script: string });
    app.decorateReply('generateCsrf', function generateCsrf(this: FastifyReply) {
      return csrfToken(sessionSecret(this.request.session));
    });

    app.addHook('onRequest', (_request: FastifyRequest, reply: FastifyReply, done) => {
      const nonce = randomBytesPooled(16).toString('hex');
      reply.cspNonce = { script: nonce };
      reply.headers(SECURITY_HEADERS);
      reply.header('content-security-policy', `${CSP_BEFORE_NONCE}${nonce}${CSP_AFTER_NONCE}`);
      done();
    });

    app.addHook('preHandler', (request, _reply, done) => {
      if (!UNSAFE.has(request.method)) {
        done();
        return;
      }
      const body = request.body as Record<string, unknown> | undefined;
      const token = body?.['_csrf'];
      const secret = request.session.csrfSecret;
      if (typeof token !== 'string' || secret === undefined || !csrfTokenMatches(token, Buffer.from(secret, 'base64url'))) {
        done(new CsrfError());
        return;
      }
      done();
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
