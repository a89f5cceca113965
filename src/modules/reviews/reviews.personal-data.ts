import { column, link, type TableEntry } from '../../shared/personal-data.js';

const WHO_DID_IT = link('anonymise', 'project');
const GROUP_RECORD = column('kept_for_others', 'keep', 'project', "The review's plan belongs to the group; the writer is shown as \"Former member\".");

/** Readiness reviews, their answers and action plans (registry vocabulary: src/shared/personal-data.ts). */
export const REVIEWS_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'reviews',
    about: ['owner_person_id'],
    personal: {
      subject_label: GROUP_RECORD,
      // Only a personal practice review has an owner; it is theirs alone and goes with them.
      owner_person_id: link('delete_row', 'nobody'),
      created_by: WHO_DID_IT,
    },
    other: ['id', 'organisation_id', 'subject_kind', 'subject_key', 'project_id', 'mode', 'status', 'created_at', 'updated_at', 'closed_at'],
  },
  {
    table: 'review_responses',
    about: ['person_id'],
    personal: {
      person_id: link('anonymise', 'nobody', 'Combined results stay; the answers no longer point to the person.'),
      submitted_at: column('activity', 'keep', 'nobody', 'Whether the answers count in the combined results, which stay.'),
    },
    other: ['id', 'organisation_id', 'review_id', 'kind', 'created_at', 'updated_at'],
  },
  {
    table: 'review_answers',
    partOf: { table: 'review_responses', column: 'response_id' },
    about: [],
    personal: {
      value: column('activity', 'keep', 'project', 'Shown only combined with at least two others, and no longer linked to the person once their response is anonymised.'),
      comment: column('own_words', 'anonymise', 'project'),
    },
    other: ['organisation_id', 'response_id', 'review_id', 'question_key', 'updated_at'],
  },
  {
    table: 'review_rounds',
    about: [],
    personal: {
      published_by: WHO_DID_IT,
      totals: column('activity', 'keep', 'project', 'Combined totals of at least three people, fixed when the round was published; nobody\'s own answers can be taken out of them.'),
    },
    other: ['id', 'organisation_id', 'review_id', 'number', 'reason', 'respondents', 'groups_shown', 'published_at'],
  },
  {
    table: 'review_round_members',
    about: [],
    personal: {
      revision: column('activity', 'keep', 'nobody', 'A one-way digest of a response\'s answers, kept so the next round can tell whether they changed; it no longer leads to the person once their response is anonymised.'),
      cell: column('special', 'keep', 'nobody', 'Which compared perspective the response was counted in, kept so later rounds cannot be set against this one to single anyone out; never shown.'),
    },
    other: ['organisation_id', 'round_id', 'response_id'],
  },
  {
    table: 'review_notes',
    about: [],
    personal: { notes: GROUP_RECORD },
    other: ['organisation_id', 'review_id', 'principle', 'updated_at'],
  },
  {
    table: 'review_actions',
    about: ['owner_person_id'],
    personal: { what: GROUP_RECORD, how_know: GROUP_RECORD, owner_person_id: WHO_DID_IT, created_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'review_id', 'principle', 'due_on', 'status', 'created_at', 'updated_at'],
  },
  {
    table: 'review_action_notes',
    about: ['author_id'],
    personal: { body: GROUP_RECORD, author_id: WHO_DID_IT },
    other: ['id', 'organisation_id', 'action_id', 'status', 'created_at'],
  },
];
