/**
 * Demo data for the reflective toolkit: two review cycles of a demo project (people with lived experience and
 * professionals answering privately, with published rounds of results), a group review of a service with discussion notes, an action plan half done
 * with reminders scheduled, and several Ladder of Participation reflections.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { newId } from '../../db/portable.js';
import { scheduleJob } from '../../shared/jobs.js';
import { reminderKey, reminderTime, REMINDER_JOB } from './actions.service.js';
import { publishRound } from './rounds.service.js';
import { QUESTIONS, type ActionStatus, type PrincipleKey } from './reviews.registry.js';

const DAY = 24 * 60 * 60_000;

/** Extra people without accounts, so both perspective groups have enough respondents to be shown. */
const EXTRA_PEOPLE: readonly (readonly [string, 'lived_experience' | 'professional_staff'])[] = [
  ['Kemi Adebayo', 'lived_experience'],
  ['Liam Byrne', 'lived_experience'],
  ['Rosa Martins', 'lived_experience'],
  ['Dr Helen Price', 'professional_staff'],
  ['Owen Hughes', 'professional_staff'],
  ['Nadia Rahman', 'professional_staff'],
];

/** How each group tends to score a principle (1-5), this cycle and the last: the gap in blur roles is the story. */
const LEANING: Readonly<Record<'lived_experience' | 'professional_staff', Readonly<Record<PrincipleKey, readonly [number, number]>>>> = {
  lived_experience: { assets: [2, 3], capabilities: [3, 4], mutuality: [2, 3], networks: [1, 2], blur_roles: [1, 2], catalysts: [2, 3] },
  professional_staff: { assets: [3, 4], capabilities: [3, 4], mutuality: [3, 4], networks: [2, 3], blur_roles: [3, 4], catalysts: [3, 4] },
};

