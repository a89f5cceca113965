import { link, type TableEntry } from '../../shared/personal-data.js';

/**
 * The organisation's own settings hold nothing about a person (its crisis text and crisis lines are written for
 * everyone), except who last checked the crisis lines.
 */
export const ORGANISATIONS_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'organisations',
    about: [],
    personal: {
      crisis_lines_checked_by: link('keep', 'admins', 'Admins see who last checked the crisis lines; once that person has gone it reads "Former member".'),
    },
    other: ['id', 'crisis_lines_checked_on', 'name', 'short_name', 'default_language', 'time_zone', 'country', 'crisis_text', 'is_demo', 'created_at', 'updated_at', 'profile_age_enabled', 'profile_picture_enabled', 'meeting_access_needs_days'],
  },
  {
    table: 'crisis_lines',
    about: [],
    personal: {},
    // Helplines written for everyone who reads the "Get help now" page: nothing about a person.
    other: ['id', 'organisation_id', 'position', 'default_id', 'name', 'purpose', 'reach', 'number', 'instruction', 'hours', 'created_at', 'updated_at'],
  },
];
