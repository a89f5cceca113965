import type { Actor } from '../../shared/actor.js';
import { fail, forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import { newToken } from '../../shared/tokens.js';
import * as repo from './cards.repository.js';
import { looksLikeId, openMeetingCtx, openProjectCtx, type ProjectCtx } from './meetings.access.js';
import type { CardStatus } from './meetings.registry.js';
import { insertAgendaItem } from './meetings.repository.js';
import { checkCardMove } from './meetings.rules.js';
import { changed, type MeetingsServiceDeps } from './meetings.service.js';

export interface CardsPage extends ProjectCtx {
  readonly cards: readonly repo.Card[];
  readonly updates: readonly { id: string; body: string; createdAt: string }[];
  readonly formKey: string;
}

export interface CardInput {
  readonly body: string;
  readonly wantsToHelp: boolean;
  readonly showName: boolean;
  readonly formKey: string;
}

/**
 * The author's name is shown to the group only when they chose so; the card keeper (and the author) always see it,
 * so the keeper can invite them to say more.
 */
export function visibleAuthor(card: repo.Card, viewerId: string, keeperId: string | null): string | null {
  if (card.showName || card.authorId === viewerId || (keeperId !== null && keeperId === viewerId)) return card.authorName;
  return null;
}

export function createCardsService(deps: MeetingsServiceDeps) {
  const { db, clock, audit } = deps;
  const now = () => clock.now().toISOString();
  const live = changed(deps);

  return {
    /** Every card in the project, with a fresh one-off key for the form (a double submit then makes one card). */
    async page(actor: Actor, projectId: string): Promise<Result<CardsPage>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const [cards, updates] = await Promise.all([repo.listCards(db, actor.organisationId, projectId), repo.listProjectUpdates(db, actor.organisationId, projectId)]);
      return ok({ ...ctx, cards, updates, formKey: newToken() });
    },

    async submit(actor: Actor, projectId: string, input: CardInput): Promise<Result<{ cardId: string; created: boolean }>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('take_part')) return forbidden();
      const at = now();
      const result = await db.transaction().execute(async (trx) => {
        const card = await repo.insertCardOnce(trx, actor.organisationId, { projectId, authorId: actor.personId, ...input, now: at });
        if (card.created) {
          await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'card.written', subjectType: 'opportunity_card', subjectId: card.id, detail: { showName: input.showName } });
        }
        return card;
      });
      return ok({ cardId: result.id, created: result.created });
    },

    /** The keeper brings every new card to this meeting: each becomes "introduced" and an agenda item. */
    async introduceNew(actor: Actor, projectId: string, meetingId: string): Promise<Result<{ count: number }>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('introduce_cards', { keeperId: ctx.meeting.keeperId })) return forbidden();
      const org = actor.organisationId;
      const at = now();
      const count = await db.transaction().execute(async (trx) => {
        const cards = await repo.listCards(trx, org, projectId, { status: 'new' });
        let moved = 0;
        for (const card of cards) {
          if (!checkCardMove(card.status, 'introduced', { meetingId }).ok) continue;
          if (!(await repo.moveCard(trx, org, card.id, { from: card.status, to: 'introduced', meetingId, now: at }))) continue;
          await insertAgendaItem(trx, org, { meetingId, title: card.body.slice(0, 200), details: null, raisedBy: card.authorId, cardId: card.id, now: at });
          moved += 1;
        }
        await live.bump(trx, org, meetingId);
        await audit.record(trx, { organisationId: org, actorAccountId: actor.accountId, action: 'cards.introduced', subjectType: 'meeting', subjectId: meetingId, detail: { count: moved } });
        return moved;
      });
      live.publish(meetingId, 'cards');
      return ok({ count });
    },

    /** Taken forward (with the "you said, we did" update that answers it), parked or done. */
    async move(actor: Actor, projectId: string, cardId: string, input: { status: CardStatus; updateId: string | null }): Promise<Result<{ meetingId: string | null }>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined || !looksLikeId(cardId)) return notFound();
      const org = actor.organisationId;
      const card = await repo.findCard(db, org, projectId, cardId);
      if (card === undefined) return notFound();
      if (!ctx.can('facilitate')) return forbidden();
      if (input.status === 'introduced') return invalid({ status: 'errors.meetings.card.introduce_at_meeting' });
      if (input.updateId !== null) {
        const updates = await repo.listProjectUpdates(db, org, projectId);
        if (!updates.some((u) => u.id === input.updateId)) return invalid({ updateId: 'errors.meetings.card.update_required' });
      }
      const check = checkCardMove(card.status, input.status, { meetingId: card.meetingId, updateId: input.updateId });
      if (!check.ok) return invalid({ [check.error === 'needs_update' ? 'updateId' : 'status']: `errors.meetings.card.move_${check.error}` });
      const moved = await db.transaction().execute(async (trx) => {
        const done = await repo.moveCard(trx, org, cardId, { from: card.status, to: input.status, ...(input.status === 'taken_forward' ? { updateId: input.updateId } : {}), now: now() });
        if (!done) return false;
        if (card.meetingId !== null) await live.bump(trx, org, card.meetingId);
        await audit.record(trx, { organisationId: org, actorAccountId: actor.accountId, action: 'card.moved', subjectType: 'opportunity_card', subjectId: cardId, detail: { from: card.status, to: input.status } });
        return true;
      });
      if (!moved) return fail({ kind: 'conflict', reason: 'errors.meetings.card.moved_meanwhile' });
      if (card.meetingId !== null) live.publish(card.meetingId, 'cards');
      return ok({ meetingId: card.meetingId });
    },
  };
}
