/**
 * "Everything about one person" (issue #11): one member touches every feature, through the real use cases, with a
 * unique marker in every text they write and in every text others write about them. Export and erasure tests run
 * over it; test/db/one-person-fixture.test.ts checks that it reaches every table the personal-data registry says
 * holds rows about a person, so a new table fails that test until this fixture covers it.
 */
import { randomBytes } from 'node:crypto';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Db } from '../../src/db/connect.js';
import type { Database, Permission } from '../../src/db/database.js';
import { checksFor } from '../../src/modules/toolkit/learning.registry.js';
import { BUILTIN_HEADING_KEYS } from '../../src/modules/people/people.registry.js';
import { PRINCIPLE_KEYS, questionsFor } from '../../src/modules/reviews/reviews.registry.js';
import { storedFields } from '../../src/plugins/session.js';
import { writeSession } from '../../src/plugins/session.repository.js';
import { createServices, type Services } from '../../src/services.js';
import type { Actor } from '../../src/shared/actor.js';
import { fixedClock, type Clock } from '../../src/shared/clock.js';
import type { Result } from '../../src/shared/result.js';
import { newToken } from '../../src/shared/tokens.js';
import { testConfig } from './app.js';
import { TEST_PASSWORD } from './factories.js';
import { createCapturingMailer, type CapturingMailer } from './mailer.js';
import { TINY_PNG } from './pictures.js';

/** Where a marker is written: the fixture test checks it is there. */
export interface MarkerPlace {
  readonly table: string;
  readonly column: string;
}

export interface OnePerson {
  readonly organisationId: string;
  /** The person everything is about. Their display name holds `markers.displayName`; their email is unique too. */
  readonly member: Actor;
  /** Staff (permission `facilitator`) who writes about the member: circle notes, actions, an appreciation. */
  readonly facilitator: Actor;
  /** The organisation's first admin (edits the profile template). */
  readonly admin: Actor;
  /** Three more members, in the project's circle, who reply, answer the review and take part in decisions. */
  readonly others: readonly Actor[];
  /** Every account's password (the fixture's people can sign in over HTTP with it). */
  readonly password: string;
  readonly projectId: string;
  /** The meeting the member replied to, kept the cards and took the notes of. */
  readonly meetingId: string;
  /** A later meeting, where the facilitator recorded the member's gratitude round for them. */
  readonly secondMeetingId: string;
  /** A unique marker per text written, by name. Lowercase, so normalised copies (strength labels) equal it. */
  readonly markers: Readonly<Record<string, string>>;
  /** The markers others wrote about the member (a subset of `markers`' values). */
  readonly markersAboutThem: readonly string[];
  /** Where each marker (by name) was written. */
  readonly places: Readonly<Record<string, MarkerPlace>>;
}

/** The value of a use case that must succeed, or an error naming the step. */
function must<T>(step: string, result: Result<T>): T {
  if (!result.ok) throw new Error(`one-person fixture: ${step} failed: ${JSON.stringify(result)}`);
  return result.value;
}

/** Markers: `marker-<name>-<random suffix>`, so none occurs by chance and none is part of another. */
function markerBook() {
  const suffix = randomBytes(5).toString('hex');
  const markers: Record<string, string> = {};
  const places: Record<string, MarkerPlace> = {};
  const aboutThem: string[] = [];
  const mark = (name: string, table: string, column: string, options: { aboutThem?: boolean } = {}): string => {
    if (markers[name] !== undefined) throw new Error(`marker ${name} named twice`);
    const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const value = `marker-${kebab}-${suffix}`;
    markers[name] = value;
    places[name] = { table, column };
    if (options.aboutThem === true) aboutThem.push(value);
    return value;
  };
  return { suffix, markers, places, aboutThem, mark };
}

/** createServices takes the app's Db; it uses only its Kysely instance, so a bare Kysely is wrapped. */
function asDb(db: Kysely<Database> | Db): Db {
  if ('kysely' in db) return db;
  const unused = (): never => {
    throw new Error('the one-person fixture was given a bare Kysely instance: only its queries are available');
  };
  const dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  return { kysely: db, dialect, sqlite: undefined, queryCount: unused, updateStatistics: unused, close: unused };
}

