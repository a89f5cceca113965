import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateFormats } from '../../shared/dates.js';
export { notFoundPage, serviceFormError, type FormFailure } from '../../shared/replies.js';
import {
  AGREEMENT_QUESTIONS, allowedMoves, CIRCLE_INFO, CIRCLES, DOMAINS, EQUAL_DELIVERY_ANSWERS, FREQUENCIES, LEVELS, RATING_SCORES,
  STAGE_INFO, STAGES, TELL_BY, VISIBILITIES,
} from './projects.registry.js';
import { highlight } from './dates.js';
import { circlePeopleHtml } from './circle.list.js';
import { circleSvg } from './circle.svg.js';

/** Shared by the module's handlers: the registries, date formatting and how failures are answered. */

export type ProjectParams = { projectId: string };
export type MemberParams = { projectId: string; personId: string };
export type TaskParams = { projectId: string; taskId: string };

const registries = {
  STAGES, STAGE_INFO, CIRCLES, CIRCLE_INFO, LEVELS, DOMAINS, VISIBILITIES, TELL_BY, FREQUENCIES, EQUAL_DELIVERY_ANSWERS,
  AGREEMENT_QUESTIONS, RATING_SCORES, allowedMoves, circleSvg, circlePeopleHtml,
};

/**
 * The names of the circles, levels and domains in a language, looked up once per language rather than once per
 * person (or per page): the translator of a language always gives the same words.
 */
const registryNames = new Map<string, { circleNames: Record<string, string>; levelNames: Record<string, string>; domainNames: Record<string, string> }>();

function namesFor(request: FastifyRequest) {
  let found = registryNames.get(request.language);
  if (found === undefined) {
    const names = (keys: readonly string[], prefix: string) => Object.fromEntries(keys.map((key) => [key, request.t(`projects.${prefix}.${key}.name`)]));
    found = { circleNames: names(CIRCLES, 'circles'), levelNames: names(LEVELS, 'levels'), domainNames: names(DOMAINS, 'domains') };
    registryNames.set(request.language, found);
  }
  return found;
}

/** Dates and times in the page's language and the organisation's time zone. */
export function formatters(request: FastifyRequest) {
  const { day, moment } = dateFormats(request.language, request.organisation?.timeZone ?? 'UTC');
  return {
    /** An ISO date (2026-11-22) as "22 November 2026". */
    date: (iso: string | null | undefined) => (iso === null || iso === undefined || iso === '' ? '' : day.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`))),
    /** An ISO timestamp as "22 November 2026, 14:05" in the organisation's time zone. */
    dateTime: (iso: string | null | undefined) => (iso === null || iso === undefined || iso === '' ? '' : moment.format(new Date(iso))),
    /** A person's name, or "Former member" (plain text: the page escapes it once). */
    who: (ref: { name: string | null; former: boolean }) => (ref.former || ref.name === null ? request.t('projects.former_member') : ref.name),
    /** "Co-producers · Involve · Me". */
    where: (pl: { circle: string | null; level: string | null; domain: string | null }) =>
      [pl.circle === null ? null : request.t(`projects.circles.${pl.circle}.name`), pl.level === null ? null : request.t(`projects.levels.${pl.level}.name`), pl.domain === null ? null : request.t(`projects.domains.${pl.domain}.name`)]
        .filter((part): part is string => part !== null)
        .join(' · '),
    /** Which parts of a date input to mark as wrong. */
    dateHighlight: (values: Record<string, string | string[]> | undefined, name: string) => highlight(values, name, false),
  };
}

/** What every page of the module needs besides its own data. */
export function pageLocals(request: FastifyRequest): Record<string, unknown> {
  return {
    ...registries,
    fmt: formatters(request),
    ...namesFor(request),
  };
}

/** Render a module page. */
export function render(request: FastifyRequest, reply: FastifyReply, template: string, context: Record<string, unknown>, status = 200): Promise<FastifyReply> {
  return reply.page(`projects/views/${template}.njk`, { ...pageLocals(request), ...context }, status);
}

export function pageNumber(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) ? n : 1;
}
