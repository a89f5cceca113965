import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateFormats } from '../../shared/dates.js';
export { notFoundPage, serviceFormError, type FormFailure } from '../../shared/replies.js';
import { visibleAuthor } from './cards.service.js';
import {
  BALANCE_GROUPS, BALANCE_KINDS, CARD_STATUSES, CONSENT_ANSWERS, DECISION_METHODS, EXERCISE_BY_KEY, EXERCISES, KEEPER_MODES, REPLY_ANSWERS, VENUE_FEATURES, VOTE_ANSWERS, WAYS,
} from './meetings.registry.js';
import { nextCardStatuses } from './meetings.rules.js';

export type ProjectParams = { projectId: string };
export type MeetingParams = { projectId: string; meetingId: string };
export type CardParams = { projectId: string; cardId: string };
export type ProposalParams = { projectId: string; proposalId: string };

const registries = {
  WAYS, VENUE_FEATURES, REPLY_ANSWERS, KEEPER_MODES, CARD_STATUSES, DECISION_METHODS, CONSENT_ANSWERS, VOTE_ANSWERS, EXERCISES, EXERCISE_BY_KEY, BALANCE_GROUPS, BALANCE_KINDS,
  nextCardStatuses, visibleAuthor,
};

export function formatters(request: FastifyRequest) {
  const timeZone = request.organisation?.timeZone ?? 'UTC';
  const { when, time, month } = dateFormats(request.language, timeZone);
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

export const meetingUrl = (p: MeetingParams) => `/projects/${p.projectId}/meetings/${p.meetingId}`;
