import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/portable.js';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import * as appreciationsRepo from './people-appreciations.repository.js';
import { profileContents } from './people-profile-page.repository.js';
import * as profileRepo from './people-profile.repository.js';
import { normaliseLabel } from './people.registry.js';

/**
 * The profile page reads headings, answers, strengths and accepted appreciations in one query. It must answer exactly
 * what the separate reads answer (the other pages still use them), in the same order, on both databases.
 */
describe.each(testDialects())('a profile page in one query (%s)', (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
  });
  afterAll(async () => db.destroy());

  it('answers what the separate reads answer, in their order, for this person of this organisation only', async () => {
    const k = db.kysely;
    const organisationId = await makeOrganisation(k);
    const elsewhere = await makeOrganisation(k);
    const owner = await makeMember(k, organisationId, { name: 'Olu Owner' });
    const writer = await makeMember(k, organisationId, { name: 'Wren Writer' });
    const gone = await makeMember(k, organisationId, { name: 'Gil Gone' });
    const other = await makeMember(k, organisationId, { name: 'Oti Other' });
    const stranger = await makeMember(k, elsewhere, { name: 'Sol Stranger' });
    const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute)).toISOString();

    // Headings: a toolkit heading renamed, two of the organisation's own (out of order), one removed; another organisation's.
    await profileRepo.saveBuiltinLabel(k, organisationId, 'support', 'How to help me', 2, at(1));
    const later = await profileRepo.insertExtraHeading(k, organisationId, 'What I am learning', 5, at(2));
    await profileRepo.insertExtraHeading(k, organisationId, 'My week', 4, at(3));
    await profileRepo.archiveExtraHeading(k, organisationId, await profileRepo.insertExtraHeading(k, organisationId, 'Old heading', 3, at(4)), at(5));
    await profileRepo.insertExtraHeading(k, elsewhere, 'Not ours', 4, at(6));

    await profileRepo.saveAnswers(k, organisationId, owner.personId, { appreciate: 'Kind', important: 'My dog\nand walks', [later]: 'Spanish' }, at(7));
    await profileRepo.saveAnswers(k, organisationId, other.personId, { appreciate: 'Not about the owner' }, at(7));

    // Strengths: two made in the same moment (ordered by id), one later, and someone else's.
    const strength = (personId: string, orgId: string, kind: 'offer' | 'grow', label: string, minute: number) => ({
      id: newId(), organisation_id: orgId, person_id: personId, kind, label, label_normalised: normaliseLabel(label), created_at: at(minute),
    });
    await profileRepo.insertStrengths(k, [
      strength(owner.personId, organisationId, 'grow', 'Public speaking', 9),
      strength(owner.personId, organisationId, 'offer', 'Listening', 8),
      strength(owner.personId, organisationId, 'offer', 'Baking', 8),
      strength(other.personId, organisationId, 'offer', 'Woodwork', 8),
      strength(stranger.personId, elsewhere, 'offer', 'Driving', 8),
    ]);

    // Appreciations: accepted ones (one by an author who has since removed their profile), pending, declined, another's.
    const appreciation = async (authorId: string, aboutId: string, body: string, status: 'pending' | 'accepted' | 'declined', minute: number) => {
      const id = await appreciationsRepo.insertAppreciation(k, organisationId, { personId: aboutId, authorPersonId: authorId, body }, at(minute));
      if (status !== 'pending') await appreciationsRepo.decide(k, organisationId, aboutId, id, status, at(minute + 1));
    };
    await appreciation(writer.personId, owner.personId, 'Thank you for the shelves', 'accepted', 10);
    await appreciation(gone.personId, owner.personId, 'You made me welcome', 'accepted', 12);
    await appreciation(other.personId, owner.personId, 'Great tea', 'accepted', 12);
    await appreciation(writer.personId, owner.personId, 'Not yet decided', 'pending', 14);
    await appreciation(writer.personId, owner.personId, 'Declined', 'declined', 15);
    await appreciation(owner.personId, writer.personId, 'About someone else', 'accepted', 16);
    await k.updateTable('people').set({ archived_at: at(20), display_name: '' }).where('id', '=', gone.personId).execute();

    const contents = await profileContents(k, organisationId, owner.personId);
    expect(contents).toEqual({
      headingRows: await profileRepo.listHeadingRows(k, organisationId),
      answers: expect.arrayContaining(await profileRepo.listAnswers(k, organisationId, [owner.personId])) as unknown,
      strengths: await profileRepo.listStrengths(k, organisationId, [owner.personId]),
      appreciations: await appreciationsRepo.listAbout(k, organisationId, [owner.personId], ['accepted']),
    });
    // What the separate reads answer is what was written.
    expect(contents.headingRows.map((h) => h.label)).toEqual(['How to help me', 'My week', 'What I am learning']);
    expect(contents.answers.map((a) => a.body).sort()).toEqual(['Kind', 'My dog\nand walks', 'Spanish']);
    expect(contents.answers).toHaveLength(3);
    expect(contents.strengths.map((s) => s.label).slice(0, 2).sort()).toEqual(['Baking', 'Listening']);
    expect(contents.strengths.map((s) => s.label)[2]).toBe('Public speaking');
    expect(contents.appreciations.map((a) => [a.body, a.authorName])).toEqual(
      expect.arrayContaining([['Thank you for the shelves', 'Wren Writer'], ['You made me welcome', null], ['Great tea', 'Oti Other']]),
    );
    expect(contents.appreciations.at(-1)?.body).toBe('Thank you for the shelves');
  });

  it('answers empty lists for a person with nothing written yet', async () => {
    const organisationId = await makeOrganisation(db.kysely);
    const person = await makeMember(db.kysely, organisationId, { name: 'New Person' });
    expect(await profileContents(db.kysely, organisationId, person.personId)).toEqual({ headingRows: [], answers: [], strengths: [], appreciations: [] });
  });
});
