/**
 * Demo meetings on the demo projects: past and upcoming meetings, gratitude rounds and postcards, opportunity cards at
 * every status (one taken forward and linked to its "you said, we did" update), decisions by consent and by vote,
 * notes with actions, replies, and a gratitude journal. Everything is derived from the projects and circles already
 * seeded, so it follows them if they change.
 */
import type { Transaction } from 'kysely';
import type { CardStatus, Database, ProposalAnswer } from '../../db/database.js';
import { newId, toDbBool, toJson } from '../../db/portable.js';
import { decide } from './meetings.rules.js';

interface Words {
  readonly meetings: readonly string[];
  readonly place: string;
  readonly gratitude: readonly string[];
  readonly postcards: readonly string[];
  readonly cards: readonly (readonly [string, CardStatus])[];
  readonly agenda: readonly string[];
  readonly proposals: readonly (readonly [string, 'consent' | 'vote'])[];
  readonly objection: string;
  readonly notes: string;
  readonly actions: readonly string[];
  readonly journal: string;
  readonly access: string;
}

const EN: Words = {
  meetings: ['Getting started together', 'Planning the next steps', 'Checking in'],
  place: 'Riverside Community Hall, 12 Mill Lane (ground floor)',
  gratitude: ['The sun was out on my walk this morning', 'My neighbour brought round soup', 'I finished a book I loved', 'A friend called just to say hello', 'The garden tomatoes are ripe'],
  postcards: ['Thank you for listening. I felt heard today.', 'A hard conversation, but we got there together.', 'I am proud of what we decided.'],
  cards: [
    ['A quiet corner for people who find groups loud', 'taken_forward'],
    ['Could we meet in the evening once a month for people who work?', 'introduced'],
    ['A buddy for everyone on their first visit', 'parked'],
    ['Print the welcome leaflet in large print', 'done'],
    ['Bring back the Friday walk', 'new'],
  ],
  agenda: ['Welcome and gratitude round', 'What we heard last time', 'Opportunity cards', 'Any other ideas'],
  proposals: [['Meet at 6pm on the first Tuesday of each month', 'consent'], ['Spend the small grant on a new kettle and mugs', 'vote'], ['Try a shared online notice board', 'consent']],
  objection: 'Evenings are hard for me because of the buses.',
  notes: 'We opened with a gratitude round. The card keeper introduced two cards. We agreed to try evening meetings once a month and to ask the venue about a quiet room.',
  actions: ['Ask the venue about a quiet room', 'Draft the large-print leaflet'],
  journal: 'I came in not knowing anyone. I leave with friends and a welcome group we built together. Thank you all.',
  access: 'A seat near the door, please.',
};

const IT: Words = {
  meetings: ['Cominciamo insieme', 'I prossimi passi', 'Come va?'],
  place: 'Casa del quartiere, via dei Colli 5 (piano terra)',
  gratitude: ['Stamattina c\'era il sole durante la passeggiata', 'La vicina mi ha portato la minestra', 'Ho finito un libro bellissimo', 'Un amico mi ha chiamato solo per salutarmi', 'I pomodori dell\'orto sono maturi'],
  postcards: ['Grazie per avermi ascoltato. Oggi mi sono sentito accolto.', 'Una discussione difficile, ma ne siamo usciti insieme.', 'Sono fiera di quello che abbiamo deciso.'],
  cards: [
    ['Un angolo tranquillo per chi trova i gruppi rumorosi', 'taken_forward'],
    ['Possiamo trovarci di sera una volta al mese per chi lavora?', 'introduced'],
    ['Una persona di riferimento per chi viene la prima volta', 'parked'],
    ['Stampare il volantino di benvenuto a caratteri grandi', 'done'],
    ['Riprendere la passeggiata del venerdì', 'new'],
  ],
  agenda: ['Benvenuto e giro della gratitudine', 'Cosa abbiamo sentito l\'ultima volta', 'Carte delle opportunità', 'Altre idee'],
  proposals: [['Trovarci alle 18 il primo martedì del mese', 'consent'], ['Usare il piccolo contributo per un bollitore e delle tazze', 'vote'], ['Provare una bacheca online condivisa', 'consent']],
  objection: 'La sera per me è difficile per via degli autobus.',
  notes: 'Abbiamo cominciato con il giro della gratitudine. Il custode ha presentato due carte. Abbiamo deciso di provare un incontro serale al mese e di chiedere una stanza tranquilla.',
  actions: ['Chiedere una stanza tranquilla', 'Preparare il volantino a caratteri grandi'],
  journal: 'Sono arrivata senza conoscere nessuno. Me ne vado con degli amici e un gruppo di benvenuto costruito insieme. Grazie a tutti.',
  access: 'Un posto vicino alla porta, per favore.',
};

