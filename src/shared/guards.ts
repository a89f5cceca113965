import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../db/database.js';
import { atLeast, type Actor } from './actor.js';

/**
 * Send people who are not signed in to the sign-in page, remembering where they were going.
 * Hooks that answer return the reply, so Fastify stops there and the route handler never runs.
 */
export async function requireSignIn(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.actor !== null) return undefined;
  if (request.session.accountId !== undefined) {
    // Signed in but not (or no longer) in any organisation.
    return reply.redirect('/organisations', 303);
  }
  const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
  return reply.redirect(`/sign-in${next}`, 303);
}

/**
 * Only people with at least this permission. Everyone else gets "not found": we never confirm that a page exists
 * to someone who may not see it.
 */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.actor === null) return requireSignIn(request, reply);
    if (!atLeast(request.actor, permission)) {
      reply.callNotFound();
      return reply;
    }
    return undefined;
  };
}

/**
 * Only people a service says may do what the route does, asked before the form is read: everyone else gets "not
 * found" whatever they sent. Were the form checked first, a bad form would answer 422 and a good one 404, telling
 * someone without permission that the record exists and what the form wants.
 */
export function requireAllowed(allowed: (actor: Actor, params: Readonly<Record<string, string>>) => Promise<boolean>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    if (request.actor === null) return requireSignIn(request, reply);
    if (await allowed(request.actor, request.params as Readonly<Record<string, string>>)) return undefined;
    reply.callNotFound();
    return reply;
  };
}

/** The actor, for handlers behind requireSignIn. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new Error('actorOf used on a route without requireSignIn');
  return request.actor;
}

const OWN_ORIGIN = 'http://doing-with.invalid';
/** Control characters, spaces and backslashes: browsers strip or reinterpret them, so a path holding one is refused. */
function hasUnsafeCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x5c) return true;
  }
  return false;
}

/**
 * A same-origin path to go back to (after signing in, after choosing a language); anything else becomes "/". The
 * value is parsed as a URL against our own origin, as a browser would, and only a path on that origin is kept, written
 * out percent-encoded, so no input can point elsewhere or make the redirect header invalid.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/') || hasUnsafeCharacter(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, OWN_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== OWN_ORIGIN) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot-segment removal can leave "//evil", which a browser reads as another host.
  return path.startsWith('//') ? '/' : path;
}
