/** People: one-page profiles, strengths, appreciations, pictures, removal, and the organisation's profile template. */
import { newId } from '../../../src/db/portable.js';
import { TINY_PNG } from '../../helpers/pictures.js';
import type { RegisteredRoute } from '../../helpers/routes.js';
import { once, side, submitted, type ParamFillers, type Plans, type World } from './world.js';

/** An appreciation the side's member wrote to the side's admin, waiting for them to accept or decline. */
function appreciation(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `appreciation-${which}`, async () => {
    const s = side(w, which);
    const id = newId();
    await w.t.db.kysely
      .insertInto('appreciations')
      .values({ id, organisation_id: s.organisationId, person_id: s.admin.personId, author_person_id: s.member.personId, body: 'You made me welcome.', status: 'pending', created_at: new Date().toISOString(), decided_at: null })
      .execute();
    return id;
  });
}

/** A strength the side's admin offers, added on their profile. */
function strength(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `strength-${which}`, async () => {
    const s = side(w, which);
    const url = `/people/${s.admin.personId}/edit/strengths`;
    await submitted(await s.client(), url, url, { label: 'Gardening', kind: 'offer' });
    const row = await w.t.db.kysely.selectFrom('strengths').select('id').where('person_id', '=', s.admin.personId).executeTakeFirstOrThrow();
    return row.id;
  });
}

/** An extra heading on the side's profile template. */
function heading(w: World, which: 'a' | 'b'): Promise<string> {
  return once(w, `heading-${which}`, async () => {
    const s = side(w, which);
    await submitted(await s.client(), '/admin/organisation/profile-template', '/admin/organisation/profile-template/headings', { label: 'My hopes' });
    const row = await w.t.db.kysely.selectFrom('profile_headings').select('id').where('organisation_id', '=', s.organisationId).where('label', '=', 'My hopes').executeTakeFirstOrThrow();
    return row.id;
  });
}

async function picturesOn(w: World): Promise<void> {
  await w.t.db.kysely.updateTable('organisations').set({ profile_picture_enabled: 1 }).where('id', '=', w.a).execute();
}

/** Pictures on in organisation A, and one on its admin's profile. */
async function picture(w: World): Promise<void> {
  await picturesOn(w);
  await once(w, 'picture-a', async () => {
    const uploaded = await w.t.db.kysely.selectFrom('person_pictures').select('person_id').where('person_id', '=', w.adminA.personId).executeTakeFirst();
    if (uploaded === undefined) {
      await w.t.db.kysely
      .insertInto('person_pictures')
        .values({ person_id: w.adminA.personId, organisation_id: w.a, content_type: 'image/png', bytes: TINY_PNG, created_at: new Date().toISOString() })
        .execute();
    }
    return '';
  });
}

const me = (w: World) => ({ personId: w.adminA.personId });

export const PLANS: Plans = {
  'POST /admin/organisation/profile-template': () => ({ fields: { ageEnabled: 'yes', 'heading-appreciate': 'What people like about me', 'heading-important': '', 'heading-support': '' } }),
  'POST /admin/organisation/profile-template/headings': () => ({ fields: { label: 'What I hope for' } }),
  'POST /admin/organisation/profile-template/headings/:headingId/remove': async (w) => ({ params: { headingId: await heading(w, 'a') }, fields: {} }),
  'POST /people/new': () => ({ fields: { displayName: 'Tomasz Nowak', knownAs: 'Tomek', consent: 'yes', consentNote: 'With an interpreter' } }),
  'POST /people/:personId/appreciations': (w) => ({ params: { personId: w.memberA.personId }, fields: { appreciation: 'Thank you for the welcome.' } }),
  'POST /people/:personId/appreciations/:appreciationId/accept': async (w) => ({ params: { ...me(w), appreciationId: await appreciation(w, 'a') }, fields: {} }),
  'POST /people/:personId/appreciations/:appreciationId/decline': async (w) => ({ params: { ...me(w), appreciationId: await appreciation(w, 'a') }, fields: {} }),
  'POST /people/:personId/edit/about': (w) => ({ params: me(w), fields: { displayName: 'Alex Renamed', knownAs: 'Al', pronouns: 'they/them' } }),
  'POST /people/:personId/edit/profile': (w) => ({ params: me(w), fields: { 'answer-appreciate': 'My cooking', 'answer-important': '', 'answer-support': 'Tell me early' } }),
  'POST /people/:personId/edit/picture': async (w) => {
    await picturesOn(w);
    return { params: me(w), fields: {}, upload: { name: 'me.png', type: 'image/png', bytes: TINY_PNG } };
  },
  'POST /people/:personId/edit/strengths': (w) => ({ params: me(w), fields: { label: 'Listening', kind: 'offer' } }),
  'POST /people/:personId/edit/taking-part': (w) => ({ params: me(w), fields: { perspectives: 'volunteer', perspectiveDescription: '', participationWays: ['phone', 'online'], accessNeedsOther: '' } }),
  'POST /people/:personId/edit/visibility': (w) => ({ params: me(w), fields: { visibility: 'private' } }),
  'POST /people/:personId/strengths/:strengthId/remove': async (w) => ({ params: { ...me(w), strengthId: await strength(w, 'a') }, fields: {} }),
  'POST /people/:personId/picture/remove': async (w) => {
    await picture(w);
    return { params: me(w), fields: {} };
  },
  'POST /people/:personId/remove': (w) => ({ params: me(w), fields: { confirmWord: 'remove' } }),
};

/** Organisation A's admin looks after people through /admin/people, and their own profile through /people. */
async function ownPerson(w: World, route: RegisteredRoute): Promise<string> {
  if (route.url.startsWith('/admin/') || route.url.startsWith('/projects/')) return w.memberA.personId;
  if (route.url.includes('/picture')) await picture(w);
  return w.adminA.personId;
}

/** An appreciation to organisation A's member, and a strength they offer: not the admin's to accept or remove. */
function membersAppreciation(w: World): Promise<string> {
  return once(w, 'appreciation-member-a', async () => {
    const id = newId();
    await w.t.db.kysely
      .insertInto('appreciations')
      .values({ id, organisation_id: w.a, person_id: w.memberA.personId, author_person_id: w.adminA.personId, body: 'Thank you.', status: 'pending', created_at: new Date().toISOString(), decided_at: null })
      .execute();
    return id;
  });
}

function membersStrength(w: World): Promise<string> {
  return once(w, 'strength-member-a', async () => {
    const id = newId();
    await w.t.db.kysely
      .insertInto('strengths')
      .values({ id, organisation_id: w.a, person_id: w.memberA.personId, kind: 'offer', label: 'Baking', label_normalised: 'baking', created_at: new Date().toISOString() })
      .execute();
    return id;
  });
}

export const PARAMS: ParamFillers = {
  personId: { others: (w) => w.memberB.personId, own: ownPerson },
  appreciationId: { others: (w) => appreciation(w, 'b'), own: (w) => appreciation(w, 'a'), sibling: membersAppreciation },
  strengthId: { others: (w) => strength(w, 'b'), own: (w) => strength(w, 'a'), sibling: membersStrength },
  headingId: { others: (w) => heading(w, 'b'), own: (w) => heading(w, 'a') },
};
