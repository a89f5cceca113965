import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Permission, TokenPurpose } from '../../db/database.js';
import { newId } from '../../db/portable.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface AccountRow {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string | null;
  readonly language: string | null;
  readonly lastOrganisationId: string | null;
  /** When the password last changed (ISO): what ends the trust of browsers that knew an older one. */
  readonly passwordChangedAt: string | null;
}

const accountColumns = ['id', 'email', 'password_hash', 'language', 'last_organisation_id', 'password_changed_at'] as const;

function toAccount(row: {
  id: string;
  email: string;
  password_hash: string | null;
  language: string | null;
  last_organisation_id: string | null;
  password_changed_at: string | null;
}): AccountRow {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    language: row.language,
    lastOrganisationId: row.last_organisation_id,
    passwordChangedAt: row.password_changed_at,
  };
}

export async function findAccountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const row = await db.selectFrom('accounts').select(accountColumns).where('email', '=', email).executeTakeFirst();
  return row === undefined ? undefined : toAccount(row);
}

export async function findAccountById(db: Db, id: string): Promise<AccountRow | undefined> {
  const row = await db.selectFrom('accounts').select(accountColumns).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toAccount(row);
}

export async function insertAccount(
  db: Db,
  input: { email: string; passwordHash: string | null; language: string | null; now: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('accounts')
    .values({
      id,
      email: input.email,
      password_hash: input.passwordHash,
      language: input.language,
      last_organisation_id: null,
      password_changed_at: input.passwordHash === null ? null : input.now,
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return id;
}

export async function updatePassword(db: Db, accountId: string, passwordHash: string, now: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
    .where('id', '=', accountId)
    .execute();
}

export async function updateAccountLanguage(db: Db, accountId: string, language: string, now: string): Promise<void> {
  await db.updateTable('accounts').set({ language, updated_at: now }).where('id', '=', accountId).execute();
}

export async function updateLastOrganisation(db: Db, accountId: string, organisationId: string): Promise<void> {
  await db.updateTable('accounts').set({ last_organisation_id: organisationId }).where('id', '=', accountId).execute();
}

/** End every session of an account (password change, reset, removal), optionally keeping one. */
export async function deleteSessions(db: Db, accountId: string, exceptSid?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (exceptSid !== undefined) query = query.where('sid', '!=', exceptSid);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface TokenRow {
  readonly id: string;
  readonly purpose: TokenPurpose;
  readonly email: string;
  readonly accountId: string | null;
  readonly organisationId: string | null;
  readonly permission: Permission | null;
  readonly displayName: string | null;
  readonly expiresAt: string;
}

export async function insertToken(
  db: Db,
  input: {
    tokenHash: string;
    purpose: TokenPurpose;
    email: string;
    accountId: string | null;
    organisationId: string | null;
    permission: Permission | null;
    displayName: string | null;
    createdByAccountId: string | null;
    expiresAt: string;
    now: string;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('auth_tokens')
    .values({
      id,
      token_hash: input.tokenHash,
      purpose: input.purpose,
      email: input.email,
      account_id: input.accountId,
      organisation_id: input.organisationId,
      permission: input.permission,
      display_name: input.displayName,
      created_by_account_id: input.createdByAccountId,
      expires_at: input.expiresAt,
      used_at: null,
      created_at: input.now,
    })
    .execute();
  return id;
}

/** A token that exists, has this purpose, is unused and has not expired. */
export async function findUsableToken(
  db: Db,
  tokenHash: string,
  purpose: TokenPurpose,
  now: string,
): Promise<TokenRow | undefined> {
  const row = await db
    .selectFrom('auth_tokens')
    .select(['id', 'purpose', 'email', 'account_id', 'organisation_id', 'permission', 'display_name', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id,
    purpose: row.purpose,
    email: row.email,
    accountId: row.account_id,
    organisationId: row.organisation_id,
    permission: row.permission,
    displayName: row.display_name,
    expiresAt: row.expires_at,
  };
}

/** Mark a token used. Returns false if someone else used it first (single use, even under a race). */
export async function useToken(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Older unused tokens of the same purpose for an email stop working when a new one is sent. */
export async function retireTokens(db: Db, email: string, purpose: TokenPurpose, now: string): Promise<void> {
  await db
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('email', '=', email)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** Every unused sign-in link and password reset of an account stops working (its password has just changed). */
export async function retireAccountTokens(db: Db, accountId: string, now: string): Promise<void> {
  await db
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('purpose', 'in', ['sign_in_link', 'password_reset'])
    .where('used_at', 'is', null)
    .execute();
}

/**
 * Rate-limit keys name an email address or a network address; the table holds only their hash, so no address is
 * written down and nothing is left to erase when a person goes.
 */
function storedKey(key: string): string {
  return `sha256:${createHash('sha256').update(key).digest('base64url')}`;
}

/**
 * Count a hit against a rate-limit key in a fixed window, shared by every app instance.
 * Returns the number of hits in the current window, including this one.
 */
export async function hitRateLimit(db: Db, key: string, windowMs: number, now: Date): Promise<{ hits: number; resetAt: string }> {
  const nowIso = now.toISOString();
  const resetAt = new Date(now.getTime() + windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key: storedKey(key), hits: 1, reset_at: resetAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.reset_at <= ${nowIso} then 1 else rate_limits.hits + 1 end`,
        reset_at: sql<string>`case when rate_limits.reset_at <= ${nowIso} then ${resetAt} else rate_limits.reset_at end`,
      }),
    )
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, resetAt: row.reset_at };
}

export async function peekRateLimit(db: Db, key: string, now: Date): Promise<{ hits: number; resetAt: string }> {
  const row = await db.selectFrom('rate_limits').select(['hits', 'reset_at']).where('key', '=', storedKey(key)).executeTakeFirst();
  if (row === undefined || row.reset_at <= now.toISOString()) return { hits: 0, resetAt: now.toISOString() };
  return { hits: row.hits, resetAt: row.reset_at };
}

export async function clearRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', storedKey(key)).execute();
}

export interface MembershipRow {
  readonly personId: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly permission: Permission;
  readonly displayName: string;
}

export async function listMemberships(db: Db, accountId: string): Promise<MembershipRow[]> {
  const rows = await db
    .selectFrom('people')
    .innerJoin('organisations', 'organisations.id', 'people.organisation_id')
    .select([
      'people.id as personId',
      'people.organisation_id as organisationId',
      'organisations.name as organisationName',
      'people.permission as permission',
      'people.display_name as displayName',
    ])
    .where('people.account_id', '=', accountId)
    .where('people.archived_at', 'is', null)
    .orderBy('organisations.name')
    .execute();
  return rows;
}

export async function findMembership(db: Db, accountId: string, organisationId: string): Promise<MembershipRow | undefined> {
  const rows = await listMemberships(db, accountId);
  return rows.find((row) => row.organisationId === organisationId);
}

export async function insertPerson(
  db: Db,
  input: { organisationId: string; accountId: string | null; displayName: string; permission: Permission; now: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('people')
    .values({
      id,
      organisation_id: input.organisationId,
      account_id: input.accountId,
      display_name: input.displayName,
      permission: input.permission,
      created_at: input.now,
      updated_at: input.now,
      archived_at: null,
      archived_by: null,
    })
    .execute();
  return id;
}

export async function findOrganisationName(db: Db, organisationId: string): Promise<string | undefined> {
  const row = await db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirst();
  return row?.name;
}

export async function findOrganisationNameAndLanguage(db: Db, organisationId: string): Promise<{ name: string; defaultLanguage: string } | undefined> {
  return db
    .selectFrom('organisations')
    .select(['name', 'default_language as defaultLanguage'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
}
