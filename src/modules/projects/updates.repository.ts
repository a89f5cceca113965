import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { compiledFor, precompiled } from '../../db/precompiled.js';
import { newId, toCount } from '../../db/portable.js';
import type { TellBy } from './projects.registry.js';
import { personRef, type Db, type PersonRef } from './projects.repository.js';

export interface ProjectUpdate {
  readonly id: string;
  readonly body: string;
  readonly quoted: string | null;
  readonly author: PersonRef;
  readonly at: string;
}

export async function insertUpdate(db: Db, organisationId: string, input: { projectId: string; body: string; quoted: string | null; authorId: string; now: string }): Promise<string> {
  const id = newId();
  await db
    .insertInto('project_updates')
    .values({ id, organisation_id: organisationId, project_id: input.projectId, body: input.body, quoted: input.quoted, author_id: input.authorId, created_at: input.now })
    .execute();
  return id;
}

/** Newest first, a page at a time. */
export async function listUpdates(db: Db, organisationId: string, projectId: string, limit: number, offset = 0): Promise<ProjectUpdate[]> {
  // Compiled once per page size and position (the project page's latest few, each page of the list).
  const rows = await compiledFor(db, `listUpdates:${String(limit)}:${String(offset)}`, ['org', 'project'], (v) =>
    db
      .selectFrom('project_updates as u')
      .leftJoin('people as p', 'p.id', 'u.author_id')
      .select(['u.id', 'u.body', 'u.quoted', 'u.author_id', 'u.created_at', 'p.display_name', 'p.archived_at'])
      .where('u.organisation_id', '=', v.org)
      .where('u.project_id', '=', v.project)
      .orderBy('u.created_at', 'desc')
      .orderBy('u.id', 'desc')
      .limit(limit)
      .offset(offset),
  )({ org: organisationId, project: projectId });
  return rows.map((r) => ({ id: r.id, body: r.body, quoted: r.quoted, author: personRef(r.author_id, r.display_name, r.archived_at), at: r.created_at }));
}

export async function countUpdates(db: Db, organisationId: string, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('project_updates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

export interface Recipient {
  readonly personId: string;
  readonly name: string;
  readonly tellBy: TellBy;
  /** Null for people without an account: they are told in the app only (and by the engagement plan). */
  readonly email: string | null;
  readonly language: string;
}

/** Everyone in the circle now except the author, with how they like to be told, in one query. */
export async function listRecipients(db: Db, organisationId: string, projectId: string, authorId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom('circle_members as cm')
    .innerJoin('people as p', 'p.id', 'cm.person_id')
    .innerJoin('organisations as o', 'o.id', 'cm.organisation_id')
    .leftJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['cm.person_id', 'p.display_name', 'cm.tell_by', 'a.email', 'a.language', 'o.default_language'])
    .where('cm.organisation_id', '=', organisationId)
    .where('cm.project_id', '=', projectId)
    .where('cm.left_at', 'is', null)
    .where('p.archived_at', 'is', null)
    .where('cm.person_id', '!=', authorId)
    .orderBy('cm.person_id')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, name: r.display_name, tellBy: r.tell_by, email: r.email, language: r.language ?? r.default_language }));
}

const CHUNK = 200;

/** One in-app notification per person, inserted in a few statements however large the circle. */
export async function insertNotifications(db: Db, organisationId: string, input: { personIds: readonly string[]; kind: string; projectId: string; updateId: string; now: string }): Promise<void> {
  for (let i = 0; i < input.personIds.length; i += CHUNK) {
    const rows = input.personIds.slice(i, i + CHUNK).map((personId) => ({
      id: newId(), organisation_id: organisationId, person_id: personId, kind: input.kind, project_id: input.projectId, update_id: input.updateId, created_at: input.now, read_at: null,
    }));
    await db.insertInto('notifications').values(rows).execute();
  }
}

export interface NotificationItem {
  readonly id: string;
  readonly kind: string;
  readonly projectId: string | null;
  readonly projectTitle: string | null;
  readonly updateId: string | null;
  readonly excerpt: string | null;
  readonly at: string;
  readonly read: boolean;
}

export async function listNotifications(db: Db, organisationId: string, personId: string, limit: number): Promise<NotificationItem[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('projects as pr', 'pr.id', 'n.project_id')
    .leftJoin('project_updates as u', 'u.id', 'n.update_id')
    .select(['n.id', 'n.kind', 'n.project_id', 'pr.title', 'n.update_id', 'u.body', 'n.created_at', 'n.read_at'])
    .where('n.organisation_id', '=', organisationId)
    .where('n.person_id', '=', personId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id, kind: r.kind, projectId: r.project_id, projectTitle: r.title, updateId: r.update_id,
    excerpt: r.body === null ? null : r.body.length > 160 ? `${r.body.slice(0, 157)}…` : r.body,
    at: r.created_at, read: r.read_at !== null,
  }));
}

/**
 * The unread count for the navigation, on every signed-in page: compiled once (src/db/precompiled.ts) and run with
 * the organisation and person each time.
 */
export function unreadCounter(db: Kysely<Database>): (organisationId: string, personId: string) => Promise<number> {
  const run = precompiled(
    db,
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', '')
      .where('person_id', '=', '')
      .where('read_at', 'is', null),
  );
  return async (organisationId, personId) => toCount((await run(organisationId, personId))[0]?.n);
}

export async function countUnread(db: Db, organisationId: string, personId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** Mark one of the person's own notifications read; returns where it points, or undefined if it is not theirs. */
export async function markRead(db: Db, organisationId: string, personId: string, notificationId: string, now: string): Promise<{ projectId: string | null; updateId: string | null } | undefined> {
  const row = await db
    .selectFrom('notifications')
    .select(['project_id', 'update_id', 'read_at'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('id', '=', notificationId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  if (row.read_at === null) {
    await db.updateTable('notifications').set({ read_at: now }).where('organisation_id', '=', organisationId).where('id', '=', notificationId).execute();
  }
  return { projectId: row.project_id, updateId: row.update_id };
}

export async function markAllRead(db: Db, organisationId: string, personId: string, now: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .execute();
}
