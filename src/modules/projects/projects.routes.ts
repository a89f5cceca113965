import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { requireAllowed, requireSignIn } from '../../shared/guards.js';
import { setNavigationCount } from '../../shared/navigation.js';
import { createCircleHandlers, type CircleQuerystring } from './circle.handlers.js';
import { createProjectsHandlers } from './projects.handlers.js';
import type { MemberParams, ProjectParams, TaskParams } from './projects.http.js';
import type { ProjectAction } from './projects.permissions.js';
import { createTasksHandlers } from './tasks.handlers.js';
import { createWorkHandlers } from './work.handlers.js';

type Page = { Querystring: { page?: string } };

export function projectsRoutes(app: FastifyInstance, services: Services): void {
  const projects = createProjectsHandlers(services);
  const circle = createCircleHandlers(services);
  const work = createWorkHandlers(services);
  const tasks = createTasksHandlers(services);
  const signedIn = { preHandler: requireSignIn };
  // Forms whose every sender needs one permission in the project: checked before the form is read.
  const may = (action: ProjectAction) => ({ preHandler: requireAllowed((actor, params) => services.projects.may(actor, params['projectId'] ?? '', action)) });

  // The unread count in the navigation, for signed-in pages (one small query), including a form shown again with its
  // errors after a POST.
  app.addHook('preHandler', async (request) => {
    if (request.actor === null || request.url.startsWith('/assets/')) return;
    setNavigationCount(request.actor, '/notifications', await services.projects.updates.unreadCount(request.actor));
  });

  app.get('/projects', signedIn, projects.list);
  app.get('/projects/new', signedIn, projects.newPage);
  app.post('/projects', signedIn, projects.create);
  app.get('/projects/journey', signedIn, projects.myJourney);
  app.get<{ Params: { personId: string } }>('/projects/journey/:personId', signedIn, projects.journey);
  app.get<{ Params: ProjectParams }>('/projects/:projectId', signedIn, projects.overview);
  app.get<{ Params: ProjectParams }>('/projects/:projectId/edit', signedIn, projects.editPage);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/edit', signedIn, projects.update);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/stage', may('move_stage'), projects.moveStage);

  app.get<{ Params: ProjectParams; Querystring: CircleQuerystring }>('/projects/:projectId/circle', signedIn, circle.page);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/circle', may('change_circle'), circle.add);
  app.get<{ Params: MemberParams }>('/projects/:projectId/circle/:personId', signedIn, circle.member);
  app.post<{ Params: MemberParams }>('/projects/:projectId/circle/:personId/place', may('change_circle'), circle.place);
  app.post<{ Params: MemberParams }>('/projects/:projectId/circle/:personId/engagement', signedIn, circle.engagement);
  app.post<{ Params: MemberParams }>('/projects/:projectId/circle/:personId/remove', may('change_circle'), circle.remove);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/me/tell-by', may('set_own_preferences'), circle.tellBy);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/me/more', signedIn, circle.askForMore);

  app.get<{ Params: ProjectParams }>('/projects/:projectId/agreement', signedIn, work.agreement);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/agreement', may('edit_agreement'), work.saveAgreement);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/agreement/response', may('respond_to_agreement'), work.respond);
  app.get<{ Params: ProjectParams } & Page>('/projects/:projectId/updates', signedIn, work.updates);
  app.post<{ Params: ProjectParams } & Page>('/projects/:projectId/updates', may('post_update'), work.postUpdate);
  app.get('/notifications', signedIn, work.notifications);
  app.post<{ Params: { notificationId: string } }>('/notifications/:notificationId/open', signedIn, work.openNotification);
  app.post('/notifications/read', signedIn, work.readAll);

  app.get<{ Params: ProjectParams }>('/projects/:projectId/tasks', signedIn, tasks.list);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/tasks', may('manage_tasks'), tasks.create);
  app.get<{ Params: TaskParams }>('/projects/:projectId/tasks/:taskId', signedIn, tasks.page);
  app.post<{ Params: TaskParams }>('/projects/:projectId/tasks/:taskId/volunteer', signedIn, tasks.volunteer);
  app.post<{ Params: TaskParams }>('/projects/:projectId/tasks/:taskId/withdraw', signedIn, tasks.withdraw);
  app.post<{ Params: TaskParams }>('/projects/:projectId/tasks/:taskId/owner', may('manage_tasks'), tasks.owner);
  app.post<{ Params: TaskParams }>('/projects/:projectId/tasks/:taskId/status', signedIn, tasks.status);
  app.get<{ Params: ProjectParams }>('/projects/:projectId/success', signedIn, tasks.success);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/success/criteria', may('propose_criterion'), tasks.propose);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/success/review', may('manage_review'), tasks.review);
  app.post<{ Params: ProjectParams }>('/projects/:projectId/success/ratings', may('rate_success'), tasks.rate);
}
