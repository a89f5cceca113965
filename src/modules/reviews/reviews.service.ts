import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import { forbidden, notFound, ok, type Result } from '../../shared/result.js';
import * as actionsRepo from './actions.repository.js';
import { canReview, canStartReview, type ReviewAction } from './reviews.permissions.js';
import * as repo from './reviews.repository.js';
import { COMPARED_PERSPECTIVES, MIN_GROUP_SIZE, PRINCIPLE_KEYS, questionsFor, type PrincipleKey, type ReviewMode } from './reviews.registry.js';
import { buildResults, type ResultsView, type SeriesKey } from './reviews.results.js';
import { aggregatesCache, aggregatesKey, aggregatesVersion, resultsCache, type Aggregates } from './reviews.cache.js';
import { cacheKey, cacheVersion } from '../../shared/cache.js';
import type { AnswerTotal } from './reviews.scoring.js';
import * as roundsRepo from './rounds.repository.js';
import { hasRounds, publishRound, roundDecision, roundDecisionCache, roundDecisionVersion } from './rounds.service.js';

export interface ReviewsServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
}

export type StartInput =
  | { readonly subjectKind: 'project'; readonly projectId: string; readonly mode: ReviewMode }
  | { readonly subjectKind: 'service'; readonly serviceName: string; readonly mode: ReviewMode }
  | { readonly subjectKind: 'organisation'; readonly mode: ReviewMode };

export interface PageAnswers {
  readonly answers: readonly repo.AnswerInput[];
  readonly notes: string | null;
}

export interface ReviewOverview {
  readonly review: repo.ReviewRow;
  readonly myResponse: repo.ResponseRow | null;
  readonly groupResponse: repo.ResponseRow | null;
  readonly respondents: number;
  readonly answeredPrinciples: PrincipleKey[];
  readonly previous: repo.ReviewRow | null;
  /** "How did last cycle's actions go?": the previous review's actions and their status. */
  readonly lastCycleActions: actionsRepo.ActionRow[];
  readonly actions: actionsRepo.ActionRow[];
  readonly may: Readonly<Record<ReviewAction, boolean>>;
}

export interface ResultsPage {
  readonly review: repo.ReviewRow;
  readonly previous: repo.ReviewRow | null;
  readonly respondents: number;
  /** Nothing to show yet: no round published (individual reviews), or no answers (group and practice reviews). */
  readonly heldBack: boolean;
  /** Whether the review's results come in published rounds (individual reviews of a shared subject). */
  readonly inRounds: boolean;
  /** The round shown, when there is one. */
  readonly round: roundsRepo.RoundRow | null;
  /** Answers new, changed or gone since that round: only when there are at least three, so the count says little. */
  readonly newAnswers: number | null;
  /** For a facilitator who may publish: whether a round may be published now, or how many more answers it needs. */
  readonly publish: { readonly allowed: boolean; readonly needed: number } | null;
  readonly groupsShown: boolean;
  readonly results: ResultsView | null;
  readonly notes: Readonly<Record<string, string>>;
  readonly actions: actionsRepo.ActionRow[];
  readonly may: Readonly<Record<ReviewAction, boolean>>;
}


const ACTIONS: readonly ReviewAction[] = ['view', 'answer', 'record_group', 'close', 'publish', 'plan'];

