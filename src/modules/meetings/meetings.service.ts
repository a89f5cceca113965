import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import type { Outbox } from '../../shared/outbox.js';
import { fail, forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import { hashToken, looksLikeToken, newToken } from '../../shared/tokens.js';
import { listCardsForMeeting, type Card } from './cards.repository.js';
import { listEntries, type GratitudeEntry } from './gratitude.repository.js';
import { listProposals, type Proposal } from './decisions.repository.js';
import { calendar, type CalendarEvent } from './meetings.ical.js';
import { openMeetingCtx, openProjectCtx, type MeetingCtx, type ProjectCtx } from './meetings.access.js';
import type { MeetingFormValue } from './meetings.forms.js';
import type { MeetingAction } from './meetings.permissions.js';
import type { LiveEvent, LiveHub } from './meetings.live.js';
import type { KeeperMode, ReplyAnswer, Way } from './meetings.registry.js';
import * as repo from './meetings.repository.js';
import { pastStartField, proposeKeeper } from './meetings.rules.js';
import { zonedToUtc } from './meetings.time.js';
import { findNotes, listActions, type Action, type Notes } from './notes.repository.js';

export interface MeetingsServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
  readonly outbox: Outbox;
  readonly baseUrl: string;
  readonly live: LiveHub;
}

export interface MeetingPage extends MeetingCtx {
  readonly people: readonly repo.CirclePerson[];
  /** Everyone's replies; others' access needs and travel expenses only for those who may see them. */
  readonly replies: readonly repo.Reply[];
  /** How many people told the facilitators about access needs. */
  readonly accessNeedsCount: number;
  readonly myReply: repo.Reply | null;
  readonly agenda: readonly repo.AgendaItem[];
  readonly introduced: readonly Card[];
  readonly newCards: readonly Card[];
  readonly gratitude: readonly GratitudeEntry[];
  readonly proposals: readonly Proposal[];
  readonly notes: Notes | null;
  readonly actions: readonly Action[];
  readonly proposedKeeper: string | null;
  readonly isKeeper: boolean;
  readonly past: boolean;
}

/** Shared by the sub-services: bump the meeting's version in the transaction, and tell live views after it. */
export function changed(deps: MeetingsServiceDeps) {
  return {
    async bump(trx: repo.Db, org: string, meetingId: string) {
      await repo.bumpVersion(trx, org, meetingId);
    },
    publish(meetingId: string, type: LiveEvent['type']) {
      deps.live.publish(meetingId, { type, version: null });
    },
  };
}

