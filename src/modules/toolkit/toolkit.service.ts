import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import { ok, type Result } from '../../shared/result.js';
import type { LadderService } from '../ladder/ladder.service.js';
import type { ActionsService } from '../reviews/actions.service.js';
import type { ReviewsService } from '../reviews/reviews.service.js';
import { checksFor, progressOf, type TopicKey } from './learning.registry.js';
import * as repo from './toolkit.repository.js';

export interface ToolkitServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
  readonly ladder: LadderService;
  readonly reviews: ReviewsService;
  readonly reviewActions: ActionsService;
}

export function createToolkitService({ db, clock, ladder, reviews, reviewActions }: ToolkitServiceDeps) {
  return {
    /** Everything a person has made with the toolkit, for one printable page. Only their own things. */
    async mine(actor: Actor) {
      const reflections = await ladder.own(actor);
      const answered = await reviews.answeredBy(actor);
      const actions = await reviewActions.ownedBy(actor);
      const answers = await repo.learningAnswers(db, actor.organisationId, actor.personId);
      return ok({ reflections, answered, actions, progress: progressOf(answers) });
    },

    async learning(actor: Actor) {
      const answers = await repo.learningAnswers(db, actor.organisationId, actor.personId);
      return ok({ answers: Object.fromEntries(answers.map((a) => [a.checkKey, a])), progress: progressOf(answers) });
    },

    /** Record answers to a topic's knowledge check; returns which were right. */
    async answer(actor: Actor, topic: TopicKey, chosen: Readonly<Record<string, string>>): Promise<Result<{ checkKey: string; correct: boolean }[]>> {
      const marked = checksFor(topic)
        .filter((c) => chosen[c.key] !== undefined)
        .map((c) => ({ checkKey: c.key, answer: chosen[c.key] ?? '', correct: chosen[c.key] === c.correct }));
      await repo.saveLearningAnswers(db, actor.organisationId, actor.personId, marked, clock.now().toISOString());
      return ok(marked.map(({ checkKey, correct }) => ({ checkKey, correct })));
    },
  };
}

export type ToolkitService = ReturnType<typeof createToolkitService>;
