import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import type { Outbox } from '../../shared/outbox.js';
import { fail, forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import { createAgreementService } from './agreement.service.js';
import { insertMember, insertMove } from './circle.repository.js';
import { createCircleService } from './circle.service.js';
import { openProject, type ProjectContext } from './projects.access.js';
import { can, type ProjectAction } from './projects.permissions.js';
import type { ProjectInput } from './projects.forms.js';
import { checkStageMove, CIRCLE_INFO, FIRST_DOMAIN, offerFor, projectKind, type Offer, type ProjectKind, type Stage, type StageMoveKind } from './projects.registry.js';
import * as repo from './projects.repository.js';
import { createProjectRelationships } from './projects.relationships.js';
import { circleCountsCache, circleVersionOf } from './projects.cache.js';
import { createSuccessService } from './success.service.js';
import { listTasks, type Task } from './tasks.repository.js';
import { createTasksService } from './tasks.service.js';
import { listUpdates, type ProjectUpdate } from './updates.repository.js';
import { createUpdatesService } from './updates.service.js';

export interface ProjectsServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
  readonly outbox: Outbox;
  readonly baseUrl: string;
}

export interface KindLabel {
  readonly kind: ProjectKind;
  readonly reason: string;
}

export interface ProjectOverview extends ProjectContext {
  readonly kind: KindLabel;
  readonly counts: Record<string, number>;
  readonly circleTotal: number;
  readonly work: { readonly openTasks: number; readonly updates: number; readonly criteria: number };
  readonly agreement: { answered: boolean; agreed: number; disagreed: number; version: number | null };
  readonly latestUpdates: readonly ProjectUpdate[];
  readonly openTasks: readonly Task[];
  readonly moves: readonly repo.StageMove[];
  readonly offer: Offer | null;
}

export const LATEST_UPDATES = 3;
export const OPEN_TASKS_ON_PAGE = 5;