export async function seedReviewsDemo(trx: Transaction<Database>, organisationIds: ReadonlyMap<string, string>, nowDate: Date): Promise<void> {
  const organisationId = organisationIds.get('riverside');
  if (organisationId === undefined) return;
  const at = (daysAgo: number) => new Date(nowDate.getTime() - daysAgo * DAY).toISOString();
  const dateIn = (days: number) => new Date(nowDate.getTime() + days * DAY).toISOString().slice(0, 10);

  const people = await trx.selectFrom('people').select(['id', 'display_name as name']).where('organisation_id', '=', organisationId).execute();
  const byName = new Map(people.map((p) => [p.name, p.id]));
  for (const [name, perspective] of EXTRA_PEOPLE) {
    if (byName.has(name)) continue;
    const id = newId();
    await trx.insertInto('people').values({ id, organisation_id: organisationId, account_id: null, display_name: name, permission: 'member', created_at: at(200), updated_at: at(200), archived_at: null, archived_by: null }).execute();
    await trx.insertInto('person_perspectives').values({ organisation_id: organisationId, person_id: id, perspective }).execute();
    byName.set(name, id);
  }
  const who = (name: string) => byName.get(name) ?? null;
  const priya = who('Priya Shah');
  const perspectives = await trx.selectFrom('person_perspectives').select(['person_id', 'perspective']).where('organisation_id', '=', organisationId).where('perspective', 'in', ['lived_experience', 'professional_staff']).execute();
  // Priya is left out of the current cycle, so whoever signs in as her can answer it.
  const respondents = perspectives
    .filter((row, i, all) => all.findIndex((r) => r.person_id === row.person_id) === i)
    .map((row) => ({ personId: row.person_id, group: row.perspective as 'lived_experience' | 'professional_staff' }));

  const project = await trx.selectFrom('projects').select(['id', 'title']).where('organisation_id', '=', organisationId).where('title', '=', 'Peer-led welcome group').executeTakeFirst();
  const subject = project === undefined
    ? { subject_kind: 'service' as const, subject_key: 'drop-in café', subject_label: 'Drop-in café', project_id: null }
    : { subject_kind: 'project' as const, subject_key: project.id, subject_label: null, project_id: project.id };

  async function review(daysAgo: number, mode: 'individual' | 'group', closed: boolean, s: typeof subject): Promise<string> {
    const id = newId(nowDate.getTime() - daysAgo * DAY);
    await trx.insertInto('reviews').values({ id, organisation_id: organisationId as string, ...s, owner_person_id: null, mode, status: closed ? 'closed' : 'open', created_by: priya, created_at: at(daysAgo), updated_at: at(daysAgo), closed_at: closed ? at(daysAgo - 14) : null }).execute();
    return id;
  }

  async function answer(reviewId: string, personId: string | null, kind: 'individual' | 'group', daysAgo: number, value: (principle: PrincipleKey, position: number) => number, comments: Readonly<Record<string, string>> = {}) {
    const responseId = newId();
    await trx.insertInto('review_responses').values({ id: responseId, organisation_id: organisationId as string, review_id: reviewId, person_id: personId, kind, submitted_at: at(daysAgo), created_at: at(daysAgo), updated_at: at(daysAgo) }).execute();
    await trx
      .insertInto('review_answers')
      .values(QUESTIONS.map((q) => ({ organisation_id: organisationId as string, response_id: responseId, review_id: reviewId, question_key: q.key, value: value(q.principle, q.position), comment: comments[q.key] ?? null, updated_at: at(daysAgo) })))
      .execute();
  }

  const cycles = [{ daysAgo: 100, cycle: 0, closed: true }, { daysAgo: 12, cycle: 1, closed: false }] as const;
  const reviewIds: string[] = [];
  for (const c of cycles) {
    const reviewId = await review(c.daysAgo, 'individual', c.closed, subject);
    reviewIds.push(reviewId);
    for (const [i, r] of respondents.entries()) {
      if (c.cycle === 1 && r.personId === priya) continue;
      // Everyone's own view: the group's leaning, nudged by person and question, one "don't know" now and then.
      await answer(reviewId, r.personId, 'individual', c.daysAgo - 2, (principle, position) => {
        if ((i + position) % 7 === 3) return 0;
        const base = LEANING[r.group][principle][c.cycle];
        return Math.min(5, Math.max(1, base + (((i + position) % 3) - 1)));
      }, i === 0 ? { 'blur_roles.2': 'We are asked for our views, but the decisions are made somewhere else.' } : {});
    }
    // Results come in published rounds (ADR 0014): the last cycle's final round, and a first round of this one.
    await publishRound(trx, organisationId, reviewId, { personId: priya, now: at(c.closed ? c.daysAgo - 14 : c.daysAgo - 3), reason: c.closed ? 'closed' : 'published' });
  }

  // A group review of a service, its agreed answers and notes recorded by Priya.
  const groupId = await review(30, 'group', false, { subject_kind: 'service', subject_key: 'drop-in café', subject_label: 'Drop-in café', project_id: null });
  await answer(groupId, priya, 'group', 29, (principle) => ({ assets: 4, capabilities: 3, mutuality: 4, networks: 2, blur_roles: 2, catalysts: 3 })[principle]);
  await trx
    .insertInto('review_notes')
    .values([
      ['networks', 'We rarely link people to groups outside the café. Idea: a noticeboard run by regulars, and a monthly visit to the allotment group.'],
      ['blur_roles', 'Volunteers would like to open up on Saturdays, but insurance and keys sit with staff. We agreed to ask the trustees.'],
      ['assets', 'People’s cooking and music are already at the heart of Fridays.'],
    ].map(([principle, notes]) => ({ organisation_id: organisationId, review_id: groupId, principle: principle ?? '', notes: notes ?? '', updated_at: at(29) })))
    .execute();

  // Action plans: last cycle's all followed through; this cycle's half done.
  const actions: readonly (readonly [number, PrincipleKey, string, string, number, string, ActionStatus, string | null])[] = [
    [0, 'networks', 'Invite the allotment group and the library to a welcome session', 'Priya Shah', -60, 'At least two local groups have come along', 'done', 'Both came in March; the library now runs a monthly book swap with us.'],
    [0, 'blur_roles', 'Peer supporters co-chair the monthly planning meeting', 'Jordan Ellis', -45, 'Minutes show a peer co-chair every month', 'done', null],
    [0, 'assets', 'Ask everyone what they would like to offer, not only what they need', 'Sam Okafor', -30, 'A skills list exists and is used to share out tasks', 'under_way', 'Half the group has filled it in.'],
    [1, 'blur_roles', 'Share the budget for the welcome group with the group itself', 'Priya Shah', 20, 'The group decides how the next £500 is spent', 'not_started', null],
    [1, 'networks', 'Start a buddy list so nobody walks in alone', 'Jordan Ellis', 5, 'Every newcomer in a month is met by a buddy', 'under_way', 'Four buddies have signed up.'],
    [1, 'mutuality', 'Talk about what we expect of each other at every first meeting', 'Sam Okafor', -3, 'New members say they knew what to expect', 'done', 'Added to the welcome script.'],
    [1, 'catalysts', 'Map local groups people could join after the welcome group', 'Alex Morgan', -10, 'A printed map is on the noticeboard', 'done', null],
  ];
  for (const [cycle, principle, what, owner, dueInDays, howKnow, status, note] of actions) {
    const id = newId();
    const dueOn = dateIn(dueInDays);
    const reviewId = reviewIds[cycle] ?? '';
    await trx.insertInto('review_actions').values({ id, organisation_id: organisationId, review_id: reviewId, principle, what, owner_person_id: who(owner), due_on: dueOn, how_know: howKnow, status, created_by: priya, created_at: at(cycle === 0 ? 90 : 9), updated_at: at(2) }).execute();
    if (note !== null) await trx.insertInto('review_action_notes').values({ id: newId(), organisation_id: organisationId, action_id: id, body: note, status, author_id: who(owner), created_at: at(2) }).execute();
    if (status !== 'done' && dueInDays > 0) {
      await scheduleJob(trx, { kind: REMINDER_JOB, key: reminderKey(id, dueOn), runAt: reminderTime(dueOn, nowDate), organisationId, payload: { actionId: id, dueOn } }, nowDate);
    }
  }

  // Ladder of Participation reflections.
  const reflections: readonly { by: string; scope: 'practice' | 'service'; title: string; shared: boolean; entries: readonly (readonly ['doing_to' | 'doing_for' | 'doing_with', string, string, string, string])[]; tend?: string; moveUp?: string; skills?: string }[] = [
    {
      by: 'Priya Shah', scope: 'practice', title: 'Planning the welcome group', shared: true,
      entries: [
        ['doing_to', 'Set the group’s rules before anyone had joined.', 'therapy', 'Clear rules, but people did not feel they were theirs.', 'Agreed the rules with the first members at the first session.'],
        ['doing_for', 'Asked people to fill in a feedback form after each session.', 'consultation', 'Some good ideas, but few changed anything.', 'Told people what we did with their feedback, and let them choose what to change.'],
        ['doing_with', 'Peer supporters and I planned the spring open day together.', 'partnership', 'Twice as many people came, and three became volunteers.', 'Started even earlier, and shared the budget too.'],
      ],
      tend: 'Mostly doing for, with moments of doing with.', moveUp: 'Share decisions and money, not only tasks.', skills: 'Facilitating meetings where I do not hold the pen. I will ask for co-facilitation training.',
    },
    {
      by: 'Priya Shah', scope: 'service', title: 'How the café decides its menu', shared: false,
      entries: [['doing_for', 'We choose the menu and put it on the board.', 'informing', 'Food people do not always want.', 'A rota of regulars choosing the weekly menu.']],
    },
    {
      by: 'Jordan Ellis', scope: 'practice', title: 'My first months as a peer supporter', shared: true,
      entries: [
        ['doing_to', 'Told someone which group they should join.', 'manipulation', 'They did not come back.', 'Asked what they enjoy first.'],
        ['doing_with', 'Co-wrote the buddy guide with two newcomers.', 'delegated_power', 'The guide is in their words and people use it.', 'Paid them for their time.'],
      ],
      tend: 'Doing with, when I slow down.',
    },
    {
      by: 'Sam Okafor', scope: 'practice', title: 'Crisis café conversations', shared: false,
      entries: [['doing_for', 'Ran a survey about the crisis café.', 'placation', 'Views were heard but the plan was already set.', 'Bring people in before the plan is written.']],
    },
  ];
  for (const [i, r] of reflections.entries()) {
    const personId = who(r.by);
    if (personId === null) continue;
    const id = newId();
    await trx.insertInto('ladder_reflections').values({ id, organisation_id: organisationId, person_id: personId, scope: r.scope, title: r.title, tend: r.tend ?? null, move_up: r.moveUp ?? null, skills: r.skills ?? null, shared_at: r.shared ? at(20 - i) : null, created_at: at(40 - i * 5), updated_at: at(20 - i) }).execute();
    await trx.insertInto('ladder_entries').values(r.entries.map(([section, what, rung, outcomes, better]) => ({ organisation_id: organisationId, reflection_id: id, section, what, rung, outcomes, better }))).execute();
  }
}
