import { accountLink, column, type TableEntry } from '../../shared/personal-data.js';

/** Accounts and signing in (registry vocabulary: src/shared/personal-data.ts). */
export const AUTH_PERSONAL_DATA: readonly TableEntry[] = [
  {
    table: 'accounts',
    subject: 'account',
    about: ['id'],
    personal: {
      email: column('contact', 'delete_row', 'admins'),
      password_hash: column('security', 'delete_row', 'nobody'),
      password_changed_at: column('security', 'delete_row', 'system'),
      language: column('activity', 'delete_row', 'system'),
      last_organisation_id: column('activity', 'delete_row', 'system'),
    },
    other: ['id', 'created_at', 'updated_at'],
  },
  {
    table: 'sessions',
    about: ['account_id'],
    personal: {
      sid: column('security', 'delete_row', 'nobody'),
      account_id: accountLink('delete_row', 'system'),
      data: column('security', 'delete_row', 'system'),
    },
    other: ['expires_at', 'created_at'],
  },
  {
    table: 'auth_tokens',
    about: ['account_id', 'email'],
    personal: {
      token_hash: column('security', 'delete_row', 'nobody'),
      email: column('contact', 'delete_row', 'admins'),
      account_id: accountLink('delete_row', 'system'),
      display_name: column('identity', 'delete_row', 'admins'),
      created_by_account_id: accountLink('anonymise', 'admins'),
    },
    other: ['id', 'purpose', 'organisation_id', 'permission', 'expires_at', 'used_at', 'created_at'],
  },
  {
    table: 'rate_limits',
    about: [],
    personal: {
      key: column('security', 'keep', 'system', 'The hash of an email or network address, never the address itself (auth.repository.ts); the counter ends within the hour.'),
    },
    other: ['hits', 'reset_at'],
  },
];
