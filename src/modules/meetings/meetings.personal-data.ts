import { blanked, column, link, type TableEntry } from '../../shared/personal-data.js';

const ABOUT_PERSON = link('delete_row', 'project');
const WHO_DID_IT = link('anonymise', 'project');
const GROUP_RECORD = column('kept_for_others', 'keep', 'project', "The meeting's record belongs to the group; the writer is shown as \"Former member\".");

/** Meetings, replies, cards, gratitude and decisions (registry vocabulary: src/shared/personal-data.ts). */
export const MEETINGS_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'meetings',
    about: [],
    personal: { title: GROUP_RECORD, place: GROUP_RECORD, online_url: GROUP_RECORD, card_keeper_id: WHO_DID_IT, note_taker_id: WHO_DID_IT, created_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'project_id', 'starts_at', 'ends_at', 'step_free', 'quiet_room', 'hearing_loop', 'ways', 'keeper_mode', 'version', 'created_at', 'updated_at', 'archived_at'],
  },
  {
    table: 'meeting_replies',
    about: ['person_id'],
    personal: {
      person_id: ABOUT_PERSON,
      answer: column('activity', 'delete_row', 'project'),
      way: column('activity', 'delete_row', 'facilitators'),
      access_needs: column('special', 'delete_row', 'facilitators'),
      travel_expenses: column('activity', 'delete_row', 'facilitators'),
    },
    other: ['id', 'organisation_id', 'meeting_id', 'created_at', 'updated_at'],
  },
  {
    table: 'opportunity_cards',
    about: ['author_id'],
    personal: {
      author_id: WHO_DID_IT,
      body: column('own_words', 'keep', 'project', 'A card the group has taken up stays in its record without the name of who raised it.'),
      wants_to_help: blanked('activity', 'project', 0),
      show_name: blanked('activity', 'project', 0),
    },
    other: ['id', 'organisation_id', 'project_id', 'status', 'introduced_meeting_id', 'update_id', 'form_key', 'created_at', 'updated_at'],
  },
  {
    table: 'agenda_items',
    about: [],
    personal: { title: GROUP_RECORD, details: GROUP_RECORD, raised_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'meeting_id', 'card_id', 'created_at'],
  },
  {
    table: 'gratitude_entries',
    about: ['person_id'],
    personal: { person_id: ABOUT_PERSON, body: column('own_words', 'delete_row', 'project'), recorded_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'project_id', 'meeting_id', 'scope_id', 'kind', 'slot', 'created_at', 'updated_at'],
  },
  {
    table: 'keeper_preferences',
    about: ['person_id'],
    personal: { person_id: link('delete_row', 'facilitators'), willing: column('activity', 'delete_row', 'facilitators') },
    other: ['id', 'organisation_id', 'project_id', 'updated_at'],
  },
  {
    table: 'proposals',
    about: [],
    personal: {
      title: GROUP_RECORD,
      body: GROUP_RECORD,
      outcome: link('keep', 'project', 'A decision stays for the group. It holds who took part by id only; names are looked up when the page is read, so a removed profile shows as "Former member".'),
      raised_by: WHO_DID_IT,
    },
    other: ['id', 'organisation_id', 'project_id', 'meeting_id', 'method', 'status', 'decided_at', 'created_at'],
  },
  {
    table: 'proposal_responses',
    about: ['person_id'],
    personal: { person_id: ABOUT_PERSON, answer: column('activity', 'delete_row', 'project'), reason: column('own_words', 'delete_row', 'project') },
    other: ['id', 'organisation_id', 'proposal_id', 'created_at', 'updated_at'],
  },
  {
    table: 'meeting_notes',
    about: [],
    personal: { body: GROUP_RECORD, written_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'meeting_id', 'shared_at', 'created_at', 'updated_at'],
  },
  {
    table: 'meeting_actions',
    about: ['person_id'],
    personal: { text: GROUP_RECORD, person_id: WHO_DID_IT },
    other: ['id', 'organisation_id', 'meeting_id', 'created_at'],
  },
  {
    table: 'calendar_feeds',
    about: ['person_id'],
    personal: { person_id: link('delete_row', 'nobody'), token_hash: column('security', 'delete_row', 'nobody') },
    other: ['id', 'organisation_id', 'created_at', 'revoked_at'],
  },
];
