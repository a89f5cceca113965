/**
 * Demo co-production projects at different stages, with full circles, agreements, "you said, we did" updates,
 * tasks matched to people's strengths and success defined (and, for one project, reviewed) by the people involved.
 * People are found by name (the demo profiles); anyone missing is added without an account, as a facilitator would.
 */
import type { Transaction } from 'kysely';
import type { Database, EngagementDomain, InvolvementLevel, ProjectCircle, ProjectStage } from '../../db/database.js';
import { newId, toDbBool } from '../../db/portable.js';
import { normaliseLabel } from '../people/people.registry.js';

type OrganisationKey = 'riverside' | 'colline';
type Triple = readonly [ProjectCircle, InvolvementLevel, EngagementDomain];
type Place = readonly [name: string, circle: ProjectCircle, level: InvolvementLevel, domain: EngagementDomain, why?: string, startedAs?: Triple];

interface DemoProject {
  readonly organisation: OrganisationKey;
  readonly title: string;
  readonly purpose: string;
  readonly whoFor: string;
  readonly startsOn: string | null;
  readonly endsOn: string | null;
  readonly visibility: 'open' | 'invite_only';
  readonly startedDaysAgo: number;
  readonly by: string;
  /** Stages reached after "inform", each with what was done at the stage before. */
  readonly moves: readonly (readonly [ProjectStage, string])[];
  readonly circle: readonly Place[];
  readonly engagement?: Readonly<Record<string, readonly [how: string, often: string]>>;
  readonly agreement: { power: string; responsibilities: string; support: string; equalDelivery: 'yes' | 'no' | 'not_sure'; note: string | null; agreed: readonly (readonly [string, boolean, string | null])[] };
  readonly updates: readonly (readonly [author: string, quoted: string | null, body: string])[];
  readonly tasks: readonly { title: string; details: string | null; needs: readonly string[]; owner?: string; volunteers?: readonly string[]; dueInDays: number | null; done?: boolean }[];
  readonly criteria: readonly (readonly [by: string, text: string])[];
  /** Ratings per criterion (in order), for a review: [name, score or null for "don't know", comment]. */
  readonly review?: { open: boolean; ratings: readonly (readonly (readonly [string, number | null, string | null])[])[] };
}

