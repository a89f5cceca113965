import type { Actor } from '../../shared/actor.js';
import { forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import * as repo from './gratitude.repository.js';
import { openMeetingCtx, openProjectCtx, type ProjectCtx } from './meetings.access.js';
import { listCirclePeople } from './meetings.repository.js';
import { changed, type MeetingsServiceDeps } from './meetings.service.js';

export interface JournalPage extends ProjectCtx {
  readonly entries: readonly repo.GratitudeEntry[];
  readonly mine: string | null;
}

export function createGratitudeService(deps: MeetingsServiceDeps) {
  const { db, clock, audit } = deps;
  const now = () => clock.now().toISOString();
  const live = changed(deps);

  return {
    /**
     * The gratitude round: up to three things. A person shares their own; the people running the meeting can record
     * for someone who says theirs aloud (they must be in the circle).
     */
    async shareRound(actor: Actor, projectId: string, meetingId: string, input: { personId?: string | undefined; things: (string | null)[] }): Promise<Result<{ forOther: boolean }>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('take_part')) return forbidden();
      const personId = input.personId === undefined || input.personId === '' ? actor.personId : input.personId;
      const forOther = personId !== actor.personId;
      if (forOther) {
        if (!ctx.can('facilitate')) return forbidden();
        const people = await listCirclePeople(db, actor.organisationId, projectId);
        if (!people.some((p) => p.id === personId)) return invalid({ forPerson: 'errors.meetings.gratitude.person_not_in_circle' });
      }
      await db.transaction().execute(async (trx) => {
        await repo.saveEntries(trx, actor.organisationId, { projectId, meetingId, scopeId: meetingId, kind: 'round', personId, recordedBy: actor.personId, bodies: input.things.slice(0, 3), now: now() });
        await live.bump(trx, actor.organisationId, meetingId);
      });
      live.publish(meetingId, 'gratitude');
      return ok({ forOther });
    },

    /** A gratitude postcard to close: one per person per meeting (sending again replaces it). */
    async postcard(actor: Actor, projectId: string, meetingId: string, body: string): Promise<Result<null>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('take_part')) return forbidden();
      await db.transaction().execute(async (trx) => {
        await repo.saveEntries(trx, actor.organisationId, { projectId, meetingId, scopeId: meetingId, kind: 'postcard', personId: actor.personId, recordedBy: actor.personId, bodies: [body], now: now() });
        await live.bump(trx, actor.organisationId, meetingId);
      });
      live.publish(meetingId, 'postcards');
      return ok(null);
    },

    async journal(actor: Actor, projectId: string): Promise<Result<JournalPage>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const entries = await repo.listEntries(db, actor.organisationId, projectId, ['journal']);
      return ok({ ...ctx, entries, mine: entries.find((e) => e.personId === actor.personId)?.body ?? null });
    },

    /** A co-producer's gratitude journal entry: part of the project's evaluation. */
    async writeJournal(actor: Actor, projectId: string, body: string): Promise<Result<null>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('write_journal')) return forbidden();
      await db.transaction().execute(async (trx) => {
        await repo.saveEntries(trx, actor.organisationId, { projectId, meetingId: null, scopeId: projectId, kind: 'journal', personId: actor.personId, recordedBy: actor.personId, bodies: [body], now: now() });
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'gratitude_journal.written', subjectType: 'project', subjectId: projectId });
      });
      return ok(null);
    },
  };
}
