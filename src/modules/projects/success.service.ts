import type { Actor } from '../../shared/actor.js';
import { fail, forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import { openProject, type ProjectContext } from './projects.access.js';
import * as projects from './projects.repository.js';
import type { ProjectsServiceDeps } from './projects.service.js';
import * as repo from './success.repository.js';
import { cyclesWithAnswers, summarise, type CriterionResult } from './success.results.js';

export interface SuccessPage extends ProjectContext {
  readonly criteria: readonly repo.Criterion[];
  /** Results by criterion for each cycle that has answers, newest first. */
  readonly results: readonly { cycle: number; rows: readonly CriterionResult[]; comments: readonly { criterionId: string; comment: string }[] }[];
  readonly mine: ReadonlyMap<string, { score: number | null; comment: string | null }>;
}

export function createSuccessService({ db, clock, audit }: ProjectsServiceDeps) {
  const now = () => clock.now().toISOString();
  return {
    /** Results are counts and averages by criterion: nobody sees another person's answers. */
    async page(actor: Actor, projectId: string): Promise<Result<SuccessPage>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const org = actor.organisationId;
      const [criteria, counts, mine, comments] = await Promise.all([
        repo.listCriteria(db, org, projectId),
        repo.scoreCounts(db, org, projectId),
        ctx.membership === null ? Promise.resolve(new Map<string, { score: number | null; comment: string | null }>()) : repo.myRatings(db, org, projectId, actor.personId, ctx.project.cycle),
        repo.comments(db, org, projectId, ctx.project.cycle),
      ]);
      const results = cyclesWithAnswers(counts).map((cycle) => ({
        cycle,
        rows: summarise(criteria, counts, cycle),
        comments: cycle === ctx.project.cycle ? comments : [],
      }));
      return ok({ ...ctx, criteria, results, mine });
    },

    async propose(actor: Actor, projectId: string, text: string): Promise<Result<null>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.propose_criterion) return forbidden();
      await repo.insertCriterion(db, actor.organisationId, { projectId, text, by: actor.personId, now: now() });
      return ok(null);
    },

    /** Open (or close) the project's review: while it is open, everyone in the circle says how well it went. */
    async setReview(actor: Actor, projectId: string, open: boolean): Promise<Result<null>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.manage_review) return forbidden();
      if (open && (await repo.listCriteria(db, actor.organisationId, projectId)).length === 0) {
        return fail({ kind: 'conflict', reason: 'errors.projects.success.no_criteria' });
      }
      await db.transaction().execute(async (trx) => {
        await projects.setReviewOpen(trx, actor.organisationId, projectId, open, now());
        await audit.record(trx, {
          organisationId: actor.organisationId, actorAccountId: actor.accountId, action: open ? 'project.review_opened' : 'project.review_closed',
          subjectType: 'project', subjectId: projectId, detail: { cycle: ctx.project.cycle },
        });
      });
      return ok(null);
    },

    async rate(actor: Actor, projectId: string, ratings: readonly repo.RatingInput[]): Promise<Result<null>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.rate_success) return forbidden();
      if (!ctx.project.reviewOpen) return fail({ kind: 'conflict', reason: 'errors.projects.success.review_closed' });
      const criteria = new Set((await repo.listCriteria(db, actor.organisationId, projectId)).map((c) => c.id));
      if (ratings.length === 0 || ratings.some((r) => !criteria.has(r.criterionId))) return invalid({ ratings: 'errors.form.unexpected_field' });
      await db.transaction().execute((trx) =>
        repo.saveRatings(trx, actor.organisationId, { projectId, personId: actor.personId, cycle: ctx.project.cycle, ratings, now: now() }),
      );
      return ok(null);
    },

    /** The criteria a person rates: the form is built from them. */
    async criteria(actor: Actor, projectId: string): Promise<Result<readonly repo.Criterion[]>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      return ok(await repo.listCriteria(db, actor.organisationId, projectId));
    },
  };
}