export function createMeetingsCore(deps: MeetingsServiceDeps) {
  const { db, clock, audit } = deps;
  const now = () => clock.now().toISOString();
  const live = changed(deps);

  async function proposedKeeperFor(org: string, projectId: string, people: readonly repo.CirclePerson[], current: string | null, mode: KeeperMode, before: string) {
    const history = await repo.keeperHistory(db, org, projectId, before);
    const candidates = people
      .filter((p) => p.circle === 'co_producers')
      .map((p) => ({ personId: p.id, willing: p.willingToKeep, timesKept: history.get(p.id)?.times ?? 0, lastKeptAt: history.get(p.id)?.last ?? null, joinedAt: p.joinedAt }));
    return proposeKeeper(candidates, current, mode);
  }

  return {
    /**
     * Whether the actor may do this in the project or, given a meeting, at that meeting (whose card keeper and
     * note-taker count). False too when they may not see it, or it is not there.
     */
    async may(actor: Actor, projectId: string, action: MeetingAction, meetingId?: string): Promise<boolean> {
      if (meetingId === undefined) return (await openProjectCtx(db, actor, projectId))?.can(action) ?? false;
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      return ctx?.can(action, { keeperId: ctx.meeting.keeperId, noteTakerId: ctx.meeting.noteTakerId }) ?? false;
    },

    async list(actor: Actor, projectId: string): Promise<Result<ProjectCtx & { meetings: repo.Meeting[]; timeZone: string; now: string }>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const [meetings, timeZone] = await Promise.all([repo.listMeetings(db, actor.organisationId, projectId), repo.organisationTimeZone(db, actor.organisationId)]);
      return ok({ ...ctx, meetings, timeZone, now: now() });
    },

    /** The person's meetings across every project they are in, from today on. */
    async mine(actor: Actor): Promise<Result<{ meetings: repo.Meeting[] }>> {
      const since = new Date(clock.now().getTime() - 12 * 3_600_000).toISOString();
      return ok({ meetings: await repo.listMeetingsForPerson(db, actor.organisationId, actor.personId, since) });
    },

    async forNew(actor: Actor, projectId: string): Promise<Result<ProjectCtx>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('facilitate')) return forbidden();
      return ok(ctx);
    },

    /**
     * Plan a meeting. The time is typed in the organisation's time zone and stored in UTC. The card keeper is the one
     * Doing With proposes: the last meeting's keeper if the group chose "stay", otherwise the next willing co-producer.
     */
    async create(actor: Actor, projectId: string, input: MeetingFormValue): Promise<Result<{ meetingId: string }>> {
      const ctx = await openProjectCtx(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('facilitate')) return forbidden();
      const org = actor.organisationId;
      const timeZone = await repo.organisationTimeZone(db, org);
      const past = pastStartField({ ...input.date, ...input.start }, timeZone, clock.now());
      if (past === 'date') return invalid({ 'date-day': 'errors.meetings.meeting.date_past' });
      if (past === 'startTime') return invalid({ startTime: 'errors.meetings.meeting.start_past' });
      const startsAt = zonedToUtc({ ...input.date, ...input.start }, timeZone).toISOString();
      const endsAt = zonedToUtc({ ...input.date, ...input.end }, timeZone).toISOString();
      const [people, meetings] = await Promise.all([repo.listCirclePeople(db, org, projectId), repo.listMeetings(db, org, projectId)]);
      const previous = meetings.find((m) => m.startsAt < startsAt);
      const mode = previous?.keeperMode ?? 'rotate';
      const keeperId = await proposedKeeperFor(org, projectId, people, previous?.keeperId ?? null, mode, startsAt);
      const at = now();
      const meetingId = await db.transaction().execute(async (trx) => {
        const id = await repo.insertMeeting(trx, org, { ...input, startsAt, endsAt, projectId, keeperId, keeperMode: mode, createdBy: actor.personId, now: at });
        await audit.record(trx, { organisationId: org, actorAccountId: actor.accountId, action: 'meeting.created', subjectType: 'meeting', subjectId: id, detail: { projectId } });
        return id;
      });
      return ok({ meetingId });
    },

    /** The meeting page: a fixed number of queries, whatever the size of the circle or the agenda. */
    async page(actor: Actor, projectId: string, meetingId: string): Promise<Result<MeetingPage>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      const org = actor.organisationId;
      const [people, replies, agenda, cards, gratitude, proposals, notes, actions] = await Promise.all([
        repo.listCirclePeople(db, org, projectId),
        repo.listReplies(db, org, meetingId),
        repo.listAgenda(db, org, meetingId),
        listCardsForMeeting(db, org, projectId, meetingId),
        listEntries(db, org, meetingId, ['round', 'postcard']),
        listProposals(db, org, projectId, meetingId),
        findNotes(db, org, meetingId),
        listActions(db, org, meetingId),
      ]);
      const proposedKeeper = await proposedKeeperFor(org, projectId, people, ctx.meeting.keeperId, ctx.meeting.keeperMode, ctx.meeting.startsAt);
      const seesNeeds = ctx.can('see_access_needs');
      const othersNeeds = replies.filter((r) => r.personId !== actor.personId && r.accessNeeds !== null);
      if (seesNeeds && othersNeeds.length > 0) {
        // Access needs can say something about health: reads by others are recorded, as on profiles.
        await audit.record(db, {
          organisationId: org, actorAccountId: actor.accountId, action: 'meeting.access_needs_viewed',
          subjectType: 'meeting', subjectId: meetingId, detail: { people: othersNeeds.length },
        });
      }
      const shownReplies = seesNeeds ? replies : replies.map((r) => (r.personId === actor.personId ? r : { ...r, accessNeeds: null, travelExpenses: false }));
      return ok({
        ...ctx, people, replies: shownReplies, accessNeedsCount: replies.filter((r) => r.accessNeeds !== null).length, agenda, introduced: cards.introduced, newCards: cards.waiting, gratitude, proposals, notes: notes ?? null, actions, proposedKeeper,
        myReply: replies.find((r) => r.personId === actor.personId) ?? null,
        isKeeper: ctx.meeting.keeperId === actor.personId,
        past: ctx.meeting.endsAt < now(),
      });
    },

    async reply(actor: Actor, projectId: string, meetingId: string, input: { answer: ReplyAnswer; way: Way | null; accessNeeds: string | null; travelExpenses: boolean }): Promise<Result<null>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('take_part')) return forbidden();
      await db.transaction().execute(async (trx) => {
        await repo.upsertReply(trx, actor.organisationId, { meetingId, personId: actor.personId, ...input, now: now() });
        await live.bump(trx, actor.organisationId, meetingId);
      });
      live.publish(meetingId, 'replies');
      return ok(null);
    },

    /** Anyone in the circle adds to the agenda. */
    async addAgendaItem(actor: Actor, projectId: string, meetingId: string, input: { title: string; details: string | null }): Promise<Result<null>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('take_part')) return forbidden();
      await db.transaction().execute(async (trx) => {
        await repo.insertAgendaItem(trx, actor.organisationId, { meetingId, ...input, raisedBy: actor.personId, cardId: null, now: now() });
        await live.bump(trx, actor.organisationId, meetingId);
      });
      live.publish(meetingId, 'agenda');
      return ok(null);
    },

    /** Who keeps the cards and takes the notes: for the people running the meeting; both must be in the circle. */
    async setRoles(actor: Actor, projectId: string, meetingId: string, input: { keeperId: string | null; keeperMode: KeeperMode; noteTakerId: string | null }): Promise<Result<null>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('facilitate')) return forbidden();
      const people = await repo.listCirclePeople(db, actor.organisationId, projectId);
      const inCircle = (id: string | null) => id === null || people.some((p) => p.id === id);
      if (!inCircle(input.keeperId)) return invalid({ keeperId: 'errors.meetings.roles.not_in_circle' });
      if (!inCircle(input.noteTakerId)) return invalid({ noteTakerId: 'errors.meetings.roles.not_in_circle' });
      await db.transaction().execute(async (trx) => {
        await repo.updateRoles(trx, actor.organisationId, meetingId, { ...input, now: now() });
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'meeting.roles_set', subjectType: 'meeting', subjectId: meetingId, detail: { keeperMode: input.keeperMode } });
      });
      live.publish(meetingId, 'roles');
      return ok(null);
    },

    /**
     * A co-producer says whether they are willing to keep the cards (someone who says no is never proposed). Asked
     * from a meeting's page: the meeting must be this project's, or the answer is "not found".
     */
    async setWilling(actor: Actor, projectId: string, meetingId: string, willing: boolean): Promise<Result<null>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      if (!ctx.can('take_part')) return forbidden();
      await repo.setKeeperPreference(db, actor.organisationId, { projectId, personId: actor.personId, willing, now: now() });
      return ok(null);
    },

    async ics(actor: Actor, projectId: string, meetingId: string, orgName: string): Promise<Result<string>> {
      const ctx = await openMeetingCtx(db, actor, projectId, meetingId);
      if (ctx === undefined) return notFound();
      const timeZone = await repo.organisationTimeZone(db, actor.organisationId);
      return ok(calendar([toEvent(ctx.meeting, ctx.projectTitle, deps.baseUrl)], { name: orgName, timeZone }));
    },

    /** A new personal feed address (the old one stops working). The token is shown once and stored hashed. */
    async newFeed(actor: Actor): Promise<Result<{ url: string }>> {
      const token = newToken();
      await db.transaction().execute(async (trx) => {
        await repo.insertFeed(trx, actor.organisationId, { personId: actor.personId, tokenHash: hashToken(token), now: now() });
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'calendar_feed.created', subjectType: 'person', subjectId: actor.personId });
      });
      return ok({ url: `${deps.baseUrl}/calendar/${token}.ics` });
    },

    /** The read-only feed: meetings of every project the person is in, from a month ago on. */
    async feed(token: string): Promise<Result<string>> {
      if (!looksLikeToken(token)) return notFound();
      const owner = await repo.findFeed(db, hashToken(token));
      if (owner === undefined) return fail({ kind: 'not_found' });
      const since = new Date(clock.now().getTime() - 31 * 86_400_000).toISOString();
      const meetings = await repo.listMeetingsForPerson(db, owner.organisationId, owner.personId, since);
      return ok(calendar(meetings.map((m) => toEvent(m, null, deps.baseUrl)), { name: owner.orgName, timeZone: owner.timeZone }));
    },
  };
}

function toEvent(m: repo.Meeting, projectTitle: string | null, baseUrl: string): CalendarEvent {
  const url = `${baseUrl}/projects/${m.projectId}/meetings/${m.id}`;
  const where = [m.place, m.onlineUrl].filter((x): x is string => x !== null).join(' — ');
  return {
    uid: `${m.id}@doing-with`, title: projectTitle === null ? m.title : `${m.title} (${projectTitle})`, startsAt: m.startsAt, endsAt: m.endsAt, updatedAt: m.updatedAt,
    location: where === '' ? null : where, description: url, url,
  };
}
