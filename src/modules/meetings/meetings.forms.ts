import { z } from 'zod';
import { optionalText, requiredText, requiredLine, optionalLine } from '../../shared/forms.js';
import { FIND_MAX } from '../projects/circle.forms.js';
import { checkDate, dateFields, partsOf } from '../projects/dates.js';
import { CARD_STATUSES, CONSENT_ANSWERS, DECISION_METHODS, KEEPER_MODES, REPLY_ANSWERS, VENUE_FEATURES, VOTE_ANSWERS, WAYS } from './meetings.registry.js';
import { parseTime } from './meetings.time.js';

/** Checkboxes arrive as nothing, one value or several. */
const many = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(values, { error: message })).max(values.length, message));

/**
 * The name searched for to list people in a large circle (the meeting page's `?find=`, see meetings.handlers.ts), sent
 * again by the forms that choose a person, so a form with errors lists the same people.
 */
const find = z.string().max(FIND_MAX).optional();

const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes');
const id = (message: string) => z.string({ error: message }).regex(/^[0-9a-f-]{36}$/, message);

export const meetingForm = {
  schema: z
    .strictObject({
      title: requiredLine(120, 'errors.meetings.meeting.title_required', 'errors.meetings.meeting.title_too_long'),
      ...dateFields('date'),
      startTime: z.string().max(10).optional(),
      endTime: z.string().max(10).optional(),
      place: optionalLine(300, 'errors.meetings.meeting.place_too_long'),
      onlineUrl: optionalLine(500, 'errors.meetings.meeting.online_url_invalid').pipe(z.union([z.null(), z.url({ protocol: /^https?$/, error: 'errors.meetings.meeting.online_url_invalid' })])),
      features: many(VENUE_FEATURES, 'errors.form.check_answer'),
      ways: many(WAYS, 'errors.meetings.meeting.ways_required').refine((v) => v.length > 0, 'errors.meetings.meeting.ways_required'),
    })
    .superRefine((v, ctx) => {
      const date = checkDate(partsOf(v, 'date'), true);
      if (!date.ok) ctx.addIssue({ code: 'custom', path: ['date'], message: `errors.meetings.meeting.date_${date.problem === 'required' ? 'required' : 'invalid'}` });
      const start = parseTime(v.startTime ?? '');
      const end = parseTime(v.endTime ?? '');
      if (start === undefined) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'errors.meetings.meeting.start_time_invalid' });
      if (end === undefined) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'errors.meetings.meeting.end_time_invalid' });
      else if (start !== undefined && end.hour * 60 + end.minute <= start.hour * 60 + start.minute) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'errors.meetings.meeting.end_before_start' });
      if ((v.place ?? null) === null && (v.onlineUrl ?? null) === null) ctx.addIssue({ code: 'custom', path: ['place'], message: 'errors.meetings.meeting.where_required' });
    })
    .transform((v) => {
      const date = checkDate(partsOf(v, 'date'), true);
      const [year = 0, month = 0, day = 0] = date.ok && date.iso !== null ? date.iso.split('-').map(Number) : [];
      return {
        title: v.title, date: { year, month, day }, start: parseTime(v.startTime ?? '') ?? { hour: 0, minute: 0 }, end: parseTime(v.endTime ?? '') ?? { hour: 0, minute: 0 },
        place: v.place, onlineUrl: v.onlineUrl, features: v.features, ways: v.ways,
      };
    }),
  order: ['title', 'date', 'startTime', 'endTime', 'place', 'onlineUrl', 'features', 'ways'],
  ids: { date: 'date-day', features: 'features', ways: 'ways' },
} as const;
export type MeetingFormValue = z.output<typeof meetingForm.schema>;

export const replyForm = {
  schema: z.strictObject({
    answer: z.enum(REPLY_ANSWERS, { error: 'errors.meetings.reply.answer_required' }),
    way: z.union([z.enum(WAYS), z.literal('')]).optional().transform((v) => (v === undefined || v === '' ? null : v)),
    accessNeeds: optionalText(1000, 'errors.meetings.reply.access_needs_too_long'),
    travelExpenses: z.literal('yes').optional().transform((v) => v === 'yes'),
  }),
  order: ['answer', 'way', 'accessNeeds', 'travelExpenses'],
} as const;

export const agendaForm = {
  schema: z.strictObject({
    title: requiredLine(200, 'errors.meetings.agenda.title_required', 'errors.meetings.agenda.title_too_long'),
    details: optionalText(2000, 'errors.meetings.agenda.details_too_long'),
  }),
  order: ['title', 'details'],
} as const;

