import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest, migrator } from '../../src/db/connect.js';
import { newId } from '../../src/db/portable.js';
import { QUESTIONS } from '../../src/modules/reviews/reviews.registry.js';
import { countedAnswers } from '../../src/modules/reviews/rounds.repository.js';
import { fingerprintsFrom, snapshotOf } from '../../src/modules/reviews/reviews.rounds.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeMember, makeOrganisation } from '../helpers/factories.js';

/**
 * Migration 041: reviews closed before results came in rounds keep their results, as the final round closing them
 * would have published today (the same totals, members, revisions and groups as the app's own rules make).
 */
describe.each(testDialects())('closed reviews get their final round (%s)', (dialect) => {
  let db: TestDb;
  afterEach(async () => db.destroy());

  it('adds the final round of a closed review with three answers, and none for fewer or for an open review', async () => {
    db = await createTestDb(dialect, { migrate: false });
    const k = db.kysely;
    const result = await migrator(k).migrateTo('2026-12-03-040-review-rounds');
    expect(result.error).toBeUndefined();
    const organisationId = await makeOrganisation(k);
    const now = new Date().toISOString();
    const review = async (status: 'open' | 'closed', answers: readonly (readonly [number, readonly string[]])[]) => {
      const id = newId();
      await k.insertInto('reviews').values({ id, organisation_id: organisationId, subject_kind: 'organisation', subject_key: 'organisation', subject_label: null, project_id: null, owner_person_id: null, mode: 'individual', status, created_by: null, created_at: now, updated_at: now, closed_at: status === 'closed' ? now : null }).execute();
      for (const [value, perspectives] of answers) {
        const person = await makeMember(k, organisationId);
        for (const perspective of perspectives) await k.insertInto('person_perspectives').values({ organisation_id: organisationId, person_id: person.personId, perspective }).execute();
        const responseId = newId();
        await k.insertInto('review_responses').values({ id: responseId, organisation_id: organisationId, review_id: id, person_id: person.personId, kind: 'individual', submitted_at: now, created_at: now, updated_at: now }).execute();
        await k.insertInto('review_answers').values(QUESTIONS.map((q, i) => ({ organisation_id: organisationId, response_id: responseId, review_id: id, question_key: q.key, value: i === 0 ? 0 : value, comment: null, updated_at: now }))).execute();
      }
      return id;
    };
    const lived = ['lived_experience'];
    const pro = ['professional_staff'];
    const closed = await review('closed', [[1, lived], [2, lived], [3, lived], [4, pro], [5, pro], [5, pro]]);
    const closedSmall = await review('closed', [[1, []], [2, []]]);
    const open = await review('open', [[1, []], [2, []], [3, []]]);

    await migrateToLatest(k);
    const rounds = await k.selectFrom('review_rounds').selectAll().execute();
    expect(rounds.map((r) => r.review_id)).toEqual([closed]);
    expect(rounds.map((r) => r.review_id)).not.toContain(closedSmall);
    expect(rounds.map((r) => r.review_id)).not.toContain(open);
    const [round] = rounds;
    const counted = await countedAnswers(k, organisationId, closed);
    const expected = fingerprintsFrom(counted);
    expect(JSON.parse(round?.totals ?? '')).toEqual(snapshotOf(expected, counted, true));
    expect(Number(round?.groups_shown)).toBe(1);
    expect(round?.reason).toBe('closed');
    const members = await k.selectFrom('review_round_members').select(['response_id as responseId', 'revision', 'cell']).orderBy('response_id').execute();
    expect(members).toEqual(expected);
  });
});
