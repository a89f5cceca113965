import { chmodSync, closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';

/**
 * The database holds special-category data, so its files, backups and restore copies are readable by the account that
 * runs Doing With only: files 0600, folders we create 0700, whatever the process's umask.
 */
const PRIVATE_FILE = 0o600;
const PRIVATE_FOLDER = 0o700;

/** Make a folder (and its missing parents) readable by this account only. A folder that exists is left as it is. */
export function makePrivateFolder(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_FOLDER });
}

/** Create an empty file readable by this account only; it must not exist yet. */
export function createPrivateFile(path: string): void {
  closeSync(openSync(path, 'wx', PRIVATE_FILE));
}

/** Copy a file into a new file readable by this account only (never readable by others, not even for a moment). */
export async function copyPrivately(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from), createWriteStream(to, { flags: 'wx', mode: PRIVATE_FILE }));
}

/** Make files that exist (a database made by an earlier version, its -wal and -shm) readable by this account only. */
export function keepPrivate(...paths: string[]): void {
  for (const path of paths) if (existsSync(path)) chmodSync(path, PRIVATE_FILE);
}
