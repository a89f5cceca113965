import type { Migration } from 'kysely';
import * as foundation from './2026-11-22-001-foundation.js';
import * as peopleProfiles from './2026-11-22-002-people-profiles.js';
import * as projects from './2026-11-22-003-projects.js';
import * as reviews from './2026-11-22-004-reviews.js';
import * as meetings from './2026-11-22-005-meetings.js';
import * as strengthLabels from './2026-11-22-006-strength-labels.js';
import * as peopleSearch from './2026-11-22-007-people-search.js';
import * as projectsSpeed from './2026-11-22-008-projects-speed.js';
import * as reviewOrderIndex from './2026-11-22-009-review-order-index.js';
import * as directoryPages from './2026-12-02-010-directory-pages.js';
import * as organisationCountry from './2026-12-03-011-organisation-country.js';
import * as decisionPeopleById from './2026-12-03-013-decision-people-by-id.js';
import * as versionStamps from './2026-12-03-012-version-stamps.js';
import * as mailOutbox from './2026-12-03-020-mail-outbox.js';
import * as accessNeedsRetention from './2026-12-03-060-access-needs-retention.js';
import * as crisisLines from './2026-12-03-061-crisis-lines.js';
import * as reviewRounds from './2026-12-03-040-review-rounds.js';
import * as closedReviewRounds from './2026-12-03-041-closed-review-rounds.js';

/** Every migration, in order. Names are dated and never change once shipped. */
export const migrations: Record<string, Migration> = {
  '2026-11-22-001-foundation': foundation,
  '2026-11-22-002-people-profiles': peopleProfiles,
  '2026-11-22-003-projects': projects,
  '2026-11-22-004-reviews': reviews,
  '2026-11-22-005-meetings': meetings,
  '2026-11-22-006-strength-labels': strengthLabels,
  '2026-11-22-007-people-search': peopleSearch,
  '2026-11-22-008-projects-speed': projectsSpeed,
  '2026-11-22-009-review-order-index': reviewOrderIndex,
  '2026-12-02-010-directory-pages': directoryPages,
  '2026-12-03-011-organisation-country': organisationCountry,
  '2026-12-03-012-version-stamps': versionStamps,
  '2026-12-03-013-decision-people-by-id': decisionPeopleById,
  '2026-12-03-020-mail-outbox': mailOutbox,
  '2026-12-03-040-review-rounds': reviewRounds,
  '2026-12-03-041-closed-review-rounds': closedReviewRounds,
  '2026-12-03-060-access-needs-retention': accessNeedsRetention,
  '2026-12-03-061-crisis-lines': crisisLines,
};
