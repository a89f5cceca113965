import type { Actor } from '../../shared/actor.js';
import { fail, forbidden, notFound, ok, type Result } from '../../shared/result.js';
import * as repo from './agreement.repository.js';
import type { AgreementInput } from './projects.forms.js';
import { openProject, type ProjectContext } from './projects.access.js';
import { projectKind } from './projects.registry.js';
import type { KindLabel, ProjectsServiceDeps } from './projects.service.js';

export interface AgreementPage extends ProjectContext {
  readonly agreement: repo.Agreement | null;
  readonly kind: KindLabel;
  /** Responses to the current version, and those given to an earlier one. */
  readonly responses: readonly (repo.AgreementResponse & { current: boolean })[];
  readonly mine: repo.AgreementResponse | null;
}

export function createAgreementService({ db, clock, audit }: ProjectsServiceDeps) {
  const now = () => clock.now().toISOString();
  return {
    async page(actor: Actor, projectId: string): Promise<Result<AgreementPage>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const [agreement, responses] = await Promise.all([repo.findAgreement(db, actor.organisationId, projectId), repo.listResponses(db, actor.organisationId, projectId)]);
      const version = agreement?.version ?? 0;
      return ok({
        ...ctx,
        agreement: agreement ?? null,
        kind: projectKind(agreement?.equalDelivery ?? null),
        responses: responses.map((r) => ({ ...r, current: r.version === version })),
        mine: responses.find((r) => r.personId === actor.personId) ?? null,
      });
    },

    /** Answer Mind's four questions. The project's label (co-production or co-design) follows from the last. */
    async save(actor: Actor, projectId: string, input: AgreementInput): Promise<Result<{ version: number }>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.edit_agreement) return forbidden();
      const version = await db.transaction().execute(async (trx) => {
        const saved = await repo.saveAgreement(trx, actor.organisationId, projectId, { ...input, by: actor.personId, now: now() });
        await audit.record(trx, {
          organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'project.agreement_changed', subjectType: 'project',
          subjectId: projectId, detail: { version: saved, equalDelivery: input.equalDelivery },
        });
        return saved;
      });
      return ok({ version });
    },

    /** A co-producer says they agree, or do not and why. */
    async respond(actor: Actor, projectId: string, input: { agrees: boolean; comment: string | null }): Promise<Result<null>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.respond_to_agreement) return forbidden();
      const agreement = await repo.findAgreement(db, actor.organisationId, projectId);
      if (agreement === undefined) return fail({ kind: 'conflict', reason: 'errors.projects.agreement.not_yet' });
      await repo.saveResponse(db, actor.organisationId, { projectId, personId: actor.personId, agrees: input.agrees, comment: input.comment, version: agreement.version, now: now() });
      return ok(null);
    },
  };
}
