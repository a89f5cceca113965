import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { emptyForm } from './circle.forms.js';
import { notFoundPage, render, serviceFormError, type FormFailure, type ProjectParams, type TaskParams } from './projects.http.js';
import { criterionForm, ratingsForm, reviewForm } from './success.forms.js';
import { ownerForm, statusForm, taskForm } from './tasks.forms.js';

/** Tasks matched to strengths, and success defined by the people involved. */
export function createTasksHandlers(services: Services) {
  const { tasks, success } = services.projects;

  async function tasksPage(request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await tasks.list(actorOf(request), request.params.projectId);
    if (!result.ok) return notFoundPage(reply);
    return render(request, reply, 'tasks', { p: result.value, values: {}, ...form }, status);
  }

  async function taskPage(request: FastifyRequest<{ Params: TaskParams }>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await tasks.page(actorOf(request), request.params.projectId, request.params.taskId);
    if (!result.ok) return notFoundPage(reply);
    return render(request, reply, 'task', { p: result.value, ...form, values: { ownerId: result.value.task.ownerId ?? '', ...form.values } }, status);
  }

  async function successPage(request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await success.page(actorOf(request), request.params.projectId);
    if (!result.ok) return notFoundPage(reply);
    const saved: Record<string, string> = {};
    for (const [criterionId, answer] of result.value.mine) {
      saved[`score-${criterionId}`] = answer.score === null ? 'dont_know' : String(answer.score);
      saved[`comment-${criterionId}`] = answer.comment ?? '';
    }
    return render(request, reply, 'success', { p: result.value, ...form, values: { ...saved, ...form.values } }, status);
  }

  const taskUrl = (params: TaskParams) => `/projects/${params.projectId}/tasks/${params.taskId}`;

  return {
    list: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => tasksPage(request, reply),

    create: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(taskForm.schema, request.body, taskForm.order, request.t, taskForm.ids);
      if (!form.ok) return tasksPage(request, reply, form, 422);
      const result = await tasks.create(actorOf(request), request.params.projectId, form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.task_added', { title: form.value.title });
      return reply.redirect(taskUrl({ projectId: request.params.projectId, taskId: result.value.taskId }), 303);
    },

    page: async (request: FastifyRequest<{ Params: TaskParams }>, reply: FastifyReply) => taskPage(request, reply),

    volunteer: async (request: FastifyRequest<{ Params: TaskParams }>, reply: FastifyReply) => {
      const form = parseForm(emptyForm.schema, request.body, emptyForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await tasks.volunteer(actorOf(request), request.params.projectId, request.params.taskId);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.volunteered', { title: result.value.title });
      return reply.redirect(taskUrl(request.params), 303);
    },

    withdraw: async (request: FastifyRequest<{ Params: TaskParams }>, reply: FastifyReply) => {
      const form = parseForm(emptyForm.schema, request.body, emptyForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await tasks.withdraw(actorOf(request), request.params.projectId, request.params.taskId);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.withdrawn', { title: result.value.title });
      return reply.redirect(taskUrl(request.params), 303);
    },

    owner: async (request: FastifyRequest<{ Params: TaskParams }>, reply: FastifyReply) => {
      const form = parseForm(ownerForm.schema, request.body, ownerForm.order, request.t);
      if (!form.ok) return taskPage(request, reply, form, 422);
      const result = await tasks.setOwner(actorOf(request), request.params.projectId, request.params.taskId, form.value.ownerId);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'ownerId');
        return error === null ? notFoundPage(reply) : taskPage(request, reply, error, 422);
      }
      reply.flash('projects.flash.owner_set');
      return reply.redirect(taskUrl(request.params), 303);
    },

    status: async (request: FastifyRequest<{ Params: TaskParams }>, reply: FastifyReply) => {
      const form = parseForm(statusForm.schema, request.body, statusForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await tasks.setStatus(actorOf(request), request.params.projectId, request.params.taskId, form.value.status);
      if (!result.ok) return notFoundPage(reply);
      reply.flash(form.value.status === 'done' ? 'projects.flash.task_done' : 'projects.flash.task_reopened');
      return reply.redirect(taskUrl(request.params), 303);
    },

    success: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => successPage(request, reply),

    propose: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(criterionForm.schema, request.body, criterionForm.order, request.t);
      if (!form.ok) return successPage(request, reply, form, 422);
      const result = await success.propose(actorOf(request), request.params.projectId, form.value.text);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.criterion_added');
      return reply.redirect(`/projects/${request.params.projectId}/success`, 303);
    },

    review: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(reviewForm.schema, request.body, reviewForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await success.setReview(actorOf(request), request.params.projectId, form.value.open === 'yes');
      if (!result.ok) {
        const error = serviceFormError(request, result, 'text');
        return error === null ? notFoundPage(reply) : successPage(request, reply, error, 409);
      }
      reply.flash(form.value.open === 'yes' ? 'projects.flash.review_opened' : 'projects.flash.review_closed');
      return reply.redirect(`/projects/${request.params.projectId}/success`, 303);
    },

    rate: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const actor = actorOf(request);
      const criteria = await success.criteria(actor, request.params.projectId);
      if (!criteria.ok) return notFoundPage(reply);
      const ratings = ratingsForm(criteria.value.map((c) => c.id));
      const form = parseForm(ratings.schema, request.body, ratings.order, request.t);
      if (!form.ok) return successPage(request, reply, form, 422);
      const result = await success.rate(actor, request.params.projectId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, ratings.order[0] ?? 'main-content');
        return error === null ? notFoundPage(reply) : successPage(request, reply, error, 409);
      }
      reply.flash('projects.flash.rated');
      return reply.redirect(`/projects/${request.params.projectId}/success#results`, 303);
    },
  };
}
