import type { CardStatus } from './meetings.registry.js';
import { fromDbBool, newId, toDbBool } from '../../db/portable.js';
import type { Db } from './meetings.repository.js';

export interface Card {
  readonly id: string;
  readonly body: string;
  readonly authorId: string | null;
  /** The author's name (shown to the group only when they said so; the keeper always sees it). */
  readonly authorName: string | null;
  readonly showName: boolean;
  readonly wantsToHelp: boolean;
  readonly status: CardStatus;
  readonly meetingId: string | null;
  readonly meetingTitle: string | null;
  readonly updateId: string | null;
  readonly createdAt: string;
}

function cardQuery(db: Db, org: string, projectId: string) {
  return db
    .selectFrom('opportunity_cards as c')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 'c.author_id').on('p.organisation_id', '=', org))
    .leftJoin('meetings as m', (j) => j.onRef('m.id', '=', 'c.introduced_meeting_id').on('m.organisation_id', '=', org))
    .select(['c.id', 'c.body', 'c.author_id', 'p.display_name', 'c.show_name', 'c.wants_to_help', 'c.status', 'c.introduced_meeting_id', 'm.title as meeting_title', 'c.update_id', 'c.created_at'])
    .where('c.organisation_id', '=', org)
    .where('c.project_id', '=', projectId);
}

type CardRow = Awaited<ReturnType<ReturnType<typeof cardQuery>['executeTakeFirstOrThrow']>>;

function toCard(r: CardRow): Card {
  return {
    id: r.id, body: r.body, authorId: r.author_id, authorName: r.display_name, showName: fromDbBool(r.show_name), wantsToHelp: fromDbBool(r.wants_to_help),
    status: r.status, meetingId: r.introduced_meeting_id, meetingTitle: r.meeting_title, updateId: r.update_id, createdAt: r.created_at,
  };
}

export async function listCards(db: Db, org: string, projectId: string, options: { status?: CardStatus; meetingId?: string } = {}): Promise<Card[]> {
  let query = cardQuery(db, org, projectId);
  if (options.status !== undefined) query = query.where('c.status', '=', options.status);
  if (options.meetingId !== undefined) query = query.where('c.introduced_meeting_id', '=', options.meetingId);
  const rows = await query.orderBy('c.created_at').orderBy('c.id').limit(500).execute();
  return rows.map(toCard);
}

/** For a meeting's page, in one query: the cards introduced at the meeting, and the project's new cards. */
export async function listCardsForMeeting(db: Db, org: string, projectId: string, meetingId: string): Promise<{ introduced: Card[]; waiting: Card[] }> {
  const rows = await cardQuery(db, org, projectId)
    .where((eb) => eb.or([eb('c.introduced_meeting_id', '=', meetingId), eb('c.status', '=', 'new')]))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(1000)
    .execute();
  const cards = rows.map(toCard);
  return { introduced: cards.filter((c) => c.meetingId === meetingId), waiting: cards.filter((c) => c.status === 'new') };
}

export async function findCard(db: Db, org: string, projectId: string, cardId: string): Promise<Card | undefined> {
  const row = await cardQuery(db, org, projectId).where('c.id', '=', cardId).executeTakeFirst();
  return row === undefined ? undefined : toCard(row);
}

/**
 * Insert a card once: the form's one-off key is unique, so a second submission of the same form finds the first card
 * instead of making another. Returns the card's id and whether it is new.
 */
export async function insertCardOnce(db: Db, org: string, v: { projectId: string; authorId: string; body: string; wantsToHelp: boolean; showName: boolean; formKey: string; now: string }): Promise<{ id: string; created: boolean }> {
  const id = newId();
  const inserted = await db
    .insertInto('opportunity_cards')
    .values({
      id, organisation_id: org, project_id: v.projectId, author_id: v.authorId, body: v.body, wants_to_help: toDbBool(v.wantsToHelp), show_name: toDbBool(v.showName),
      status: 'new', introduced_meeting_id: null, update_id: null, form_key: v.formKey, created_at: v.now, updated_at: v.now,
    })
    .onConflict((oc) => oc.columns(['organisation_id', 'form_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted !== undefined) return { id: inserted.id, created: true };
  const existing = await db
    .selectFrom('opportunity_cards')
    .select(['id', 'project_id', 'author_id'])
    .where('organisation_id', '=', org)
    .where('form_key', '=', v.formKey)
    .executeTakeFirstOrThrow();
  // A key is only ever reused by the same person on the same project's form.
  if (existing.author_id !== v.authorId || existing.project_id !== v.projectId) throw new Error('form key reused');
  return { id: existing.id, created: false };
}

/** Move a card only if it is still where the mover saw it (two keepers clicking at once move it once). */
export async function moveCard(db: Db, org: string, cardId: string, v: { from: CardStatus; to: CardStatus; meetingId?: string | null; updateId?: string | null; now: string }): Promise<boolean> {
  const result = await db
    .updateTable('opportunity_cards')
    .set({
      status: v.to,
      updated_at: v.now,
      ...(v.meetingId === undefined ? {} : { introduced_meeting_id: v.meetingId }),
      ...(v.updateId === undefined ? {} : { update_id: v.updateId }),
    })
    .where('organisation_id', '=', org)
    .where('id', '=', cardId)
    .where('status', '=', v.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The "you said, we did" updates of a project (from #4's table), newest first, for linking a card. */
export async function listProjectUpdates(db: Db, org: string, projectId: string): Promise<{ id: string; body: string; createdAt: string }[]> {
  const rows = await db
    .selectFrom('project_updates')
    .select(['id', 'body', 'created_at'])
    .where('organisation_id', '=', org)
    .where('project_id', '=', projectId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: r.created_at }));
}