export const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    organisation: 'riverside', title: 'Peer-led welcome group', visibility: 'open', startedDaysAgo: 120, by: 'Priya Shah',
    purpose: 'A warm, peer-led welcome for anyone coming to Riverside for the first time, so nobody has to walk in alone.',
    whoFor: 'People new to Riverside, and anyone who found the first visit hard.',
    startsOn: '2026-08-01', endsOn: '2027-07-31',
    moves: [
      ['consult', 'Told everyone about the idea at the Tuesday drop-in, on the noticeboard and by text.'],
      ['involve', 'Asked 34 people what their first visit felt like. Most said: "I did not know who to talk to."'],
      ['act', 'Planned the Saturday welcome together: a greeter at the door, tea, and a short tour led by peers.'],
    ],
    circle: [
      ['Priya Shah', 'co_producers', 'involve', 'community', 'Started the project and leads the peer support team.'],
      ['Dev Patel', 'co_producers', 'involve', 'we', 'Remembers his own first visit; offered to greet on Saturdays.'],
      ['Jordan Ellis', 'co_producers', 'involve', 'we', 'Came to every session and now plans them.', ['participants', 'consult', 'me']],
      ['Margaret Doyle', 'participants', 'consult', 'we', 'Bakes for the welcome table.'],
      ['Ellie Fraser', 'participants', 'consult', 'me', 'New this year; likes to help with the posters.'],
      ['Tomasz Nowak', 'participants', 'involve', 'we', 'Drives the minibus from the estate.'],
      ['Grace Adeyemi', 'involved', 'inform', 'community', 'Commissions the service and wants to hear how it goes.'],
      ['Kwame Boateng', 'consulted', 'consult', 'community', 'Runs the food bank next door; many people come from there.'],
      ['Hannah Liu', 'consulted', 'consult', 'we', 'Advises on easy read information.'],
    ],
    engagement: {
      'Margaret Doyle': ['A phone call after each planning meeting', 'fortnightly'],
      'Grace Adeyemi': ['A short written update at each stage', 'each_stage'],
    },
    agreement: {
      power: 'Decisions are made together at the planning meeting. Staff and peers have one voice each, and we go round the room so everyone speaks.',
      responsibilities: 'Co-producers come to the fortnightly planning meeting and take one Saturday a month. Staff book the room and keep the budget.',
      support: 'Travel and lunch are paid on the day. The minibus collects people from the estate. Anyone can bring a supporter.',
      equalDelivery: 'yes', note: 'Peers lead the Saturday welcome; staff are there to help, not to run it.',
      agreed: [['Priya Shah', true, null], ['Dev Patel', true, null], ['Jordan Ellis', true, 'Happy with this. Can we look at the Saturday times again in spring?']],
    },
    updates: [
      ['Priya Shah', 'I did not know who to talk to when I first came.', 'There is now a peer greeter at the door every Saturday from 10 until 12, wearing a green lanyard.'],
      ['Dev Patel', 'The leaflet has too many words.', 'Hannah helped us make an easy read welcome card with pictures. It is on the table by the door.'],
      ['Jordan Ellis', 'Weekdays are hard for people who work.', 'We now open on Saturdays as well as Tuesdays.'],
    ],
    tasks: [
      { title: 'Bake for the Saturday welcome', details: 'Something simple for about 20 people. Ingredients are paid for.', needs: ['Baking'], owner: 'Margaret Doyle', volunteers: ['Margaret Doyle'], dueInDays: 5 },
      { title: 'Design a welcome poster', details: 'For the noticeboard and the food bank.', needs: ['Poster design', 'Graphic design'], volunteers: ['Ellie Fraser'], dueInDays: 14 },
      { title: 'Drive people from the estate', details: 'Saturday mornings, 9:30 from the community centre.', needs: ['Driving the minibus'], owner: 'Tomasz Nowak', volunteers: ['Tomasz Nowak'], dueInDays: null },
      { title: 'Book the hall for the spring open day', details: null, needs: ['Booking rooms', 'Event planning'], dueInDays: 30 },
      { title: 'Print the easy read welcome cards', details: null, needs: [], owner: 'Priya Shah', dueInDays: -10, done: true },
    ],
    criteria: [
      ['Jordan Ellis', 'People who come once come back'],
      ['Dev Patel', 'Nobody waits alone at the door'],
      ['Priya Shah', 'Peer greeters feel supported too'],
    ],
    review: {
      open: true,
      ratings: [
        [['Priya Shah', 4, null], ['Dev Patel', 4, 'Most weeks, yes.'], ['Jordan Ellis', 5, null], ['Margaret Doyle', 3, null], ['Ellie Fraser', 4, 'I came back!'], ['Tomasz Nowak', null, null]],
        [['Priya Shah', 5, null], ['Dev Patel', 5, null], ['Jordan Ellis', 4, null], ['Margaret Doyle', 5, null], ['Ellie Fraser', 4, null], ['Tomasz Nowak', 4, null]],
        [['Priya Shah', 3, 'We need a debrief after each Saturday.'], ['Dev Patel', 2, 'Some Saturdays were long on my own.'], ['Jordan Ellis', 3, null], ['Margaret Doyle', null, null], ['Ellie Fraser', null, null], ['Tomasz Nowak', 4, null]],
      ],
    },
  },
  {
    organisation: 'riverside', title: 'Redesigning the crisis café', visibility: 'open', startedDaysAgo: 45, by: 'Sam Okafor',
    purpose: 'Make the evening crisis café somewhere people feel safe to come before things get worse, designed with the people who use it.',
    whoFor: 'Anyone in the area who is struggling in the evening, and the people who support them.',
    startsOn: '2026-10-01', endsOn: null,
    moves: [['consult', 'Shared what the café is for now, the opening hours and the budget, at the café and online.']],
    circle: [
      ['Sam Okafor', 'co_producers', 'involve', 'we', 'Works at the café three nights a week.'],
      ['Priya Shah', 'co_producers', 'involve', 'community', 'Brings the peer support team\'s view.'],
      ['Ruth Campbell', 'participants', 'consult', 'me', 'Uses the café; prefers to give views in writing.'],
      ['Bernard Okoye', 'participants', 'consult', 'me', 'Comes with his son on Thursdays.'],
      ['Alex Morgan', 'involved', 'inform', 'community', 'Manages the service budget.'],
      ['Grace Adeyemi', 'involved', 'inform', 'community', 'Commissions the café.'],
      ['Hannah Liu', 'involved', 'consult', 'we', 'Can make the survey easy read.'],
      ['Kwame Boateng', 'consulted', 'consult', 'community', 'Sees people from the food bank who may need the café.'],
      ['Margaret Doyle', 'consulted', 'consult', 'we', 'Knows everyone on the estate.'],
    ],
    engagement: { 'Ruth Campbell': ['Questions by email, answered in her own time', 'each_stage'] },
    agreement: {
      power: 'The café team and the people who use the café decide together. Anything that changes the budget goes to Alex with our shared view.',
      responsibilities: 'Co-producers meet every two weeks. Everyone else is asked for their views at the consult stage.',
      support: 'Evening sessions with food and taxis home. Written options for people who find groups hard.',
      equalDelivery: 'not_sure', note: 'Staffing rules may mean peers cannot run shifts alone yet. We are finding out.',
      agreed: [['Sam Okafor', true, null], ['Priya Shah', false, 'I want us to commit to peers running at least one evening.']],
    },
    updates: [['Sam Okafor', 'We never know if the café is open on bank holidays.', 'The opening times are now on the door, on the website and in the easy read card, with bank holidays marked.']],
    tasks: [
      { title: 'Write an easy read survey', details: 'Five questions about what would make the café feel safe.', needs: ['Easy read writing', 'Accessible information'], dueInDays: 10 },
      { title: 'Ask people at the food bank', details: null, needs: ['Knowing the local services'], owner: 'Sam Okafor', dueInDays: 21 },
    ],
    criteria: [['Sam Okafor', 'People come earlier, before a crisis'], ['Priya Shah', 'People feel safe to come alone']],
  },
  {
    organisation: 'riverside', title: 'Recovery college course on sleep', visibility: 'invite_only', startedDaysAgo: 70, by: 'Priya Shah',
    purpose: 'A six-week recovery college course about sleep, written and taught by people who have struggled with it and a sleep nurse.',
    whoFor: 'Recovery college students, and anyone whose sleep makes everything else harder.',
    startsOn: '2027-01-10', endsOn: '2027-02-21',
    moves: [
      ['consult', 'Told the recovery college students and tutors about the course idea.'],
      ['involve', 'Heard from 19 people about what helps and what does not. Short sessions and no lectures came up again and again.'],
    ],
    circle: [
      ['Dev Patel', 'co_producers', 'involve', 'community', 'Will co-teach; has lived with insomnia for years.'],
      ['Hannah Liu', 'co_producers', 'involve', 'we', 'Sleep nurse; writes the easy read handouts.'],
      ['Ellie Fraser', 'co_producers', 'involve', 'we', 'Makes the short videos.', ['participants', 'consult', 'we']],
      ['Priya Shah', 'co_producers', 'involve', 'community', 'Runs the recovery college.'],
      ['Jordan Ellis', 'participants', 'inform', 'me', 'Wants to come on the course; just wants updates for now.'],
      ['Ruth Campbell', 'participants', 'consult', 'me', 'Will take the course; gives feedback in writing.'],
      ['Sam Okafor', 'involved', 'inform', 'we', 'Refers people to the recovery college.'],
      ['Bernard Okoye', 'consulted', 'consult', 'community', 'Carer; sleep affects the whole family.'],
    ],
    agreement: {
      power: 'The four co-producers decide the course content together. Tutors are paid the same whether they are staff or peers.',
      responsibilities: 'Each co-producer writes and teaches two of the six sessions, in pairs.',
      support: 'Paid tutor time, a practice session before each class, and a quiet room to step out to.',
      equalDelivery: 'yes', note: 'Every session is taught by a peer and a staff member together.',
      agreed: [['Dev Patel', true, null], ['Hannah Liu', true, null], ['Ellie Fraser', true, null], ['Priya Shah', true, null]],
    },
    updates: [['Hannah Liu', 'Please, no long lectures.', 'Every session is now 20 minutes of talk at most, then practice and tea.']],
    tasks: [
      { title: 'Film a short video about sleep diaries', details: 'Two minutes, with subtitles.', needs: ['Video editing', 'Social media'], volunteers: ['Ellie Fraser'], owner: 'Ellie Fraser', dueInDays: 20 },
      { title: 'Make an easy read handout for week one', details: null, needs: ['Easy read writing'], owner: 'Hannah Liu', dueInDays: 12 },
      { title: 'Find a quiet room for the course', details: null, needs: ['Booking rooms'], dueInDays: 25 },
    ],
    criteria: [['Dev Patel', 'People finish the course feeling more hopeful about sleep'], ['Ellie Fraser', 'Students would recommend it to a friend']],
    review: { open: false, ratings: [] },
  },
  {
    organisation: 'colline', title: 'Orto condiviso', visibility: 'open', startedDaysAgo: 20, by: 'Giulia Bianchi',
    purpose: 'Un orto coltivato insieme, dove chi passa un momento difficile trova compagnia e qualcosa da fare con le mani.',
    whoFor: 'Le persone della rete e chiunque nel paese voglia dare una mano.',
    startsOn: '2027-03-01', endsOn: null,
    moves: [],
    circle: [
      ['Giulia Bianchi', 'co_producers', 'involve', 'community', 'Ha proposto l\'idea.'],
      ['Lucia Ferrari', 'co_producers', 'involve', 'we', 'Sa tutto di orti.'],
      ['Marco Rossi', 'participants', 'consult', 'we', 'Può portare gli attrezzi con il pulmino.'],
      ['Anna Esposito', 'participants', 'consult', 'me', 'Vuole partecipare con calma.'],
      ['Sam Okafor', 'involved', 'inform', 'community', 'Facilitatore della rete.'],
    ],
    agreement: {
      power: 'Decidiamo insieme, una persona un voto, nell\'incontro del lunedì.',
      responsibilities: 'Chi può, viene un pomeriggio alla settimana.',
      support: 'Rimborso del viaggio e merenda per tutti.',
      equalDelivery: 'yes', note: null,
      agreed: [['Giulia Bianchi', true, null], ['Lucia Ferrari', true, null]],
    },
    updates: [],
    tasks: [{ title: 'Preparare le aiuole', details: null, needs: ['Orto e giardinaggio'], owner: 'Lucia Ferrari', dueInDays: 30 }],
    criteria: [['Lucia Ferrari', 'Chi viene una volta torna']],
  },
];

