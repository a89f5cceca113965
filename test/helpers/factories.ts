import type { Kysely } from 'kysely';
import type { Database, Permission } from '../../src/db/database.js';
import { newId } from '../../src/db/portable.js';
import { hashPassword } from '../../src/shared/passwords.js';
import type { Actor } from '../../src/shared/actor.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;
const now = () => new Date().toISOString();

export async function makeOrganisation(db: Kysely<Database>, overrides: Partial<{ name: string; shortName: string; defaultLanguage: string; timeZone: string; crisisText: string | null }> = {}): Promise<string> {
  const id = newId();
  await db
    .insertInto('organisations')
    .values({
      id,
      name: overrides.name ?? `Organisation ${id.slice(-6)}`,
      short_name: overrides.shortName ?? `Org ${id.slice(-4)}`,
      default_language: overrides.defaultLanguage ?? 'en-GB',
      time_zone: overrides.timeZone ?? 'Europe/London',
      crisis_text: overrides.crisisText ?? null,
      is_demo: 0,
      created_at: now(),
      updated_at: now(),
    })
    .execute();
  return id;
}

/** An account with a password and a person in the organisation; returns the actor it signs in as. */
export async function makeMember(
  db: Kysely<Database>,
  organisationId: string,
  options: { permission?: Permission; email?: string; name?: string; password?: string } = {},
): Promise<Actor> {
  const accountId = newId();
  const personId = newId();
  const email = options.email ?? `person-${accountId.slice(-8)}@test.example`;
  const passwordHash = options.password === undefined ? await (cachedHash ??= hashPassword(TEST_PASSWORD)) : await hashPassword(options.password);
  const existing = await db.selectFrom('accounts').select('id').where('email', '=', email).executeTakeFirst();
  const id = existing?.id ?? accountId;
  if (existing === undefined) {
    await db
      .insertInto('accounts')
      .values({ id, email, password_hash: passwordHash, language: null, last_organisation_id: null, password_changed_at: now(), created_at: now(), updated_at: now() })
      .execute();
  }
  const permission = options.permission ?? 'member';
  const displayName = options.name ?? `Person ${personId.slice(-6)}`;
  await db
    .insertInto('people')
    .values({ id: personId, organisation_id: organisationId, account_id: id, display_name: displayName, permission, created_at: now(), updated_at: now(), archived_at: null, archived_by: null })
    .execute();
  return { accountId: id, personId, organisationId, permission, displayName, email };
}
