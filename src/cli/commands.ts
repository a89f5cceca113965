import type { Config } from '../config.js';
import { migrateAndAnalyse, type Db } from '../db/connect.js';
import { seedDemoIfNew } from '../modules/demo/demo.seed.js';
import { EXIT, messageOf, type ExitCode, type Output } from './output.js';

export { createOrganisationCommand, CREATE_ORGANISATION_OPTIONS } from './create-organisation.js';
export { backupCommand, restoreCommand } from './database-files.js';

export const HELP = `Doing With: command line

Usage: npm run cli -- <command> [options]

Commands:
  help
      Show this help.

  migrate
      Bring the database up to date. Exits non-zero if a migration fails.

  create-organisation --name NAME --short-name SHORT --admin-email EMAIL
                      [--admin-name NAME] [--language en-GB|it] [--time-zone Europe/London]
      Create an organisation and email its first admin an invitation. The invitation link is printed too,
      so you can pass it on yourself if email is not set up (SMTP_URL).

  backup --to FILE
      Copy the SQLite database to FILE and check the copy. Safe while the app is running.
      Will not overwrite an existing file. On PostgreSQL, use pg_dump instead.

  restore --from FILE
      Replace the SQLite database with the backup in FILE, then bring it up to date.
      Stop the app first. The database as it was is kept next to it (.before-restore-<time>).

  seed-demo
      Add the demo organisations to an empty database (password: the DEMO_PASSWORD setting).

The database is the DATABASE_URL setting (default ./data/doing-with.sqlite).`;

export function helpCommand(out: Output): ExitCode {
  out.line(HELP);
  return EXIT.ok;
}

export async function migrateCommand(db: Db, out: Output): Promise<ExitCode> {
  try {
    const applied = await migrateAndAnalyse(db);
    out.line(applied.length === 0 ? 'The database is up to date.' : `The database is up to date. Applied: ${applied.join(', ')}.`);
    return EXIT.ok;
  } catch (error) {
    out.error(`The database could not be brought up to date. ${messageOf(error)}`);
    return EXIT.failed;
  }
}

export async function seedDemoCommand(db: Db, config: Config, out: Output): Promise<ExitCode> {
  if ((await migrateCommand(db, out)) !== EXIT.ok) return EXIT.failed;
  const seeded = await seedDemoIfNew(db.kysely, { enabled: true, password: config.demoPassword });
  if (seeded === null) {
    out.error('The database already holds organisations, so the demo was not added. The demo only goes into an empty database.');
    return EXIT.failed;
  }
  out.line(seeded.created ? 'Added the demo organisations. Sign in with any of these:' : 'The demo organisations are already there. Sign in with any of these:');
  for (const account of seeded.accounts) out.line(`  ${account.email.padEnd(28)} ${account.permission}`);
  out.line(`The password for all of them is the DEMO_PASSWORD setting${config.demoPassword === 'together-we-can' ? ' (together-we-can)' : ''}.`);
  return EXIT.ok;
}
