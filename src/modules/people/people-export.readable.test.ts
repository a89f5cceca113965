import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../shared/i18n.js';
import { readableExport } from './people-export.readable.js';
import type { PersonExport } from './people-rights.service.js';

const me = '01a00000-0000-7000-8000-000000000001';
const friend = '01a00000-0000-7000-8000-000000000002';
const gone = '01a00000-0000-7000-8000-000000000003';

const data: PersonExport = {
  exportedAt: '2026-12-03T10:00:00.000Z',
  organisation: 'Riverside',
  person: { id: me, name: 'Robin' },
  names: { [friend]: 'Ada' },
  headings: { important: { label: null, labelKey: 'profile_headings.important' } },
  held: [
    { table: 'people', rows: [{ through: ['id'], values: { id: me, display_name: 'Robin', access_needs: '["quiet_space"]', permission: 'member', profile_visibility: 'organisation', created_at: '2026-11-02T09:00:00.000Z' } }] },
    { table: 'profile_answers', rows: [{ through: ['person_id'], values: { person_id: me, heading_key: 'important', body: 'My allotment' } }] },
    {
      table: 'appreciations',
      rows: [
        { through: ['person_id'], values: { person_id: me, author_person_id: friend, body: 'Thank you', status: 'accepted' } },
        { through: ['author_person_id'], values: { person_id: gone, author_person_id: me, body: 'You made me welcome', status: 'pending' } },
      ],
    },
    { table: 'meeting_replies', rows: [{ through: ['person_id'], values: { person_id: me, answer: 'coming', travel_expenses: 1, access_needs: 'Near the door' } }] },
  ],
};

describe('the readable export', () => {
  const t = translatorFor('en-GB');
  const page = readableExport(data, t, 'en-GB');
  const section = (table: string) => page.sections.find((s) => s.table === table)?.rows.map((row) => Object.fromEntries(row.map((i) => [i.label, i.value])));

  it('puts codes, people and dates into words', () => {
    expect(section('people')?.[0]).toMatchObject({ Name: 'Robin', 'Access needs': t('access_needs.quiet_space'), 'What you can do here': t('permissions.member'), Date: '2 November 2026' });
    expect(t('access_needs.quiet_space')).not.toContain('quiet_space');
    expect(section('appreciations')).toEqual([
      expect.objectContaining({ About: 'You', From: 'Ada', Appreciation: 'Thank you' }),
      expect.objectContaining({ About: 'Former member', From: 'You', Appreciation: 'You made me welcome' }),
    ]);
    expect(section('meeting_replies')?.[0]).toMatchObject({ 'Needs travel expenses': 'Yes', 'Access needs': 'Near the door' });
  });

  it('names each answer by its heading', () => {
    expect(section('profile_answers')?.[0]).toMatchObject({ 'What is important to me': 'My allotment' });
  });

  it('marks only what someone else wrote about the person', () => {
    const appreciations = page.sections.find((s) => s.table === 'appreciations')?.rows ?? [];
    expect(appreciations[0]?.find((i) => i.value === 'Thank you')?.aboutYou).toBe(true);
    expect(appreciations[1]?.find((i) => i.value === 'You made me welcome')?.aboutYou).toBe(false);
  });

  it('has a title for every table in English and Italian', () => {
    const it = translatorFor('it');
    for (const language of [t, it]) {
      for (const table of data.held.map((h) => h.table)) expect(language(`people.export.tables.${table}`)).not.toContain('people.export');
    }
  });
});
