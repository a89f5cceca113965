import type { FastifyRequest } from 'fastify';

/**
 * A path segment or query value that could be a secret: a long run of URL-safe characters, as our tokens are
 * (sign-in links, password resets, invitations, calendar feeds), possibly with a file extension (".ics"). Record ids
 * (UUIDs, with their hyphens in fixed places) are kept, so logs still say which record a request was about.
 */
const TOKEN_LIKE = /^[A-Za-z0-9_-]{20,}(\.[A-Za-z0-9]{1,8})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET_PARAMETERS = new Set(['token', 'code', 'key', 'secret', 'password', 'signature', 'sig']);
const REDACTED = '[redacted]';

function isSecretLike(value: string): boolean {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // Not valid percent-encoding: judged as it is.
  }
  return TOKEN_LIKE.test(decoded) && !UUID.test(decoded);
}

/** The URL as it may be written to a log: every token-shaped path segment and query value replaced. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  const redactedPath = path
    .split('/')
    .map((segment) => (isSecretLike(segment) ? REDACTED : segment))
    .join('/');
  if (query < 0) return redactedPath;
  const redactedQuery = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return isSecretLike(pair) ? REDACTED : pair;
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      return SECRET_PARAMETERS.has(name.toLowerCase()) || isSecretLike(value) ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${redactedPath}?${redactedQuery}`;
}

/** The request logger's view of a request: Fastify's usual fields, with the URL redacted. */
export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket.remotePort ?? 0,
    };
  },
};
