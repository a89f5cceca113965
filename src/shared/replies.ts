import type { FastifyReply, FastifyRequest } from 'fastify';
import { fieldError, formValues, type ParseResult } from './forms.js';
import type { Result } from './result.js';

export type FormFailure = Extract<ParseResult<never>, { ok: false }>;

/**
 * The answer to a failed use case when there is no form to show it on: nothing outside the organisation, something
 * the person may not see, and a forbidden action all look the same ("not found").
 */
export function notFoundPage(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** A service's "invalid" or "conflict" as a form error on the field it names, keeping what was typed. */
export function serviceFormError(request: FastifyRequest, result: Result<unknown> & { ok: false }, fallbackField: string): FormFailure | null {
  if (result.kind === 'invalid') {
    const [field = fallbackField, key = 'errors.form.check_answer'] = Object.entries(result.errors)[0] ?? [];
    return fieldError(field, key, request.t, formValues(request.body));
  }
  if (result.kind === 'conflict') return fieldError(fallbackField, result.reason, request.t, formValues(request.body));
  return null;
}
