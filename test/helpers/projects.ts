import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.js';
import { newId } from '../../src/db/portable.js';
import { createProjectsService, type ProjectsService } from '../../src/modules/projects/projects.service.js';
import type { Circle, Domain, Level } from '../../src/modules/projects/projects.registry.js';
import { createAuditWriter } from '../../src/shared/audit.js';
import { fixedClock } from '../../src/shared/clock.js';
import { createOutbox } from '../../src/shared/outbox.js';
import type { Result } from '../../src/shared/result.js';
import { createCapturingMailer, type CapturingMailer } from './mailer.js';

export const BASE_URL = 'http://localhost:3000';

export interface ProjectsHarness {
  readonly projects: ProjectsService;
  readonly mailer: CapturingMailer;
  readonly clock: ReturnType<typeof fixedClock>;
}

/** The projects service on a test database, with a clock tests move by hand and mail kept in memory. */
export function projectsHarness(db: Kysely<Database>): ProjectsHarness {
  const clock = fixedClock(new Date('2026-11-22T10:00:00Z'));
  const mailer = createCapturingMailer();
  const projects = createProjectsService({ db, clock, audit: createAuditWriter(clock), outbox: createOutbox({ db, clock, mailer }), baseUrl: BASE_URL });
  return { projects, mailer, clock };
}

/** The value of a use case that must succeed. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return result.value;
}

export const PROJECT_INPUT = {
  title: 'Peer-led welcome group',
  purpose: 'A friendly welcome for people coming for the first time.',
  whoFor: 'People new to the service',
  startsOn: null,
  endsOn: null,
  visibility: 'open' as const,
};

/** A person record without an account (someone named in a circle who does not use the app). */
export async function makePersonWithoutAccount(db: Kysely<Database>, organisationId: string, name: string): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('people')
    .values({ id, organisation_id: organisationId, account_id: null, display_name: name, permission: 'member', created_at: now, updated_at: now, archived_at: null, archived_by: null })
    .execute();
  return id;
}

/** Put someone in a project's circle straight in the database (for volume tests; journeys use the pages). */
export async function placeDirectly(
  db: Kysely<Database>,
  organisationId: string,
  projectId: string,
  personId: string,
  placement: { circle: Circle; level?: Level; domain?: Domain },
): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('circle_members')
    .values({
      id: newId(), organisation_id: organisationId, project_id: projectId, person_id: personId, circle: placement.circle,
      level: placement.level ?? 'consult', domain: placement.domain ?? 'we', note: null, engagement_how: null, engagement_how_often: null,
      tell_by: 'app_and_email', wants_more_at: null, added_by: null, created_at: now, updated_at: now, left_at: null,
    })
    .execute();
}

/** A strength a person offers on their profile (the people module's table). */
export async function offerStrength(db: Kysely<Database>, organisationId: string, personId: string, label: string): Promise<void> {
  await db
    .insertInto('strengths')
    .values({ id: newId(), organisation_id: organisationId, person_id: personId, kind: 'offer', label, label_normalised: label.trim().replace(/\s+/g, ' ').toLowerCase(), created_at: new Date().toISOString() })
    .execute();
}

export interface GeneratedCircles {
  readonly projectIds: readonly string[];
  /** The first project, whose circle holds `largeCircle` people. */
  readonly largeProjectId: string;
}

/**
 * Many projects with circles drawn from `people` (seeded, so the same every run), in batched inserts: for query plan
 * and volume tests. Every project has `circleSize` people (some of whom have left), the first `largeCircle`.
 */
export async function generateCircles(
  db: Kysely<Database>,
  organisationId: string,
  people: readonly string[],
  options: { projects: number; circleSize: number; largeCircle: number },
): Promise<GeneratedCircles> {
  const circles: readonly Circle[] = ['co_producers', 'participants', 'involved', 'consulted'];
  const now = new Date('2026-11-01T09:00:00.000Z').toISOString();
  const projectIds: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let p = 0; p < options.projects; p += 1) {
      const id = newId();
      projectIds.push(id);
      await trx
        .insertInto('projects')
        .values({ id, organisation_id: organisationId, title: `Generated project ${String(p + 1)}`, purpose: 'Generated for testing', who_for: 'Everyone', starts_on: null, ends_on: null, visibility: 'open', stage: 'involve', cycle: 1, review_open: 0, created_by: null, created_at: now, updated_at: now, archived_at: null, archived_by: null })
        .execute();
      const size = Math.min(p === 0 ? options.largeCircle : options.circleSize, people.length);
      const members = new Set<string>();
      for (let i = 0; members.size < size; i += 1) members.add(people[(p * 37 + i) % people.length] ?? '');
      const rows = [...members].map((personId, i) => ({
        id: newId(), organisation_id: organisationId, project_id: id, person_id: personId, circle: circles[i % circles.length] ?? 'participants',
        level: 'involve' as const, domain: 'we' as const, note: null, engagement_how: null, engagement_how_often: null, tell_by: 'app_and_email' as const,
        wants_more_at: null, added_by: null, created_at: now, updated_at: now, left_at: p > 0 && i % 7 === 6 ? now : null,
      }));
      for (let start = 0; start < rows.length; start += 100) await trx.insertInto('circle_members').values(rows.slice(start, start + 100)).execute();
    }
  });
  return { projectIds, largeProjectId: projectIds[0] ?? '' };
}
