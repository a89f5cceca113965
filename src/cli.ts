/**
 * The command line: `npm run cli -- <command> [options]`. This file only reads the arguments and the settings; the
 * commands live in src/cli/ and return their exit codes.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, ConfigError, type Config } from './config.js';
import { connect, type Db } from './db/connect.js';
import {
  HELP,
  backupCommand,
  createOrganisationCommand,
  helpCommand,
  migrateCommand,
  restoreCommand,
  seedDemoCommand,
} from './cli/commands.js';
import { EXIT, type ExitCode, type Output } from './cli/output.js';

const out: Output = {
  line: (text) => console.log(text),
  error: (text) => console.error(text),
};

type Options = NonNullable<ParseArgsConfig['options']>;
const text = { type: 'string' } as const;

const COMMANDS: Record<string, { options: Options; run: (config: Config, values: Record<string, string | undefined>) => Promise<ExitCode> }> = {
  migrate: { options: {}, run: (config) => withDb(config, (db) => migrateCommand(db, out)) },
  'seed-demo': { options: {}, run: (config) => withDb(config, (db) => seedDemoCommand(db, config, out)) },
  'create-organisation': {
    options: { name: text, 'short-name': text, 'admin-email': text, 'admin-name': text, language: text, 'time-zone': text },
    run: (config, v) =>
      withDb(config, (db) =>
        createOrganisationCommand(
          { db, config, out },
          {
            name: v['name'],
            shortName: v['short-name'],
            adminEmail: v['admin-email'],
            adminName: v['admin-name'],
            defaultLanguage: v['language'],
            timeZone: v['time-zone'],
          },
        ),
      ),
  },
  backup: { options: { to: text }, run: (config, v) => withDb(config, (db) => backupCommand(db, out, { to: v['to'] })) },
  restore: { options: { from: text }, run: (config, v) => restoreCommand(config, out, { from: v['from'] }) },
};

async function withDb(config: Config, work: (db: Db) => Promise<ExitCode>): Promise<ExitCode> {
  const db = connect(config.databaseUrl, { poolSize: 1 });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

function usageProblem(error: unknown, name: string): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${name} has no option ${option}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `${option} needs a value, like ${option} "something" (put quotes round values with spaces).`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `${name} did not expect "${quoted}". Every value goes after its option, with quotes round values with spaces, like --name "Riverside Wellbeing".`;
  }
  return message;
}

async function main(argv: string[]): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return helpCommand(out);
  const command = COMMANDS[name];
  if (command === undefined) {
    out.error(`There is no command "${name}".\n\n${HELP}`);
    return EXIT.usage;
  }
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values as Record<string, string | undefined>;
  } catch (error) {
    out.error(`${usageProblem(error, name)} Run \`npm run cli -- help\` to see the options.`);
    return EXIT.usage;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    out.error(error instanceof ConfigError ? error.message : String(error));
    return EXIT.failed;
  }
  try {
    return await command.run(config, values);
  } catch (error) {
    out.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  }
}

process.exitCode = await main(process.argv.slice(2));
