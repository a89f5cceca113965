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

/** The actor, for handlers behind requireSignIn. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.actor === null) throw new Error('actorOf used on a route without requireSignIn');
  return request.actor;
}

/** A local path to go back to after signing in; anything else (another site) becomes "/". */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value.length > 500 ? '/' : value;
}