/** Seed meetings for every demo project (called by demo.seed.ts, after the projects). */
export async function seedDemoMeetings(trx: Transaction<Database>, organisationIds: ReadonlyMap<string, string>, nowDate: Date): Promise<void> {
  const at = (days: number, hour = 17) => {
    const d = new Date(nowDate.getTime() + days * 86_400_000);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  for (const organisationId of organisationIds.values()) {
    const org = await trx.selectFrom('organisations').select('default_language').where('id', '=', organisationId).executeTakeFirstOrThrow();
    const words = org.default_language === 'it' ? IT : EN;
    const projects = await trx.selectFrom('projects').select(['id', 'created_by']).where('organisation_id', '=', organisationId).orderBy('created_at').execute();
    for (const project of projects) {
      const circle = await trx
        .selectFrom('circle_members as cm')
        .innerJoin('people as p', 'p.id', 'cm.person_id')
        .select(['cm.person_id', 'cm.circle', 'p.display_name'])
        .where('cm.organisation_id', '=', organisationId)
        .where('cm.project_id', '=', project.id)
        .where('cm.left_at', 'is', null)
        .orderBy('cm.created_at')
        .execute();
      const everyone = circle.map((c) => c.person_id);
      const coProducers = circle.filter((c) => c.circle === 'co_producers').map((c) => c.person_id);
      if (everyone.length === 0) continue;
      const person = (i: number) => everyone[i % everyone.length] ?? everyone[0] ?? '';
      const keeper = (i: number) => coProducers[i % Math.max(1, coProducers.length)] ?? person(i);
      const update = await trx.selectFrom('project_updates').select('id').where('organisation_id', '=', organisationId).where('project_id', '=', project.id).orderBy('created_at', 'desc').executeTakeFirst();

      const meetingIds: string[] = [];
      for (const [i, days] of [-42, -14, 10].entries()) {
        const id = newId();
        meetingIds.push(id);
        await trx
          .insertInto('meetings')
          .values({
            id, organisation_id: organisationId, project_id: project.id, title: words.meetings[i] ?? '', starts_at: at(days), ends_at: at(days, 19), place: words.place,
            online_url: i === 2 ? 'https://meet.example.org/doing-with' : null, step_free: 1, quiet_room: toDbBool(i !== 0), hearing_loop: toDbBool(i === 2),
            ways: toJson(i === 2 ? ['in_person', 'online', 'phone', 'send_thoughts'] : ['in_person', 'phone']), card_keeper_id: keeper(i), keeper_mode: 'rotate',
            note_taker_id: person(i + 1), version: 0, created_by: project.created_by, created_at: at(days - 14), updated_at: at(days - 14), archived_at: null,
          })
          .execute();
        for (const [j, personId] of everyone.entries()) {
          const answer = i === 2 ? (j % 3 === 2 ? 'maybe' : 'coming') : j % 4 === 3 ? 'not_coming' : 'coming';
          await trx.insertInto('meeting_replies').values({ id: newId(), organisation_id: organisationId, meeting_id: id, person_id: personId, answer, way: j % 3 === 1 ? 'phone' : 'in_person', access_needs: j === 1 ? words.access : null, travel_expenses: toDbBool(j % 2 === 0), created_at: at(days - 7), updated_at: at(days - 7) }).execute();
        }
        for (const [k, title] of words.agenda.entries()) {
          await trx.insertInto('agenda_items').values({ id: newId(), organisation_id: organisationId, meeting_id: id, title, details: null, raised_by: person(k + i), card_id: null, created_at: at(days - 5, 9 + k) }).execute();
        }
        if (i === 2) continue;
        for (const [j, personId] of everyone.slice(0, 5).entries()) {
          for (let slot = 1; slot <= (j % 3) + 1; slot++) {
            const body = words.gratitude[(j + slot + i) % words.gratitude.length] ?? '';
            await trx.insertInto('gratitude_entries').values({ id: newId(), organisation_id: organisationId, project_id: project.id, meeting_id: id, scope_id: id, kind: 'round', slot, person_id: personId, recorded_by: j === 3 ? keeper(i) : personId, body, created_at: at(days), updated_at: at(days) }).execute();
          }
          const postcard = words.postcards[(j + i) % words.postcards.length] ?? '';
          await trx.insertInto('gratitude_entries').values({ id: newId(), organisation_id: organisationId, project_id: project.id, meeting_id: id, scope_id: id, kind: 'postcard', slot: 1, person_id: personId, recorded_by: personId, body: postcard, created_at: at(days, 19), updated_at: at(days, 19) }).execute();
        }
        await trx.insertInto('meeting_notes').values({ id: newId(), organisation_id: organisationId, meeting_id: id, body: words.notes, written_by: person(i + 1), shared_at: at(days + 1), created_at: at(days + 1), updated_at: at(days + 1) }).execute();
        for (const [k, text] of words.actions.entries()) {
          await trx.insertInto('meeting_actions').values({ id: newId(), organisation_id: organisationId, meeting_id: id, text, person_id: person(k + 2), created_at: at(days + 1) }).execute();
        }
      }

      // Cards at every status: introduced at the second (past) meeting unless still new.
      for (const [k, [body, status]] of words.cards.entries()) {
        const linked: CardStatus = status === 'taken_forward' && update === undefined ? 'parked' : status;
        const cardId = newId();
        const introducedAt = linked === 'new' ? null : meetingIds[1] ?? null;
        await trx
          .insertInto('opportunity_cards')
          .values({
            id: cardId, organisation_id: organisationId, project_id: project.id, author_id: person(k + 1), body, wants_to_help: toDbBool(k % 2 === 0), show_name: toDbBool(k % 2 === 1),
            status: linked, introduced_meeting_id: introducedAt, update_id: linked === 'taken_forward' ? update?.id ?? null : null, form_key: newId(), created_at: at(-20 + k), updated_at: at(-13 + k),
          })
          .execute();
        if (introducedAt !== null) {
          await trx.insertInto('agenda_items').values({ id: newId(), organisation_id: organisationId, meeting_id: introducedAt, title: body, details: null, raised_by: person(k + 1), card_id: cardId, created_at: at(-14, 17) }).execute();
        }
      }

      // Decisions: agreed by consent, not agreed by vote, and one still open.
      for (const [k, [title, method]] of words.proposals.entries()) {
        const id = newId();
        const answers: ProposalAnswer[] = everyone.map((_, j) => (method === 'consent' ? (k === 2 && j === 1 ? 'object' : j % 3 === 2 ? 'live_with' : 'agree') : j % 2 === 0 ? 'no' : 'yes'));
        const open = k === 2;
        const outcome = open ? null : { ...decide(method, answers), personIds: circle.map((c) => c.person_id) };
        await trx
          .insertInto('proposals')
          .values({ id, organisation_id: organisationId, project_id: project.id, meeting_id: open ? null : meetingIds[k] ?? null, title, body: null, method, status: outcome === null ? 'open' : outcome.passed ? 'passed' : 'not_passed', raised_by: person(k + 2), outcome: outcome === null ? null : toJson(outcome), decided_at: outcome === null ? null : at(-40 + k * 26, 19), created_at: at(-44 + k * 26) })
          .execute();
        for (const [j, personId] of everyone.entries()) {
          const answer = answers[j] ?? 'agree';
          await trx.insertInto('proposal_responses').values({ id: newId(), organisation_id: organisationId, proposal_id: id, person_id: personId, answer, reason: answer === 'object' ? words.objection : null, created_at: at(-43 + k * 26), updated_at: at(-43 + k * 26) }).execute();
        }
      }
      const first = coProducers[0];
      if (first !== undefined) {
        await trx.insertInto('gratitude_entries').values({ id: newId(), organisation_id: organisationId, project_id: project.id, meeting_id: null, scope_id: project.id, kind: 'journal', slot: 1, person_id: first, recorded_by: first, body: words.journal, created_at: at(-1), updated_at: at(-1) }).execute();
      }
    }
  }
}
