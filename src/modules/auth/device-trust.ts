import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../../shared/tokens.js';

/**
 * Device trust (OWASP's device-cookie pattern, ADR 0013): a browser in which someone signed in successfully gets a
 * token naming the account, signed with a key only the server knows. It grants no access on its own; it only lets
 * that browser's sign-in attempts skip limits that strangers can fill, under a limit of its own.
 *
 * Format: `d1.<account id>.<issued, seconds since 1970, base 36>.<nonce>.<signature>`. The signature also covers the
 * account's password stamp (when its password last changed), which the token does not carry: changing or resetting
 * the password ends the trust of every browser that knew the old one.
 */

export const DEVICE_TRUST_DAYS = 180;
const LIFETIME_MS = DEVICE_TRUST_DAYS * 86_400_000;
/** A token issued a little in the future (clocks of several instances differ) is still believed. */
const CLOCK_SKEW_MS = 5 * 60_000;
const VERSION = 'd1';

export interface DeviceToken {
  readonly accountId: string;
  readonly issuedAt: Date;
  /** Names this browser's token (not the account) in the per-device failure counter. */
  readonly nonce: string;
}

/** The signing key, derived from the session secret for this one purpose. */
export function deviceKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('device trust').digest();
}

function signature(key: Buffer, accountId: string, issued: string, nonce: string, passwordStamp: string): string {
  return createHmac('sha256', key).update(`${VERSION}|${accountId}|${issued}|${nonce}|${passwordStamp}`).digest('base64url');
}

export function issueDeviceToken(key: Buffer, accountId: string, passwordStamp: string, now: Date): string {
  const issued = Math.floor(now.getTime() / 1000).toString(36);
  const nonce = randomBytes(16).toString('base64url');
  return [VERSION, accountId, issued, nonce, signature(key, accountId, issued, nonce, passwordStamp)].join('.');
}

/** The account a token names, read without checking it (to know whose password stamp to check it against). */
export function deviceTokenAccount(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 200) return undefined;
  const parts = value.split('.');
  return parts.length === 5 && parts[0] === VERSION && parts[1] !== '' ? parts[1] : undefined;
}

/** The token, if it is well formed, signed by us for this account and password stamp, and not too old. */
export function verifyDeviceToken(
  key: Buffer,
  value: string | undefined,
  account: { readonly id: string; readonly passwordStamp: string },
  now: Date,
): DeviceToken | undefined {
  if (deviceTokenAccount(value) !== account.id || value === undefined) return undefined;
  const [, accountId = '', issued = '', nonce = '', signed = ''] = value.split('.');
  if (!/^[0-9a-z]{1,10}$/.test(issued) || !/^[A-Za-z0-9_-]{22}$/.test(nonce)) return undefined;
  if (!safeEqual(signed, signature(key, accountId, issued, nonce, account.passwordStamp))) return undefined;
  const issuedAt = new Date(parseInt(issued, 36) * 1000);
  const age = now.getTime() - issuedAt.getTime();
  if (age >= LIFETIME_MS || age < -CLOCK_SKEW_MS) return undefined;
  return { accountId, issuedAt, nonce };
}
