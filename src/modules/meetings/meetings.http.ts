import type { FastifyReply, FastifyRequest } from 'fastify';
import { fieldError, formValues, type ParseResult } from '../../shared/forms.js';
import type { Result } from '../../shared/result.js';
import { visibleAuthor } from './cards.service.js';
import {
  BALANCE_GROUPS, BALANCE_KINDS, CARD_STATUSES, CONSENT_ANSWERS, DECISION_METHODS, EXERCISE_BY_KEY, EXERCISES, KEEPER_MODES, REPLY_ANSWERS, VENUE_FEATURES, VOTE_ANSWERS, WAYS,
} from './meetings.registry.js';
import { nextCardStatuses } from './meetings.rules.js';

export type ProjectParams = { projectId: string };
export type MeetingParams = { projectId: string; meetingId: string };
export type CardParams = { projectId: string; cardId: string };
export type ProposalParams = { projectId: string; proposalId: string };
export type FormFailure = Extract<ParseResult<never>, { ok: false }>;

const registries = {
  WAYS, VENUE_FEATURES, REPLY_ANSWERS, KEEPER_MODES, CARD_STATUSES, DECISION_METHODS, CONSENT_ANSWERS, VOTE_ANSWERS, EXERCISES, EXERCISE_BY_KEY, BALANCE_GROUPS, BALANCE_KINDS,
  nextCardStatuses, visibleAuthor,
};

export function formatters(request: FastifyRequest) {
  const timeZone = request.organisation?.timeZone ?? 'UTC';
  const when = new Intl.DateTimeFormat(request.language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone });
  const time = new Intl.DateTimeFormat(request.language, { hour: 'numeric', minute: '2-digit', timeZone });
  const month = new Intl.DateTimeFormat(request.language, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    when: (iso: string) => when.format(new Date(iso)),
    time: (iso: string) => time.format(new Date(iso)),
    month: (yyyyMm: string) => (yyyyMm === 'all' ? request.t('meetings.balance.all_months') : month.format(new Date(`${yyyyMm}-01T00:00:00Z`))),
    timeZone,
  };
}

export function render(request: FastifyRequest, reply: FastifyReply, template: string, context: Record<string, unknown>, status = 200): Promise<FastifyReply> {
  return reply.page(`meetings/views/${template}.njk`, { ...registries, fmt: formatters(request), values: {}, ...context }, status);
}

export function notFoundPage(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/** A service's "invalid" or "conflict" as an error on the field it names, keeping what was typed. */
export function serviceFormError(request: FastifyRequest, result: Result<unknown> & { ok: false }, fallbackField: string): FormFailure | null {
  if (result.kind === 'invalid') {
    const [field = fallbackField, key = 'errors.form.check_answer'] = Object.entries(result.errors)[0] ?? [];
    return fieldError(field, key, request.t, formValues(request.body));
  }
  if (result.kind === 'conflict') return fieldError(fallbackField, result.reason, request.t, formValues(request.body));
  return null;
}

export const meetingUrl = (p: MeetingParams) => `/projects/${p.projectId}/meetings/${p.meetingId}`;
