import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Run the real entry point, as `npm run cli -- ...` does, with only the settings given (Vitest sets BASE_URL to "/"). */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NODE_ENV: 'test', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

describe('src/cli.ts reads the command line', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dw-cli-'));
    env = { DATABASE_URL: join(dir, 'doing-with.sqlite') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('help, and no command at all, show the help', async () => {
    for (const args of [['help'], []]) {
      const run = await cli(args, env);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: npm run cli -- <command> [options]');
    }
  });

  it('refuses an unknown command, an unknown option and a missing value, with exit code 2', async () => {
    const unknown = await cli(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no command "frobnicate".');
    const option = await cli(['backup', '--too', 'x.sqlite'], env);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('backup has no option --too.');
    const value = await cli(['create-organisation', '--name'], env);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('--name needs a value');
    const loose = await cli(['create-organisation', '--name', 'Riverside', 'Wellbeing'], env);
    expect(loose.code).toBe(2);
    expect(loose.stderr).toContain('create-organisation did not expect "Wellbeing".');
    expect(existsSync(env['DATABASE_URL'] ?? '')).toBe(false);
  });

  it('runs a command against DATABASE_URL and passes its exit code on', async () => {
    const migrate = await cli(['migrate'], env);
    expect(migrate.stderr).toBe('');
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toContain('The database is up to date.');
    const created = await cli(['create-organisation', '--name', 'Riverside Wellbeing', '--short-name', 'Riverside', '--admin-email', 'admin@example.org'], env);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/http:\/\/localhost:3000\/invitations\/\S+/);
    const backup = await cli(['backup', '--to', join(dir, 'copy.sqlite')], env);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('checked the copy: it is sound');
    expect(existsSync(join(dir, 'copy.sqlite'))).toBe(true);
  });

  it('reports settings that are not valid, with exit code 1', async () => {
    const run = await cli(['migrate'], { ...env, SESSION_IDLE_MINUTES: 'soon' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Configuration is not valid');
  });
});
