import { column, link, type TableEntry } from '../../shared/personal-data.js';

const ABOUT_PERSON = link('delete_row', 'project');
const WHO_DID_IT = link('anonymise', 'project');
const GROUP_RECORD = column('kept_for_others', 'keep', 'project', 'The project belongs to everyone in it; the writer is shown as "Former member".');

/** Projects, circles, agreements, updates, tasks and success (registry vocabulary: src/shared/personal-data.ts). */
export const PROJECTS_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'projects',
    about: [],
    personal: { title: GROUP_RECORD, purpose: GROUP_RECORD, who_for: GROUP_RECORD, created_by: WHO_DID_IT, archived_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'starts_on', 'ends_on', 'visibility', 'stage', 'cycle', 'review_open', 'created_at', 'updated_at', 'archived_at', 'circle_version', 'circle_stamp'],
  },
  {
    table: 'project_stage_moves',
    about: [],
    personal: { note: GROUP_RECORD, moved_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'project_id', 'from_stage', 'to_stage', 'cycle', 'created_at'],
  },
  {
    table: 'circle_members',
    about: ['person_id'],
    personal: {
      person_id: ABOUT_PERSON,
      circle: column('activity', 'delete_row', 'project'),
      level: column('activity', 'delete_row', 'project'),
      domain: column('activity', 'delete_row', 'project'),
      note: column('about_them', 'delete_row', 'facilitators'),
      engagement_how: column('activity', 'delete_row', 'project'),
      engagement_how_often: column('activity', 'delete_row', 'project'),
      tell_by: column('activity', 'delete_row', 'project'),
      wants_more_at: column('activity', 'delete_row', 'project'),
      added_by: WHO_DID_IT,
    },
    other: ['id', 'organisation_id', 'project_id', 'created_at', 'updated_at', 'left_at'],
  },
  {
    table: 'circle_moves',
    about: ['person_id'],
    personal: {
      person_id: link('delete_row', 'facilitators'),
      from_circle: column('activity', 'delete_row', 'facilitators'),
      to_circle: column('activity', 'delete_row', 'facilitators'),
      from_level: column('activity', 'delete_row', 'facilitators'),
      to_level: column('activity', 'delete_row', 'facilitators'),
      from_domain: column('activity', 'delete_row', 'facilitators'),
      to_domain: column('activity', 'delete_row', 'facilitators'),
      note: column('about_them', 'delete_row', 'facilitators'),
      moved_by: link('anonymise', 'facilitators'),
    },
    other: ['id', 'organisation_id', 'project_id', 'created_at'],
  },
  {
    table: 'project_agreements',
    about: [],
    personal: { power: GROUP_RECORD, responsibilities: GROUP_RECORD, support: GROUP_RECORD, equal_delivery_note: GROUP_RECORD, updated_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'project_id', 'equal_delivery', 'version', 'created_at', 'updated_at'],
  },
  {
    table: 'agreement_responses',
    about: ['person_id'],
    personal: { person_id: ABOUT_PERSON, agrees: column('activity', 'delete_row', 'project'), comment: column('own_words', 'delete_row', 'project') },
    other: ['id', 'organisation_id', 'project_id', 'agreement_version', 'created_at', 'updated_at'],
  },
  {
    table: 'project_updates',
    about: [],
    personal: { body: GROUP_RECORD, quoted: GROUP_RECORD, author_id: WHO_DID_IT },
    other: ['id', 'organisation_id', 'project_id', 'created_at'],
  },
  {
    table: 'notifications',
    about: ['person_id'],
    personal: { person_id: link('delete_row', 'nobody'), kind: column('activity', 'delete_row', 'nobody'), read_at: column('activity', 'delete_row', 'nobody') },
    other: ['id', 'organisation_id', 'project_id', 'update_id', 'created_at'],
  },
  {
    table: 'project_tasks',
    about: [],
    personal: { title: GROUP_RECORD, details: GROUP_RECORD, owner_id: WHO_DID_IT, created_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'project_id', 'due_on', 'status', 'created_at', 'updated_at', 'done_at'],
  },
  {
    table: 'task_needs',
    partOf: { table: 'project_tasks', column: 'task_id' },
    about: [],
    personal: { label: GROUP_RECORD, label_normalised: GROUP_RECORD },
    other: ['id', 'organisation_id', 'task_id'],
  },
  {
    table: 'task_volunteers',
    about: ['person_id'],
    personal: { person_id: ABOUT_PERSON },
    other: ['id', 'organisation_id', 'task_id', 'created_at'],
  },
  {
    table: 'success_criteria',
    about: [],
    personal: { text: GROUP_RECORD, proposed_by: WHO_DID_IT },
    other: ['id', 'organisation_id', 'project_id', 'created_at', 'archived_at'],
  },
  {
    table: 'success_ratings',
    about: ['person_id'],
    personal: { person_id: ABOUT_PERSON, score: column('activity', 'delete_row', 'project'), comment: column('own_words', 'delete_row', 'project') },
    other: ['id', 'organisation_id', 'project_id', 'criterion_id', 'cycle', 'created_at', 'updated_at'],
  },
];