/** Add the demo projects, after the demo people. */
export async function seedDemoProjects(trx: Transaction<Database>, organisationIds: ReadonlyMap<string, string>, nowDate: Date): Promise<void> {
  const ago = (days: number, minutes = 0) => new Date(nowDate.getTime() - days * 86_400_000 + minutes * 60_000).toISOString();
  const inDays = (days: number) => ago(-days).slice(0, 10);

  for (const p of DEMO_PROJECTS) {
    const organisationId = organisationIds.get(p.organisation);
    if (organisationId === undefined) throw new Error(`unknown demo organisation ${p.organisation}`);
    const people = await peopleByName(trx, organisationId, nowDate, [p.by, ...p.circle.map(([name]) => name)]);
    const who = (name: string) => {
      const id = people.get(name);
      if (id === undefined) throw new Error(`demo person ${name} is missing`);
      return id;
    };
    const projectId = newId();
    const start = p.startedDaysAgo;
    const stage = p.moves[p.moves.length - 1]?.[0] ?? 'inform';
    await trx
      .insertInto('projects')
      .values({
        id: projectId, organisation_id: organisationId, title: p.title, purpose: p.purpose, who_for: p.whoFor, starts_on: p.startsOn, ends_on: p.endsOn,
        visibility: p.visibility, stage, cycle: 1, review_open: toDbBool(p.review?.open ?? false), created_by: who(p.by),
        created_at: ago(start), updated_at: ago(0), archived_at: null, archived_by: null,
      })
      .execute();
    const stageMoves: { from: ProjectStage | null; to: ProjectStage; note: string; at: string }[] = [{ from: null, to: 'inform', note: '', at: ago(start) }];
    p.moves.forEach(([to, note], i) => {
      stageMoves.push({ from: stageMoves[i]?.to ?? null, to, note, at: ago(start - ((i + 1) * start) / (p.moves.length + 1)) });
    });
    await trx
      .insertInto('project_stage_moves')
      .values(stageMoves.map((m) => ({ id: newId(), organisation_id: organisationId, project_id: projectId, from_stage: m.from, to_stage: m.to, cycle: 1, note: m.note, moved_by: who(p.by), created_at: m.at })))
      .execute();

    for (const [index, [name, circle, level, domain, why, startedAs]] of p.circle.entries()) {
      const personId = who(name);
      const joined = ago(start - index, 5);
      const plan = p.engagement?.[name];
      await trx
        .insertInto('circle_members')
        .values({
          id: newId(), organisation_id: organisationId, project_id: projectId, person_id: personId, circle, level, domain, note: why ?? null,
          engagement_how: plan?.[0] ?? null, engagement_how_often: plan?.[1] ?? null, tell_by: 'app_and_email', wants_more_at: null,
          added_by: who(p.by), created_at: joined, updated_at: joined, left_at: null,
        })
        .execute();
      const now: Triple = [circle, level, domain];
      // Someone who has moved since joining has the reason on the move, not on the joining.
      const moves: { from: Triple | null; to: Triple; at: string; note: string | null }[] = [{ from: null, to: startedAs ?? now, at: joined, note: startedAs === undefined ? (why ?? null) : null }];
      if (startedAs !== undefined) moves.push({ from: startedAs, to: now, at: ago(start / 3), note: why ?? null });
      await trx
        .insertInto('circle_moves')
        .values(moves.map((m) => ({
          id: newId(), organisation_id: organisationId, project_id: projectId, person_id: personId,
          from_circle: m.from?.[0] ?? null, to_circle: m.to[0], from_level: m.from?.[1] ?? null, to_level: m.to[1], from_domain: m.from?.[2] ?? null, to_domain: m.to[2],
          note: m.note, moved_by: who(p.by), created_at: m.at,
        })))
        .execute();
    }

    await trx
      .insertInto('project_agreements')
      .values({
        id: newId(), organisation_id: organisationId, project_id: projectId, power: p.agreement.power, responsibilities: p.agreement.responsibilities,
        support: p.agreement.support, equal_delivery: p.agreement.equalDelivery, equal_delivery_note: p.agreement.note, version: 1,
        updated_by: who(p.by), created_at: ago(start - 3), updated_at: ago(start - 3),
      })
      .execute();
    for (const [name, agrees, comment] of p.agreement.agreed) {
      await trx
        .insertInto('agreement_responses')
        .values({ id: newId(), organisation_id: organisationId, project_id: projectId, person_id: who(name), agrees: toDbBool(agrees), comment, agreement_version: 1, created_at: ago(start - 4), updated_at: ago(start - 4) })
        .execute();
    }

    const members = p.circle.map(([name]) => who(name));
    for (const [index, [author, quoted, body]] of p.updates.entries()) {
      const updateId = newId();
      const at = ago(Math.max(1, (p.updates.length - index) * 9));
      const latest = index === p.updates.length - 1;
      await trx.insertInto('project_updates').values({ id: updateId, organisation_id: organisationId, project_id: projectId, body, quoted, author_id: who(author), created_at: at }).execute();
      const told = members.filter((id) => id !== who(author));
      if (told.length > 0) {
        await trx
          .insertInto('notifications')
          .values(told.map((personId) => ({ id: newId(), organisation_id: organisationId, person_id: personId, kind: 'project_update', project_id: projectId, update_id: updateId, created_at: at, read_at: latest ? null : at })))
          .execute();
      }
    }

    for (const [index, task] of p.tasks.entries()) {
      const taskId = newId();
      const at = ago(Math.max(1, start / 2 - index));
      await trx
        .insertInto('project_tasks')
        .values({
          id: taskId, organisation_id: organisationId, project_id: projectId, title: task.title, details: task.details, owner_id: task.owner === undefined ? null : who(task.owner),
          due_on: task.dueInDays === null ? null : inDays(task.dueInDays), status: task.done === true ? 'done' : 'open', created_by: who(p.by),
          created_at: at, updated_at: at, done_at: task.done === true ? ago(2) : null,
        })
        .execute();
      if (task.needs.length > 0) {
        await trx.insertInto('task_needs').values(task.needs.map((label) => ({ id: newId(), organisation_id: organisationId, task_id: taskId, label, label_normalised: normaliseLabel(label) }))).execute();
      }
      for (const name of task.volunteers ?? []) {
        await trx.insertInto('task_volunteers').values({ id: newId(), organisation_id: organisationId, task_id: taskId, person_id: who(name), created_at: at }).execute();
      }
    }

    for (const [index, [by, text]] of p.criteria.entries()) {
      const criterionId = newId();
      await trx
        .insertInto('success_criteria')
        .values({ id: criterionId, organisation_id: organisationId, project_id: projectId, text, proposed_by: who(by), created_at: ago(start - 5, index), archived_at: null })
        .execute();
      for (const [name, score, comment] of p.review?.ratings[index] ?? []) {
        await trx
          .insertInto('success_ratings')
          .values({ id: newId(), organisation_id: organisationId, project_id: projectId, criterion_id: criterionId, person_id: who(name), cycle: 1, score, comment, created_at: ago(2), updated_at: ago(2) })
          .execute();
      }
    }
  }
}

/** The organisation's people by name; anyone not there yet is added without an account. */
async function peopleByName(trx: Transaction<Database>, organisationId: string, nowDate: Date, names: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(names)];
  const rows = await trx.selectFrom('people').select(['id', 'display_name']).where('organisation_id', '=', organisationId).where('display_name', 'in', wanted).execute();
  const found = new Map(rows.map((r) => [r.display_name, r.id]));
  const now = nowDate.toISOString();
  for (const name of wanted) {
    if (found.has(name)) continue;
    const id = newId();
    await trx
      .insertInto('people')
      .values({ id, organisation_id: organisationId, account_id: null, display_name: name, permission: 'member', created_at: now, updated_at: now, archived_at: null, archived_by: null })
      .execute();
    found.set(name, id);
  }
  return found;
}
