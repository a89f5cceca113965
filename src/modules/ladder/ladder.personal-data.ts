import { column, link, type TableEntry } from '../../shared/personal-data.js';

/** A private reflection: only its writer reads it until they share it (registry vocabulary: src/shared/personal-data.ts). */
const REFLECTION = column('own_words', 'delete_row', 'nobody');

export const LADDER_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'ladder_reflections',
    about: ['person_id'],
    personal: {
      person_id: link('delete_row', 'nobody'),
      title: REFLECTION,
      tend: REFLECTION,
      move_up: REFLECTION,
      skills: REFLECTION,
      shared_at: column('activity', 'delete_row', 'nobody'),
    },
    other: ['id', 'organisation_id', 'scope', 'created_at', 'updated_at'],
  },
  {
    table: 'ladder_entries',
    partOf: { table: 'ladder_reflections', column: 'reflection_id' },
    about: [],
    personal: { what: REFLECTION, outcomes: REFLECTION, better: REFLECTION },
    other: ['organisation_id', 'reflection_id', 'section', 'rung'],
  },
];
