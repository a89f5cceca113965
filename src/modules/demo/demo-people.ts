/**
 * Demo people and their one-page profiles: varied, warm, in plain words, with strengths that overlap so that
 * searching for "design" or "facilitat" finds several people. Some have accounts (DEMO_ACCOUNTS); others were added
 * by a facilitator, with their agreement, because they do not use computers.
 */
import type { Transaction } from 'kysely';
import type { AppreciationStatus, Database, ProfileVisibility } from '../../db/database.js';
import { newId, toJson } from '../../db/portable.js';
import { normaliseLabel, type AccessNeed, type ParticipationWay, type Perspective } from '../people/people.registry.js';
import { insertStrengths } from '../people/people.service.js';

type OrganisationKey = 'riverside' | 'colline';

export interface DemoProfile {
  readonly organisation: OrganisationKey;
  readonly name: string;
  /** The demo account's email, when this person has one; otherwise they were added without an account. */
  readonly email?: string;
  readonly knownAs?: string;
  readonly pronouns?: string;
  readonly age?: string;
  readonly visibility?: ProfileVisibility;
  readonly perspectives: readonly Perspective[];
  readonly perspectiveDescription?: string;
  readonly ways: readonly ParticipationWay[];
  readonly accessNeeds?: readonly AccessNeed[];
  readonly accessNeedsOther?: string;
  readonly consentNote?: string;
  /** Answers by heading: the toolkit's keys, or `extra` for the organisation's own heading. */
  readonly answers: Partial<Record<'appreciate' | 'important' | 'support' | 'extra', string>>;
  readonly offers: readonly string[];
  readonly grows: readonly string[];
}

export interface DemoAppreciation {
  readonly organisation: OrganisationKey;
  readonly about: string;
  readonly from: string;
  readonly body: string;
  readonly status: AppreciationStatus;
  readonly daysAgo: number;
}

/** Riverside asks for age and adds one heading of its own, to show what the template allows. */
export const DEMO_EXTRA_HEADING = { organisation: 'riverside', label: 'A good day for me looks like' } as const;

