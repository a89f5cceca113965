import type { Config } from './config.js';
import type { Db } from './db/connect.js';
import { createAuditWriter } from './shared/audit.js';
import type { Clock } from './shared/clock.js';
import type { Mailer } from './shared/mailer.js';
import { createOutbox } from './shared/outbox.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { deviceKey } from './modules/auth/device-trust.js';
import { createInvitationsService } from './modules/auth/invitations.service.js';
import { createOrganisationsService } from './modules/organisations/organisations.service.js';
import { createCrisisLinesService } from './modules/organisations/crisis-lines.service.js';
import { createPeopleService } from './modules/people/people.service.js';
import { createProjectsService } from './modules/projects/projects.service.js';
import { createReviewsService } from './modules/reviews/reviews.service.js';
import { createActionsService } from './modules/reviews/actions.service.js';
import { createLadderService } from './modules/ladder/ladder.service.js';
import { createToolkitService } from './modules/toolkit/toolkit.service.js';
import { createMeetingsService } from './modules/meetings/meetings.wiring.js';
import { createAccessNeedsRetention } from './modules/meetings/access-needs-retention.service.js';

export interface ServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly mailer: Mailer;
  readonly config: Config;
  /** Told of each failed attempt to send an email (it stays in the outbox and is tried again). */
  readonly onMailError?: (error: unknown, kind: string) => void;
}

/** Every use case, wired once with plain factory functions. */
export function createServices({ db, clock, mailer, config, onMailError }: ServiceDeps) {
  const audit = createAuditWriter(clock);
  const common = { db: db.kysely, clock, audit };
  const outbox = createOutbox({ db: db.kysely, clock, mailer, ...(onMailError === undefined ? {} : { onError: onMailError }) });
  const projects = createProjectsService({ ...common, outbox, baseUrl: config.baseUrl });
  const reviewActions = createActionsService({ ...common, outbox, baseUrl: config.baseUrl });
  const reviews = createReviewsService(common);
  const ladder = createLadderService(common);
  const accessNeedsRetention = createAccessNeedsRetention(common);
  return {
    audit,
    auth: createAuthService({ ...common, mailer, outbox, baseUrl: config.baseUrl, deviceKey: deviceKey(config.sessionSecret) }),
    invitations: createInvitationsService({ ...common, mailer, outbox, baseUrl: config.baseUrl }),
    organisations: createOrganisationsService(common),
    crisisLines: createCrisisLinesService(common),
    people: createPeopleService({ ...common, relationships: projects.relationships }),
    projects,
    reviews,
    reviewActions,
    ladder,
    toolkit: createToolkitService({ ...common, ladder, reviews, reviewActions }),
    meetings: createMeetingsService({ ...common, outbox, baseUrl: config.baseUrl }),
    /** The email outbox: the jobs runner sends what is due in it on each pass. */
    outbox,
    /** Handlers for scheduled jobs (src/shared/jobs.ts), by kind. */
    jobHandlers: { ...reviewActions.jobHandlers, ...accessNeedsRetention.jobHandlers },
    /** Work the jobs runner schedules for every organisation once a period. */
    recurringJobs: [...accessNeedsRetention.recurringJobs],
  };
}

export type Services = ReturnType<typeof createServices>;
