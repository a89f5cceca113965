import type { FastifyReply, FastifyRequest } from 'fastify';
import { resultsSectionCache, resultsSectionKey } from './reviews.cache.js';
import { DERIVED_VERSION } from '../../shared/cache.js';
import type { Services } from '../../services.js';
import { fieldError, formValues, parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { answerPageForm, newReviewForm } from './reviews.forms.js';
import { commentInputId, isPrinciple, LIMITS, PRINCIPLES, questionInputId, questionsFor, REVIEW_MODES, type PrincipleKey } from './reviews.registry.js';
import { principleInfo, questionViews, savedValues, subjectText } from './reviews.view-model.js';
import type { ResultsView } from './reviews.results.js';
import type { ResultsPage } from './reviews.service.js';

export type ReviewParams = { reviewId: string };
export type PageParams = { reviewId: string; principle: string };

/**
 * The results section (weakest principles, diagram, table) as HTML, kept with the results it shows: the service shares
 * one ResultsView until a new round is published (or, for a group review, new answers are sent), so this renders once per set of results and language rather than
 * on every view of a page 400 people may look at. Nothing personal is in it, only combined scores.
 */
const renderedSections = resultsSectionCache<string>();

async function resultsSection(request: FastifyRequest, reply: FastifyReply, results: ResultsView, page: Pick<ResultsPage, 'review' | 'groupsShown'>): Promise<string> {
  const key = resultsSectionKey(results, request.language, page.groupsShown, page.review.mode, page.review.subjectKind);
  return renderedSections.get(key, DERIVED_VERSION, async () => {
    const weakestNames = listFormat(request.language).format(results.weakest.map((p) => request.t(`reviews.principles.${p}.name`)));
    return await reply.fragment('reviews/views/_results-section.njk', { results, weakestNames, groupsShown: page.groupsShown, review: page.review });
  });
}

const listFormats = new Map<string, Intl.ListFormat>();

/** "A, B and C" in the page's language; made once per language (making one costs more than the rest of a page). */
function listFormat(language: string): Intl.ListFormat {
  let format = listFormats.get(language);
  if (format === undefined) {
    format = new Intl.ListFormat(language, { type: 'conjunction' });
    listFormats.set(language, format);
  }
  return format;
}

const CLOSED_FLASH = {
  published: 'flash.review_closed_final',
  last_stands: 'flash.review_closed_last_stands',
  none: 'flash.review_closed_no_results',
  not_in_rounds: 'flash.review_closed',
} as const;

export function createReviewsHandlers(services: Services) {
  const { reviews } = services;

  async function resultsPage(request: FastifyRequest<{ Params: ReviewParams }>, reply: FastifyReply, refused = false) {
    const result = await reviews.results(actorOf(request), request.params.reviewId);
    if (!result.ok) return reply.callNotFound();
    const r = result.value;
    return reply.page('reviews/views/results.njk', {
      ...r,
      refused,
      subject: subjectText(r.review, request.t),
      principles: PRINCIPLES,
      resultsSection: r.results === null ? '' : await resultsSection(request, reply, r.results, r),
    }, refused ? 409 : 200);
  }

  async function newPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const projects = await reviews.projectsToReview(actorOf(request));
    if (!projects.ok) return reply.callNotFound();
    return reply.page('reviews/views/new.njk', { projects: projects.value, modes: REVIEW_MODES, values: {}, ...extra }, status);
  }

  async function answerPage(request: FastifyRequest<{ Params: PageParams }>, reply: FastifyReply, principle: PrincipleKey, form: Record<string, unknown> | null, status = 200) {
    const result = await reviews.answerPage(actorOf(request), request.params.reviewId, principle);
    if (!result.ok) return reply.callNotFound();
    const { review, saved } = result.value;
    if (result.value.submitted) return reply.redirect(`/reviews/${review.id}`, 303);
    const values = (form?.['values'] as Record<string, string> | undefined) ?? savedValues(saved.answers, saved.notes);
    return reply.page('reviews/views/answer.njk', {
      review,
      subject: subjectText(review, request.t),
      principle: principleInfo(principle),
      questions: questionViews(principle, review.subjectKind === 'practice', values, request.t),
      group: review.mode === 'group' && review.subjectKind !== 'practice',
      values,
      limits: LIMITS,
      ...(form ?? {}),
    }, status);
  }

  return {
    list: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await reviews.list(actorOf(request));
      const rows = result.ok ? result.value.reviews.map((r) => ({ ...r, subject: subjectText(r, request.t) })) : [];
      return reply.page('reviews/views/list.njk', { reviews: rows, mayStart: result.ok && result.value.mayStart });
    },

    newForm: async (request: FastifyRequest, reply: FastifyReply) => newPage(request, reply),

    start: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(newReviewForm.schema, request.body, newReviewForm.order, request.t);
      if (!form.ok) return newPage(request, reply, form, 422);
      const v = form.value;
      const input =
        v.subjectKind === 'project' ? { subjectKind: v.subjectKind, projectId: v.projectId ?? '', mode: v.mode }
        : v.subjectKind === 'service' ? { subjectKind: v.subjectKind, serviceName: v.serviceName ?? '', mode: v.mode }
        : { subjectKind: v.subjectKind, mode: v.mode };
      const result = await reviews.start(actorOf(request), input);
      if (!result.ok) {
        if (result.kind === 'invalid') return newPage(request, reply, fieldError('projectId', 'errors.reviews.project_required', request.t, formValues(request.body)), 422);
        return reply.callNotFound();
      }
      reply.flash('flash.review_started');
      return reply.redirect(`/reviews/${result.value}`, 303);
    },

    startPractice: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await reviews.startPractice(actorOf(request));
      if (!result.ok) return reply.callNotFound();
      return reply.redirect(`/reviews/${result.value}/answer/${PRINCIPLES[0]?.key ?? 'assets'}`, 303);
    },

    overview: async (request: FastifyRequest<{ Params: ReviewParams }>, reply: FastifyReply) => {
      const result = await reviews.overview(actorOf(request), request.params.reviewId);
      if (!result.ok) return reply.callNotFound();
      const o = result.value;
      return reply.page('reviews/views/overview.njk', { ...o, subject: subjectText(o.review, request.t), previousSubject: o.previous === null ? null : subjectText(o.previous, request.t), principles: PRINCIPLES, response: o.myResponse ?? o.groupResponse });
    },

    answerForm: async (request: FastifyRequest<{ Params: PageParams }>, reply: FastifyReply) => {
      if (!isPrinciple(request.params.principle)) return reply.callNotFound();
      return answerPage(request, reply, request.params.principle, null);
    },

    saveAnswers: async (request: FastifyRequest<{ Params: PageParams }>, reply: FastifyReply) => {
      const principle = request.params.principle;
      if (!isPrinciple(principle)) return reply.callNotFound();
      const found = await reviews.answerPage(actorOf(request), request.params.reviewId, principle);
      if (!found.ok) return reply.callNotFound();
      const group = found.value.review.mode === 'group' && found.value.review.subjectKind !== 'practice';
      const spec = answerPageForm(principle, group);
      const form = parseForm(spec.schema, request.body, spec.order, request.t);
      if (!form.ok) return answerPage(request, reply, principle, form, 422);
      const value = form.value as Record<string, string | null | undefined>;
      const answers = questionsFor(principle).map((q) => ({ questionKey: q.key, value: Number(value[questionInputId(q.key)]), comment: value[commentInputId(q.key)] ?? null }));
      const result = await reviews.saveAnswers(actorOf(request), request.params.reviewId, principle, { answers, notes: value['notes'] ?? null });
      if (!result.ok) return result.kind === 'conflict' ? reply.redirect(`/reviews/${request.params.reviewId}`, 303) : reply.callNotFound();
      if (value['then'] === 'later') {
        reply.flash('flash.review_saved');
        return reply.redirect(`/reviews/${request.params.reviewId}`, 303);
      }
      const next = principleInfo(principle).next;
      return reply.redirect(next === null ? `/reviews/${request.params.reviewId}/check` : `/reviews/${request.params.reviewId}/answer/${next}`, 303);
    },

    /**
     * A draft of one page, sent by the page's script as the person types (assets/js/app.js), so a closed tab or a
     * lost connection loses nothing. Saves the questions answered so far; answers nothing but a status.
     */
    saveDraft: async (request: FastifyRequest<{ Params: PageParams }>, reply: FastifyReply) => {
      const principle = request.params.principle;
      if (!isPrinciple(principle)) return reply.callNotFound();
      const found = await reviews.answerPage(actorOf(request), request.params.reviewId, principle);
      if (!found.ok) return reply.callNotFound();
      const group = found.value.review.mode === 'group' && found.value.review.subjectKind !== 'practice';
      const spec = answerPageForm(principle, group, true);
      const form = parseForm(spec.schema, request.body, spec.order, request.t);
      if (!form.ok) return reply.code(422).type('text/plain; charset=utf-8').send(request.t('reviews.answer.draft_not_saved'));
      const value = form.value as Record<string, string | null | undefined>;
      const answers = questionsFor(principle).flatMap((q) => {
        const chosen = value[questionInputId(q.key)];
        return chosen === undefined || chosen === null ? [] : [{ questionKey: q.key, value: Number(chosen), comment: value[commentInputId(q.key)] ?? null }];
      });
      const result = await reviews.saveAnswers(actorOf(request), request.params.reviewId, principle, { answers, notes: value['notes'] ?? null });
      if (!result.ok) return result.kind === 'conflict' ? reply.code(409).type('text/plain; charset=utf-8').send(request.t('errors.reviews.already_sent')) : reply.callNotFound();
      return reply.code(204).send();
    },

    check: async (request: FastifyRequest<{ Params: ReviewParams }>, reply: FastifyReply, missing: string | null = null, status = 200) => {
      const result = await reviews.savedAnswers(actorOf(request), request.params.reviewId);
      if (!result.ok) return reply.callNotFound();
      const { review, answers, notes, submitted } = result.value;
      const values = savedValues(answers, null);
      const sections = PRINCIPLES.map((p) => ({ ...p, notes: notes[p.key] ?? null, questions: questionViews(p.key, review.subjectKind === 'practice', values, request.t) }));
      const errorList = missing === null ? [] : [{ text: request.t('errors.reviews.not_finished'), href: `#change-${missing}` }];
      return reply.page('reviews/views/check.njk', { review, subject: subjectText(review, request.t), sections, submitted, group: review.mode === 'group' && review.subjectKind !== 'practice', errorList }, status);
    },

    send: async (request: FastifyRequest<{ Params: ReviewParams }>, reply: FastifyReply) => {
      const result = await reviews.submit(actorOf(request), request.params.reviewId);
      if (!result.ok) {
        if (result.kind === 'conflict') return createReviewsHandlers(services).check(request, reply, isPrinciple(result.reason) ? result.reason : 'assets', 422);
        return reply.callNotFound();
      }
      reply.flash('flash.review_sent');
      return reply.redirect(`/reviews/${request.params.reviewId}/results`, 303);
    },

    results: async (request: FastifyRequest<{ Params: ReviewParams }>, reply: FastifyReply) => resultsPage(request, reply),

    /** Publish a round; refused (409, the page again with its reason) when too few answers are new. */
    publish: async (request: FastifyRequest<{ Params: ReviewParams }>, reply: FastifyReply) => {
      const result = await reviews.publish(actorOf(request), request.params.reviewId);
      if (!result.ok) return result.kind === 'conflict' ? resultsPage(request, reply, true) : reply.callNotFound();
      reply.flash('flash.round_published');
      return reply.redirect(`/reviews/${request.params.reviewId}/results`, 303);
    },

    close: async (request: FastifyRequest<{ Params: ReviewParams }>, reply: FastifyReply) => {
      const result = await reviews.close(actorOf(request), request.params.reviewId);
      if (!result.ok) return reply.callNotFound();
      reply.flash(CLOSED_FLASH[result.value.finalRound]);
      return reply.redirect(`/reviews/${request.params.reviewId}`, 303);
    },
  };
}
