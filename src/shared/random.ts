import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 8192;
const pool = Buffer.alloc(POOL_SIZE);
let used = POOL_SIZE;

/**
 * Cryptographically strong random bytes, like crypto.randomBytes, taken from a pool filled 8 KB at a time: asking the
 * system for 16 bytes on every response (a CSP nonce, a CSRF mask) cost more than the rest of a small page's headers.
 * Each byte is handed out once; the copy returned is the caller's own.
 */
export function randomBytesPooled(size: number): Buffer {
  if (size > POOL_SIZE) throw new RangeError(`At most ${String(POOL_SIZE)} random bytes at a time`);
  if (used + size > POOL_SIZE) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = Buffer.from(pool.subarray(used, used + size));
  used += size;
  return bytes;
}
