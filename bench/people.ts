import { generatePeople } from '../test/helpers/people-generator.js';
import type { BenchContext } from './scenarios.js';

/** The directory's benchmark: the demo organisation grown to 10,000 people, generated (never typed by hand). */
export const BIG_DIRECTORY = { people: 10_000 } as const;

let grown = false;
let priyaId: string | undefined;

/** Add 10,000 people with strengths and answers to Riverside. Runs once, however many scenarios use it. */
export async function setUpBigDirectory({ app }: BenchContext): Promise<void> {
  if (grown) return;
  const db = app.db.kysely;
  const riverside = await db.selectFrom('organisations').select('id').where('short_name', '=', 'Riverside').executeTakeFirstOrThrow();
  const existing = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('organisation_id', '=', riverside.id).executeTakeFirstOrThrow();
  await generatePeople(db, riverside.id, BIG_DIRECTORY.people - existing.n, { seed: 2026 });
  grown = true;
}

/** Priya's one-page profile, as another member sees it. */
export function priyaProfile(): string {
  if (priyaId === undefined) throw new Error('the profile scenario has not been set up');
  return `/people/${priyaId}`;
}

export async function setUpProfile(context: BenchContext): Promise<void> {
  await setUpBigDirectory(context);
  const row = await context.app.db.kysely
    .selectFrom('people')
    .innerJoin('accounts', 'accounts.id', 'people.account_id')
    .select('people.id')
    .where('accounts.email', '=', 'priya@riverside.example')
    .executeTakeFirstOrThrow();
  priyaId = row.id;
}