export function createProjectsService(deps: ProjectsServiceDeps) {
  const { db, clock, audit } = deps;
  const now = () => clock.now().toISOString();
  // The circle, circle by circle, for each project's circle version: counted again only when the circle changes.
  const circleCounts = circleCountsCache();

  const core = {
    async list(actor: Actor): Promise<Result<{ items: (repo.ProjectListItem & { kind: KindLabel })[]; canCreate: boolean }>> {
      const items = await repo.listProjectsForViewer(db, actor.organisationId, actor.personId, actor.permission === 'admin');
      return ok({
        items: items.map((item) => ({ ...item, kind: projectKind(item.equalDelivery) })),
        canCreate: can({ permission: actor.permission, circle: null }, 'create', { visibility: 'open' }),
      });
    },

    /** Whether the actor may do this in the project (false too when they may not see it, or it is not there). */
    async may(actor: Actor, projectId: string, action: ProjectAction): Promise<boolean> {
      const ctx = await openProject(db, actor, projectId);
      return ctx !== undefined && ctx.can[action];
    },

    canCreate(actor: Actor): boolean {
      return can({ permission: actor.permission, circle: null }, 'create', { visibility: 'open' });
    },

    /**
     * Start a project. It begins at "inform", and the person who starts it is its first co-producer (so an invite-only
     * project always has someone inside it).
     */
    async create(actor: Actor, input: ProjectInput): Promise<Result<{ projectId: string }>> {
      if (!core.canCreate(actor)) return forbidden();
      const at = now();
      const projectId = await db.transaction().execute(async (trx) => {
        const id = await repo.insertProject(trx, actor.organisationId, { ...input, createdBy: actor.personId, now: at });
        await repo.insertStageMove(trx, actor.organisationId, { projectId: id, from: null, to: 'inform', cycle: 1, note: '', movedBy: actor.personId, now: at });
        const placement = { circle: 'co_producers' as const, level: CIRCLE_INFO.co_producers.defaultLevel, domain: FIRST_DOMAIN, note: null };
        await insertMember(trx, actor.organisationId, { ...placement, projectId: id, personId: actor.personId, addedBy: actor.personId, engagementHow: null, engagementHowOften: null, now: at });
        await insertMove(trx, actor.organisationId, { projectId: id, personId: actor.personId, from: null, to: placement, note: null, movedBy: actor.personId, now: at });
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'project.created', subjectType: 'project', subjectId: id, detail: { visibility: input.visibility } });
        return id;
      });
      return ok({ projectId });
    },

    /**
     * The project page: a fixed number of queries, whatever the size of the circle or the number of updates. The
     * circle's counts are cached for the circle version read with the project, so they are counted only after a
     * change.
     */
    async overview(actor: Actor, projectId: string): Promise<Result<ProjectOverview>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const org = actor.organisationId;
      const circleVersion = circleVersionOf(ctx.project);
      const cached = await circleCounts.peek(projectId, circleVersion, () => repo.countCircles(db, org, projectId));
      const [summary, latestUpdates, openTasks, moves] = await Promise.all([
        repo.projectSummary(db, org, projectId, cached === undefined),
        listUpdates(db, org, projectId, LATEST_UPDATES),
        listTasks(db, org, projectId, { status: 'open', limit: OPEN_TASKS_ON_PAGE, withNeeds: false }),
        repo.listStageMoves(db, org, projectId),
      ]);
      const { agreement } = summary;
      const counts = cached ?? summary.counts;
      if (counts === null) throw new Error('the circle counts were neither cached nor read');
      if (cached === undefined) circleCounts.set(projectId, circleVersion, counts);
      return ok({
        ...ctx,
        kind: projectKind(agreement?.equalDelivery ?? null),
        counts,
        circleTotal: Object.values(counts).reduce((a, b) => a + b, 0),
        work: { openTasks: summary.openTasks, updates: summary.updates, criteria: summary.criteria },
        agreement: {
          answered: agreement !== null,
          agreed: agreement?.agreed ?? 0,
          disagreed: agreement?.disagreed ?? 0,
          version: agreement?.version ?? null,
        },
        latestUpdates,
        openTasks,
        moves,
        offer: ctx.membership === null ? null : offerFor(ctx.membership.level, ctx.membership.domain),
      });
    },

    async forEditing(actor: Actor, projectId: string): Promise<Result<ProjectContext>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.edit_details) return forbidden();
      return ok(ctx);
    },

    async update(actor: Actor, projectId: string, input: ProjectInput): Promise<Result<null>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.edit_details) return forbidden();
      await db.transaction().execute(async (trx) => {
        await repo.updateProject(trx, actor.organisationId, projectId, { ...input, now: now() });
        if (input.visibility !== ctx.project.visibility) {
          await audit.record(trx, {
            organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'project.visibility_changed',
            subjectType: 'project', subjectId: projectId, detail: { from: ctx.project.visibility, to: input.visibility },
          });
        }
      });
      return ok(null);
    },

    /**
     * Move the project along the cycle, saying what was done at the stage it leaves. From "act" it goes back to
     * "inform" and a new cycle begins: people are told what happened.
     */
    async moveStage(actor: Actor, projectId: string, input: { stage: Stage; note: string }): Promise<Result<{ kind: StageMoveKind; cycle: number }>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.move_stage) return forbidden();
      const check = checkStageMove(ctx.project.stage, input.stage);
      if (!check.ok) return invalid({ stage: `errors.projects.stage.${check.error}` });
      const cycle = check.kind === 'new_cycle' ? ctx.project.cycle + 1 : ctx.project.cycle;
      const at = now();
      return db.transaction().execute(async (trx) => {
        if (!(await repo.moveStage(trx, actor.organisationId, projectId, ctx.project.stage, input.stage, cycle, at))) {
          return fail<{ kind: StageMoveKind; cycle: number }>({ kind: 'conflict', reason: 'errors.projects.stage.moved_meanwhile' });
        }
        await repo.insertStageMove(trx, actor.organisationId, { projectId, from: ctx.project.stage, to: input.stage, cycle, note: input.note, movedBy: actor.personId, now: at });
        await audit.record(trx, {
          organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'project.stage_moved', subjectType: 'project',
          subjectId: projectId, detail: { from: ctx.project.stage, to: input.stage, cycle },
        });
        return ok({ kind: check.kind, cycle });
      });
    },
  };

  return {
    ...core,
    circle: createCircleService(deps),
    agreement: createAgreementService(deps),
    updates: createUpdatesService(deps),
    tasks: createTasksService(deps),
    success: createSuccessService(deps),
    relationships: createProjectRelationships(db),
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
