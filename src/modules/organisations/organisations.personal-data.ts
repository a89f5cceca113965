import type { TableEntry } from '../../shared/personal-data.js';

/** The organisation's own settings hold nothing about a person (its crisis text is written for everyone). */
export const ORGANISATIONS_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'organisations',
    about: [],
    personal: {},
    other: ['id', 'name', 'short_name', 'default_language', 'time_zone', 'country', 'crisis_text', 'is_demo', 'created_at', 'updated_at', 'profile_age_enabled', 'profile_picture_enabled', 'meeting_access_needs_days'],
  },
];