export const DEMO_PROFILES: readonly DemoProfile[] = [
  {
    organisation: 'riverside', name: 'Alex Morgan', email: 'alex@riverside.example', pronouns: 'they/them', age: '40s',
    perspectives: ['professional_staff'], ways: ['in_person', 'online'],
    answers: {
      appreciate: 'People say I keep meetings calm and make sure the quiet voices get heard. I remember birthdays.',
      important: 'My partner and our very old dog. Walking by the river before work. Being honest when something has gone wrong.',
      support: 'Tell me early if something is not working. I think best on paper, so send things a day before we meet.',
      extra: 'An early walk, a meeting where someone new speaks up, and home in time to cook.',
    },
    offers: ['Chairing meetings', 'Writing funding bids', 'Budgeting'],
    grows: ['British Sign Language', 'Gardening'],
  },
  {
    organisation: 'riverside', name: 'Priya Shah', email: 'priya@riverside.example', knownAs: 'Priya', pronouns: 'she/her', age: '30s',
    perspectives: ['lived_experience', 'peer_supporter'], perspectiveDescription: 'I used the crisis team ten years ago. Now I lead our peer support team.', ways: ['in_person', 'online', 'phone'],
    answers: {
      appreciate: 'I am warm and I am straight with people. Friends say I can make a room laugh when it needs it.',
      important: 'My two children, my mum, and knowing that what happened to me can help someone else. Tea, strong.',
      support: 'Give me time to think before big decisions. If I go quiet, ask me how I am; I will tell you.',
      extra: 'A group where people leave lighter than they came in.',
    },
    offers: ['Facilitating groups', 'Listening', 'Training peer supporters', 'Public speaking'],
    grows: ['Spreadsheets and data', 'Writing funding bids'],
  },
  {
    organisation: 'riverside', name: 'Jordan Ellis', email: 'jordan@riverside.example', pronouns: 'he/him',
    perspectives: ['lived_experience'], ways: ['online', 'in_writing'],
    answers: {
      important: 'My nan, my camera, and having a reason to get up in the morning.',
    },
    offers: ['Photography', 'Poster design'],
    grows: ['Facilitating groups'],
  },
  {
    organisation: 'riverside', name: 'Sam Okafor', email: 'sam@riverside.example', pronouns: 'he/him', age: '50',
    perspectives: ['professional_staff'], perspectiveDescription: 'Community mental health nurse for 20 years, still learning.', ways: ['in_person', 'phone'],
    answers: {
      appreciate: 'Steady in a crisis. People say I explain things without jargon.',
      important: 'Running on Sunday mornings, my church choir, and seeing people get their lives back on their own terms.',
      support: 'I am used to being the one who fixes things. Remind me to listen first.',
    },
    offers: ['Knowing the local services', 'First aid', 'Running'],
    grows: ['Facilitating groups', 'Graphic design', 'Italian'],
  },
  {
    organisation: 'riverside', name: 'Grace Adeyemi', email: 'grace@riverside.example', pronouns: 'she/her',
    perspectives: ['commissioner'], ways: ['in_person', 'online'], visibility: 'organisation',
    answers: {
      appreciate: 'I ask good questions and I follow things through.',
      important: 'Making sure the money goes where it makes a difference, and hearing that from the people who use services.',
      support: 'Tell me the story behind the numbers. I would rather hear a hard truth in the room than read it in a report.',
    },
    offers: ['Knowing how funding works', 'Budgeting', 'Report writing'],
    grows: ['Listening without fixing', 'Co-production'],
  },
  {
    organisation: 'riverside', name: 'Margaret Doyle', knownAs: 'Maggie', age: '70s',
    perspectives: ['family_carer'], perspectiveDescription: 'I have cared for my son for 25 years.', ways: ['in_person', 'phone'],
    accessNeeds: ['large_print', 'step_free'],
    consentNote: 'Agreed in person at the Thursday carers group, after Priya read the privacy notice with her.',
    answers: {
      appreciate: 'My baking, and that I always know who needs a phone call.',
      important: 'My son Daniel, my allotment, and my neighbours on the estate.',
      support: 'Please phone rather than write. Large print for anything on paper, and a chair with arms.',
    },
    offers: ['Baking', 'Knitting', 'Knowing everyone on the estate'],
    grows: ['Using a tablet'],
  },
  {
    organisation: 'riverside', name: 'Tomasz Nowak', knownAs: 'Tomek', pronouns: 'he/him',
    perspectives: ['volunteer'], ways: ['in_person'], accessNeeds: ['interpreter'], accessNeedsOther: 'A Polish interpreter for long meetings helps me say everything I mean.',
    consentNote: 'Agreed at the drop-in with a Polish interpreter present. He keeps a printed copy of his profile.',
    answers: {
      appreciate: 'I can fix almost anything and I turn up on time.',
      important: 'My daughter, Sunday football, and being useful.',
      support: 'Speak slowly and check I have understood. I am better at doing than at talking in big groups.',
    },
    offers: ['Speaking Polish', 'DIY and repairs', 'Driving the minibus'],
    grows: ['Writing in English', 'Public speaking'],
  },
  {
    organisation: 'riverside', name: 'Dev Patel', pronouns: 'he/him', age: '28',
    perspectives: ['lived_experience', 'peer_supporter'], ways: ['in_person', 'online'],
    consentNote: 'Agreed in person at the peer support team meeting. Prefers to update his profile with Priya.',
    answers: {
      appreciate: 'My music, and that I notice when someone is left out.',
      important: 'My guitar, my friends from the hearing voices group, and a good curry.',
      support: 'Mornings are hard for me: afternoon meetings work best. Tell me what the meeting is for beforehand.',
      extra: 'Playing with the choir and a long bus ride with headphones.',
    },
    offers: ['Guitar', 'Graphic design', 'Peer support'],
    grows: ['Facilitating groups', 'Leading a choir'],
  },
  {
    organisation: 'riverside', name: 'Ruth Campbell', pronouns: 'she/her', visibility: 'private',
    perspectives: ['lived_experience'], ways: ['in_writing'], accessNeeds: ['quiet_space'],
    consentNote: 'Agreed by letter after a phone call with Priya. She asked for her profile to be seen only by admins for now.',
    answers: {
      appreciate: 'My poems, and that I say what other people are thinking.',
      important: 'Time alone in my garden. My cat, Biscuit.',
      support: 'Written information before meetings, and a quiet room I can step into.',
    },
    offers: ['Poetry', 'Gardening'],
    grows: ['Confidence speaking in groups'],
  },
  {
    organisation: 'riverside', name: 'Kwame Boateng', pronouns: 'he/him', visibility: 'projects',
    perspectives: ['community_partner', 'volunteer'], perspectiveDescription: 'I run the food bank at St Mark\'s church hall.', ways: ['in_person', 'phone'],
    consentNote: 'Agreed in person at St Mark\'s, and asked that only people in projects with him see his profile.',
    answers: {
      appreciate: 'I can feed fifty people on a Tuesday and still find you a seat.',
      important: 'My faith, my family and a community where nobody eats alone.',
      support: 'Phone me; I do not check email often.',
    },
    offers: ['Cooking for a crowd', 'Event planning', 'Booking rooms'],
    grows: ['Website design'],
  },
  {
    organisation: 'riverside', name: 'Ellie Fraser', pronouns: 'she/they', age: '19',
    perspectives: ['lived_experience'], ways: ['online', 'in_writing'],
    consentNote: 'Agreed at the young people\'s group; she will have an account once she has her own email.',
    answers: {
      appreciate: 'I am good with social media and I make things look good.',
      important: 'My friends, my sketchbook and being taken seriously even though I am young.',
      support: 'Message me rather than calling. Do not talk over me.',
    },
    offers: ['Social media', 'Video editing', 'Poster design'],
    grows: ['Facilitating groups', 'Public speaking'],
  },
  {
    organisation: 'riverside', name: 'Hannah Liu', pronouns: 'she/her',
    perspectives: ['professional_staff'], ways: ['in_person', 'online'],
    consentNote: 'Added while her account is set up; agreed in the team meeting.',
    answers: {
      appreciate: 'I make information easy to understand.',
      important: 'Climbing, my sister, and accessible information for everyone.',
      support: 'I can be too quick to offer solutions. Slow me down.',
    },
    offers: ['Easy read writing', 'Accessible information', 'Sensory needs'],
    grows: ['Peer support', 'Facilitating groups'],
  },
  {
    organisation: 'riverside', name: 'Bernard Okoye', knownAs: 'Bernie', pronouns: 'he/him', age: '60s',
    perspectives: ['family_carer', 'volunteer'], ways: ['in_person', 'with_supporter'], accessNeeds: ['bsl'],
    consentNote: 'Agreed in person through a BSL interpreter, who also read him his profile.',
    answers: {
      appreciate: 'Patience. I have taught many hearing people to sign.',
      important: 'My wife, the Deaf club, and woodwork in my shed.',
      support: 'Book a BSL interpreter, and face me when you speak.',
    },
    offers: ['Teaching BSL', 'Woodwork'],
    grows: ['Gardening'],
  },
  {
    organisation: 'colline', name: 'Giulia Bianchi', email: 'giulia@colline.example', pronouns: 'lei',
    perspectives: ['professional_staff'], ways: ['in_person', 'online'],
    answers: {
      appreciate: 'Dicono che so mettere le persone a proprio agio e che non dimentico mai un nome.',
      important: 'La mia famiglia, le passeggiate in collina e lavorare insieme, alla pari.',
      support: 'Ditemi subito se qualcosa non va. Preferisco le cose scritte prima degli incontri.',
    },
    offers: ['Condurre riunioni', 'Scrivere progetti'],
    grows: ['Lingua dei segni'],
  },
  {
    organisation: 'colline', name: 'Marco Rossi', pronouns: 'lui',
    perspectives: ['volunteer'], ways: ['in_person', 'phone'],
    consentNote: 'Ha dato il consenso di persona al centro diurno, dopo aver letto insieme l\'informativa.',
    answers: {
      appreciate: 'So cucinare per tanti e faccio ridere tutti.',
      important: 'Mia figlia, il calcio la domenica e sentirmi utile.',
      support: 'Telefonatemi. Non uso molto il computer.',
    },
    offers: ['Cucinare per tanti', 'Guidare il pulmino'],
    grows: ['Usare il tablet'],
  },
  {
    organisation: 'colline', name: 'Lucia Ferrari', pronouns: 'lei',
    perspectives: ['family_carer'], ways: ['in_person'], accessNeeds: ['large_print'],
    consentNote: 'Ha dato il consenso di persona al gruppo dei familiari del giovedì.',
    answers: {
      appreciate: 'La mia calma e il mio orto.',
      important: 'Mio fratello, di cui mi prendo cura da vent\'anni, e la mia parrocchia.',
      support: 'Caratteri grandi sui fogli, per favore, e un po\' di tempo per pensare.',
    },
    offers: ['Orto e giardinaggio', 'Ascoltare'],
    grows: ['Parlare in pubblico'],
  },
  {
    organisation: 'colline', name: 'Anna Esposito', pronouns: 'lei', age: '26',
    perspectives: ['lived_experience', 'peer_supporter'], ways: ['online', 'in_person'],
    consentNote: 'Ha dato il consenso durante l\'incontro del gruppo di sostegno tra pari.',
    answers: {
      appreciate: 'Ascolto senza giudicare e disegno bene.',
      important: 'I miei amici, la musica e sapere che la mia storia può aiutare qualcuno.',
      support: 'Le mattine sono difficili per me: meglio il pomeriggio.',
    },
    offers: ['Grafica e disegno', 'Sostegno tra pari'],
    grows: ['Condurre gruppi'],
  },
];

