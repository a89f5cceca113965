// Frozen: never edit a migration that has shipped; add a new one instead.
// Reviews closed before results came in rounds (migration 040, ADR 0014) keep their results: each closed individual
// review of a shared subject with at least three sent answers gets the final round closing would have published.
// Worked out here with the rules as they stand today (migrations never import app code): totals per question over
// the sent responses, and over each perspective group when lived experience and professionals each have three and
// the rest (in neither group, less those in both) has none or three; each response's revision is a digest of its
// answers, as src/modules/reviews/reviews.rounds.ts makes it.
import { type Kysely } from 'kysely';

type Cell = 'lived_experience' | 'professional_staff' | 'both' | 'neither';
interface Total { questionKey: string; sum: number; scored: number; dontKnow: number }

function totals(answers: readonly { questionKey: string; value: number }[]): Total[] {
  const byKey = new Map<string, Total>();
  for (const { questionKey, value } of answers) {
    const t = byKey.get(questionKey) ?? { questionKey, sum: 0, scored: 0, dontKnow: 0 };
    if (value === 0) t.dontKnow += 1;
    else {
      t.sum += value;
      t.scored += 1;
    }
    byKey.set(questionKey, t);
  }
  return [...byKey.values()].sort((a, b) => (a.questionKey < b.questionKey ? -1 : a.questionKey > b.questionKey ? 1 : 0));
}

/** A digest of a response's answers, with its id (Web Crypto: migrations import nothing but Kysely). */
async function revision(responseId: string, answers: readonly { questionKey: string; value: number }[]): Promise<string> {
  const text = `${responseId}|${answers.map((a) => `${a.questionKey}=${String(a.value)}`).sort().join(';')}`;
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 32);
}

export async function up(db: Kysely<any>): Promise<void> {
  const reviews = await db
    .selectFrom('reviews')
    .select(['id', 'organisation_id', 'closed_at', 'updated_at'])
    .where('status', '=', 'closed')
    .where('mode', '=', 'individual')
    .where('subject_kind', '!=', 'practice')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('review_rounds').select('review_rounds.id').whereRef('review_rounds.review_id', '=', 'reviews.id'))))
    .execute();
  for (const review of reviews as { id: string; organisation_id: string; closed_at: string | null; updated_at: string }[]) {
    const rows = (await db
      .selectFrom('review_answers')
      .innerJoin('review_responses', 'review_responses.id', 'review_answers.response_id')
      .select(['review_responses.id as responseId', 'review_responses.person_id as personId', 'review_answers.question_key as questionKey', 'review_answers.value'])
      .where('review_answers.review_id', '=', review.id)
      .where('review_responses.submitted_at', 'is not', null)
      .where('review_responses.kind', '=', 'individual')
      .execute()) as { responseId: string; personId: string | null; questionKey: string; value: number | string }[];
    const responses = new Map<string, { personId: string | null; answers: { questionKey: string; value: number }[] }>();
    for (const row of rows) {
      const entry = responses.get(row.responseId) ?? { personId: row.personId, answers: [] };
      entry.answers.push({ questionKey: row.questionKey, value: Number(row.value) });
      responses.set(row.responseId, entry);
    }
    if (responses.size < 3) continue;
    const held = (await db
      .selectFrom('person_perspectives')
      .select(['person_id as personId', 'perspective'])
      .where('organisation_id', '=', review.organisation_id)
      .where('perspective', 'in', ['lived_experience', 'professional_staff'])
      .where('person_id', 'in', db.selectFrom('review_responses').select('person_id').where('review_id', '=', review.id).where('person_id', 'is not', null))
      .execute()) as { personId: string; perspective: string }[];
    const has = (personId: string | null, perspective: string) => personId !== null && held.some((h) => h.personId === personId && h.perspective === perspective);
    const members = [...responses].map(([responseId, r]) => {
      const lived = has(r.personId, 'lived_experience');
      const pro = has(r.personId, 'professional_staff');
      const cell: Cell = lived ? (pro ? 'both' : 'lived_experience') : pro ? 'professional_staff' : 'neither';
      return { responseId, cell, answers: r.answers };
    });
    const inCells = (cells: readonly Cell[]) => members.filter((m) => cells.includes(m.cell));
    const lived = inCells(['lived_experience', 'both']);
    const pros = inCells(['professional_staff', 'both']);
    const rest = inCells(['neither', 'both']).length;
    const groupsShown = lived.length >= 3 && pros.length >= 3 && (rest === 0 || rest >= 3);
    const series = (list: typeof members) => ({ respondents: list.length, totals: totals(list.flatMap((m) => m.answers)) });
    const snapshot = { current: series(members), groups: groupsShown ? { lived_experience: series(lived), professional_staff: series(pros) } : null };
    const roundId = globalThis.crypto.randomUUID();
    await db
      .insertInto('review_rounds')
      .values({
        id: roundId, organisation_id: review.organisation_id, review_id: review.id, number: 1, reason: 'closed', respondents: members.length,
        groups_shown: groupsShown ? 1 : 0, totals: JSON.stringify(snapshot), published_by: null, published_at: review.closed_at ?? review.updated_at,
      })
      .execute();
    for (let i = 0; i < members.length; i += 500) {
      await db
        .insertInto('review_round_members')
        .values(await Promise.all(members.slice(i, i + 500).map(async (m) => ({ organisation_id: review.organisation_id, round_id: roundId, response_id: m.responseId, revision: await revision(m.responseId, m.answers), cell: m.cell }))))
        .execute();
    }
  }
}

// The rounds it added cannot be told from rounds published since; migration 040's down removes them all.
export async function down(): Promise<void> {
  await Promise.resolve();
}
