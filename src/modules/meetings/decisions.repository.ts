import type { DecisionMethod, ProposalAnswer, ProposalStatus } from '../../db/database.js';
import { fromJson, newId, toJson } from '../../db/portable.js';
import type { DecisionOutcome } from './meetings.rules.js';
import type { Db } from './meetings.repository.js';

export interface Proposal {
  readonly id: string;
  readonly title: string;
  readonly body: string | null;
  readonly method: DecisionMethod;
  readonly status: ProposalStatus;
  readonly meetingId: string | null;
  readonly raisedBy: string | null;
  readonly raisedByName: string | null;
  /** Who took part, by name, resolved when read: null for someone whose profile has since been removed. */
  readonly outcome: (DecisionOutcome & { people: (string | null)[] }) | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
}

function proposalQuery(db: Db, org: string, projectId: string) {
  return db
    .selectFrom('proposals as d')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'd.raised_by').on('p.organisation_id', '=', org))
    .select(['d.id', 'd.title', 'd.body', 'd.method', 'd.status', 'd.meeting_id', 'd.raised_by', 'p.display_name', 'd.outcome', 'd.decided_at', 'd.created_at'])
    .where('d.organisation_id', '=', org)
    .where('d.project_id', '=', projectId);
}

type Row = Awaited<ReturnType<ReturnType<typeof proposalQuery>['executeTakeFirstOrThrow']>>;

/** What a decided proposal stores: who took part by id, so a name never outlives its profile. */
export type StoredOutcome = DecisionOutcome & { personIds: string[] };

const storedOutcome = (r: Row): StoredOutcome | null => fromJson(r.outcome) as StoredOutcome | null;

/** Proposals with the names of who took part looked up now: a removed profile reads as "Former member". */
async function toProposals(db: Db, org: string, rows: readonly Row[]): Promise<Proposal[]> {
  const ids = [...new Set(rows.flatMap((r) => storedOutcome(r)?.personIds ?? []))];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db.selectFrom('people').select(['id', 'display_name']).where('organisation_id', '=', org).where('archived_at', 'is', null).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const p of found) names.set(p.id, p.display_name);
  }
  return rows.map((r) => {
    const stored = storedOutcome(r);
    const outcome = stored === null ? null : { passed: stored.passed, tookPart: stored.tookPart, counts: stored.counts, reason: stored.reason, people: stored.personIds.map((id) => names.get(id) ?? null) };
    return { id: r.id, title: r.title, body: r.body, method: r.method, status: r.status, meetingId: r.meeting_id, raisedBy: r.raised_by, raisedByName: r.display_name, outcome, decidedAt: r.decided_at, createdAt: r.created_at };
  });
}

export async function listProposals(db: Db, org: string, projectId: string, meetingId?: string): Promise<Proposal[]> {
  let query = proposalQuery(db, org, projectId);
  if (meetingId !== undefined) query = query.where('d.meeting_id', '=', meetingId);
  const rows = await query.orderBy('d.created_at', 'desc').limit(200).execute();
  return toProposals(db, org, rows);
}

export async function findProposal(db: Db, org: string, projectId: string, proposalId: string): Promise<Proposal | undefined> {
  const row = await proposalQuery(db, org, projectId).where('d.id', '=', proposalId).executeTakeFirst();
  return row === undefined ? undefined : (await toProposals(db, org, [row]))[0];
}

export async function insertProposal(db: Db, org: string, v: { projectId: string; meetingId: string | null; title: string; body: string | null; method: DecisionMethod; raisedBy: string; now: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto('proposals')
    .values({ id, organisation_id: org, project_id: v.projectId, meeting_id: v.meetingId, title: v.title, body: v.body, method: v.method, status: 'open', raised_by: v.raisedBy, outcome: null, decided_at: null, created_at: v.now })
    .execute();
  return id;
}

export interface Response {
  readonly personId: string;
  readonly name: string;
  readonly answer: ProposalAnswer;
  readonly reason: string | null;
}

export async function listResponses(db: Db, org: string, proposalId: string): Promise<Response[]> {
  const rows = await db
    .selectFrom('proposal_responses as r')
    .innerJoin('people as p', 'p.id', 'r.person_id')
    .select(['r.person_id', 'p.display_name', 'r.answer', 'r.reason'])
    .where('r.organisation_id', '=', org)
    .where('r.proposal_id', '=', proposalId)
    .orderBy('p.display_name')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, name: r.display_name, answer: r.answer, reason: r.reason }));
}

/** One voice each: answering again replaces the earlier answer. */
export async function upsertResponse(db: Db, org: string, v: { proposalId: string; personId: string; answer: ProposalAnswer; reason: string | null; now: string }): Promise<void> {
  await db
    .insertInto('proposal_responses')
    .values({ id: newId(), organisation_id: org, proposal_id: v.proposalId, person_id: v.personId, answer: v.answer, reason: v.reason, created_at: v.now, updated_at: v.now })
    .onConflict((oc) => oc.columns(['organisation_id', 'proposal_id', 'person_id']).doUpdateSet({ answer: v.answer, reason: v.reason, updated_at: v.now }))
    .execute();
}

/** Record the outcome once: only an open proposal closes. */
export async function closeProposal(db: Db, org: string, proposalId: string, v: { outcome: StoredOutcome; now: string }): Promise<boolean> {
  const result = await db
    .updateTable('proposals')
    .set({ status: v.outcome.passed ? 'passed' : 'not_passed', outcome: toJson(v.outcome), decided_at: v.now })
    .where('organisation_id', '=', org)
    .where('id', '=', proposalId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
