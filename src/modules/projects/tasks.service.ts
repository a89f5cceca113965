import type { Actor } from '../../shared/actor.js';
import { forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import { listCircle, type CircleMember } from './circle.repository.js';
import { looksLikeId, openProject, type ProjectContext } from './projects.access.js';
import { offerFor, type Offer } from './projects.registry.js';
import type { ProjectsServiceDeps } from './projects.service.js';
import { normaliseStrength } from './strengths.js';
import type { TaskInput } from './tasks.forms.js';
import * as repo from './tasks.repository.js';
import type { PersonRef } from './projects.repository.js';

export interface TasksPage extends ProjectContext {
  readonly tasks: readonly repo.Task[];
  readonly volunteered: ReadonlySet<string>;
  readonly offer: Offer | null;
}

export interface TaskPage extends ProjectContext {
  readonly task: repo.Task;
  readonly volunteers: readonly PersonRef[];
  readonly suggestions: readonly repo.Suggestion[];
  /** People who can own the task: everyone in the circle now (only for those who manage tasks). */
  readonly owners: readonly CircleMember[];
  readonly iVolunteered: boolean;
  readonly offer: Offer | null;
}

export function createTasksService({ db, clock, audit }: ProjectsServiceDeps) {
  const now = () => clock.now().toISOString();

  async function openTask(actor: Actor, projectId: string, taskId: string) {
    const ctx = await openProject(db, actor, projectId);
    if (ctx === undefined || !looksLikeId(taskId)) return undefined;
    const task = await repo.findTask(db, actor.organisationId, projectId, taskId);
    return task === undefined ? undefined : { ctx, task };
  }

  return {
    async list(actor: Actor, projectId: string): Promise<Result<TasksPage>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const tasks = await repo.listTasks(db, actor.organisationId, projectId);
      const volunteered = await repo.volunteeredFor(db, actor.organisationId, actor.personId, tasks.map((t) => t.id));
      return ok({ ...ctx, tasks, volunteered, offer: ctx.membership === null ? null : offerFor(ctx.membership.level, ctx.membership.domain) });
    },

    async create(actor: Actor, projectId: string, input: TaskInput): Promise<Result<{ taskId: string }>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.manage_tasks) return forbidden();
      const taskId = await db.transaction().execute((trx) =>
        repo.insertTask(trx, actor.organisationId, {
          projectId, title: input.title, details: input.details, dueOn: input.dueOn,
          needs: [...new Map(input.needs.map((raw) => raw.trim().replace(/\s+/g, ' ')).filter((l) => l !== '').map((label) => [normaliseStrength(label), { label, normalised: normaliseStrength(label) }])).values()], createdBy: actor.personId, now: now(),
        }),
      );
      return ok({ taskId });
    },

    /** A task, with the people in the circle who offer what it needs. */
    async page(actor: Actor, projectId: string, taskId: string): Promise<Result<TaskPage>> {
      const opened = await openTask(actor, projectId, taskId);
      if (opened === undefined) return notFound();
      const { ctx, task } = opened;
      const org = actor.organisationId;
      const [volunteers, suggestions, owners] = await Promise.all([
        repo.listVolunteers(db, org, taskId),
        // Strengths come from profiles: shown to people in the circle (and admins), never to everyone who can see the project.
        ctx.membership !== null || actor.permission === 'admin' ? repo.suggestPeople(db, org, projectId, taskId) : Promise.resolve([]),
        ctx.can.manage_tasks ? listCircle(db, org, projectId) : Promise.resolve([]),
      ]);
      return ok({
        ...ctx, task, volunteers, suggestions, owners,
        iVolunteered: volunteers.some((v) => v.id === actor.personId),
        offer: ctx.membership === null ? null : offerFor(ctx.membership.level, ctx.membership.domain),
      });
    },

    async volunteer(actor: Actor, projectId: string, taskId: string): Promise<Result<{ title: string }>> {
      const opened = await openTask(actor, projectId, taskId);
      if (opened === undefined) return notFound();
      if (!opened.ctx.can.volunteer) return forbidden();
      await repo.addVolunteer(db, actor.organisationId, taskId, actor.personId, now());
      return ok({ title: opened.task.title });
    },

    async withdraw(actor: Actor, projectId: string, taskId: string): Promise<Result<{ title: string }>> {
      const opened = await openTask(actor, projectId, taskId);
      if (opened === undefined) return notFound();
      if (!opened.ctx.can.volunteer) return forbidden();
      await repo.removeVolunteer(db, actor.organisationId, taskId, actor.personId);
      return ok({ title: opened.task.title });
    },

    /** Co-producers and facilitators choose who owns a task: someone in the circle, or nobody yet. */
    async setOwner(actor: Actor, projectId: string, taskId: string, ownerId: string | null): Promise<Result<null>> {
      const opened = await openTask(actor, projectId, taskId);
      if (opened === undefined) return notFound();
      if (!opened.ctx.can.manage_tasks) return forbidden();
      const org = actor.organisationId;
      if (ownerId !== null) {
        const circle = await listCircle(db, org, projectId);
        if (!looksLikeId(ownerId) || !circle.some((m) => m.personId === ownerId)) return invalid({ ownerId: 'errors.projects.task.owner_not_in_circle' });
      }
      await db.transaction().execute(async (trx) => {
        await repo.setOwner(trx, org, taskId, ownerId, now());
        await audit.record(trx, { organisationId: org, actorAccountId: actor.accountId, action: 'task.owner_set', subjectType: 'task', subjectId: taskId, detail: { projectId, ownerId } });
      });
      return ok(null);
    },

    /** Mark a task done (or open again): co-producers, facilitators, or the task's owner. */
    async setStatus(actor: Actor, projectId: string, taskId: string, status: 'open' | 'done'): Promise<Result<null>> {
      const opened = await openTask(actor, projectId, taskId);
      if (opened === undefined) return notFound();
      if (!opened.ctx.can.manage_tasks && opened.task.ownerId !== actor.personId) return forbidden();
      await repo.setStatus(db, actor.organisationId, taskId, status, now());
      return ok(null);
    },
  };
}
