/**
 * Many people, fast: batched inserts in one transaction, with names, strengths and one-page profile answers drawn
 * from small lists by a seeded generator (the same data every run). Used by the directory's query-count test and by
 * the benchmark's 10,000-person directory.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database, ProfileVisibility } from '../../src/db/database.js';
import { newId, toJson } from '../../src/db/portable.js';
import { insertStrengths } from '../../src/modules/people/people-profile.repository.js';
import { normaliseLabel } from '../../src/modules/people/people.registry.js';

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Ede', 'Femi', 'Grace', 'Hana', 'Ifan', 'Jo', 'Kai', 'Lena', 'Mo', 'Nia', 'Olu', 'Pat', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Una', 'Vik', 'Wren', 'Yusuf', 'Zoe'];
const LAST = ['Adams', 'Begum', 'Costa', 'Doyle', 'Evans', 'Fraser', 'Gill', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Murphy', 'Nowak', 'Okafor', 'Patel', 'Quigley', 'Reid', 'Shah', 'Thomas', 'Umar', 'Vance', 'Walsh', 'Young', 'Zielinski'];
export const GENERATED_STRENGTHS = [
  'Graphic design', 'Facilitating groups', 'Listening', 'Cooking for a crowd', 'Gardening', 'Photography', 'Budgeting',
  'Public speaking', 'Knitting', 'DIY and repairs', 'Speaking Polish', 'Easy read writing', 'Peer support', 'Poster design',
  'Social media', 'Driving', 'Event planning', 'Woodwork', 'Guitar', 'Report writing', 'Website design', 'First aid',
];
const ANSWERS = [
  'Friends say I am patient and kind, and that I make good tea.',
  'My family, my dog and walks by the river.',
  'Give me time to think, and tell me early if something is not working.',
];

/** A small seeded generator (mulberry32), so the same call makes the same people. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  /** Strengths per person (half offered, half to grow). Default 3. */
  readonly strengths?: number;
  /** Answer the three toolkit headings. Default true. */
  readonly answers?: boolean;
  readonly seed?: number;
  /** Rows per INSERT. */
  readonly batch?: number;
}

/** Add `count` people without accounts to an organisation; returns their ids. */
export async function generatePeople(db: Kysely<Database>, organisationId: string, count: number, options: GenerateOptions = {}): Promise<string[]> {
  const next = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const batch = options.batch ?? 250;
  const strengthsEach = options.strengths ?? 3;
  const now = new Date('2026-11-01T09:00:00.000Z').toISOString();
  const ids: string[] = [];

  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < count; start += batch) {
      const size = Math.min(batch, count - start);
      const people: Insertable<Database['people']>[] = [];
      const strengths: Insertable<Database['strengths']>[] = [];
      const answers: Insertable<Database['profile_answers']>[] = [];
      for (let i = 0; i < size; i += 1) {
        const id = newId();
        ids.push(id);
        const roll = next();
        const visibility: ProfileVisibility = roll < 0.8 ? 'organisation' : roll < 0.9 ? 'projects' : 'private';
        people.push({
          id, organisation_id: organisationId, account_id: null, display_name: `${pick(FIRST)} ${pick(LAST)} ${start + i + 1}`,
          permission: 'member', known_as: next() < 0.3 ? pick(FIRST) : null, pronouns: null, profile_visibility: visibility,
          participation_ways: toJson(['in_person']), access_needs: toJson([]), consent_note: 'Generated for testing', consent_recorded_at: now,
          created_at: now, updated_at: now, archived_at: null, archived_by: null,
        });
        const labels = new Set<string>();
        while (labels.size < Math.min(strengthsEach, GENERATED_STRENGTHS.length)) labels.add(pick(GENERATED_STRENGTHS));
        [...labels].forEach((label, index) => {
          strengths.push({ id: newId(), organisation_id: organisationId, person_id: id, kind: index % 2 === 0 ? 'offer' : 'grow', label, label_normalised: normaliseLabel(label), created_at: now });
        });
        if (options.answers !== false) {
          (['appreciate', 'important', 'support'] as const).forEach((heading, index) => {
            answers.push({ organisation_id: organisationId, person_id: id, heading_key: heading, body: ANSWERS[index] ?? '', updated_at: now });
          });
        }
      }
      await trx.insertInto('people').values(people).execute();
      await insertStrengths(trx, strengths);
      if (answers.length > 0) await trx.insertInto('profile_answers').values(answers).execute();
    }
  });
  return ids;
}