export function createReviewsService({ db, clock, audit }: ReviewsServiceDeps) {
  const now = () => clock.now().toISOString();
  const mayAll = (actor: Actor, review: repo.ReviewRow) =>
    Object.fromEntries(ACTIONS.map((a) => [a, canReview(actor, a, review)])) as Record<ReviewAction, boolean>;

  /** A review the actor may see, or not found (another organisation's, or someone else's practice review). */
  async function visible(actor: Actor, reviewId: string): Promise<repo.ReviewRow | undefined> {
    const review = await repo.findReview(db, actor.organisationId, reviewId);
    return review !== undefined && canReview(actor, 'view', review) ? review : undefined;
  }

  /** The response the actor writes into: their own, or (recording for a group) the group's. */
  async function responseFor(actor: Actor, review: repo.ReviewRow) {
    return review.mode === 'group' && review.subjectKind !== 'practice'
      ? repo.findGroupResponse(db, actor.organisationId, review.id)
      : repo.findResponse(db, actor.organisationId, review.id, actor.personId);
  }

  async function create(actor: Actor, row: { subject_kind: repo.ReviewRow['subjectKind']; subject_key: string; subject_label: string | null; project_id: string | null; mode: ReviewMode; owner_person_id: string | null }): Promise<string> {
    return db.transaction().execute(async (trx) => {
      const id = await repo.insertReview(trx, { ...row, organisation_id: actor.organisationId, created_by: actor.personId, created_at: now() });
      await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'review.started', subjectType: 'review', subjectId: id, detail: { kind: row.subject_kind, mode: row.mode } });
      return id;
    });
  }

  const aggregatesCached = aggregatesCache();
  const resultsCached = resultsCache();

  /**
   * Live totals per question, for group and practice reviews (one agreed set of answers, or one person's own), cached
   * for the reviews' versions: how many have sent, and when the latest did (sent answers never change).
   */
  async function liveTotals(organisationId: string, ids: readonly string[], versions: Map<string, { count: number; latest: string }>): Promise<Aggregates> {
    return aggregatesCached.get(aggregatesKey(ids), aggregatesVersion(ids, versions), async () => ({ totals: await repo.answerTotals(db, organisationId, ids) }));
  }

  const decisions = roundDecisionCache();

  /** What publishing a round would do now, kept until something it depends on changes. */
  async function decisionFor(organisationId: string, reviewId: string, sent: { count: number; latest: string }, latestRoundId: string | null) {
    const directory = await repo.directoryVersion(db, organisationId);
    return decisions.get(reviewId, roundDecisionVersion(sent, directory, latestRoundId), () => roundDecision(db, organisationId, reviewId));
  }

  const writer = (review: repo.ReviewRow): ReviewAction => (review.mode === 'group' && review.subjectKind !== 'practice' ? 'record_group' : 'answer');

  return {
    async list(actor: Actor, limit = 50) {
      return ok({ reviews: await repo.listReviews(db, actor.organisationId, actor.personId, limit), mayStart: canStartReview(actor, 'project') });
    },

    async projectsToReview(actor: Actor): Promise<Result<{ id: string; title: string }[]>> {
      if (!canStartReview(actor, 'project')) return forbidden();
      return ok(await repo.listProjects(db, actor.organisationId));
    },

    async start(actor: Actor, input: StartInput): Promise<Result<string>> {
      if (!canStartReview(actor, input.subjectKind)) return forbidden();
      let subjectKey: string = input.subjectKind;
      let subjectLabel: string | null = null;
      let projectId: string | null = null;
      if (input.subjectKind === 'project') {
        const project = await repo.findProject(db, actor.organisationId, input.projectId);
        if (project === undefined) return { ok: false, kind: 'invalid', errors: { projectId: 'errors.reviews.project_required' } };
        subjectKey = project.id;
        projectId = project.id;
      } else if (input.subjectKind === 'service') {
        subjectKey = input.serviceName.trim().toLowerCase().replace(/\s+/g, ' ');
        subjectLabel = input.serviceName.trim();
      }
      return ok(await create(actor, { subject_kind: input.subjectKind, subject_key: subjectKey, subject_label: subjectLabel, project_id: projectId, mode: input.mode, owner_person_id: null }));
    },

    /** A review of the actor's own practice: questions reworded for "I", seen by nobody else. */
    async startPractice(actor: Actor): Promise<Result<string>> {
      return ok(await create(actor, { subject_kind: 'practice', subject_key: actor.personId, subject_label: null, project_id: null, mode: 'individual', owner_person_id: actor.personId }));
    },

    async overview(actor: Actor, reviewId: string): Promise<Result<ReviewOverview>> {
      const review = await visible(actor, reviewId);
      if (review === undefined) return notFound();
      const mine = await responseFor(actor, review);
      const previous = (await repo.previousReview(db, actor.organisationId, review)) ?? null;
      // One connection, one query after another: a busy PostgreSQL pool is better shared than raced for.
      const counts = await repo.respondentCounts(db, actor.organisationId, [review.id]);
      const answers = mine === undefined ? [] : await repo.answersOf(db, actor.organisationId, mine.id);
      const actions = await actionsRepo.actionsOf(db, actor.organisationId, previous === null ? [review.id] : [review.id, previous.id]);
      const answered = new Set(answers.map((a) => a.questionKey));
      return ok({
        review,
        myResponse: review.mode === 'individual' || review.subjectKind === 'practice' ? (mine ?? null) : null,
        groupResponse: review.mode === 'group' && review.subjectKind !== 'practice' ? (mine ?? null) : null,
        respondents: counts.get(review.id) ?? 0,
        answeredPrinciples: PRINCIPLE_KEYS.filter((p) => questionsFor(p).every((q) => answered.has(q.key))),
        previous,
        lastCycleActions: actions.filter((a) => a.reviewId !== review.id),
        actions: actions.filter((a) => a.reviewId === review.id),
        may: mayAll(actor, review),
      });
    },

    /** What the actor has saved so far on one page of the form. */
    async answerPage(actor: Actor, reviewId: string, principle: PrincipleKey): Promise<Result<{ review: repo.ReviewRow; saved: PageAnswers; submitted: boolean }>> {
      const review = await visible(actor, reviewId);
      if (review === undefined) return notFound();
      if (!canReview(actor, writer(review), review)) return forbidden();
      const response = await responseFor(actor, review);
      const keys = new Set(questionsFor(principle).map((q) => q.key));
      const answers = response === undefined ? [] : (await repo.answersOf(db, actor.organisationId, response.id)).filter((a) => keys.has(a.questionKey));
      const notes = writer(review) === 'record_group' ? ((await repo.notesOf(db, actor.organisationId, review.id)).find((n) => n.principle === principle)?.notes ?? null) : null;
      return ok({ review, saved: { answers, notes }, submitted: response?.submittedAt != null });
    },

    /** Everything the actor has saved (their own answers, or the group's), for the check page. */
    async savedAnswers(actor: Actor, reviewId: string): Promise<Result<{ review: repo.ReviewRow; answers: repo.AnswerInput[]; notes: Record<string, string>; submitted: boolean }>> {
      const review = await visible(actor, reviewId);
      if (review === undefined) return notFound();
      if (!canReview(actor, writer(review), review)) return forbidden();
      const response = await responseFor(actor, review);
      const answers = response === undefined ? [] : await repo.answersOf(db, actor.organisationId, response.id);
      const notes = writer(review) === 'record_group' ? await repo.notesOf(db, actor.organisationId, review.id) : [];
      return ok({ review, answers, notes: Object.fromEntries(notes.map((n) => [n.principle, n.notes])), submitted: response?.submittedAt != null });
    },

    /** Save one page ("Save and continue"): a draft until submitted, so nothing is lost between pages. */
    async saveAnswers(actor: Actor, reviewId: string, principle: PrincipleKey, page: PageAnswers): Promise<Result<null>> {
      const review = await visible(actor, reviewId);
      if (review === undefined) return notFound();
      const role = writer(review);
      if (!canReview(actor, role, review)) return forbidden();
      const keys = new Set(questionsFor(principle).map((q) => q.key));
      if (page.answers.some((a) => !keys.has(a.questionKey))) return { ok: false, kind: 'invalid', errors: { form: 'errors.form.unexpected_field' } };
      const existing = await responseFor(actor, review);
      // Sent answers are final: results (and the totals cached for them) never change under people's feet.
      if (existing?.submittedAt != null) return { ok: false, kind: 'conflict', reason: 'errors.reviews.already_sent' };
      await db.transaction().execute(async (trx) => {
        const responseId = existing?.id ?? (await repo.insertResponse(trx, actor.organisationId, review.id, actor.personId, role === 'record_group' ? 'group' : 'individual', now()));
        await repo.saveAnswers(trx, actor.organisationId, review.id, responseId, page.answers, now());
        if (role === 'record_group') await repo.saveNote(trx, actor.organisationId, review.id, principle, page.notes, now());
      });
      return ok(null);
    },

    /** Send the answers (or the group's): they count in the results from now on. Every principle must be answered. */
    async submit(actor: Actor, reviewId: string): Promise<Result<null>> {
      const review = await visible(actor, reviewId);
      if (review === undefined) return notFound();
      if (!canReview(actor, writer(review), review)) return forbidden();
      const response = await responseFor(actor, review);
      if (response === undefined) return { ok: false, kind: 'conflict', reason: 'errors.reviews.not_finished' };
      const answered = new Set((await repo.answersOf(db, actor.organisationId, response.id)).map((a) => a.questionKey));
      const missing = PRINCIPLE_KEYS.find((p) => questionsFor(p).some((q) => !answered.has(q.key)));
      if (missing !== undefined) return { ok: false, kind: 'conflict', reason: missing };
      await db.transaction().execute(async (trx) => {
        await repo.markSubmitted(trx, actor.organisationId, response.id, now());
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'review.answers_sent', subjectType: 'review', subjectId: review.id });
      });
      return ok(null);
    },

    /**
     * Close the review. For an individual review closing publishes a final round, when the rules allow one: answers
     * sent since the last round that are too few to publish never appear, and the last round stands.
     */
    async close(actor: Actor, reviewId: string): Promise<Result<{ finalRound: 'published' | 'last_stands' | 'none' | 'not_in_rounds' }>> {
      const review = await visible(actor, reviewId);
      if (review === undefined) return notFound();
      if (!canReview(actor, 'close', review)) return forbidden();
      const finalRound = await db.transaction().execute(async (trx) => {
        let outcome: 'published' | 'last_stands' | 'none' | 'not_in_rounds' = 'not_in_rounds';
        if (hasRounds(review) && review.status === 'open') {
          const { decision, roundId } = await publishRound(trx, actor.organisationId, review.id, { personId: actor.personId, now: now(), reason: 'closed' });
          const hadRound = (await roundsRepo.roundsOf(trx, actor.organisationId, review.id)).length > (roundId === null ? 0 : 1);
          outcome = roundId !== null ? 'published' : hadRound ? 'last_stands' : 'none';
          if (roundId !== null) await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'review.round_published', subjectType: 'review', subjectId: review.id, detail: { final: true, groups: decision.groupsShown } });
        }
        await repo.closeReview(trx, actor.organisationId, review.id, now());
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'review.closed', subjectType: 'review', subjectId: review.id });
        return outcome;
      });
      return ok({ finalRound });
    },

    /** Publish a round of combined results: refused (a conflict) unless at least three answers are new since the last. */
    async publish(actor: Actor, reviewId: string): Promise<Result<{ number: number }>> {
      const review = await visible(actor, reviewId);
      if (review === undefined) return notFound();
      if (!canReview(actor, 'publish', review)) return forbidden();
      return db.transaction().execute(async (trx): Promise<Result<{ number: number }>> => {
        const { decision, roundId } = await publishRound(trx, actor.organisationId, review.id, { personId: actor.personId, now: now(), reason: 'published' });
        if (roundId === null) return { ok: false, kind: 'conflict', reason: String(decision.needed) };
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'review.round_published', subjectType: 'review', subjectId: review.id, detail: { final: false, groups: decision.groupsShown } });
        return ok({ number: (await roundsRepo.roundsOf(trx, actor.organisationId, review.id)).length });
      });
    },

    /**
     * The diagram and its table. An individual review shows its latest published round (a snapshot, ADR 0014) beside
     * the previous review's; a group or practice review shows its answers as they are. A fixed handful of queries,
     * whatever the size.
     */
    async results(actor: Actor, reviewId: string): Promise<Result<ResultsPage>> {
      const review = await visible(actor, reviewId);
      if (review === undefined) return notFound();
      const previous = (await repo.previousReview(db, actor.organisationId, review)) ?? null;
      const ids = previous === null ? [review.id] : [review.id, previous.id];
      const versions = await repo.respondentVersions(db, actor.organisationId, ids);
      const notes = review.mode === 'group' ? await repo.notesOf(db, actor.organisationId, review.id) : [];
      const actions = await actionsRepo.actionsOf(db, actor.organisationId, [review.id]);
      const respondents = versions.get(review.id)?.count ?? 0;
      const inRounds = hasRounds(review);
      const roundReviews = [review, ...(previous === null ? [] : [previous])].filter(hasRounds).map((r) => r.id);
      const latest = await roundsRepo.latestRounds(db, actor.organisationId, roundReviews);
      const liveIds = ids.filter((id) => !roundReviews.includes(id) && (versions.get(id)?.count ?? 0) > 0);
      const live = liveIds.length === 0 ? null : await liveTotals(actor.organisationId, liveIds, versions);

      // Each series comes from a round (which never changes) or from live totals (at their version).
      const series: { key: SeriesKey; respondents: number; totals: readonly AnswerTotal[] }[] = [];
      const sources: string[] = [];
      const add = (key: SeriesKey, reviewOf: string): void => {
        const round = latest.get(reviewOf);
        if (round !== undefined) {
          series.push({ key, respondents: round.snapshot.current.respondents, totals: round.snapshot.current.totals });
          sources.push(`${key}:${round.id}`);
        } else if (live !== null && liveIds.includes(reviewOf)) {
          series.push({ key, respondents: versions.get(reviewOf)?.count ?? 0, totals: live.totals.get(reviewOf) ?? [] });
          sources.push(`${key}:${aggregatesVersion([reviewOf], versions)}`);
        }
      };
      add('current', review.id);
      let groupsShown = false;
      let results: ResultsView | null = null;
      const round = latest.get(review.id) ?? null;
      if (series.length > 0) {
        if (previous !== null) add('previous', previous.id);
        const groups = round?.snapshot.groups ?? null;
        if (groups !== null) {
          groupsShown = true;
          for (const p of COMPARED_PERSPECTIVES) series.push({ key: p, respondents: groups[p].respondents, totals: groups[p].totals });
        }
        results = resultsCached.getSync(cacheKey(ids), cacheVersion(...sources), () => buildResults(series));
      }

      let newAnswers: number | null = null;
      let publish: ResultsPage['publish'] = null;
      const may = mayAll(actor, review);
      if (inRounds && review.status === 'open') {
        const decision = await decisionFor(actor.organisationId, review.id, versions.get(review.id) ?? { count: 0, latest: '' }, round?.id ?? null);
        if (round !== null && decision.newAnswers >= MIN_GROUP_SIZE) newAnswers = decision.newAnswers;
        if (may.publish) publish = { allowed: decision.allowed, needed: decision.needed };
      }
      return ok({
        review,
        previous,
        respondents,
        heldBack: results === null,
        inRounds,
        round: round === null ? null : { id: round.id, number: round.number, reason: round.reason, respondents: round.respondents, groupsShown: round.groupsShown, publishedAt: round.publishedAt },
        newAnswers,
        publish,
        groupsShown,
        results,
        notes: Object.fromEntries(notes.map((n) => [n.principle, n.notes])),
        actions,
        may,
      });
    },

    /** For "my toolkit": reviews the person took part in. */
    async answeredBy(actor: Actor, limit = 50) {
      return repo.reviewsAnsweredBy(db, actor.organisationId, actor.personId, limit);
    },
  };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;
