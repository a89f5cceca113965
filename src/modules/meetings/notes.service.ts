import type { Actor } from '../../shared/actor.js';
import { DEFAULT_LANGUAGE, isLanguage, translatorFor } from '../../shared/i18n.js';
import { queueMail, type QueuedMail } from '../../shared/outbox.js';
import { forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import { openMeetingCtx } from './meetings.access.js';
import { listCirclePeople } from './meetings.repository.js';
import { changed, type MeetingsServiceDeps } from './meetings.service.js';
import * as repo from './notes.repository.js';

export function createNotesService(deps: MeetingsServiceDeps) {
  const { db, clock, audit, outbox, baseUrl } = deps;
  const now = () => clock.now().toISOString();
  const live = changed(deps);

  return {
    /**
     * The note-taker (or the people running the meeting) writes the notes. Sharing them is the inform step: everyone
     * else in the circle is told in the app and, if they prefer, by email in their own language (queued with the notes,
     * sent after the response).
     */
    async save(actor: Actor, projectId: string, meetingId: string, input: { notes: string; share: boolean }): Promise<Result<{ told: number }>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('write_notes', { noteTakerId: ctx.meeting.noteTakerId })) return forbidden();
      const org = actor.organisationId;
      const at = now();
      const people = await listCirclePeople(db, org, projectId);
      const others = people.filter((p) => p.id !== actor.personId);
      const link = `${baseUrl}/projects/${projectId}/meetings/${meetingId}#notes`;
      const mail = !input.share
        ? []
        : others
            .filter((person): person is typeof person & { email: string } => person.tellBy === 'app_and_email' && person.email !== null)
            .map((person): QueuedMail => {
              const t = translatorFor(isLanguage(person.language) ? person.language : DEFAULT_LANGUAGE);
              return {
                kind: 'meeting_notes', organisationId: org,
                to: person.email,
                subject: t('meetings.mail.notes.subject', { meeting: ctx.meeting.title }),
                text: t('meetings.mail.notes.body', { name: person.name, meeting: ctx.meeting.title, project: ctx.projectTitle, url: link }),
              };
            });
      await db.transaction().execute(async (trx) => {
        await repo.saveNotes(trx, org, { meetingId, body: input.notes, writtenBy: actor.personId, share: input.share, now: at });
        if (input.share) await repo.notify(trx, org, { personIds: others.map((p) => p.id), projectId, now: at });
        await queueMail(trx, mail, clock.now());
        await live.bump(trx, org, meetingId);
        await audit.record(trx, { organisationId: org, actorAccountId: actor.accountId, action: input.share ? 'meeting_notes.shared' : 'meeting_notes.saved', subjectType: 'meeting', subjectId: meetingId });
      });
      live.publish(meetingId, 'notes');
      if (mail.length > 0) outbox.wake();
      return ok({ told: input.share ? others.length : 0 });
    },

    /** An action, assigned to a named person in the circle. */
    async addAction(actor: Actor, projectId: string, meetingId: string, input: { action: string; personId: string }): Promise<Result<null>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('write_notes', { noteTakerId: ctx.meeting.noteTakerId })) return forbidden();
      const people = await listCirclePeople(db, actor.organisationId, projectId);
      if (!people.some((p) => p.id === input.personId)) return invalid({ personId: 'errors.meetings.action.person_required' });
      await db.transaction().execute(async (trx) => {
        await repo.insertAction(trx, actor.organisationId, { meetingId, text: input.action, personId: input.personId, now: now() });
        await live.bump(trx, actor.organisationId, meetingId);
      });
      live.publish(meetingId, 'notes');
      return ok(null);
    },
  };
}