const thing = optionalLine(280, 'errors.meetings.gratitude.thing_too_long');
export const roundForm = {
  schema: z
    .strictObject({ find, forPerson: z.string().max(64).optional(), thing1: thing, thing2: thing, thing3: thing })
    .refine((v) => v.thing1 !== null || v.thing2 !== null || v.thing3 !== null, { path: ['thing1'], message: 'errors.meetings.gratitude.thing_required' }),
  order: ['forPerson', 'thing1', 'thing2', 'thing3'],
} as const;

export const postcardForm = {
  schema: z.strictObject({ postcard: requiredText(600, 'errors.meetings.postcard.required', 'errors.meetings.postcard.too_long') }),
  order: ['postcard'],
} as const;

export const journalForm = {
  schema: z.strictObject({ journal: requiredText(4000, 'errors.meetings.journal.required', 'errors.meetings.journal.too_long') }),
  order: ['journal'],
} as const;

export const cardForm = {
  schema: z.strictObject({
    body: requiredText(1000, 'errors.meetings.card.body_required', 'errors.meetings.card.body_too_long'),
    wantsToHelp: yesNo('errors.meetings.card.wants_to_help_required'),
    showName: yesNo('errors.meetings.card.show_name_required'),
    formKey: z.string({ error: 'errors.form.check_answer' }).regex(/^[A-Za-z0-9_-]{22,64}$/, 'errors.form.check_answer'),
  }),
  order: ['body', 'wantsToHelp', 'showName', 'formKey'],
} as const;

export const cardMoveForm = {
  schema: z.strictObject({
    status: z.enum(CARD_STATUSES, { error: 'errors.meetings.card.status_required' }),
    updateId: z.string().max(64).optional().transform((v) => (v === undefined || v === '' ? null : v)),
  }),
  order: ['status', 'updateId'],
} as const;

export const rolesForm = {
  schema: z.strictObject({
    find,
    keeperId: z.string().max(64).optional().transform((v) => (v === undefined || v === '' ? null : v)),
    keeperMode: z.enum(KEEPER_MODES, { error: 'errors.meetings.roles.mode_required' }),
    noteTakerId: z.string().max(64).optional().transform((v) => (v === undefined || v === '' ? null : v)),
  }),
  order: ['keeperId', 'keeperMode', 'noteTakerId'],
} as const;

export const willingForm = {
  schema: z.strictObject({ willing: yesNo('errors.meetings.roles.willing_required') }),
  order: ['willing'],
} as const;

export const proposalForm = {
  schema: z.strictObject({
    title: requiredLine(200, 'errors.meetings.proposal.title_required', 'errors.meetings.proposal.title_too_long'),
    body: optionalText(4000, 'errors.meetings.proposal.body_too_long'),
    method: z.enum(DECISION_METHODS, { error: 'errors.meetings.proposal.method_required' }),
    meetingId: z.string().max(64).optional().transform((v) => (v === undefined || v === '' ? null : v)),
  }),
  order: ['title', 'body', 'method', 'meetingId'],
} as const;

export const responseForm = {
  schema: z
    .strictObject({
      answer: z.enum([...CONSENT_ANSWERS, ...VOTE_ANSWERS], { error: 'errors.meetings.response.answer_required' }),
      reason: optionalText(1000, 'errors.meetings.response.reason_too_long'),
    })
    .refine((v) => v.answer !== 'object' || v.reason !== null, { path: ['reason'], message: 'errors.meetings.response.reason_required' }),
  order: ['answer', 'reason'],
} as const;

export const notesForm = {
  schema: z.strictObject({
    notes: requiredText(20000, 'errors.meetings.notes.required', 'errors.meetings.notes.too_long'),
    share: z.literal('yes').optional().transform((v) => v === 'yes'),
  }),
  order: ['notes', 'share'],
  // The section's heading is #notes (links in emails and redirects land there); the textarea needs an id of its own.
  ids: { notes: 'notes-body' },
} as const;

export const actionForm = {
  schema: z.strictObject({
    find,
    action: requiredLine(300, 'errors.meetings.action.text_required', 'errors.meetings.action.text_too_long'),
    personId: id('errors.meetings.action.person_required'),
  }),
  order: ['action', 'personId'],
} as const;

export const emptyForm = { schema: z.strictObject({}), order: [] as string[] } as const;
