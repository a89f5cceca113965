/** Projects: the project, its circle, agreement, updates, tasks, success measures and notifications. */
import { newId } from '../../../src/db/portable.js';
import { makeUpdate } from '../../helpers/meetings.js';
import { idAfter, once, side, submitted, type ParamFillers, type Plans, type World } from './world.js';

export const PROJECT_FIELDS = {
  title: 'Peer-led welcome group', purpose: 'A friendly welcome for people coming for the first time.', whoFor: 'People new to the service',
  'startsOn-day': '1', 'startsOn-month': '3', 'startsOn-year': '2027', 'endsOn-day': '', 'endsOn-month': '', 'endsOn-year': '', visibility: 'open',
};

/** A project started by the side's admin, with the side's member in its circle as a participant. */
export function project(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `project-${which}`, async () => {
    const s = side(w, which);
    const client = await s.client();
    const id = idAfter(await submitted(client, '/projects/new', '/projects', PROJECT_FIELDS), 'projects');
    await submitted(client, `/projects/${id}/circle`, `/projects/${id}/circle`, { personId: s.member.personId, newName: '', circle: 'participants', level: '', domain: 'me', note: '' });
    return id;
  });
}

/** A second project in organisation A, which its admin may also use: records of the first are not found through it. */
export function secondProject(w: World): Promise<string> {
  return once(w, 'project-a2', async () => idAfter(await submitted(w.client, '/projects/new', '/projects', { ...PROJECT_FIELDS, title: 'Second project' }), 'projects'));
}

const TASK = { title: 'Bake for the open day', details: '', needs: 'baking', 'dueOn-day': '12', 'dueOn-month': '4', 'dueOn-year': '2027' };

export function task(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `task-${which}`, async () => {
    const id = await project(w, which);
    const client = await side(w, which).client();
    return idAfter(await submitted(client, `/projects/${id}/tasks`, `/projects/${id}/tasks`, TASK), 'tasks');
  });
}

/** A notification for the side's admin: an update in their project. */
export function notification(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `notification-${which}`, async () => {
    const s = side(w, which);
    const projectId = await project(w, which);
    const updateId = await makeUpdate(w.t.db.kysely, s.organisationId, projectId);
    const id = newId();
    await w.t.db.kysely
      .insertInto('notifications')
      .values({ id, organisation_id: s.organisationId, person_id: s.admin.personId, kind: 'update', project_id: projectId, update_id: updateId, created_at: new Date().toISOString(), read_at: null })
      .execute();
    return id;
  });
}

const AGREEMENT = { power: 'One voice each', responsibilities: '', support: '', equalDelivery: 'yes', equalDeliveryNote: '' };

function criterion(w: World): Promise<string> {
  return once(w, 'criterion-a', async () => {
    const projectId = await project(w, 'a');
    await submitted(w.client, `/projects/${projectId}/success`, `/projects/${projectId}/success/criteria`, { text: 'People come back' });
    const row = await w.t.db.kysely.selectFrom('success_criteria').select('id').where('project_id', '=', projectId).executeTakeFirstOrThrow();
    return row.id;
  });
}

export const PLANS: Plans = {
  'POST /projects': () => ({ fields: PROJECT_FIELDS }),
  'POST /projects/:projectId/edit': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: { ...PROJECT_FIELDS, title: 'Renamed project' } }),
  'POST /projects/:projectId/stage': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: { stage: 'consult', note: 'Told everyone at the café' } }),
  'POST /projects/:projectId/success/criteria': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: { text: 'More people stay for tea' } }),
  'POST /projects/:projectId/success/review': async (w) => {
    await criterion(w);
    return { params: { projectId: await project(w, 'a') }, fields: { open: 'yes' } };
  },
  'POST /projects/:projectId/success/ratings': async (w) => {
    const id = await criterion(w);
    const projectId = await project(w, 'a');
    await submitted(w.client, `/projects/${projectId}/success`, `/projects/${projectId}/success/review`, { open: 'yes' });
    return { params: { projectId }, fields: { [`score-${id}`]: '4', [`comment-${id}`]: '' } };
  },
  'POST /projects/:projectId/circle': async (w) => ({
    params: { projectId: await project(w, 'a') },
    fields: { personId: '', newName: 'Amina Patel', circle: 'consulted', level: 'consult', domain: 'we', note: '' },
  }),
  'POST /projects/:projectId/circle/:personId/place': async (w) => ({
    params: { projectId: await project(w, 'a'), personId: w.memberA.personId },
    fields: { circle: 'co_producers', level: 'involve', domain: 'we', note: 'Leads the welcome' },
  }),
  'POST /projects/:projectId/circle/:personId/engagement': async (w) => ({
    params: { projectId: await project(w, 'a'), personId: w.memberA.personId },
    fields: { engagementHow: 'A phone call', engagementHowOften: '' },
  }),
  'POST /projects/:projectId/circle/:personId/remove': async (w) => ({ params: { projectId: await project(w, 'a'), personId: w.memberA.personId }, fields: {} }),
  'POST /projects/:projectId/me/tell-by': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: { tellBy: 'app' } }),
  'POST /projects/:projectId/me/more': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: {} }),
  'POST /projects/:projectId/agreement': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: AGREEMENT }),
  'POST /projects/:projectId/agreement/response': async (w) => {
    const projectId = await project(w, 'a');
    await submitted(w.client, `/projects/${projectId}/agreement`, `/projects/${projectId}/agreement`, AGREEMENT);
    return { params: { projectId }, fields: { agrees: 'yes', comment: '' } };
  },
  'POST /projects/:projectId/updates': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: { quoted: 'Weekdays are hard', body: 'We now open on Saturdays.' } }),
  'POST /projects/:projectId/tasks': async (w) => ({ params: { projectId: await project(w, 'a') }, fields: TASK }),
  'POST /projects/:projectId/tasks/:taskId/volunteer': async (w) => ({ params: { projectId: await project(w, 'a'), taskId: await task(w, 'a') }, fields: {} }),
  'POST /projects/:projectId/tasks/:taskId/withdraw': async (w) => {
    const [projectId, taskId] = [await project(w, 'a'), await task(w, 'a')];
    await submitted(w.client, `/projects/${projectId}/tasks/${taskId}`, `/projects/${projectId}/tasks/${taskId}/volunteer`, {});
    return { params: { projectId, taskId }, fields: {} };
  },
  'POST /projects/:projectId/tasks/:taskId/owner': async (w) => ({ params: { projectId: await project(w, 'a'), taskId: await task(w, 'a') }, fields: { ownerId: w.memberA.personId } }),
  'POST /projects/:projectId/tasks/:taskId/status': async (w) => ({ params: { projectId: await project(w, 'a'), taskId: await task(w, 'a') }, fields: { status: 'done' } }),
  'POST /notifications/read': async (w) => {
    await notification(w, 'a');
    return { fields: {} };
  },
  'POST /notifications/:notificationId/open': async (w) => ({ params: { notificationId: await notification(w, 'a') }, fields: {} }),
};

export const PARAMS: ParamFillers = {
  projectId: { others: (w) => project(w, 'b'), own: (w) => project(w, 'a') },
  taskId: { others: (w) => task(w, 'b'), own: (w) => task(w, 'a') },
  notificationId: { others: (w) => notification(w, 'b'), own: (w) => notification(w, 'a') },
};
