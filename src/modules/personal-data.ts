import { accountLink, column, link, type TableEntry } from '../shared/personal-data.js';
import { AUTH_PERSONAL_DATA } from './auth/auth.personal-data.js';
import { LADDER_PERSONAL_DATA } from './ladder/ladder.personal-data.js';
import { MEETINGS_PERSONAL_DATA } from './meetings/meetings.personal-data.js';
import { ORGANISATIONS_PERSONAL_DATA } from './organisations/organisations.personal-data.js';
import { PEOPLE_PERSONAL_DATA } from './people/people.personal-data.js';
import { PROJECTS_PERSONAL_DATA } from './projects/projects.personal-data.js';
import { REVIEWS_PERSONAL_DATA } from './reviews/reviews.personal-data.js';
import { TOOLKIT_PERSONAL_DATA } from './toolkit/toolkit.personal-data.js';

/** Tables that belong to no one module: the audit log, scheduled jobs and the email outbox (src/shared/audit.ts, jobs.ts, outbox.ts). */
const SHARED_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'audit_events',
    about: ['actor_account_id', 'subject_id'],
    personal: {
      actor_account_id: accountLink('keep', 'admins', 'The audit log is append-only evidence of who did what; it holds ids, never names or health details.'),
      subject_id: link('keep', 'admins', 'As above: an id, so after erasure it points to "Former member".'),
      detail: column('activity', 'keep', 'admins', 'Ids, names of fields changed and permissions, never what anyone wrote (src/shared/audit.ts).'),
    },
    other: ['id', 'organisation_id', 'action', 'subject_type', 'created_at'],
  },
  {
    table: 'jobs',
    about: [],
    personal: {
      payload: column('link', 'keep', 'system', 'Record ids only; a job about someone removed finds nothing to do and ends.'),
    },
    other: ['id', 'organisation_id', 'kind', 'key', 'run_at', 'claimed_by', 'lease_until', 'attempts', 'last_error', 'done_at', 'created_at'],
  },
  {
    // Email waiting to go (src/shared/outbox.ts). The body holds links with tokens and, for updates, what others
    // wrote: it is emptied as soon as the message has gone or been given up on, and finished rows are deleted later.
    table: 'mail_outbox',
    about: ['to_email'],
    personal: {
      to_email: column('contact', 'delete_row', 'system'),
      subject: column('security', 'delete_row', 'system'),
      body: column('security', 'delete_row', 'system'),
      invitation_id: column('link', 'delete_row', 'system'),
    },
    // last_error is written by describeMailError, which keeps codes only: never an address or a server's reply.
    other: ['id', 'organisation_id', 'kind', 'key', 'status', 'attempts', 'next_attempt_at', 'send_before', 'lease_holder', 'lease_until', 'last_error', 'finished_at', 'created_at'],
  },
];

/**
 * The personal-data registry: every table of the database, each column declared. Export and erasure are to be
 * written over it; test/db/personal-data-registry.test.ts checks it against the live schema on both databases.
 */
export const PERSONAL_DATA_REGISTRY: readonly TableEntry[] = [
  ...AUTH_PERSONAL_DATA,
  ...ORGANISATIONS_PERSONAL_DATA,
  ...PEOPLE_PERSONAL_DATA,
  ...PROJECTS_PERSONAL_DATA,
  ...MEETINGS_PERSONAL_DATA,
  ...REVIEWS_PERSONAL_DATA,
  ...LADDER_PERSONAL_DATA,
  ...TOOLKIT_PERSONAL_DATA,
  ...SHARED_PERSONAL_DATA,
];

const PERSON_COLUMNS = new Map(PERSONAL_DATA_REGISTRY.map((entry) => [entry.table, Object.entries(entry.personal).filter(([, c]) => c.to === 'person').map(([name]) => name)]));

/** The columns of a table that hold a person's id. */
export function personColumns(table: string): readonly string[] {
  return PERSON_COLUMNS.get(table) ?? [];
}
