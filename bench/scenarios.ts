import type { FastifyInstance } from 'fastify';
import { BIG_DIRECTORY, priyaProfile, setUpBigDirectory, setUpProfile } from './people.js';
import { BUSY_MEETING, BUSY_PROJECT, busyMeeting, busyProject, setUpBusyMeeting, setUpBusyProject } from './projects.js';
import { BIG_REVIEW, bigReview, setUpBigReview } from './reviews.js';

export interface BenchContext {
  readonly app: FastifyInstance;
  /** Like http://127.0.0.1:41234 */
  readonly origin: string;
}

/**
 * One page to measure. Later pages (a directory of 10,000 people, a busy project) add a scenario here, with a
 * `setup` that generates their data.
 */
export interface Scenario {
  readonly name: string;
  readonly path: string;
  /** A demo account to sign in as (password: DEMO_PASSWORD); absent for a public page. */
  readonly signedInAs?: string;
  /** Text the page must contain, so an error page or a redirect is never what gets measured. */
  readonly expect: string;
  /** Also measure a static copy of the page's HTML served by the same server, and report the ratio to it. */
  readonly staticTwin?: boolean;
  /** Prepare data before measuring. Runs after the demo organisations exist. */
  readonly setup?: (context: BenchContext) => Promise<void>;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'home page, signed in',
    path: '/',
    signedInAs: 'alex@riverside.example',
    expect: 'Hello, Alex Morgan',
    staticTwin: true,
  },
  {
    name: `project page, circle of ${String(BUSY_PROJECT.people)} and ${String(BUSY_PROJECT.updates)} updates`,
    get path() {
      return `/projects/${busyProject()}`;
    },
    signedInAs: 'priya@riverside.example',
    expect: BUSY_PROJECT.title,
    staticTwin: true,
    setup: setUpBusyProject,
  },
  {
    name: `circle page, circle of ${String(BUSY_PROJECT.people)}`,
    get path() {
      return `/projects/${busyProject()}/circle`;
    },
    signedInAs: 'priya@riverside.example',
    expect: `${String(BUSY_PROJECT.people)} people in the circle`,
    staticTwin: true,
    setup: setUpBusyProject,
  },
  {
    name: `meeting page, circle of ${String(BUSY_PROJECT.people)}`,
    get path() {
      return `/projects/${busyProject()}/meetings/${busyMeeting()}`;
    },
    signedInAs: 'priya@riverside.example',
    expect: BUSY_MEETING.title,
    staticTwin: true,
    setup: setUpBusyMeeting,
  },
  {
    name: `people directory, ${BIG_DIRECTORY.people.toLocaleString('en-GB')} people, search by strength`,
    path: '/people?q=design&kind=offer',
    signedInAs: 'jordan@riverside.example',
    expect: 'people found',
    setup: setUpBigDirectory,
  },
  {
    name: `people directory, ${BIG_DIRECTORY.people.toLocaleString('en-GB')} people, page 200`,
    path: '/people?page=200',
    signedInAs: 'jordan@riverside.example',
    expect: 'Show team wall',
    setup: setUpBigDirectory,
  },
  {
    name: 'one-page profile, seen by another member',
    get path() {
      return priyaProfile();
    },
    signedInAs: 'jordan@riverside.example',
    expect: 'What people appreciate about me',
    staticTwin: true,
    setup: setUpProfile,
  },
  {
    name: `review results, ${String(BIG_REVIEW.responses)} responses, ${BIG_REVIEW.reviews.toLocaleString('en-GB')} reviews in the organisation`,
    get path() {
      return `/reviews/${bigReview()}/results`;
    },
    signedInAs: 'priya@riverside.example',
    expect: 'Weakest:',
    staticTwin: true,
    setup: setUpBigReview,
  },
];
