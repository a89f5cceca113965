import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import type { Relationships } from './people.relationships.js';
import type { PeopleService } from './people.service.js';

/** Set-up shared by the people service's tests (people.service.test.ts, people-directory.service.test.ts). */

/** Pairs of people who share a project (both ways): the test's stand-in for issue #4's circles. */
export function fixedRelationships(pairs: () => readonly (readonly [string, string])[]): Relationships {
  const shares = (a: string, b: string) => pairs().some(([x, y]) => (x === a && y === b) || (x === b && y === a));
  return {
    sharesProject: (_organisationId, viewer, owner) => Promise.resolve(shares(viewer, owner)),
    peopleSharingProjects: (_organisationId, viewer) => Promise.resolve(pairs().flatMap(([x, y]) => (x === viewer ? [y] : y === viewer ? [x] : []))),
  };
}

/** An organisation with one person of each kind the tests need. */
export async function makeTeam(db: Kysely<Database>) {
  const organisationId = await makeOrganisation(db);
  const admin = await makeMember(db, organisationId, { permission: 'admin', name: 'Ash Admin' });
  const facilitator = await makeMember(db, organisationId, { permission: 'facilitator', name: 'Fen Facilitator' });
  const member = await makeMember(db, organisationId, { name: 'Mo Member' });
  const partner = await makeMember(db, organisationId, { name: 'Pat Partner' });
  const owner = await makeMember(db, organisationId, { name: 'Olu Owner' });
  return { organisationId, admin, facilitator, member, partner, owner };
}

/** A person added by someone else, without an account, with their consent recorded. */
export async function addWithoutAccount(people: PeopleService, actor: Actor, name = 'Maggie Doyle'): Promise<string> {
  const added = await people.addPersonWithoutAccount(actor, { displayName: name, knownAs: null, consent: 'yes', consentNote: 'Agreed at the Thursday group' });
  if (!added.ok) throw new Error('could not add a person');
  return added.value.id;
}
