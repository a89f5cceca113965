/** Meetings: meetings in a project, opportunity cards, decisions, the journal and the calendar feed. */
import { project } from './projects.js';
import { idAfter, once, side, submitted, type ParamFillers, type Plans, type World } from './world.js';

const MEETING = {
  title: 'Café planning', 'date-day': '14', 'date-month': '7', 'date-year': '2036', startTime: '14:30', endTime: '16:00',
  place: 'Riverside Hall, 2 Mill Lane', onlineUrl: '', features: ['step_free'], ways: ['in_person', 'phone'],
};

export function meeting(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `meeting-${which}`, async () => {
    const projectId = await project(w, which);
    const client = await side(w, which).client();
    return idAfter(await submitted(client, `/projects/${projectId}/meetings/new`, `/projects/${projectId}/meetings`, MEETING), 'meetings');
  });
}

/** An opportunity card in the side's project, written by its admin (anyone in the circle may write one). */
export function card(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `card-${which}`, async () => {
    const projectId = await project(w, which);
    const client = await side(w, which).client();
    const form = await client.get(`/projects/${projectId}/cards`);
    const formKey = /name="formKey" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    await submitted(client, `/projects/${projectId}/cards`, `/projects/${projectId}/cards`, { body: 'Free tea for newcomers', wantsToHelp: 'yes', showName: 'no', formKey });
    const row = await w.t.db.kysely.selectFrom('opportunity_cards').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow();
    return row.id;
  });
}

export function proposal(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `proposal-${which}`, async () => {
    const projectId = await project(w, which);
    const client = await side(w, which).client();
    return idAfter(await submitted(client, `/projects/${projectId}/decisions`, `/projects/${projectId}/decisions`, { title: 'Open on Saturdays', body: '', method: 'consent', meetingId: '' }), 'decisions');
  });
}

/** The admin keeps the meeting and takes its notes. */
async function roles(w: World): Promise<{ projectId: string; meetingId: string }> {
  const [projectId, meetingId] = [await project(w, 'a'), await meeting(w, 'a')];
  await once(w, 'roles-a', async () => {
    await submitted(w.client, `/projects/${projectId}/meetings/${meetingId}`, `/projects/${projectId}/meetings/${meetingId}/roles`, { keeperId: w.adminA.personId, keeperMode: 'rotate', noteTakerId: w.adminA.personId });
    return '';
  });
  return { projectId, meetingId };
}

const inMeeting = (fields: Record<string, string>) => async (w: World) => ({ params: { projectId: await project(w, 'a'), meetingId: await meeting(w, 'a') }, fields });
const formKey = () => `${'k'.repeat(20)}${String(Date.now())}${String(Math.random()).slice(2, 12)}`;

export const PLANS: Plans = {
  'POST /projects/:projectId/meetings': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: MEETING }),
  'POST /projects/:projectId/meetings/:meetingId/reply': inMeeting({ answer: 'coming', way: 'in_person', accessNeeds: '' }),
  'POST /projects/:projectId/meetings/:meetingId/roles': async (w) => ({
    params: { projectId: await project(w, 'a'), meetingId: await meeting(w, 'a') },
    fields: { keeperId: w.adminA.personId, keeperMode: 'rotate', noteTakerId: w.memberA.personId },
  }),
  'POST /projects/:projectId/meetings/:meetingId/agenda': inMeeting({ title: 'Saturday opening', details: '' }),
  'POST /projects/:projectId/meetings/:meetingId/actions': async (w) => ({ params: await roles(w), fields: { action: 'Ask the hall about Saturdays', personId: w.memberA.personId } }),
  'POST /projects/:projectId/meetings/:meetingId/willing': inMeeting({ willing: 'yes' }),
  'POST /projects/:projectId/meetings/:meetingId/gratitude': inMeeting({ thing1: 'Sunshine', thing2: '', thing3: '' }),
  'POST /projects/:projectId/meetings/:meetingId/postcards': inMeeting({ postcard: 'A kind, honest meeting.' }),
  'POST /projects/:projectId/meetings/:meetingId/introduce': async (w) => {
    await card(w, 'a');
    return { params: await roles(w), fields: {} };
  },
  'POST /projects/:projectId/meetings/:meetingId/notes': async (w) => ({ params: await roles(w), fields: { notes: 'We agreed to try Saturdays.', share: 'yes' } }),
  'POST /projects/:projectId/cards': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: { body: 'A walking group', wantsToHelp: 'yes', showName: 'yes', formKey: formKey() } }),
  'POST /projects/:projectId/cards/:cardId/status': async (w) => {
    // A new card is first introduced at a meeting; only then can the group park it.
    const cardId = await card(w, 'a');
    const { projectId, meetingId } = await roles(w);
    await submitted(w.client, `/projects/${projectId}/meetings/${meetingId}`, `/projects/${projectId}/meetings/${meetingId}/introduce`, {});
    return { params: { projectId, cardId }, fields: { status: 'parked', updateId: '' } };
  },
  'POST /projects/:projectId/decisions': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: { title: 'Buy a kettle', body: '', method: 'consent', meetingId: '' } }),
  'POST /projects/:projectId/decisions/:proposalId/respond': async (w) => ({ params: { projectId: await project(w, 'a'), proposalId: await proposal(w, 'a') }, fields: { answer: 'agree', reason: '' } }),
  'POST /projects/:projectId/decisions/:proposalId/close': async (w) => ({ params: { projectId: await project(w, 'a'), proposalId: await proposal(w, 'a') }, fields: {} }),
  'POST /projects/:projectId/journal': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: { journal: 'I felt heard today.' } }),
  'POST /calendar/feed': () => ({ fields: {} }),
};

/** A calendar feed address's token (with its .ics), made by the side's admin. */
export function calendarToken(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `calendar-${which}`, async () => {
    const client = await side(w, which).client();
    await client.get('/meetings');
    const made = await client.post('/calendar/feed', {});
    const token = /\/calendar\/([A-Za-z0-9_-]{43}\.ics)/.exec(made.body)?.[1];
    if (token === undefined) throw new Error('no calendar feed made');
    return token;
  });
}

export const PARAMS: ParamFillers = {
  meetingId: { others: (w) => meeting(w, 'b'), own: (w) => meeting(w, 'a') },
  cardId: { others: (w) => card(w, 'b'), own: (w) => card(w, 'a') },
  proposalId: { others: (w) => proposal(w, 'b'), own: (w) => proposal(w, 'a') },
};
