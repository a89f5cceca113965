import type { Kysely } from 'kysely';
import type { Database, Permission } from '../../src/db/database.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../../test/helpers/factories.js';

export { TEST_PASSWORD };

export interface Person {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly permission: Permission;
}

/**
 * An organisation with the people a file needs, all with TEST_PASSWORD (hashed once: argon2 is slow on purpose).
 * `people` maps a key the test uses to who they are.
 */
export async function seedOrganisation<K extends string>(
  db: Kysely<Database>,
  organisation: { name: string; shortName: string; crisisText?: string },
  people: Record<K, { name: string; email: string; permission: Permission }>,
): Promise<{ organisationId: string; people: Record<K, Person> }> {
  const organisationId = await makeOrganisation(db, {
    name: organisation.name,
    shortName: organisation.shortName,
    crisisText: organisation.crisisText ?? null,
  });
  const seeded = {} as Record<K, Person>;
  for (const key of Object.keys(people) as K[]) {
    const { name, email, permission } = people[key];
    await makeMember(db, organisationId, { name, email, permission });
    seeded[key] = { name, email, permission, password: TEST_PASSWORD };
  }
  return { organisationId, people: seeded };
}
