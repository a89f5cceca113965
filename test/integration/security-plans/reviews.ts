/** Readiness reviews and their SMART actions; the ladder of participation; learning and its knowledge checks. */
import { newId } from '../../../src/db/portable.js';
import { PRINCIPLE_KEYS, QUESTIONS, questionInputId, questionsFor, type PrincipleKey } from '../../../src/modules/reviews/reviews.registry.js';
import { idAfter, once, side, submitted, type Fields, type ParamFillers, type Plans, type World } from './world.js';

export function review(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `review-${which}`, async () => {
    const client = await side(w, which).client();
    return idAfter(await submitted(client, '/reviews/new', '/reviews', { subjectKind: 'organisation', mode: 'individual' }), 'reviews');
  });
}

/** A review of organisation A with three people's answers sent, so a round of results may be published. */
function reviewToPublish(w: World): Promise<string> {
  return once(w, 'review-to-publish', async () => {
    const client = await side(w, 'a').client();
    const reviewId = idAfter(await submitted(client, '/reviews/new', '/reviews', { subjectKind: 'service', serviceName: 'Garden', mode: 'individual' }), 'reviews');
    const db = w.t.db.kysely;
    const now = new Date().toISOString();
    for (let i = 0; i < 3; i += 1) {
      const responseId = newId();
      await db.insertInto('review_responses').values({ id: responseId, organisation_id: w.adminA.organisationId, review_id: reviewId, person_id: null, kind: 'individual', submitted_at: now, created_at: now, updated_at: now }).execute();
      await db.insertInto('review_answers').values(QUESTIONS.map((q) => ({ organisation_id: w.adminA.organisationId, response_id: responseId, review_id: reviewId, question_key: q.key, value: 3, comment: null, updated_at: now }))).execute();
    }
    return reviewId;
  });
}

function answers(principle: PrincipleKey): Fields {
  const fields: Fields = { then: 'continue' };
  for (const q of questionsFor(principle)) fields[questionInputId(q.key)] = '3';
  return fields;
}

const ACTION = (ownerId: string) => ({
  principle: 'networks', what: 'Meet the tenants’ association', ownerId, 'dueOn-day': '1', 'dueOn-month': '3', 'dueOn-year': '2027', howKnow: 'Two of them join the group',
});

export function action(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `action-${which}`, async () => {
    const s = side(w, which);
    const reviewId = await review(w, which);
    await submitted(await s.client(), `/reviews/${reviewId}/actions/new`, `/reviews/${reviewId}/actions`, ACTION(s.admin.personId));
    const row = await w.t.db.kysely.selectFrom('review_actions').select('id').where('review_id', '=', reviewId).executeTakeFirstOrThrow();
    return row.id;
  });
}

const REFLECTION = {
  scope: 'practice', title: 'Care planning', 'doing_to-what': 'Wrote a care plan without asking', 'doing_to-rung': 'manipulation',
  'doing_with-what': 'Planned the group together', 'doing_with-rung': 'partnership', 'doing_with-outcomes': 'More people came', tend: 'Mostly for',
};

export function reflection(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `reflection-${which}`, async () => {
    const client = await side(w, which).client();
    const id = idAfter(await submitted(client, '/ladder/new', '/ladder', REFLECTION), 'ladder');
    // Shared, so organisation B's reflection is one its own people could see: only the organisation keeps A out.
    if (which === 'b') await submitted(client, `/ladder/${id}`, `/ladder/${id}/share`, { share: 'yes' });
    return id;
  });
}

export const PLANS: Plans = {
  'POST /reviews': () => ({ fields: { subjectKind: 'service', serviceName: 'Drop-in café', mode: 'individual' } }),
  'POST /reviews/practice': () => ({ fields: {} }),
  'POST /reviews/actions/:actionId': async (w) => ({ params: { actionId: await action(w, 'a') }, fields: { status: 'under_way', note: 'Called them' } }),
  'POST /reviews/:reviewId/answer/:principle': async (w) => ({ params: { reviewId: await review(w, 'a'), principle: 'assets' }, fields: answers('assets') }),
  'POST /reviews/:reviewId/answer/:principle/draft': async (w) => ({
    params: { reviewId: await review(w, 'a'), principle: 'capabilities' },
    fields: { 'q-capabilities-1': '2', 'c-capabilities-1': 'A draft, half done' },
  }),
  'POST /reviews/:reviewId/actions': async (w) => ({ params: { reviewId: await review(w, 'a') }, fields: ACTION(w.adminA.personId) }),
  'POST /reviews/:reviewId/close': async (w) => ({ params: { reviewId: await review(w, 'a') }, fields: {} }),
  'POST /reviews/:reviewId/publish': async (w) => ({ params: { reviewId: await reviewToPublish(w) }, fields: {} }),
  'POST /reviews/:reviewId/send': async (w) => {
    const reviewId = await review(w, 'a');
    for (const principle of PRINCIPLE_KEYS) await submitted(w.client, `/reviews/${reviewId}/answer/${principle}`, `/reviews/${reviewId}/answer/${principle}`, answers(principle));
    return { params: { reviewId }, fields: {} };
  },
  'POST /ladder': () => ({ fields: REFLECTION }),
  'POST /ladder/:reflectionId/share': async (w) => ({ params: { reflectionId: await reflection(w, 'a') }, fields: { share: 'yes' } }),
  'POST /learning/:topic': () => ({ params: { topic: 'networks' }, fields: { 'check-networks-1': 'c', 'check-networks-2': 'a' } }),
};

/** Principles and topics belong to no organisation: "someone else's" is one that does not exist. */
const unknownOr = (own: string): ParamFillers[string] => ({ others: () => 'no-such-thing', own: () => own });

export const PARAMS: ParamFillers = {
  reviewId: { others: (w) => review(w, 'b'), own: (w) => review(w, 'a') },
  actionId: { others: (w) => action(w, 'b'), own: (w) => action(w, 'a') },
  reflectionId: { others: (w) => reflection(w, 'b'), own: (w) => reflection(w, 'a') },
  principle: unknownOr('assets'),
  topic: unknownOr('networks'),
};
