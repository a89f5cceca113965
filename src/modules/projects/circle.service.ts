import { fromJson } from '../../db/portable.js';
import type { Actor } from '../../shared/actor.js';
import { atLeast } from '../../shared/actor.js';
import { fail, forbidden, invalid, notFound, ok, type Result } from '../../shared/result.js';
import { drawCircle, type CircleDrawing } from './circle.geometry.js';
import type { AddToCircleInput, EngagementInput, PlacementInput } from './circle.forms.js';
import * as repo from './circle.repository.js';
import { looksLikeId, openProject, type ProjectContext } from './projects.access.js';
import { canSee } from './projects.permissions.js';
import { CIRCLE_INFO, CIRCLES, suggestEngagement, type Circle, type EngagementSuggestion, type TellBy } from './projects.registry.js';
import type { ProjectsServiceDeps } from './projects.service.js';
import { circleVersionOf, circleViewCache, directoryVersionOf, organisationPeopleCache } from './projects.cache.js';

/** The circle as its page shows it: the same for everyone who sees it, so cached for each circle version. */
export interface CircleView {
  readonly members: readonly repo.CirclePerson[];
  /** Everyone again, circle by circle (from the centre outwards), in name order within each. */
  readonly groups: readonly { readonly circle: Circle; readonly members: readonly repo.CirclePerson[] }[];
  readonly drawing: CircleDrawing;
}

export interface CirclePage extends ProjectContext, CircleView {
  /**
   * Everyone in the organisation, in name order, of whom those not `inCircle` could be added (only for those who may
   * change the circle; otherwise empty).
   */
  readonly everyone: readonly repo.PersonOption[];
  /** The ids of the people in the circle now. */
  readonly inCircle: ReadonlySet<string>;
}

export interface MemberPage extends ProjectContext {
  readonly member: repo.CircleMember;
  readonly moves: readonly repo.CircleMove[];
  readonly suggestion: EngagementSuggestion;
  readonly isSelf: boolean;
}

export interface JourneyEntry {
  readonly projectId: string;
  readonly title: string;
  readonly stage: string;
  readonly started: repo.Placement | null;
  readonly now: repo.Placement | null;
  readonly moves: readonly repo.CircleMove[];
}

/** People circle by circle, from the centre outwards, keeping their order within each circle. */
export function groupByCircle<T extends { readonly circle: Circle }>(people: readonly T[]): { readonly circle: Circle; readonly members: T[] }[] {
  const groups = CIRCLES.map((circle) => ({ circle, members: [] as T[] }));
  for (const person of people) groups[CIRCLES.indexOf(person.circle)]?.members.push(person);
  return groups;
}

