import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Start the real server entry, as `npm start` does, with only the settings given; it must fail. */
function start(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'src/server.ts'],
      { cwd: root, timeout: 30_000, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NODE_ENV: 'test', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ...env } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

/** #11: start-up failures ended in raw stack traces; now one plain sentence and a non-zero exit. */
describe('src/server.ts when it cannot start', () => {
  let dir: string;
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dw-start-'));
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const address = busy.address();
    busyPort = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('says the port is in use, in one sentence', async () => {
    const run = await start({ DATABASE_URL: join(dir, 'ok.sqlite'), PORT: String(busyPort) });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(`Doing With could not start: port ${busyPort} on 127.0.0.1 is already in use. Stop the other program, or set PORT to a free port.`);
  });

  it('says the database path cannot be made, in one sentence', async () => {
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    const run = await start({ DATABASE_URL: join(dir, 'a-file', 'doing-with.sqlite'), PORT: '0' });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('could not create its database at');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
