import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { csvList, parseForm } from '../../shared/forms.js';
import { actorOf } from '../../shared/guards.js';
import { CHOOSE_LIMIT, peopleToChoose } from '../projects/circle.find.js';
import { circleFind } from '../projects/circle.forms.js';
import { webLinkHref } from '../../shared/web-links.js';
import { agendaForm, emptyForm, meetingForm, replyForm, rolesForm, willingForm } from './meetings.forms.js';
import { meetingUrl, notFoundPage, render, serviceFormError, type FormFailure, type MeetingParams, type ProjectParams } from './meetings.http.js';

type Req<P> = FastifyRequest<{ Params: P }>;
export type MeetingQuerystring = { find?: unknown };

/** The page's selects of people in the circle, each named by the form field it sends. */
const PERSON_FIELDS = ['forPerson', 'personId', 'keeperId', 'noteTakerId'] as const;

/** Meetings, replies, the agenda, roles and calendars. */
export function createMeetingsHandlers(services: Services) {
  const meetings = services.meetings;

  /**
   * The meeting page. A large circle is not listed in full in each select of people: as on the circle page
   * (projects/circle.find.ts), one search box asks for part of a name and every select lists who matches, plus the
   * person it already holds. `search` is what was searched for: from the query string, or sent again by a form with
   * errors (then it comes in `form`).
   */
  async function meetingPage(request: Req<MeetingParams>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200, search?: string) {
    const result = await meetings.page(actorOf(request), request.params.projectId, request.params.meetingId);
    if (!result.ok) return notFoundPage(reply);
    const p = result.value;
    const mine = p.gratitude.filter((g) => g.kind === 'round' && g.personId === p.viewer.personId);
    const saved: Record<string, string> = {
      answer: p.myReply?.answer ?? '', way: p.myReply?.way ?? '', accessNeeds: p.myReply?.accessNeeds ?? '', travelExpenses: p.myReply?.travelExpenses === true ? 'yes' : '',
      keeperId: p.meeting.keeperId ?? '', keeperMode: p.meeting.keeperMode, noteTakerId: p.meeting.noteTakerId ?? '', notes: p.notes?.body ?? '',
      postcard: p.gratitude.find((g) => g.kind === 'postcard' && g.personId === p.viewer.personId)?.body ?? '',
    };
    for (const g of mine) saved[`thing${String(g.slot)}`] = g.body;
    const values: Record<string, unknown> = { ...saved, ...form.values };
    const searched = search ?? (typeof form.values?.['find'] === 'string' ? form.values['find'] : '');
    const held = (field: (typeof PERSON_FIELDS)[number]) => {
      const value = values[field];
      if (typeof value === 'string' && value !== '') return value;
      return field === 'forPerson' ? p.viewer.personId : null;
    };
    const choose = Object.fromEntries(PERSON_FIELDS.map((field) => [field, peopleToChoose(p.people, searched, held(field))]));
    const finder = peopleToChoose(p.people, searched);
    return render(request, reply, 'meeting', { p, choose, finder, search: searched, chooseLimit: CHOOSE_LIMIT, onlineHref: webLinkHref(p.meeting.onlineUrl), ...form, values }, status);
  }

  return {
    meetingPage,

    mine: async (request: FastifyRequest, reply: FastifyReply) => {
      const result = await meetings.mine(actorOf(request));
      if (!result.ok) return notFoundPage(reply);
      return render(request, reply, 'mine', { meetings: result.value.meetings });
    },

    list: async (request: Req<ProjectParams>, reply: FastifyReply) => {
      const result = await meetings.list(actorOf(request), request.params.projectId);
      if (!result.ok) return notFoundPage(reply);
      return render(request, reply, 'list', { p: result.value });
    },

    newPage: async (request: Req<ProjectParams>, reply: FastifyReply, form: Partial<FormFailure> = {}, status = 200) => {
      const result = await meetings.forNew(actorOf(request), request.params.projectId);
      if (!result.ok) return notFoundPage(reply);
      const values = form.values === undefined ? { ways: ['in_person'] } : { ...form.values, features: csvList(form.values['features']), ways: csvList(form.values['ways']) };
      return render(request, reply, 'new', { p: result.value, ...form, values }, status);
    },

    create: async (request: Req<ProjectParams>, reply: FastifyReply) => {
      const again = async (failure: FormFailure) => {
        const result = await meetings.forNew(actorOf(request), request.params.projectId);
        if (!result.ok) return notFoundPage(reply);
        const values = { ...failure.values, features: csvList(failure.values['features']), ways: csvList(failure.values['ways']) };
        return render(request, reply, 'new', { p: result.value, ...failure, values }, 422);
      };
      const form = parseForm(meetingForm.schema, request.body, meetingForm.order, request.t, meetingForm.ids);
      if (!form.ok) return again(form);
      const result = await meetings.create(actorOf(request), request.params.projectId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'date-day');
        return error === null ? notFoundPage(reply) : again(error);
      }
      reply.flash('meetings.flash.created', { title: form.value.title });
      return reply.redirect(meetingUrl({ projectId: request.params.projectId, meetingId: result.value.meetingId }), 303);
    },

    page: async (request: FastifyRequest<{ Params: MeetingParams; Querystring: MeetingQuerystring }>, reply: FastifyReply) => {
      const find = parseForm(circleFind.schema, request.query, circleFind.order, request.t);
      if (find.ok) return meetingPage(request, reply, {}, 200, find.value.find);
      // Too long to be a name: said so beside the box, which keeps what was typed; the selects list nobody new.
      return meetingPage(request, reply, { errors: find.errors, errorList: find.errorList, values: { find: find.values['find'] ?? '' } }, 422, '');
    },

    reply: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const form = parseForm(replyForm.schema, request.body, replyForm.order, request.t);
      if (!form.ok) return meetingPage(request, reply, form, 422);
      const result = await meetings.reply(actorOf(request), request.params.projectId, request.params.meetingId, form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('meetings.flash.replied');
      return reply.redirect(`${meetingUrl(request.params)}#reply`, 303);
    },

    agenda: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const form = parseForm(agendaForm.schema, request.body, agendaForm.order, request.t);
      if (!form.ok) return meetingPage(request, reply, form, 422);
      const result = await meetings.addAgendaItem(actorOf(request), request.params.projectId, request.params.meetingId, form.value);
      if (!result.ok) return notFoundPage(reply);
      reply.flash('meetings.flash.agenda_added');
      return reply.redirect(`${meetingUrl(request.params)}#agenda`, 303);
    },

    roles: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const form = parseForm(rolesForm.schema, request.body, rolesForm.order, request.t);
      if (!form.ok) return meetingPage(request, reply, form, 422);
      const result = await meetings.setRoles(actorOf(request), request.params.projectId, request.params.meetingId, form.value);
      if (!result.ok) {
        const error = serviceFormError(request, result, 'keeperId');
        return error === null ? notFoundPage(reply) : meetingPage(request, reply, error, 422);
      }
      reply.flash('meetings.flash.roles_set');
      return reply.redirect(`${meetingUrl(request.params)}#roles`, 303);
    },

    willing: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const form = parseForm(willingForm.schema, request.body, willingForm.order, request.t);
      if (!form.ok) return meetingPage(request, reply, form, 422);
      const result = await meetings.setWilling(actorOf(request), request.params.projectId, request.params.meetingId, form.value.willing);
      if (!result.ok) return notFoundPage(reply);
      reply.flash(form.value.willing ? 'meetings.flash.willing_yes' : 'meetings.flash.willing_no');
      return reply.redirect(`${meetingUrl(request.params)}#roles`, 303);
    },

    ics: async (request: Req<MeetingParams>, reply: FastifyReply) => {
      const result = await meetings.ics(actorOf(request), request.params.projectId, request.params.meetingId, request.organisation?.name ?? '');
      if (!result.ok) return notFoundPage(reply);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'attachment; filename="meeting.ics"').send(result.value);
    },

    newFeed: async (request: FastifyRequest, reply: FastifyReply) => {
      const form = parseForm(emptyForm.schema, request.body, emptyForm.order, request.t);
      if (!form.ok) return notFoundPage(reply);
      const result = await meetings.newFeed(actorOf(request));
      if (!result.ok) return notFoundPage(reply);
      return render(request, reply, 'feed', { feedUrl: result.value.url });
    },

    feed: async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
      const result = await meetings.feed(request.params.token.replace(/\.ics$/, ''));
      if (!result.ok) return notFoundPage(reply);
      return reply.type('text/calendar; charset=utf-8').send(result.value);
    },
  };
}