async function actorFor(services: Services, accountId: string, organisationId: string, email: string): Promise<Actor> {
  const membership = (await services.auth.listMemberships(accountId)).find((m) => m.organisationId === organisationId);
  if (membership === undefined) throw new Error(`one-person fixture: ${email} did not join`);
  return { accountId, personId: membership.personId, organisationId, permission: membership.permission, displayName: membership.displayName, email };
}

const tokenOf = (link: string): string => link.slice(link.lastIndexOf('/') + 1);

/** YYYY-MM-DD and date parts, `days` after the clock's today (UTC). */
function daysAhead(clock: Clock, days: number) {
  const at = new Date(clock.now().getTime() + days * 86_400_000);
  return { iso: at.toISOString().slice(0, 10), year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

/**
 * Build the organisation, its people and everything the member does. Takes the test's Kysely instance (or its Db);
 * `clock` defaults to one fixed at the current time. Every account's password is TEST_PASSWORD.
 */
export async function everythingAboutOnePerson(db: Kysely<Database> | Db, options: { clock?: Clock } = {}): Promise<OnePerson> {
  // Fixed for the run, at the real time by default: meetings, due dates and tokens then lie ahead of the app's clock.
  const clock = options.clock ?? fixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  const mailer: CapturingMailer = createCapturingMailer();
  const services = createServices({ db: asDb(db), clock, mailer, config: testConfig() });
  const { auth, people, projects, meetings, reviews, reviewActions, ladder, toolkit } = services;
  const book = markerBook();
  const { mark, suffix } = book;

  // The organisation and its people, each joining by invitation as in the app.
  const organisationId = await services.organisations.createOrganisation({
    name: `One person ${suffix}`, shortName: `One ${suffix}`, defaultLanguage: 'en-GB', timeZone: 'Europe/London', country: 'GB', crisisText: null,
  });
  const join = async (link: string, email: string, displayName: string): Promise<Actor> => {
    const signedIn = must(`accepting ${email}'s invitation`, await auth.acceptInvitation({ token: tokenOf(link), displayName, password: TEST_PASSWORD, signedInAccountId: null, language: null }));
    return actorFor(services, signedIn.accountId, organisationId, email);
  };
  const adminEmail = `admin-${suffix}@test.example`;
  const admin = await join(must('inviting the first admin', await auth.inviteFirstAdmin(organisationId, { email: adminEmail, displayName: 'Ada Admin' })).link, adminEmail, 'Ada Admin');
  const invite = async (by: Actor, email: string, displayName: string, permission: Permission) =>
    must(`inviting ${email}`, await auth.invite(by, { email, displayName, permission })).link;
  const facilitatorEmail = `facilitator-${suffix}@test.example`;
  const facilitator = await join(await invite(admin, facilitatorEmail, 'Femi Facilitator', 'facilitator'), facilitatorEmail, 'Femi Facilitator');
  const others: Actor[] = [];
  for (const name of ['Bea', 'Cal', 'Dev']) {
    const email = `${name.toLowerCase()}-${suffix}@test.example`;
    others.push(await join(await invite(facilitator, email, `${name} Member`, 'member'), email, `${name} Member`));
  }
  const [bea, cal, dev] = others as [Actor, Actor, Actor];

  // The member is invited twice (the first email "did not arrive") and accepts the second: the first stays unused.
  const memberEmail = `robin-${suffix}@test.example`;
  const displayName = `Robin ${mark('displayName', 'people', 'display_name')}`;
  await invite(facilitator, memberEmail, displayName, 'member');
  let member = await join(await invite(facilitator, memberEmail, displayName, 'member'), memberEmail, displayName);

  // The profile template asks for age and a picture, and has a heading of the organisation's own.
  must('template', await people.updateTemplate(admin, { ageEnabled: true, pictureEnabled: true, 'heading-appreciate': null, 'heading-important': null, 'heading-support': null }));
  must('extra heading', await people.addHeading(admin, 'What I bring to a group'));
  const headings = await people.headings(organisationId);

  // Their one-page profile.
  must('about', await people.updateAbout(member, member.personId, {
    displayName, knownAs: mark('knownAs', 'people', 'known_as'), pronouns: mark('pronouns', 'people', 'pronouns'), age: mark('age', 'people', 'age_text'),
  }));
  member = { ...member, displayName };
  const answers: Record<string, string> = {};
  for (const heading of headings) {
    const name = heading.builtin ? `profileAnswer${heading.key[0]?.toUpperCase() ?? ''}${heading.key.slice(1)}` : 'profileAnswerExtra';
    answers[heading.key] = mark(name, 'profile_answers', 'body');
  }
  if (headings.length !== BUILTIN_HEADING_KEYS.length + 1) throw new Error('one-person fixture: the extra heading is missing');
  must('answers', await people.updateAnswers(member, member.personId, answers));
  must('strength offered', await people.addStrength(member, member.personId, { kind: 'offer', label: mark('strengthOffered', 'strengths', 'label') }));
  must('strength wanted', await people.addStrength(member, member.personId, { kind: 'grow', label: mark('strengthWanted', 'strengths', 'label') }));
  must('taking part', await people.updateTakingPart(member, member.personId, {
    perspectives: ['lived_experience', 'peer_supporter'], perspectiveDescription: mark('perspectiveDescription', 'people', 'perspective_description'),
    participationWays: ['in_person', 'with_supporter'], accessNeeds: ['quiet_space', 'other'], accessNeedsOther: mark('profileAccessNeedsOther', 'people', 'access_needs_other'),
  }));
  must('picture', await people.setPicture(member, member.personId, { contentType: 'image/png', bytes: TINY_PNG }));
  for (const [other, perspective] of [[facilitator, 'professional_staff'], [bea, 'lived_experience'], [cal, 'lived_experience'], [dev, 'professional_staff']] as const) {
    must('others\' perspectives', await people.updateTakingPart(other, other.personId, { perspectives: [perspective], perspectiveDescription: null, participationWays: [], accessNeeds: [], accessNeedsOther: null }));
  }

  // Appreciations both ways: one written, one received and accepted, one received and still waiting.
  must('appreciation written', await people.appreciate(member, bea.personId, mark('appreciationWritten', 'appreciations', 'body')));
  must('appreciation received', await people.appreciate(cal, member.personId, mark('appreciationReceived', 'appreciations', 'body', { aboutThem: true })));
  must('appreciation waiting', await people.appreciate(facilitator, member.personId, mark('appreciationWaiting', 'appreciations', 'body', { aboutThem: true })));
  const inbox = must('inbox', await people.inbox(member, member.personId));
  const received = inbox.pending.find((a) => a.body === book.markers['appreciationReceived']);
  if (received === undefined) throw new Error('one-person fixture: the appreciation received is not in the inbox');
  must('accepting', await people.decide(member, member.personId, received.id, 'accepted'));

  // A project: the facilitator starts it and places the member with a note, then moves them into the co-producers.
  const { projectId } = must('project', await projects.create(facilitator, {
    title: 'Peer-led welcome group', purpose: 'A friendly welcome for people coming for the first time.', whoFor: 'People new to the service', startsOn: null, endsOn: null, visibility: 'open',
  }));
  must('member into the circle', await projects.circle.add(facilitator, projectId, {
    personId: member.personId, newName: null, circle: 'participants', level: null, domain: 'we', note: mark('circleNote', 'circle_moves', 'note', { aboutThem: true }),
  }));
  must('member moved', await projects.circle.place(facilitator, projectId, member.personId, {
    circle: 'co_producers', level: 'involve', domain: 'we', note: mark('circleMoveNote', 'circle_members', 'note', { aboutThem: true }),
  }));
  for (const [other, circle] of [[bea, 'co_producers'], [cal, 'participants'], [dev, 'participants']] as const) {
    must('others into the circle', await projects.circle.add(facilitator, projectId, { personId: other.personId, newName: null, circle, level: null, domain: 'we', note: null }));
  }
  must('engagement', await projects.circle.setEngagement(member, projectId, member.personId, { engagementHow: mark('engagementHow', 'circle_members', 'engagement_how'), engagementHowOften: 'monthly' }));
  must('tell by', await projects.circle.setTellBy(member, projectId, 'app_and_email'));
  must('more', await projects.circle.askForMore(member, projectId));
  must('stage', await projects.moveStage(member, projectId, { stage: 'consult', note: mark('stageMoveNote', 'project_stage_moves', 'note') }));

  // The agreement, answered with a comment.
  must('agreement', await projects.agreement.save(facilitator, projectId, { power: 'Shared', responsibilities: 'Everyone', support: 'Training', equalDelivery: 'yes', equalDeliveryNote: null }));
  must('agreement response', await projects.agreement.respond(member, projectId, { agrees: false, comment: mark('agreementComment', 'agreement_responses', 'comment') }));

  // Updates: one by the member; one by the facilitator, which notifies the member.
  must('update', await projects.updates.post(member, projectId, { body: mark('updateBody', 'project_updates', 'body'), quoted: mark('updateQuoted', 'project_updates', 'quoted') }));
  must('update to the member', await projects.updates.post(facilitator, projectId, { body: 'You asked for a quiet corner; we made one.', quoted: null }));

  // Tasks: one the member writes; one they volunteer for and the facilitator makes them owner of.
  must('task', await projects.tasks.create(member, projectId, { title: mark('taskTitle', 'project_tasks', 'title'), details: mark('taskDetails', 'project_tasks', 'details'), needs: [mark('taskNeed', 'task_needs', 'label')], dueOn: null }));
  const { taskId } = must('second task', await projects.tasks.create(facilitator, projectId, { title: 'Set out the chairs', details: null, needs: ['Lifting'], dueOn: null }));
  must('volunteer', await projects.tasks.volunteer(member, projectId, taskId));
  must('owner', await projects.tasks.setOwner(facilitator, projectId, taskId, member.personId));

  // Success: a criterion proposed by each, the review opened, and the member's ratings with a comment.
  must('criterion', await projects.success.propose(facilitator, projectId, 'People feel welcome'));
  must('member criterion', await projects.success.propose(member, projectId, mark('criterionProposed', 'success_criteria', 'text')));
  must('success review', await projects.success.setReview(facilitator, projectId, true));
  const criteria = must('criteria', await projects.success.criteria(member, projectId));
  must('ratings', await projects.success.rate(member, projectId, criteria.map((c, i) => ({ criterionId: c.id, score: i === 0 ? 4 : null, comment: i === 0 ? mark('successComment', 'success_ratings', 'comment') : null }))));

  // A meeting: the member keeps the cards and takes the notes.
  const meetingOn = (days: number, title: string) => {
    const date = daysAhead(clock, days);
    return { title, date: { year: date.year, month: date.month, day: date.day }, start: { hour: 18, minute: 0 }, end: { hour: 19, minute: 30 }, place: 'Community hall', onlineUrl: null, features: ['quiet_room' as const], ways: ['in_person' as const, 'online' as const] };
  };
  const { meetingId } = must('meeting', await meetings.create(facilitator, projectId, meetingOn(7, 'Welcome group planning')));
  must('roles', await meetings.setRoles(facilitator, projectId, meetingId, { keeperId: member.personId, keeperMode: 'rotate', noteTakerId: member.personId }));
  must('reply', await meetings.reply(member, projectId, meetingId, { answer: 'coming', way: 'in_person', accessNeeds: mark('meetingAccessNeeds', 'meeting_replies', 'access_needs'), travelExpenses: true }));
  for (const other of others) must('others reply', await meetings.reply(other, projectId, meetingId, { answer: 'coming', way: 'online', accessNeeds: null, travelExpenses: false }));
  must('willing', await meetings.setWilling(member, projectId, meetingId, true));
  must('agenda', await meetings.addAgendaItem(member, projectId, meetingId, { title: mark('agendaTitle', 'agenda_items', 'title'), details: mark('agendaDetails', 'agenda_items', 'details') }));
  must('card', await meetings.cards.submit(member, projectId, { body: mark('cardBody', 'opportunity_cards', 'body'), wantsToHelp: true, showName: true, formKey: newToken() }));
  must('cards introduced', await meetings.cards.introduceNew(member, projectId, meetingId));
  must('round', await meetings.gratitude.shareRound(member, projectId, meetingId, { things: [mark('gratitudeRound1', 'gratitude_entries', 'body'), mark('gratitudeRound2', 'gratitude_entries', 'body'), null] }));
  must('postcard', await meetings.gratitude.postcard(member, projectId, meetingId, mark('gratitudePostcard', 'gratitude_entries', 'body')));
  must('journal', await meetings.gratitude.writeJournal(member, projectId, mark('gratitudeJournal', 'gratitude_entries', 'body')));

  // Decisions: the member raises one; responds with a reason to Bea's, which is decided and names them.
  must('proposal', await meetings.decisions.propose(member, projectId, { title: mark('proposalTitle', 'proposals', 'title'), body: mark('proposalBody', 'proposals', 'body'), method: 'consent', meetingId }));
  const { proposalId } = must('other proposal', await meetings.decisions.propose(bea, projectId, { title: 'Meet on Thursdays', body: null, method: 'consent', meetingId }));
  must('response', await meetings.decisions.respond(member, projectId, proposalId, { answer: 'live_with', reason: mark('proposalReason', 'proposal_responses', 'reason') }));
  for (const other of others) must('others respond', await meetings.decisions.respond(other, projectId, proposalId, { answer: 'agree', reason: null }));
  must('decided', await meetings.decisions.close(facilitator, projectId, proposalId));

  // Notes and actions: the member's own, and one the facilitator gives them.
  must('notes', await meetings.notes.save(member, projectId, meetingId, { notes: mark('meetingNotes', 'meeting_notes', 'body'), share: true }));
  must('own action', await meetings.notes.addAction(member, projectId, meetingId, { action: mark('meetingAction', 'meeting_actions', 'text'), personId: member.personId }));
  must('given action', await meetings.notes.addAction(facilitator, projectId, meetingId, { action: mark('meetingActionGiven', 'meeting_actions', 'text', { aboutThem: true }), personId: member.personId }));

  // A later meeting, where the facilitator writes down the member's gratitude round as they say it aloud.
  const { meetingId: secondMeetingId } = must('second meeting', await meetings.create(facilitator, projectId, meetingOn(14, 'Welcome group review')));
  must('round recorded', await meetings.gratitude.shareRound(facilitator, projectId, secondMeetingId, { personId: member.personId, things: [mark('gratitudeRecordedForThem', 'gratitude_entries', 'body', { aboutThem: true }), null, null] }));
  must('calendar feed', await meetings.newFeed(member));

  // A readiness review of the project: the member (and three others, so combined results show) answer it.
  const reviewId = must('review', await reviews.start(facilitator, { subjectKind: 'project', projectId, mode: 'individual' }));
  const answerAll = async (who: Actor, id: string, comments: Readonly<Record<string, string>>) => {
    for (const principle of PRINCIPLE_KEYS) {
      const page = questionsFor(principle).map((q, i) => ({ questionKey: q.key, value: (i % 5) + 1, comment: i === 0 ? (comments[principle] ?? null) : null }));
      must(`review answers (${principle})`, await reviews.saveAnswers(who, id, principle, { answers: page, notes: null }));
    }
    must('review sent', await reviews.submit(who, id));
  };
  await answerAll(member, reviewId, { assets: mark('reviewComment', 'review_answers', 'comment'), networks: mark('reviewCommentNetworks', 'review_answers', 'comment') });
  for (const other of [bea, cal, dev]) await answerAll(other, reviewId, {});
  const due = daysAhead(clock, 30).iso;
  const givenAction = must('review action', await reviewActions.add(facilitator, reviewId, {
    principle: 'mutuality', what: mark('reviewActionWhat', 'review_actions', 'what', { aboutThem: true }), ownerId: member.personId, dueOn: due, howKnow: mark('reviewActionHowKnow', 'review_actions', 'how_know', { aboutThem: true }),
  }));
  must('action progress', await reviewActions.updateProgress(member, givenAction, { status: 'under_way', note: mark('reviewActionNote', 'review_action_notes', 'body') }));

  // A review of their own practice, with an action of their own.
  const practiceId = must('practice review', await reviews.startPractice(member));
  await answerAll(member, practiceId, { catalysts: mark('practiceComment', 'review_answers', 'comment') });
  const ownAction = must('practice action', await reviewActions.add(member, practiceId, {
    principle: 'assets', what: mark('practiceActionWhat', 'review_actions', 'what'), ownerId: member.personId, dueOn: due, howKnow: mark('practiceActionHowKnow', 'review_actions', 'how_know'),
  }));
  must('practice action progress', await reviewActions.updateProgress(member, ownAction, { status: 'done', note: mark('practiceActionNote', 'review_action_notes', 'body') }));

  // The ladder: a private reflection with an example in every band, and a shared one.
  const entry = (prefix: string, band: 'doing_to' | 'doing_for' | 'doing_with', rung: 'therapy' | 'consultation' | 'partnership') => {
    const name = `${prefix}${band === 'doing_to' ? 'To' : band === 'doing_for' ? 'For' : 'With'}`;
    return { section: band, rung, what: mark(`${name}What`, 'ladder_entries', 'what'), outcomes: mark(`${name}Outcomes`, 'ladder_entries', 'outcomes'), better: mark(`${name}Better`, 'ladder_entries', 'better') };
  };
  must('private reflection', await ladder.add(member, {
    scope: 'practice', title: mark('ladderPrivateTitle', 'ladder_reflections', 'title'),
    entries: [entry('ladderPrivate', 'doing_to', 'therapy'), entry('ladderPrivate', 'doing_for', 'consultation'), entry('ladderPrivate', 'doing_with', 'partnership')],
    tend: mark('ladderPrivateTend', 'ladder_reflections', 'tend'), moveUp: mark('ladderPrivateMoveUp', 'ladder_reflections', 'move_up'), skills: mark('ladderPrivateSkills', 'ladder_reflections', 'skills'), share: false,
  }));
  must('shared reflection', await ladder.add(member, {
    scope: 'service', title: mark('ladderSharedTitle', 'ladder_reflections', 'title'), entries: [entry('ladderShared', 'doing_with', 'partnership')],
    tend: mark('ladderSharedTend', 'ladder_reflections', 'tend'), moveUp: null, skills: null, share: true,
  }));

  // Learning: a knowledge check answered.
  must('knowledge check', await toolkit.answer(member, 'coproduction', Object.fromEntries(checksFor('coproduction').map((c) => [c.key, c.correct]))));

  // Signing in: a password sign-in with its session (the session plugin's own store writes it: sessions are made by
  // HTTP requests, not by a use case), a language chosen, and a reset and a sign-in link asked for but not used.
  const signedIn = must('sign in', await auth.signIn({ email: member.email, password: TEST_PASSWORD, ip: '192.0.2.7' }));
  const at = clock.now().toISOString();
  const data = storedFields({ accountId: signedIn.accountId, organisationId, signedInAt: signedIn.signedInAt, seenAt: at });
  if (data === undefined) throw new Error('one-person fixture: an empty session');
  await writeSession(asDb(db).kysely, { sid: newToken(), accountId: signedIn.accountId, data, expiresAt: new Date(clock.now().getTime() + 3_600_000).toISOString(), now: at });
  await auth.setLanguage(member.accountId, 'en-GB');
  auth.requestPasswordReset({ email: member.email });
  auth.requestSignInLink({ email: member.email });
  await mailer.idle();

  return {
    organisationId, member, facilitator, admin, others, password: TEST_PASSWORD, projectId, meetingId, secondMeetingId,
    markers: { ...book.markers }, markersAboutThem: [...book.aboutThem], places: { ...book.places },
  };
}