function participationWays(json: string | null | undefined): string[] {
  try {
    const value = fromJson(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function createCircleService({ db, clock, audit }: ProjectsServiceDeps) {
  const now = () => clock.now().toISOString();
  const circles = circleViewCache();
  const organisationPeople = organisationPeopleCache();

  /** The organisation's people at the directory version read with the project. */
  async function everyone(organisationId: string, ctx: ProjectContext): Promise<readonly repo.PersonOption[]> {
    return organisationPeople.get(organisationId, directoryVersionOf(ctx), () => repo.listOrganisationPeople(db, organisationId));
  }

  /** The circle at the version read with the project: read and drawn again only after a change. */
  async function circleView(organisationId: string, project: ProjectContext['project']): Promise<CircleView> {
    return circles.get(project.id, circleVersionOf(project), async () => {
      const members = await repo.listCirclePeople(db, organisationId, project.id);
      return {
        members,
        groups: groupByCircle(members),
        drawing: drawCircle(members.map((m) => ({ id: m.personId, name: m.name, circle: m.circle }))),
      };
    });
  }

  /** A circle must keep at least one co-producer: someone is always responsible for the outcome. */
  async function leavesNoCoProducer(organisationId: string, projectId: string, personId: string, to: Circle | null): Promise<boolean> {
    if (to === 'co_producers') return false;
    const members = await repo.listCircle(db, organisationId, projectId);
    const others = members.filter((m) => m.circle === 'co_producers' && m.personId !== personId);
    const self = members.find((m) => m.personId === personId);
    return self?.circle === 'co_producers' && others.length === 0;
  }

  return {
    /**
     * The circle page: at most three queries, whatever the number of people; one while the circle and the
     * organisation's people are unchanged since they were last read (both versions come with the project).
     */
    async page(actor: Actor, projectId: string): Promise<Result<CirclePage>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      const [view, people] = await Promise.all([
        circleView(actor.organisationId, ctx.project),
        ctx.can.change_circle ? everyone(actor.organisationId, ctx) : Promise.resolve([]),
      ]);
      return ok({ ...ctx, ...view, everyone: people, inCircle: new Set(view.members.map((m) => m.personId)) });
    },

    /** Place a named person in the circle: someone already here, or a new person record made by name. */
    async add(actor: Actor, projectId: string, input: AddToCircleInput): Promise<Result<{ personId: string; name: string }>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.change_circle) return forbidden();
      const org = actor.organisationId;
      const at = now();
      const placement = { circle: input.circle, level: input.level ?? CIRCLE_INFO[input.circle].defaultLevel, domain: input.domain, note: input.note };
      if (input.personId !== null) {
        const person = looksLikeId(input.personId) ? await repo.findPerson(db, org, input.personId) : undefined;
        if (person === undefined) return invalid({ personId: 'errors.projects.circle.person_unknown' });
        if ((await repo.findMember(db, org, projectId, person.id)) !== undefined) return invalid({ personId: 'errors.projects.circle.already_in' });
      }
      return db.transaction().execute(async (trx) => {
        let personId = input.personId;
        let name = '';
        if (personId === null) {
          name = input.newName ?? '';
          personId = await repo.insertPerson(trx, org, name, at);
          await audit.record(trx, { organisationId: org, actorAccountId: actor.accountId, action: 'person.created_in_circle', subjectType: 'person', subjectId: personId, detail: { projectId } });
        } else {
          name = (await repo.findPerson(trx, org, personId))?.name ?? '';
        }
        const previous = await repo.findAnyMembership(trx, org, projectId, personId);
        if (previous === undefined) {
          await repo.insertMember(trx, org, { ...placement, projectId, personId, addedBy: actor.personId, engagementHow: null, engagementHowOften: null, now: at });
        } else {
          await repo.rejoin(trx, org, previous.id, { ...placement, addedBy: actor.personId, now: at });
        }
        await repo.insertMove(trx, org, { projectId, personId, from: null, to: placement, note: input.note, movedBy: actor.personId, now: at });
        await audit.record(trx, {
          organisationId: org, actorAccountId: actor.accountId, action: 'circle.person_added', subjectType: 'project', subjectId: projectId,
          detail: { personId, circle: placement.circle, level: placement.level, domain: placement.domain },
        });
        return ok({ personId, name });
      });
    },

    async member(actor: Actor, projectId: string, personId: string): Promise<Result<MemberPage>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined || !looksLikeId(personId)) return notFound();
      // Someone's plan and history are for them and for the people who run the circle.
      if (!ctx.can.change_circle && personId !== actor.personId) return notFound();
      const [member, moves, ways] = await Promise.all([
        repo.findMember(db, actor.organisationId, projectId, personId),
        repo.listMoves(db, actor.organisationId, personId, projectId),
        repo.participationWaysOf(db, actor.organisationId, personId),
      ]);
      if (member === undefined) return notFound();
      return ok({ ...ctx, member, moves, suggestion: suggestEngagement(member.circle, participationWays(ways)), isSelf: personId === actor.personId });
    },

    /** Move someone to another circle, level or domain. The move is kept in their history. */
    async place(actor: Actor, projectId: string, personId: string, input: PlacementInput): Promise<Result<null>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined || !looksLikeId(personId)) return notFound();
      if (!ctx.can.change_circle) return forbidden();
      const org = actor.organisationId;
      const member = await repo.findMember(db, org, projectId, personId);
      if (member === undefined) return notFound();
      if (member.circle === input.circle && member.level === input.level && member.domain === input.domain) {
        return invalid({ circle: 'errors.projects.circle.nothing_changed' });
      }
      if (await leavesNoCoProducer(org, projectId, personId, input.circle)) return fail({ kind: 'conflict', reason: 'errors.projects.circle.last_co_producer' });
      const at = now();
      const from = { circle: member.circle, level: member.level, domain: member.domain, note: member.note };
      await db.transaction().execute(async (trx) => {
        await repo.updatePlacement(trx, org, projectId, personId, { ...input, note: input.note ?? member.note, now: at });
        await repo.insertMove(trx, org, { projectId, personId, from, to: { ...input }, note: input.note, movedBy: actor.personId, now: at });
        await audit.record(trx, {
          organisationId: org, actorAccountId: actor.accountId, action: 'circle.person_moved', subjectType: 'project', subjectId: projectId,
          detail: { personId, fromCircle: from.circle, toCircle: input.circle, fromLevel: from.level, toLevel: input.level, fromDomain: from.domain, toDomain: input.domain },
        });
      });
      return ok(null);
    },

    /** How and how often we keep in touch: set by co-producers and facilitators, or by the person themselves. */
    async setEngagement(actor: Actor, projectId: string, personId: string, input: EngagementInput): Promise<Result<null>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined || !looksLikeId(personId)) return notFound();
      if (!ctx.can.change_circle && personId !== actor.personId) return forbidden();
      if ((await repo.findMember(db, actor.organisationId, projectId, personId)) === undefined) return notFound();
      await repo.updateMemberFields(db, actor.organisationId, projectId, personId, { engagement_how: input.engagementHow, engagement_how_often: input.engagementHowOften, updated_at: now() });
      return ok(null);
    },

    /** Take someone out of the circle. Their history stays. */
    async remove(actor: Actor, projectId: string, personId: string): Promise<Result<{ name: string }>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined || !looksLikeId(personId)) return notFound();
      if (!ctx.can.change_circle) return forbidden();
      const org = actor.organisationId;
      const member = await repo.findMember(db, org, projectId, personId);
      if (member === undefined) return notFound();
      if (await leavesNoCoProducer(org, projectId, personId, null)) return fail({ kind: 'conflict', reason: 'errors.projects.circle.last_co_producer' });
      const at = now();
      await db.transaction().execute(async (trx) => {
        await repo.updateMemberFields(trx, org, projectId, personId, { left_at: at, updated_at: at });
        await repo.insertMove(trx, org, { projectId, personId, from: { circle: member.circle, level: member.level, domain: member.domain, note: member.note }, to: null, note: null, movedBy: actor.personId, now: at });
        await audit.record(trx, { organisationId: org, actorAccountId: actor.accountId, action: 'circle.person_removed', subjectType: 'project', subjectId: projectId, detail: { personId, circle: member.circle } });
      });
      return ok({ name: member.name });
    },

    /** How the person likes to hear about this project: in the app, or in the app and by email. */
    async setTellBy(actor: Actor, projectId: string, tellBy: TellBy): Promise<Result<null>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (!ctx.can.set_own_preferences) return forbidden();
      await repo.updateMemberFields(db, actor.organisationId, projectId, actor.personId, { tell_by: tellBy, updated_at: now() });
      return ok(null);
    },

    /** "I would like to do more": the co-producers see it next to the person's name in the circle. */
    async askForMore(actor: Actor, projectId: string): Promise<Result<null>> {
      const ctx = await openProject(db, actor, projectId);
      if (ctx === undefined) return notFound();
      if (ctx.membership === null) return forbidden();
      const at = now();
      await repo.updateMemberFields(db, actor.organisationId, projectId, actor.personId, { wants_more_at: at, updated_at: at });
      return ok(null);
    },

    /**
     * A person's journey across projects: where they started and where they are now. Seen by the person and by
     * facilitators; invite-only projects appear only to those who may see them.
     */
    async journey(actor: Actor, personId: string): Promise<Result<{ person: repo.PersonOption; entries: JourneyEntry[]; isSelf: boolean }>> {
      if (!looksLikeId(personId)) return notFound();
      const isSelf = personId === actor.personId;
      if (!isSelf && !atLeast(actor, 'facilitator')) return notFound();
      const org = actor.organisationId;
      const person = await repo.findPerson(db, org, personId);
      if (person === undefined) return notFound();
      const [projects, moves, mine] = await Promise.all([
        repo.listJourneyProjects(db, org, personId),
        repo.listMoves(db, org, personId),
        isSelf ? Promise.resolve([]) : repo.listJourneyProjects(db, org, actor.personId),
      ]);
      const viewerCircles = new Map(mine.map((p) => [p.projectId, p.now?.circle ?? null]));
      const entries = projects
        .filter((p) => isSelf || canSee({ permission: actor.permission, circle: viewerCircles.get(p.projectId) ?? null }, p))
        .map((p) => {
          const own = moves.filter((m) => m.projectId === p.projectId);
          const first = own.find((m) => m.to.circle !== null);
          const started = first?.to.circle != null && first.to.level !== null && first.to.domain !== null
            ? { circle: first.to.circle, level: first.to.level, domain: first.to.domain, note: first.note }
            : null;
          return { projectId: p.projectId, title: p.title, stage: p.stage, started, now: p.now, moves: own };
        });
      return ok({ person, entries, isSelf });
    },
  };
}

export type CircleService = ReturnType<typeof createCircleService>;
