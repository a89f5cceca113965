import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { fieldError, formValues, parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { CHART } from './power-balance.service.js';
import { actionForm, cardForm, cardMoveForm, emptyForm, journalForm, notesForm, postcardForm, proposalForm, responseForm, roundForm } from './meetings.forms.js';
import { meetingUrl, notFoundPage, render, serviceFormError, type CardParams, type FormFailure, type MeetingParams, type ProjectParams, type ProposalParams } from './meetings.http.js';

type Req<P> = FastifyRequest<{ Params: P }>;
type MeetingPage = (request: Req<MeetingParams>, reply: FastifyReply, form?: Partial<FormFailure>, status?: number) => Promise<FastifyReply>;

/** Cards, gratitude, decisions, notes, the journal and the power balance. */
export function createParticipationHandlers(services: Services, meetingPage: MeetingPage) {
  const { cards, gratitude, decisions, notes, powerBalance } = services.meetings;

  async function cardsPage(request: Req<ProjectParams>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await cards.page(actorOf(request), request.params.projectId);
    if (!result.ok) return notFoundPage(reply);
    // After a failed submission the same one-off key goes back in the form, so a retry still makes one card.
    const key = typeof form.values?.['formKey'] === 'string' && /^[A-Za-z0-9_-]{22,64}$/.test(form.values['formKey']) ? form.values['formKey'] : result.value.formKey;
    return render(request, reply, 'cards', { p: result.value, ...form, values: { ...form.values, formKey: key } }, status);
  }

  async function decisionsPage(request: Req<ProjectParams>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await decisions.list(actorOf(request), request.params.projectId);
    if (!result.ok) return notFoundPage(reply);
    const query = request.query as Record<string, unknown> | undefined;
    const meetingId = typeof query?.['meeting'] === 'string' ? query['meeting'] : '';
    return render(request, reply, 'decisions', { p: result.value, ...form, values: { method: 'consent', meetingId, ...form.values } }, status);
  }

  async function proposalPage(request: Req<ProposalParams>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await decisions.page(actorOf(request), request.params.projectId, request.params.proposalId);
    if (!result.ok) return notFoundPage(reply);
    const mine = result.value.mine;
    return render(request, reply, 'proposal', { p: result.value, ...form, values: { answer: mine?.answer ?? '', reason: mine?.reason ?? '', ...form.values } }, status);
  }

  async function journalPage(request: Req<ProjectParams>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) {
    const result = await gratitude.journal(actorOf(request), request.params.projectId);
    if (!result.ok) return notFoundPage(reply);
    return render(request, reply, 'journal', { p: result.value, ...form, values: { journal: result.value.mine ?? '', ...form.values } }, status);
  }

  return {
    cards: async (request: Req<ProjectParams>, reply: FastifyReply) => cardsPage(request, reply),

    submitCard: async (request: Req<ProjectParams>, reply: FastifyReply) => {
      const form = parseForm(cardForm.schema, request.body, cardForm.order, request.t);
      if (!form.ok) return cardsPage(request, reply, form, 422);
      const result = await cards.submit(actorOf(request), request.params.projectId, form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('meetings.flash.card_written');
      return reply.redirect(`/projects/${request.params.projectId}/cards#card-${result.value.cardId}`, 303);
    },

    moveCard: async (request: Req<CardParams>, reply: FastifyReply) => {
      const asProject = request as unknown as Req<ProjectParams>;
      const { cardId } = request.params;
      const ids = { status: `status-${cardId}`, updateId: `updateId-${cardId}` };
      const form = parseForm(cardMoveForm.schema, request.body, cardMoveForm.order, request.t, ids);
      if (!form.ok) return cardsPage(asProject, reply, form, 422);
      const result = await cards.move(actorOf(request), request.params.projectId, cardId, form.value);
      if (!result.ok) {
        if (result.kind !== 'invalid' && result.kind !== 'conflict') return notFoundPage(reply);
        const [field, key] = result.kind === 'invalid' ? (Object.entries(result.errors)[0] ?? ['status', 'errors.form.check_answer']) : ['status', result.reason];
        return cardsPage(asProject, reply, fieldError(field === 'updateId' ? ids.updateId : ids.status, key, request.t, formValues(request.body)), 422);
      }
      reply.flash(`meetings.flash.card_${form.value.status}`);
      return reply.redirect(`/projects/${request.params.projectId}/cards#card-${cardId}`, 303);
    },

    introduce: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const form = parseForm(emptyForm.schema, request.body, emptyForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await cards.introduceNew(actorOf(request), request.params.projectId, request.params.meetingId);
      if (!result.ok) return notFoundPage(reply);
      // A number, not a string: i18next picks the plural form (cards_introduced_one/_other) only for a numeric count.
      reply.flash('meetings.flash.cards_introduced', { count: result.value.count });
      return reply.redirect(`${meetingUrl(request.params)}#cards`, 303);
    },

    round: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const form = parseForm(roundForm.schema, request.body, roundForm.order, request.t);
      if (!form.ok) return meetingPage(request, reply, form, 422);
      const { forPerson: personId, thing1, thing2, thing3 } = form.value;
      const result = await gratitude.shareRound(actorOf(request), request.params.projectId, request.params.meetingId, { personId, things: [thing1, thing2, thing3] });
      if (!result.ok) {
        const error = serviceFormError(request, result, 'forPerson');
        return error === null ? notFoundPage(reply) : meetingPage(request, reply, error, 422);
      }
      reply.flash(result.value.forOther ? 'meetings.flash.gratitude_recorded' : 'meetings.flash.gratitude_shared');
      return reply.redirect(`${meetingUrl(request.params)}#gratitude`, 303);
    },

    postcard: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const form = parseForm(postcardForm.schema, request.body, postcardForm.order, request.t);
      if (!form.ok) return meetingPage(request, reply, form, 422);
      const result = await gratitude.postcard(actorOf(request), request.params.projectId, request.params.meetingId, form.value.postcard);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('meetings.flash.postcard_sent');
      return reply.redirect(`${meetingUrl(request.params)}#postcards`, 303);
    },

    notes: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const form = parseForm(notesForm.schema, request.body, notesForm.order, request.t, notesForm.ids);
      if (!form.ok) return meetingPage(request, reply, form, 422);
      const result = await notes.save(actorOf(request), request.params.projectId, request.params.meetingId, form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash(form.value.share ? 'meetings.flash.notes_shared' : 'meetings.flash.notes_saved', { count: String(result.value.told) });
      return reply.redirect(`${meetingUrl(request.params)}#notes`, 303);
    },

    action: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const form = parseForm(actionForm.schema, request.body, actionForm.order, request.t);
      if (!form.ok) return meetingPage(request, reply, form, 422);
      const result = await notes.addAction(actorOf(request), request.params.projectId, request.params.meetingId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'personId');
        return error === null ? notFoundPage(reply) : meetingPage(request, reply, error, 422);
      }
      reply.flash('meetings.flash.action_added');
      return reply.redirect(`${meetingUrl(request.params)}#notes`, 303);
    },

    decisions: async (request: Req<ProjectParams>, reply: FastifyReply) => decisionsPage(request, reply),

    propose: async (request: Req<ProjectParams>, reply: FastifyReply) => {
      const form = parseForm(proposalForm.schema, request.body, proposalForm.order, request.t);
      if (!form.ok) return decisionsPage(request, reply, form, 422);
      const result = await decisions.propose(actorOf(request), request.params.projectId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'meetingId');
        return error === null ? notFoundPage(reply) : decisionsPage(request, reply, error, 422);
      }
      reply.flash('meetings.flash.proposed');
      return reply.redirect(`/projects/${request.params.projectId}/decisions/${result.value.proposalId}`, 303);
    },

    proposal: async (request: Req<ProposalParams>, reply: FastifyReply) => proposalPage(request, reply),

    respond: async (request: Req<ProposalParams>, reply: FastifyReply) => {
      const form = parseForm(responseForm.schema, request.body, responseForm.order, request.t);
      if (!form.ok) return proposalPage(request, reply, form, 422);
      const result = await decisions.respond(actorOf(request), request.params.projectId, request.params.proposalId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'answer');
        return error === null ? notFoundPage(reply) : proposalPage(request, reply, error, 422);
      }
      reply.flash('meetings.flash.responded');
      return reply.redirect(`/projects/${request.params.projectId}/decisions/${request.params.proposalId}`, 303);
    },

    close: async (request: Req<ProposalParams>, reply: FastifyReply) => {
      const form = parseForm(emptyForm.schema, request.body, emptyForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await decisions.close(actorOf(request), request.params.projectId, request.params.proposalId);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'answer');
        return error === null ? notFoundPage(reply) : proposalPage(request, reply, error, 409);
      }
      reply.flash(result.value.passed ? 'meetings.flash.decision_passed' : 'meetings.flash.decision_not_passed');
      return reply.redirect(`/projects/${request.params.projectId}/decisions/${request.params.proposalId}`, 303);
    },

    journal: async (request: Req<ProjectParams>, reply: FastifyReply) => journalPage(request, reply),

    writeJournal: async (request: Req<ProjectParams>, reply: FastifyReply) => {
      const form = parseForm(journalForm.schema, request.body, journalForm.order, request.t);
      if (!form.ok) return journalPage(request, reply, form, 422);
      const result = await gratitude.writeJournal(actorOf(request), request.params.projectId, form.value.journal);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('meetings.flash.journal_saved');
      return reply.redirect(`/projects/${request.params.projectId}/journal`, 303);
    },

    balance: async (request: Req<ProjectParams>, reply: FastifyReply) => {
      const result = await powerBalance.page(actorOf(request), request.params.projectId);
      if (!result.ok) return notFoundPage(reply);
      const line = result.value.points.map((pt, i) => `${i === 0 ? 'M' : 'L'}${String(pt.x)},${String(pt.y)}`).join(' ');
      return render(request, reply, 'power-balance', { p: result.value, chart: CHART, line });
    },
  };
}
