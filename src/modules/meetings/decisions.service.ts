import type { Actor } from '../../shared/actor.js';
import { fail, forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import * as repo from './decisions.repository.js';
import { looksLikeId, openProjectCtx, type ProjectCtx } from './meetings.access.js';
import { answersFor, type DecisionMethod, type ProposalAnswer } from './meetings.registry.js';
import { findMeeting, listCirclePeople, listMeetings, type CirclePerson, type Meeting } from './meetings.repository.js';
import { decide } from './meetings.rules.js';
import { changed, type MeetingsServiceDeps } from './meetings.service.js';

export interface ProposalPage extends ProjectCtx {
  readonly proposal: repo.Proposal;
  readonly responses: readonly repo.Response[];
  readonly mine: repo.Response | null;
  readonly people: readonly CirclePerson[];
  /** Who in the circle has not answered yet. */
  readonly waiting: number;
}

export function createDecisionsService(deps: MeetingsServiceDeps) {
  const { db, clock, audit } = deps;
  const now = () => clock.now().toISOString();
  const live = changed(deps);

  return {
    async list(actor: Actor, projectId: string): Promise<Result<ProjectCtx & { proposals: repo.Proposal[]; meetings: Meeting[] }>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const [proposals, meetings] = await Promise.all([repo.listProposals(db, actor.organisationId, projectId), listMeetings(db, actor.organisationId, projectId)]);
      return ok({ ...ctx, proposals, meetings });
    },

    /** Anyone in the circle raises a proposal, in a meeting or between meetings. */
    async propose(actor: Actor, projectId: string, input: { title: string; body: string | null; method: DecisionMethod; meetingId: string | null }): Promise<Result<{ proposalId: string }>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('take_part')) return forbidden();
      if (input.meetingId !== null && (!looksLikeId(input.meetingId) || (await findMeeting(db, actor.organisationId, projectId, input.meetingId)) === undefined)) {
        return invalid({ meetingId: 'errors.meetings.proposal.meeting_unknown' });
      }
      const proposalId = await db.transaction().execute(async (trx) => {
        const id = await repo.insertProposal(trx, actor.organisationId, { projectId, ...input, raisedBy: actor.personId, now: now() });
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'proposal.raised', subjectType: 'proposal', subjectId: id, detail: { method: input.method } });
        return id;
      });
      if (input.meetingId !== null) live.publish(input.meetingId, 'decisions');
      return ok({ proposalId });
    },

    async page(actor: Actor, projectId: string, proposalId: string): Promise<Result<ProposalPage>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined || !looksLikeId(proposalId)) return notFound();
      const org = actor.organisationId;
      const [proposal, responses, people] = await Promise.all([repo.findProposal(db, org, projectId, proposalId), repo.listResponses(db, org, proposalId), listCirclePeople(db, org, projectId)]);
      if (proposal === undefined) return notFound();
      const answered = new Set(responses.map((r) => r.personId));
      return ok({ ...ctx, proposal, responses, people, mine: responses.find((r) => r.personId === actor.personId) ?? null, waiting: people.filter((p) => !answered.has(p.id)).length });
    },

    /** One equal voice for everyone in the circle, whatever their permission. An objection needs a reason. */
    async respond(actor: Actor, projectId: string, proposalId: string, input: { answer: ProposalAnswer; reason: string | null }): Promise<Result<null>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined || !looksLikeId(proposalId)) return notFound();
      const proposal = await repo.findProposal(db, actor.organisationId, projectId, proposalId);
      if (proposal === undefined) return notFound();
      if (!ctx.can('take_part')) return forbidden();
      if (proposal.status !== 'open') return fail({ kind: 'conflict', reason: 'errors.meetings.response.closed' });
      if (!answersFor(proposal.method).includes(input.answer)) return invalid({ answer: 'errors.meetings.response.answer_required' });
      if (input.answer === 'object' && input.reason === null) return invalid({ reason: 'errors.meetings.response.reason_required' });
      await db.transaction().execute(async (trx) => {
        await repo.upsertResponse(trx, actor.organisationId, { proposalId, personId: actor.personId, ...input, now: now() });
      });
      if (proposal.meetingId !== null) live.publish(proposal.meetingId, 'decisions');
      return ok(null);
    },

    /**
     * Record the outcome with the rules of the method, and who took part (only people still in the circle count).
     * The people running the meeting close it.
     */
    async close(actor: Actor, projectId: string, proposalId: string): Promise<Result<{ passed: boolean }>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined || !looksLikeId(proposalId)) return notFound();
      const org = actor.organisationId;
      const [proposal, responses, people] = await Promise.all([repo.findProposal(db, org, projectId, proposalId), repo.listResponses(db, org, proposalId), listCirclePeople(db, org, projectId)]);
      if (proposal === undefined) return notFound();
      if (!ctx.can('facilitate')) return forbidden();
      const inCircle = new Set(people.map((p) => p.id));
      const counted = responses.filter((r) => inCircle.has(r.personId));
      const outcome = { ...decide(proposal.method, counted.map((r) => r.answer)), personIds: counted.map((r) => r.personId) };
      const closed = await db.transaction().execute(async (trx) => {
        if (!(await repo.closeProposal(trx, org, proposalId, { outcome, now: now() }))) return false;
        await audit.record(trx, { organisationId: org, actorAccountId: actor.accountId, action: 'proposal.decided', subjectType: 'proposal', subjectId: proposalId, detail: { passed: outcome.passed, tookPart: outcome.tookPart } });
        return true;
      });
      if (!closed) return fail({ kind: 'conflict', reason: 'errors.meetings.response.closed' });
      if (proposal.meetingId !== null) live.publish(proposal.meetingId, 'decisions');
      return ok({ passed: outcome.passed });
    },
  };
}
