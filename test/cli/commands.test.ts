import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { helpCommand, migrateCommand, seedDemoCommand } from '../../src/cli/commands.js';
import { memoryOutput } from '../../src/cli/output.js';
import { migrations } from '../../src/db/migrations/index.js';
import { createServices } from '../../src/services.js';
import { systemClock } from '../../src/shared/clock.js';
import { testConfig } from '../helpers/app.js';
import { createTestDb, testDialects, type TestDb } from '../helpers/db.js';
import { makeOrganisation } from '../helpers/factories.js';
import { createCapturingMailer } from '../helpers/mailer.js';

describe('npm run cli -- help', () => {
  it('lists every command', () => {
    const out = memoryOutput();
    expect(helpCommand(out)).toBe(0);
    for (const command of ['migrate', 'create-organisation', 'backup --to FILE', 'restore --from FILE', 'seed-demo']) {
      expect(out.text()).toContain(`  ${command}`);
    }
  });
});

describe.each(testDialects())('npm run cli -- migrate and seed-demo (%s)', (dialect) => {
  let db: TestDb | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  it('migrate applies what is missing, then says the database is up to date', async () => {
    db = await createTestDb(dialect, { migrate: false });
    const first = memoryOutput();
    expect(await migrateCommand(db, first)).toBe(0);
    expect(first.lines).toEqual([`The database is up to date. Applied: ${Object.keys(migrations).join(', ')}.`]);
    const again = memoryOutput();
    expect(await migrateCommand(db, again)).toBe(0);
    expect(again.lines).toEqual(['The database is up to date.']);
  });

  it('migrate exits non-zero and says why when a migration fails', async () => {
    db = await createTestDb(dialect, { migrate: false });
    await sql`create table organisations (something_else text)`.execute(db.kysely);
    const out = memoryOutput();
    expect(await migrateCommand(db, out)).toBe(1);
    expect(out.errors[0]).toMatch(/^The database could not be brought up to date\. Migration \S+ failed: .*organisations/);
  });

  it('seed-demo fills an empty database with DEMO_PASSWORD, and says so when the demo is already there', async () => {
    db = await createTestDb(dialect, { migrate: false });
    const config = testConfig({ DEMO_PASSWORD: 'a different demo password' });
    const out = memoryOutput();
    expect(await seedDemoCommand(db, config, out)).toBe(0);
    expect(out.text()).toContain('Added the demo organisations. Sign in with any of these:');
    expect(out.text()).toMatch(/alex@riverside\.example\s+admin \(Riverside\)/);
    expect(out.text()).not.toContain('a different demo password');

    // The demo review cycles have published rounds (ADR 0014), so their results pages show results and both groups.
    const rounds = await db.kysely.selectFrom('review_rounds').select(['reason', 'respondents', 'groups_shown as groups']).orderBy('published_at').execute();
    expect(rounds.map((r) => [r.reason, r.groups])).toEqual([['closed', 1], ['published', 1]]);
    expect(rounds.every((r) => r.respondents >= 6)).toBe(true);

    const services = createServices({ db, clock: systemClock, mailer: createCapturingMailer(), config });
    const signedIn = await services.auth.signIn({ email: 'alex@riverside.example', password: 'a different demo password', ip: '127.0.0.1' });
    expect(signedIn.ok).toBe(true);

    const again = memoryOutput();
    expect(await seedDemoCommand(db, config, again)).toBe(0);
    expect(again.text()).toContain('The demo organisations are already there.');
    expect(await db.kysely.selectFrom('organisations').select('name').orderBy('name').execute()).toEqual([
      { name: 'Rete Colline Insieme' },
      { name: 'Riverside Wellbeing Collective' },
    ]);
  });

  it('seed-demo refuses a database that already holds organisations', async () => {
    db = await createTestDb(dialect);
    await makeOrganisation(db.kysely, { name: 'A real organisation' });
    const out = memoryOutput();
    expect(await seedDemoCommand(db, testConfig(), out)).toBe(1);
    expect(out.errors).toEqual(['The database already holds organisations, so the demo was not added. The demo only goes into an empty database.']);
    expect(await db.kysely.selectFrom('organisations').select('name').execute()).toEqual([{ name: 'A real organisation' }]);
  });
});