export const DEMO_APPRECIATIONS: readonly DemoAppreciation[] = [
  { organisation: 'riverside', about: 'Priya Shah', from: 'Margaret Doyle', body: 'Priya rang me every week when Daniel was in hospital. I do not know what I would have done without her.', status: 'accepted', daysAgo: 40 },
  { organisation: 'riverside', about: 'Priya Shah', from: 'Jordan Ellis', body: 'You made the first meeting feel like somewhere I belonged.', status: 'accepted', daysAgo: 12 },
  { organisation: 'riverside', about: 'Alex Morgan', from: 'Tomasz Nowak', body: 'Alex booked an interpreter for me without me having to ask twice.', status: 'accepted', daysAgo: 30 },
  { organisation: 'riverside', about: 'Sam Okafor', from: 'Dev Patel', body: 'Sam listened when I said the plan was not working, and changed it with me.', status: 'accepted', daysAgo: 20 },
  { organisation: 'riverside', about: 'Dev Patel', from: 'Priya Shah', body: 'Dev noticed a new member sitting alone and brought them into the group without any fuss.', status: 'accepted', daysAgo: 15 },
  { organisation: 'riverside', about: 'Margaret Doyle', from: 'Sam Okafor', body: 'Maggie knows everyone on the estate and always knows who needs a visit.', status: 'accepted', daysAgo: 25 },
  { organisation: 'riverside', about: 'Grace Adeyemi', from: 'Alex Morgan', body: 'Grace came to the carers group to listen, not to talk, and it changed the funding plan.', status: 'accepted', daysAgo: 8 },
  { organisation: 'riverside', about: 'Jordan Ellis', from: 'Priya Shah', body: 'Your photographs of the garden project made everyone proud of what we built together.', status: 'pending', daysAgo: 2 },
  { organisation: 'riverside', about: 'Jordan Ellis', from: 'Ellie Fraser', body: 'Thank you for helping me with the poster. You have a really good eye.', status: 'pending', daysAgo: 1 },
  { organisation: 'riverside', about: 'Sam Okafor', from: 'Hannah Liu', body: 'Sam makes every new member of staff feel welcome.', status: 'pending', daysAgo: 3 },
  { organisation: 'colline', about: 'Marco Rossi', from: 'Giulia Bianchi', body: 'Marco ha cucinato per tutti alla festa di quartiere e nessuno è rimasto senza un piatto.', status: 'accepted', daysAgo: 10 },
  { organisation: 'colline', about: 'Anna Esposito', from: 'Lucia Ferrari', body: 'Anna mi ha ascoltata senza mai farmi sentire sbagliata.', status: 'accepted', daysAgo: 6 },
  { organisation: 'colline', about: 'Giulia Bianchi', from: 'Anna Esposito', body: 'Giulia si ricorda di tutti e ci fa sentire parte di qualcosa.', status: 'pending', daysAgo: 1 },
];

