import type { Kysely } from 'kysely';
import type { Database, Permission } from '../../db/database.js';
import { newId, toDbBool } from '../../db/portable.js';
import { hashPassword } from '../../shared/passwords.js';
import { seedDemoPeople } from './demo-people.js';
import { seedDemoProjects } from './demo-projects.js';
import { seedReviewsDemo } from '../reviews/reviews.demo.js';
import { seedDemoMeetings } from '../meetings/meetings.demo.js';
import { countryForTimeZone } from '../../shared/crisis-lines.js';

/** Demo people for trying Doing With. `.example` addresses can never receive real mail. */
export const DEMO_ORGANISATIONS = [
  {
    key: 'riverside',
    name: 'Riverside Wellbeing Collective',
    shortName: 'Riverside',
    defaultLanguage: 'en-GB',
    timeZone: 'Europe/London',
  },
  {
    key: 'colline',
    name: 'Rete Colline Insieme',
    shortName: 'Colline',
    defaultLanguage: 'it',
    timeZone: 'Europe/Rome',
  },
] as const;

export const DEMO_ACCOUNTS: readonly { email: string; name: string; memberships: readonly { organisation: 'riverside' | 'colline'; permission: Permission }[] }[] = [
  { email: 'alex@riverside.example', name: 'Alex Morgan', memberships: [{ organisation: 'riverside', permission: 'admin' }] },
  { email: 'priya@riverside.example', name: 'Priya Shah', memberships: [{ organisation: 'riverside', permission: 'facilitator' }] },
  { email: 'jordan@riverside.example', name: 'Jordan Ellis', memberships: [{ organisation: 'riverside', permission: 'member' }] },
  {
    email: 'sam@riverside.example',
    name: 'Sam Okafor',
    memberships: [
      { organisation: 'riverside', permission: 'member' },
      { organisation: 'colline', permission: 'facilitator' },
    ],
  },
  { email: 'giulia@colline.example', name: 'Giulia Bianchi', memberships: [{ organisation: 'colline', permission: 'admin' }] },
  { email: 'grace@riverside.example', name: 'Grace Adeyemi', memberships: [{ organisation: 'riverside', permission: 'member' }] },
];

export interface DemoSignIn {
  readonly email: string;
  readonly permission: string;
}

export async function hasDemoData(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('organisations').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  return row !== undefined;
}

async function demoSignIns(db: Kysely<Database>): Promise<DemoSignIn[]> {
  const rows = await db
    .selectFrom('people')
    .innerJoin('organisations', 'organisations.id', 'people.organisation_id')
    .innerJoin('accounts', 'accounts.id', 'people.account_id')
    .select(['accounts.email', 'people.permission', 'organisations.short_name as organisation'])
    .where('organisations.is_demo', '=', 1)
    .orderBy('organisations.short_name')
    .orderBy('people.permission')
    .orderBy('accounts.email')
    .execute();
  return rows.map((row) => ({ email: row.email, permission: `${row.permission} (${row.organisation})` }));
}

/**
 * Seed the demo organisations, only into a new (empty) database. Returns the demo sign-ins when the database holds
 * demo data (new or from an earlier start), or null when it holds none.
 */
export async function seedDemoIfNew(
  db: Kysely<Database>,
  options: { enabled: boolean; password: string; now?: Date },
): Promise<{ created: boolean; accounts: DemoSignIn[] } | null> {
  if (await hasDemoData(db)) return { created: false, accounts: await demoSignIns(db) };
  const existing = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (!options.enabled || existing !== undefined) return null;

  const now = (options.now ?? new Date()).toISOString();
  const passwordHash = await hashPassword(options.password);
  await db.transaction().execute(async (trx) => {
    const organisationIds = new Map<string, string>();
    const personIds = new Map<string, string>();
    for (const organisation of DEMO_ORGANISATIONS) {
      const id = newId();
      organisationIds.set(organisation.key, id);
      await trx
        .insertInto('organisations')
        .values({
          id,
          name: organisation.name,
          short_name: organisation.shortName,
          default_language: organisation.defaultLanguage,
          time_zone: organisation.timeZone,
          country: countryForTimeZone(organisation.timeZone),
          crisis_text: null,
          is_demo: toDbBool(true),
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    for (const account of DEMO_ACCOUNTS) {
      const accountId = newId();
      await trx
        .insertInto('accounts')
        .values({ id: accountId, email: account.email, password_hash: passwordHash, language: null, last_organisation_id: null, password_changed_at: now, created_at: now, updated_at: now })
        .execute();
      for (const membership of account.memberships) {
        const organisationId = organisationIds.get(membership.organisation);
        if (organisationId === undefined) throw new Error(`unknown demo organisation ${membership.organisation}`);
        const personId = newId();
        personIds.set(`${membership.organisation}:${account.name}`, personId);
        await trx
          .insertInto('people')
          .values({ id: personId, organisation_id: organisationId, account_id: accountId, display_name: account.name, permission: membership.permission, created_at: now, updated_at: now, archived_at: null, archived_by: null })
          .execute();
      }
    }
    await seedDemoPeople(trx, organisationIds, personIds, options.now ?? new Date());
    await seedDemoProjects(trx, organisationIds, options.now ?? new Date());
    await seedReviewsDemo(trx, organisationIds, options.now ?? new Date());
    await seedDemoMeetings(trx, organisationIds, options.now ?? new Date());
  });
  return { created: true, accounts: await demoSignIns(db) };
}
