/**
 * The readable page of "download your data": every table the registry found rows in, with each value in words.
 * Pure: it takes the export and a translator, so it is tested without a database.
 */
import type { TFunction } from 'i18next';
import { LANGUAGES } from '../../shared/i18n.js';
import { PERSONAL_DATA_REGISTRY } from '../personal-data.js';
import type { PersonExport } from './people-rights.service.js';

type Translate = TFunction;

export interface ReadableItem {
  readonly label: string;
  readonly value: string;
  /** Written about the person by someone else (a facilitator's note, an appreciation they received). */
  readonly aboutYou: boolean;
}

export interface ReadableSection {
  readonly table: string;
  readonly title: string;
  readonly rows: readonly (readonly ReadableItem[])[];
}

export interface ReadableExport {
  readonly organisation: string;
  readonly exportedAt: string;
  readonly person: PersonExport['person'];
  readonly sections: readonly ReadableSection[];
}

/** Columns holding codes, with the translation key of each code's words. JSON lists are translated item by item. */
const circle = (code: string) => `projects.circles.${code}.name`;
const level = (code: string) => `projects.levels.${code}.name`;
const domain = (code: string) => `projects.domains.${code}.name`;
const CODES: Readonly<Record<string, (code: string) => string>> = {
  'people.permission': (code) => `permissions.${code}`,
  'people.profile_visibility': (code) => `visibility.${code}`,
  'people.participation_ways': (code) => `participation_ways.${code}`,
  'people.access_needs': (code) => `access_needs.${code}`,
  'person_perspectives.perspective': (code) => `perspectives.${code}`,
  'circle_members.circle': circle,
  'circle_members.level': level,
  'circle_members.domain': domain,
  'circle_moves.from_circle': circle,
  'circle_moves.to_circle': circle,
  'circle_moves.from_level': level,
  'circle_moves.to_level': level,
  'circle_moves.from_domain': domain,
  'circle_moves.to_domain': domain,
  'meeting_replies.answer': (code) => `meetings.reply.answers.${code}`,
  'meeting_replies.way': (code) => `meetings.ways.${code}`,
  'proposal_responses.answer': (code) => `meetings.decisions.answers.${code}`,
};

/** Columns the file has but the page leaves out: copies kept for searching, and ids. */
const HIDDEN: ReadonlySet<string> = new Set([
  'strengths.label_normalised',
  'strength_labels.label_normalised',
  'task_needs.label_normalised',
  'accounts.last_organisation_id',
  'proposals.outcome',
  'audit_events.subject_id',
  'audit_events.detail',
  'jobs.payload',
]);

/** Columns stored as 0 or 1. */
const YES_NO: ReadonlySet<string> = new Set([
  'opportunity_cards.wants_to_help',
  'opportunity_cards.show_name',
  'meeting_replies.travel_expenses',
  'keeper_preferences.willing',
  'learning_answers.correct',
  'agreement_responses.agrees',
]);

/** Columns that say what a row is (not about the person, so not in the registry's personal list) with their words. */
const CONTEXT: Readonly<Record<string, readonly { readonly column: string; readonly prefix: string; readonly suffix?: string }[]>> = {
  strengths: [{ column: 'kind', prefix: 'people.strengths.kind_' }],
  appreciations: [{ column: 'status', prefix: 'people.appreciations.status_' }],
  review_answers: [{ column: 'question_key', prefix: 'reviews.questions.', suffix: '.text' }],
};

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** A stored number, text or flag as text. */
function scalar(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' ? String(value) : '';
}

function humanise(column: string): string {
  const words = column.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A label from the locale files, or the column's own name in words where a newer table has none yet. */
function labelOf(t: Translate, table: string, column: string): string {
  return t(`people.export.columns.${table}.${column}`, { defaultValue: t(`people.export.columns.common.${column}`, { defaultValue: humanise(column) }) });
}

function longDate(iso: string, language: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

export function readableExport(data: PersonExport, t: Translate, language: string): ReadableExport {
  const sections: ReadableSection[] = [];
  const headingOf = (key: string): string => {
    const heading = data.headings[key];
    if (heading === undefined) return t('people.export.removed_heading');
    return heading.label ?? (heading.labelKey === null ? t('people.export.removed_heading') : t(heading.labelKey));
  };
  for (const held of data.held) {
    const entry = PERSONAL_DATA_REGISTRY.find((e) => e.table === held.table);
    if (entry === undefined) continue;
    const aboutColumns = new Set(entry.about.filter((c) => { const declared = entry.personal[c]; return declared !== undefined && declared.erasure === 'delete_row' && declared.to === 'person'; }));
    const shown = Object.entries(entry.personal).filter(
      ([name, c]) => c.category !== 'security' && c.to !== 'account' && !(c.category === 'contact' && entry.subject === undefined) && !HIDDEN.has(`${held.table}.${name}`),
    );
    const word = (column: string, value: unknown): string | undefined => {
      if (value === null || value === undefined || value === '' || value === '[]') return undefined;
      const key = `${held.table}.${column}`;
      const codes = CODES[key];
      if (codes !== undefined) {
        const list = typeof value === 'string' && value.startsWith('[') ? (JSON.parse(value) as string[]) : [scalar(value)];
        return list.map((code) => t(codes(code), { defaultValue: code })).join(', ');
      }
      if (key === 'accounts.language') return LANGUAGES.find((l) => l.code === value)?.name ?? scalar(value);
      if (YES_NO.has(key)) return t(value === 1 || value === true || value === '1' ? 'people.export.yes' : 'people.export.no');
      const declared = entry.personal[column];
      if (declared?.to === 'person' && typeof value === 'string') return value === data.person.id ? t('people.export.you') : data.names[value] ?? t('people.former_member');
      if (typeof value === 'object' && 'bytes' in value) return t('people.export.picture_size', { kb: Math.max(1, Math.round(Number(value.bytes) / 1024)) });
      if (typeof value === 'string' && ISO_TIME.test(value)) return longDate(value, language);
      return typeof value === 'object' ? undefined : scalar(value);
    };
    const rows = held.rows.map((row) => {
      const aboutYou = row.through.some((c) => aboutColumns.has(c));
      const items: ReadableItem[] = [];
      if (held.table === 'audit_events') {
        const action = String(row.values['action']);
        items.push({ label: t('people.export.what'), value: t(`people.audit.${action}`, { defaultValue: action }), aboutYou: false });
      }
      for (const { column, prefix, suffix } of CONTEXT[held.table] ?? []) {
        const code = scalar(row.values[column]);
        items.push({ label: labelOf(t, held.table, column), value: t(`${prefix}${code}${suffix ?? ''}`, { defaultValue: code }), aboutYou: false });
      }
      for (const [column, declared] of shown) {
        const value = word(column, row.values[column]);
        if (value === undefined) continue;
        const heading = held.table === 'profile_answers' && column === 'body' ? headingOf(String(row.values['heading_key'])) : undefined;
        items.push({ label: heading ?? labelOf(t, held.table, column), value, aboutYou: aboutYou && declared.category === 'about_them' });
      }
      const when = word('created_at', row.values['created_at']) ?? word('updated_at', row.values['updated_at']);
      if (when !== undefined) items.push({ label: t('people.export.date'), value: when, aboutYou: false });
      return items;
    });
    sections.push({ table: held.table, title: t(`people.export.tables.${held.table}`, { defaultValue: humanise(held.table) }), rows });
  }
  return { organisation: data.organisation, exportedAt: longDate(data.exportedAt, language), person: data.person, sections };
}
