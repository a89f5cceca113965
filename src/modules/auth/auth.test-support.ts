import { createServices, type Services } from '../../services.js';
import { fixedClock } from '../../shared/clock.js';
import { newId } from '../../db/portable.js';
import { testConfig } from '../../../test/helpers/app.js';
import { createTestDb, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import { createCapturingMailer, type CapturingMailer } from '../../../test/helpers/mailer.js';
import type { DialectName } from '../../db/portable.js';

export const START = new Date('2026-11-23T09:00:00.000Z');
export const MINUTE = 60_000;
export const NEW_PASSWORD = 'a brand new passphrase';

/** A database, a capturing mailer and the services, with the helpers the auth service tests share. */
export async function authTestContext(dialect: DialectName) {
  const clock = fixedClock(START);
  const db: TestDb = await createTestDb(dialect);
  const mailer: CapturingMailer = createCapturingMailer();
  const services: Services = createServices({ db, clock, mailer, config: testConfig() });

  async function member(options: Parameters<typeof makeMember>[2] = {}) {
    const organisationId = await makeOrganisation(db.kysely);
    return makeMember(db.kysely, organisationId, options);
  }

  /** The token in the last link emailed to this address. */
  async function tokenSentTo(email: string): Promise<string> {
    const link = await mailer.linkTo(email);
    const token = link.split('/').at(-1);
    if (token === undefined) throw new Error(`no token in ${link}`);
    return token;
  }

  async function auditActions(accountId: string): Promise<string[]> {
    const rows = await db.kysely.selectFrom('audit_events').select('action').where('actor_account_id', '=', accountId).orderBy('id').execute();
    return rows.map((row) => row.action);
  }

  async function insertSession(accountId: string | null): Promise<string> {
    const sid = newId();
    const now = clock.now().toISOString();
    await db.kysely
      .insertInto('sessions')
      .values({ sid, account_id: accountId, data: '{}', expires_at: new Date(clock.now().getTime() + 60 * MINUTE).toISOString(), created_at: now })
      .execute();
    return sid;
  }

  async function sessionsOf(accountId: string): Promise<string[]> {
    const rows = await db.kysely.selectFrom('sessions').select('sid').where('account_id', '=', accountId).execute();
    return rows.map((row) => row.sid);
  }

  return { clock, db, mailer, services, auth: () => services.auth, member, tokenSentTo, auditActions, insertSession, sessionsOf };
}
