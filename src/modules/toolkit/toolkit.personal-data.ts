import { column, link, type TableEntry } from '../../shared/personal-data.js';

/** Answers to the toolkit's knowledge checks (registry vocabulary: src/shared/personal-data.ts). */
export const TOOLKIT_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'learning_answers',
    about: ['person_id'],
    personal: {
      person_id: link('delete_row', 'nobody'),
      answer: column('activity', 'delete_row', 'nobody'),
      correct: column('activity', 'delete_row', 'nobody'),
    },
    other: ['organisation_id', 'check_key', 'answered_at'],
  },
];
