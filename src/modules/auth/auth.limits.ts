import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import * as repo from './auth.repository.js';
import { issueDeviceToken, verifyDeviceToken, type DeviceToken } from './device-trust.js';

/**
 * Limits on failed sign-ins (ADR 0013). Failures in a browser where the account signed in before count only against
 * that browser, so strangers' failures elsewhere never block it. Failures anywhere else ("unknown browsers") count per
 * account and address, per account, and per address. Only failures count, so a room of people on one Wi-Fi who type
 * their passwords right are never held back by each other.
 */
export const SIGN_IN_LIMITS = {
  perDevice: { hits: 10, windowMs: 15 * 60_000 },
  perAccountAndAddress: { hits: 10, windowMs: 15 * 60_000 },
  perAccount: { hits: 50, windowMs: 60 * 60_000 },
  perAddress: { hits: 300, windowMs: 15 * 60_000 },
} as const;

/**
 * Limits on emails with links (ADR 0013). Asked for from an unknown browser: two of each kind per account in 5
 * minutes, shorter than any link's life, so whenever a request is turned down the newest email of that kind still
 * holds a working link; and a generous number per address. Asked for from a browser the account signed in from
 * before: a budget of its own, which strangers cannot use up.
 */
export const EMAIL_LIMITS = {
  perAccount: { hits: 2, windowMs: 5 * 60_000 },
  perDevice: { hits: 3, windowMs: 15 * 60_000 },
  perAddress: { hits: 100, windowMs: 15 * 60_000 },
} as const;

/** Where a request came from: its address, and the device token its browser holds, if any. */
export interface RequestOrigin {
  readonly ip: string;
  readonly device?: string | undefined;
}

/** A request that did not come from a browser (the command line, a test): no address, so no per-address limit. */
export const NO_ORIGIN: RequestOrigin = { ip: '' };

type Account = Pick<repo.AccountRow, 'id' | 'passwordChangedAt'>;

/** What a sign-in attempt is checked against: its browser's own count, or the counts every unknown browser shares. */
export type SignInGate =
  | {
      readonly open: true;
      /** The browser's device token for this account, if it holds a good one. */
      readonly device: DeviceToken | undefined;
      /** Whether the attempt counts against that browser alone (it is under its own limit). */
      readonly trusted: boolean;
    }
  | { readonly open: false; readonly retryAfterSeconds: number };
type OpenGate = Extract<SignInGate, { open: true }>;

export interface LimitsDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly deviceKey: Buffer;
}

export function createAuthLimits({ db, clock, deviceKey }: LimitsDeps) {
  const stamp = (account: Account) => account.passwordChangedAt ?? '';
  const knownDevice = (account: Account | undefined, device: string | undefined, now: Date) =>
    account === undefined ? undefined : verifyDeviceToken(deviceKey, device, { id: account.id, passwordStamp: stamp(account) }, now);

  const keys = (email: string, ip: string) => ({
    pair: `sign-in:${email}:${ip}`,
    account: `sign-in:${email}`,
    address: `sign-in-address:${ip}`,
  });
  const deviceCounter = (device: DeviceToken) => `sign-in-device:${device.nonce}`;

  return {
    /** A new device token for a browser in which this account has just signed in. */
    deviceTokenFor(account: Account): string {
      return issueDeviceToken(deviceKey, account.id, stamp(account), clock.now());
    },

    /**
     * Whether to try the password at all. A browser holding this account's device token, and under its own limit,
     * is let through whatever strangers have done; any other browser meets the limits unknown browsers share.
     */
    async signInGate(email: string, account: Account | undefined, origin: RequestOrigin): Promise<SignInGate> {
      const now = clock.now();
      const device = knownDevice(account, origin.device, now);
      if (device !== undefined) {
        const own = await repo.peekRateLimit(db, deviceCounter(device), now);
        if (own.hits < SIGN_IN_LIMITS.perDevice.hits) return { open: true, device, trusted: true };
      }
      const k = keys(email, origin.ip);
      const [pair, whole, address] = await Promise.all([
        repo.peekRateLimit(db, k.pair, now),
        repo.peekRateLimit(db, k.account, now),
        repo.peekRateLimit(db, k.address, now),
      ]);
      const full = [
        pair.hits >= SIGN_IN_LIMITS.perAccountAndAddress.hits ? pair.resetAt : null,
        whole.hits >= SIGN_IN_LIMITS.perAccount.hits ? whole.resetAt : null,
        address.hits >= SIGN_IN_LIMITS.perAddress.hits ? address.resetAt : null,
      ].filter((resetAt) => resetAt !== null);
      if (full.length === 0) return { open: true, device, trusted: false };
      const latest = Math.max(...full.map((resetAt) => Date.parse(resetAt)));
      return { open: false, retryAfterSeconds: Math.max(1, Math.ceil((latest - now.getTime()) / 1000)) };
    },

    /** Count a wrong password (or an email with no account) against whatever let the attempt through. */
    async signInFailed(email: string, gate: OpenGate, origin: RequestOrigin): Promise<void> {
      const now = clock.now();
      if (gate.trusted && gate.device !== undefined) {
        await repo.hitRateLimit(db, deviceCounter(gate.device), SIGN_IN_LIMITS.perDevice.windowMs, now);
        return;
      }
      const k = keys(email, origin.ip);
      await repo.hitRateLimit(db, k.pair, SIGN_IN_LIMITS.perAccountAndAddress.windowMs, now);
      await repo.hitRateLimit(db, k.account, SIGN_IN_LIMITS.perAccount.windowMs, now);
      await repo.hitRateLimit(db, k.address, SIGN_IN_LIMITS.perAddress.windowMs, now);
    },

    /** The right password: this browser's and this address's failures on the account are forgiven. */
    async signInSucceeded(email: string, gate: OpenGate, origin: RequestOrigin): Promise<void> {
      if (gate.device !== undefined) await repo.clearRateLimit(db, deviceCounter(gate.device));
      await repo.clearRateLimit(db, keys(email, origin.ip).pair);
    },

    /**
     * Whether to send an email with a link of this kind to this account now (counting it if so). Called only for
     * accounts that exist, after the response has gone.
     */
    async emailAllowed(account: Account, purpose: 'sign_in_link' | 'password_reset', origin: RequestOrigin): Promise<boolean> {
      const now = clock.now();
      const device = knownDevice(account, origin.device, now);
      if (device !== undefined) {
        const own = await repo.hitRateLimit(db, `email-device:${device.nonce}`, EMAIL_LIMITS.perDevice.windowMs, now);
        if (own.hits <= EMAIL_LIMITS.perDevice.hits) return true;
      }
      if (origin.ip !== NO_ORIGIN.ip) {
        const address = await repo.hitRateLimit(db, `email-address:${origin.ip}`, EMAIL_LIMITS.perAddress.windowMs, now);
        if (address.hits > EMAIL_LIMITS.perAddress.hits) return false;
      }
      const whole = await repo.hitRateLimit(db, `email:${purpose}:${account.id}`, EMAIL_LIMITS.perAccount.windowMs, now);
      return whole.hits <= EMAIL_LIMITS.perAccount.hits;
    },
  };
}

export type AuthLimits = ReturnType<typeof createAuthLimits>;
