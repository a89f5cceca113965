import type { Actor } from '../../shared/actor.js';
import { DEFAULT_LANGUAGE, isLanguage, translatorFor } from '../../shared/i18n.js';
import { queueMail, type QueuedMail } from '../../shared/outbox.js';
import { forbidden, notFound, ok, type Result } from '../../shared/result.js';
import { looksLikeId, openProject, type ProjectContext } from './projects.access.js';
import type { ProjectsServiceDeps } from './projects.service.js';
import * as repo from './updates.repository.js';

export const UPDATES_PAGE_SIZE = 20;
export const NOTIFICATIONS_SHOWN = 50;

export interface UpdatesPage extends ProjectContext {
  readonly updates: readonly repo.ProjectUpdate[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

export function createUpdatesService({ db, clock, outbox, baseUrl }: ProjectsServiceDeps) {
  const now = () => clock.now().toISOString();
  const unread = repo.unreadCounter(db);
  return {
    async page(actor: Actor, projectId: string, page: number): Promise<Result<UpdatesPage>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const total = await repo.countUpdates(db, actor.organisationId, projectId);
      const pages = Math.max(1, Math.ceil(total / UPDATES_PAGE_SIZE));
      const current = Math.min(Math.max(1, Number.isFinite(page) ? Math.trunc(page) : 1), pages);
      const updates = await repo.listUpdates(db, actor.organisationId, projectId, UPDATES_PAGE_SIZE, (current - 1) * UPDATES_PAGE_SIZE);
      return ok({ ...ctx, updates, total, page: current, pages });
    },

    /**
     * "You said, we did": post an update and tell everyone in the circle, in the app and (for those who prefer it and
     * have an email address) by email in their own language. The emails are queued with the update and go after the
     * response.
     */
    async post(actor: Actor, projectId: string, input: { body: string; quoted: string | null }): Promise<Result<{ updateId: string; told: number; emailed: number }>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.post_update) return forbidden();
      const at = now();
      const org = actor.organisationId;
      const link = `${baseUrl}/projects/${projectId}/updates`;
      const { updateId, recipients, emailed } = await db.transaction().execute(async (trx) => {
        const id = await repo.insertUpdate(trx, org, { projectId, body: input.body, quoted: input.quoted, authorId: actor.personId, now: at });
        const people = await repo.listRecipients(trx, org, projectId, actor.personId);
        await repo.insertNotifications(trx, org, { personIds: people.map((p) => p.personId), kind: 'project_update', projectId, updateId: id, now: at });
        // One message per person, so one address that fails does not stop the others.
        const mail = people
          .filter((r): r is repo.Recipient & { email: string } => r.tellBy === 'app_and_email' && r.email !== null)
          .map((recipient): QueuedMail => {
            const t = translatorFor(isLanguage(recipient.language) ? recipient.language : DEFAULT_LANGUAGE);
            const quote = input.quoted === null ? '' : t('projects.mail.update.quoted', { quoted: input.quoted });
            return {
              kind: 'project_update', organisationId: org,
              to: recipient.email,
              subject: t('projects.mail.update.subject', { project: ctx.project.title }),
              text: t('projects.mail.update.body', { name: recipient.name, author: actor.displayName, project: ctx.project.title, quote, body: input.body, url: link }),
            };
          });
        await queueMail(trx, mail, clock.now());
        return { updateId: id, recipients: people, emailed: mail.length };
      });
      outbox.wake();
      return ok({ updateId, told: recipients.length, emailed });
    },

    async notifications(actor: Actor): Promise<Result<{ items: repo.NotificationItem[]; unread: number }>> {
      const [items, unread] = await Promise.all([
        repo.listNotifications(db, actor.organisationId, actor.personId, NOTIFICATIONS_SHOWN),
        repo.countUnread(db, actor.organisationId, actor.personId),
      ]);
      return ok({ items, unread });
    },

    /** For the navigation on every page. */
    async unreadCount(actor: Actor): Promise<number> {
      return unread(actor.organisationId, actor.personId);
    },

    /** Mark a notification read and say where to go: only the person's own notifications. */
    async open(actor: Actor, notificationId: string): Promise<Result<{ url: string }>> {
      if (!looksLikeId(notificationId)) return notFound();
      const target = await repo.markRead(db, actor.organisationId, actor.personId, notificationId, now());
      if (target === undefined) return notFound();
      return ok({ url: target.projectId === null ? '/notifications' : `/projects/${target.projectId}/updates${target.updateId === null ? '' : `#update-${target.updateId}`}` });
    },

    async readAll(actor: Actor): Promise<Result<null>> {
      await repo.markAllRead(db, actor.organisationId, actor.personId, now());
      return ok(null);
    },
  };
}