/**
 * Add the demo profiles. `people` maps `organisation:name` to the person ids already created for demo accounts;
 * everyone else is added here, without an account, with their consent recorded by the organisation's facilitator
 * (or admin).
 */
export async function seedDemoPeople(
  trx: Transaction<Database>,
  organisationIds: ReadonlyMap<string, string>,
  people: Map<string, string>,
  nowDate: Date,
): Promise<void> {
  const now = nowDate.toISOString();
  const ago = (days: number) => new Date(nowDate.getTime() - days * 86_400_000).toISOString();
  const org = (key: OrganisationKey) => {
    const id = organisationIds.get(key);
    if (id === undefined) throw new Error(`unknown demo organisation ${key}`);
    return id;
  };
  const recorder = (key: OrganisationKey) => people.get(key === 'riverside' ? 'riverside:Priya Shah' : 'colline:Giulia Bianchi') ?? null;

  const riverside = org('riverside');
  await trx.updateTable('organisations').set({ profile_age_enabled: 1 }).where('id', '=', riverside).execute();
  const extraHeadingId = newId();
  await trx
    .insertInto('profile_headings')
    .values({ id: extraHeadingId, organisation_id: org(DEMO_EXTRA_HEADING.organisation), builtin_key: null, label: DEMO_EXTRA_HEADING.label, position: 3, created_at: now, updated_at: now, archived_at: null })
    .execute();

  for (const profile of DEMO_PROFILES) {
    const organisationId = org(profile.organisation);
    const key = `${profile.organisation}:${profile.name}`;
    let personId = people.get(key);
    const fields = {
      known_as: profile.knownAs ?? null,
      pronouns: profile.pronouns ?? null,
      age_text: profile.age ?? null,
      profile_visibility: profile.visibility ?? 'organisation',
      perspective_description: profile.perspectiveDescription ?? null,
      participation_ways: toJson(profile.ways),
      access_needs: toJson(profile.accessNeeds ?? []),
      access_needs_other: profile.accessNeedsOther ?? null,
    };
    if (personId === undefined) {
      personId = newId();
      people.set(key, personId);
      await trx
        .insertInto('people')
        .values({
          id: personId, organisation_id: organisationId, account_id: null, display_name: profile.name, permission: 'member',
          ...fields, consent_note: profile.consentNote ?? null, consent_recorded_by: recorder(profile.organisation), consent_recorded_at: ago(60),
          created_at: ago(60), updated_at: now, archived_at: null, archived_by: null,
        })
        .execute();
    } else {
      await trx.updateTable('people').set(fields).where('id', '=', personId).where('organisation_id', '=', organisationId).execute();
    }
    const id = personId;
    if (profile.perspectives.length > 0) {
      await trx.insertInto('person_perspectives').values(profile.perspectives.map((perspective) => ({ organisation_id: organisationId, person_id: id, perspective }))).execute();
    }
    const answers = Object.entries(profile.answers).map(([heading, body]) => ({
      organisation_id: organisationId, person_id: id, heading_key: heading === 'extra' ? extraHeadingId : heading, body, updated_at: now,
    }));
    if (answers.length > 0) await trx.insertInto('profile_answers').values(answers).execute();
    const strengths = [
      ...profile.offers.map((label) => ({ kind: 'offer' as const, label })),
      ...profile.grows.map((label) => ({ kind: 'grow' as const, label })),
    ].map((s, index) => ({ id: newId(), organisation_id: organisationId, person_id: id, kind: s.kind, label: s.label, label_normalised: normaliseLabel(s.label), created_at: ago(30 - index) }));
    await insertStrengths(trx, strengths);
  }

  for (const appreciation of DEMO_APPRECIATIONS) {
    const about = people.get(`${appreciation.organisation}:${appreciation.about}`);
    const from = people.get(`${appreciation.organisation}:${appreciation.from}`);
    if (about === undefined || from === undefined) throw new Error(`demo appreciation between unknown people: ${appreciation.from} -> ${appreciation.about}`);
    await trx
      .insertInto('appreciations')
      .values({
        id: newId(), organisation_id: org(appreciation.organisation), person_id: about, author_person_id: from, body: appreciation.body,
        status: appreciation.status, created_at: ago(appreciation.daysAgo), decided_at: appreciation.status === 'pending' ? null : ago(appreciation.daysAgo - 1),
      })
      .execute();
  }
}
