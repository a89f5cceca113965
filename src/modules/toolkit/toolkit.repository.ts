import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { fromDbBool, toDbBool } from '../../db/portable.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function learningAnswers(db: Db, organisationId: string, personId: string): Promise<{ checkKey: string; answer: string; correct: boolean }[]> {
  const rows = await db
    .selectFrom('learning_answers')
    .select(['check_key as checkKey', 'answer', 'correct'])
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .execute();
  return rows.map((row) => ({ checkKey: row.checkKey, answer: row.answer, correct: fromDbBool(row.correct) }));
}

export async function saveLearningAnswers(db: Db, organisationId: string, personId: string, answers: readonly { checkKey: string; answer: string; correct: boolean }[], now: string): Promise<void> {
  if (answers.length === 0) return;
  await db
    .deleteFrom('learning_answers')
    .where('organisation_id', '=', organisationId)
    .where('person_id', '=', personId)
    .where('check_key', 'in', answers.map((a) => a.checkKey))
    .execute();
  await db
    .insertInto('learning_answers')
    .values(answers.map((a) => ({ organisation_id: organisationId, person_id: personId, check_key: a.checkKey, answer: a.answer, correct: toDbBool(a.correct), answered_at: now })))
    .execute();
}
