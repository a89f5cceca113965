import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { compiledFor } from '../../db/precompiled.js';
import type { Relationships } from '../people/people.relationships.js';

/**
 * Who shares a project with whom, for the people module's "only people in projects with me" profile setting:
 * both in the circle now (not left) of the same project that is not archived. One query each.
 */
export function createProjectRelationships(db: Kysely<Database>): Relationships {
  function shared(organisationId: string, viewerPersonId: string) {
    return db
      .selectFrom('circle_members as mine')
      .innerJoin('circle_members as theirs', (join) =>
        join.onRef('theirs.project_id', '=', 'mine.project_id').on('theirs.organisation_id', '=', organisationId).on('theirs.left_at', 'is', null),
      )
      .innerJoin('projects as p', 'p.id', 'mine.project_id')
      .where('mine.organisation_id', '=', organisationId)
      .where('mine.person_id', '=', viewerPersonId)
      .where('mine.left_at', 'is', null)
      .where('p.organisation_id', '=', organisationId)
      .where('p.archived_at', 'is', null);
  }

  return {
    async sharesProject(organisationId, viewerPersonId, ownerPersonId) {
      const row = await shared(organisationId, viewerPersonId).select('theirs.person_id').where('theirs.person_id', '=', ownerPersonId).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async peopleSharingProjects(organisationId, viewerPersonId, candidates) {
      if (candidates?.length === 0) return [];
      if (candidates === undefined) {
        // Every directory page asks this: compiled once.
        const everyone = compiledFor(db, 'projects.peopleSharingProjects', ['organisationId', 'viewerPersonId'], (v) =>
          shared(v.organisationId, v.viewerPersonId).select('theirs.person_id').distinct(),
        );
        return (await everyone({ organisationId, viewerPersonId })).map((r) => r.person_id);
      }
      const rows = await shared(organisationId, viewerPersonId).select('theirs.person_id').distinct().where('theirs.person_id', 'in', [...candidates]).execute();
      return rows.map((r) => r.person_id);
    },
  };
}
