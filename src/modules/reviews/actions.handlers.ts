import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { fieldError, formValues, parseForm, type FormValues } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { actionForm, progressForm } from './reviews.forms.js';
import { ACTION_STATUSES, isPrinciple, PRINCIPLES } from './reviews.registry.js';
import { subjectText } from './reviews.view-model.js';

export type ActionParams = { actionId: string };
type ReviewParams = { reviewId: string };

/** The date boxes to mark as wrong: the one the error names, or all three when the whole date is missing. */
function dateHighlight(errors: Record<string, unknown> | undefined): string[] {
  if (errors === undefined) return [];
  if (errors['dueOn-day'] !== undefined) return ['day', 'month', 'year'];
  return ['month', 'year'].filter((part) => errors[`dueOn-${part}`] !== undefined);
}

export function createActionsHandlers(services: Services) {
  const { reviewActions } = services;

  async function formPage(request: FastifyRequest<{ Params: ReviewParams }>, reply: FastifyReply, values: FormValues, extra: Record<string, unknown> = {}, status = 200) {
    const result = await reviewActions.formPage(actorOf(request), request.params.reviewId);
    if (!result.ok) return reply.callNotFound();
    const errors = extra['errors'] as Record<string, unknown> | undefined;
    return reply.page('reviews/views/action-new.njk', {
      review: result.value.review,
      subject: subjectText(result.value.review, request.t),
      people: result.value.people,
      principles: PRINCIPLES,
      values,
      dateErrors: dateHighlight(errors),
      ...extra,
    }, status);
  }

  async function actionPage(request: FastifyRequest<{ Params: ActionParams }>, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const result = await reviewActions.page(actorOf(request), request.params.actionId);
    if (!result.ok) return reply.callNotFound();
    const { action } = result.value;
    return reply.page('reviews/views/action.njk', { ...result.value, subject: subjectText(action, request.t), statuses: ACTION_STATUSES, values: { status: action.status }, ...extra }, status);
  }

  return {
    newForm: async (request: FastifyRequest<{ Params: ReviewParams; Querystring: { principle?: string } }>, reply: FastifyReply) => {
      const principle = request.query.principle;
      return formPage(request, reply, principle !== undefined && isPrinciple(principle) ? { principle } : {});
    },

    add: async (request: FastifyRequest<{ Params: ReviewParams }>, reply: FastifyReply) => {
      const form = parseForm(actionForm.schema, request.body, actionForm.order, request.t, actionForm.ids);
      if (!form.ok) return formPage(request, reply, form.values, form, 422);
      const result = await reviewActions.add(actorOf(request), request.params.reviewId, form.value);
      if (!result.ok) {
        if (result.kind === 'invalid') {
          const [field = 'ownerId', key = 'errors.form.check_answer'] = Object.entries(result.errors)[0] ?? [];
          const error = fieldError(field === 'dueOn' ? 'dueOn-day' : field, key, request.t, formValues(request.body));
          return formPage(request, reply, error.values, error, 422);
        }
        return reply.callNotFound();
      }
      reply.flash('flash.action_added');
      return reply.redirect(`/reviews/${request.params.reviewId}/results#plan`, 303);
    },

    page: async (request: FastifyRequest<{ Params: ActionParams }>, reply: FastifyReply) => actionPage(request, reply),

    update: async (request: FastifyRequest<{ Params: ActionParams }>, reply: FastifyReply) => {
      const form = parseForm(progressForm.schema, request.body, progressForm.order, request.t);
      if (!form.ok) return actionPage(request, reply, form, 422);
      const result = await reviewActions.updateProgress(actorOf(request), request.params.actionId, form.value);
      if (!result.ok) return reply.callNotFound();
      reply.flash('flash.action_updated');
      return reply.redirect(`/reviews/actions/${request.params.actionId}`, 303);
    },

    due: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await reviewActions.due(actorOf(request));
      if (!result.ok) return reply.callNotFound();
      const withSubject = (rows: typeof result.value.overdue) => rows.map((r) => ({ ...r, subject: subjectText(r, request.t) }));
      return reply.page('reviews/views/due.njk', { overdue: withSubject(result.value.overdue), soon: withSubject(result.value.soon) });
    },
  };
}
