import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { toParts } from './dates.js';
import { projectForm, stageForm } from './projects.forms.js';
import { notFoundPage, render, serviceFormError, type FormFailure, type ProjectParams } from './projects.http.js';

export function createProjectsHandlers(services: Services) {
  const { projects } = services;

  async function overviewPage(request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await projects.overview(actorOf(request), request.params.projectId);
    if (!result.ok) return notFoundPage(reply);
    return render(request, reply, 'project', { p: result.value, values: {}, ...form }, status);
  }

  return {
    list: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await projects.list(actorOf(request));
      if (!result.ok) return notFoundPage(reply);
      return render(request, reply, 'list', result.value);
    },

    newPage: async (request: FastifyRequest, reply: FastifyReply) => {
      // A member who may not start a project is told who can, rather than "not found" (#12).
      if (!projects.canCreate(actorOf(request))) return render(request, reply, 'new-refused', {}, 403);
      return render(request, reply, 'form', { mode: 'new', values: { visibility: 'open' } });
    },

    create: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = actorOf(request);
      if (!projects.canCreate(actor)) return notFoundPage(reply);
      const form = parseForm(projectForm.schema, request.body, projectForm.order, request.t, projectForm.ids);
      if (!form.ok) return render(request, reply, 'form', { mode: 'new', ...form }, 422);
      const result = await projects.create(actor, form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.created', { title: form.value.title });
      return reply.redirect(`/projects/${result.value.projectId}/circle`, 303);
    },

    overview: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => overviewPage(request, reply),

    editPage: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const result = await projects.forEditing(actorOf(request), request.params.projectId);
      if (!result.ok) return notFoundPage(reply);
      const project = result.value.project;
      const values = { title: project.title, purpose: project.purpose, whoFor: project.whoFor, visibility: project.visibility, ...toParts(project.startsOn, 'startsOn'), ...toParts(project.endsOn, 'endsOn') };
      return render(request, reply, 'form', { mode: 'edit', p: result.value, values });
    },

    update: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const actor = actorOf(request);
      const form = parseForm(projectForm.schema, request.body, projectForm.order, request.t, projectForm.ids);
      if (!form.ok) {
        const found = await projects.forEditing(actor, request.params.projectId);
        if (!found.ok) return notFoundPage(reply);
        return render(request, reply, 'form', { mode: 'edit', p: found.value, ...form }, 422);
      }
      const result = await projects.update(actor, request.params.projectId, form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('projects.flash.saved');
      return reply.redirect(`/projects/${request.params.projectId}`, 303);
    },

    moveStage: async (request: FastifyRequest<{ Params: ProjectParams }>, reply: FastifyReply) => {
      const form = parseForm(stageForm.schema, request.body, stageForm.order, request.t);
      if (!form.ok) return overviewPage(request, reply, form, 422);
      const result = await projects.moveStage(actorOf(request), request.params.projectId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'stage');
        return error === null ? notFoundPage(reply) : overviewPage(request, reply, error, result.kind === 'conflict' ? 409 : 422);
      }
      const stage = request.t(`projects.stages.${form.value.stage}.name`);
      if (result.value.kind === 'new_cycle') {
        // Back to "inform": the first thing to do is tell people what happened.
        reply.flash('projects.flash.new_cycle', { cycle: String(result.value.cycle) });
        return reply.redirect(`/projects/${request.params.projectId}/updates#new-update`, 303);
      }
      reply.flash('projects.flash.stage_moved', { stage });
      return reply.redirect(`/projects/${request.params.projectId}`, 303);
    },

    journey: async (request: FastifyRequest<{ Params: { personId: string } }>, reply: FastifyReply) => {
      const result = await projects.circle.journey(actorOf(request), request.params.personId);
      if (!result.ok) return notFoundPage(reply);
      return render(request, reply, 'journey', result.value);
    },

    myJourney: async (request: FastifyRequest, reply: FastifyReply) => reply.redirect(`/projects/journey/${actorOf(request).personId}`, 303),
  };
}
