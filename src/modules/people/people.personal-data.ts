import { accountLink, blanked, column, link, type TableEntry } from '../../shared/personal-data.js';

const ABOUT_PERSON = link('delete_row', 'organisation');

/** Profiles, strengths, perspectives, appreciations and pictures (registry vocabulary: src/shared/personal-data.ts). */
export const PEOPLE_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'people',
    subject: 'person',
    about: ['id', 'account_id'],
    personal: {
      account_id: accountLink('anonymise', 'system'),
      display_name: blanked('identity', 'organisation', ''),
      known_as: column('identity', 'anonymise', 'organisation'),
      pronouns: column('identity', 'anonymise', 'organisation'),
      age_text: column('identity', 'anonymise', 'organisation'),
      permission: column('activity', 'keep', 'organisation', 'The row stays as "Former member" so records kept for others still point somewhere.'),
      profile_visibility: blanked('activity', 'system', 'private'),
      perspective_description: column('special', 'anonymise', 'organisation'),
      participation_ways: blanked('activity', 'organisation', '[]'),
      access_needs: blanked('special', 'facilitators', '[]'),
      access_needs_other: column('special', 'anonymise', 'facilitators'),
      consent_note: column('special', 'anonymise', 'facilitators'),
      consent_recorded_by: link('anonymise', 'facilitators'),
      consent_recorded_at: column('activity', 'anonymise', 'facilitators'),
      archived_by: link('keep', 'admins', 'Who removed a profile is kept with the removal, as the audit log keeps it.'),
    },
    other: ['id', 'organisation_id', 'created_at', 'updated_at', 'archived_at'],
  },
  {
    table: 'person_perspectives',
    about: ['person_id'],
    personal: { person_id: ABOUT_PERSON, perspective: column('special', 'delete_row', 'organisation') },
    other: ['organisation_id'],
  },
  {
    table: 'profile_headings',
    about: [],
    personal: {},
    other: ['id', 'organisation_id', 'builtin_key', 'label', 'position', 'created_at', 'updated_at', 'archived_at'],
  },
  {
    table: 'profile_answers',
    about: ['person_id'],
    personal: { person_id: ABOUT_PERSON, body: column('own_words', 'delete_row', 'organisation') },
    other: ['organisation_id', 'heading_key', 'updated_at'],
  },
  {
    table: 'strengths',
    about: ['person_id'],
    personal: {
      person_id: ABOUT_PERSON,
      label: column('own_words', 'delete_row', 'organisation'),
      label_normalised: column('own_words', 'delete_row', 'organisation'),
    },
    other: ['id', 'organisation_id', 'kind', 'created_at'],
  },
  {
    table: 'strength_labels',
    about: [],
    personal: {
      label_normalised: column('own_words', 'keep', 'organisation', 'How many people list a strength: erasure lowers the count, and a label nobody lists any more is removed.'),
    },
    other: ['organisation_id', 'kind', 'people'],
  },
  {
    table: 'appreciations',
    about: ['person_id', 'author_person_id'],
    personal: {
      person_id: ABOUT_PERSON,
      author_person_id: link('keep', 'organisation', 'An appreciation the person wrote stays with the one it is about; it points to the emptied profile, so it reads "From a former member".'),
      body: column('about_them', 'keep', 'organisation', 'An appreciation goes with its row when it is about the removed person; one they wrote stays for the person it is about.'),
    },
    other: ['id', 'organisation_id', 'status', 'created_at', 'decided_at'],
  },
  {
    table: 'person_pictures',
    about: ['person_id'],
    personal: { person_id: ABOUT_PERSON, bytes: column('identity', 'delete_row', 'organisation') },
    other: ['organisation_id', 'content_type', 'created_at'],
  },
  { table: 'directory_versions', about: [], personal: {}, other: ['organisation_id', 'version', 'stamp'] },
];
