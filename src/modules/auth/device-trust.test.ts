import { describe, expect, it } from 'vitest';
import { DEVICE_TRUST_DAYS, deviceKey, deviceTokenAccount, issueDeviceToken, verifyDeviceToken } from './device-trust.js';

const key = deviceKey('a session secret of at least thirty-two characters');
const account = { id: '0192f3a4-0000-7000-8000-00000000abcd', passwordStamp: '2026-11-01T10:00:00.000Z' };
const now = new Date('2026-12-03T12:00:00.000Z');
const DAY = 86_400_000;

describe('device tokens', () => {
  it('are believed for the account they name, and name it', () => {
    const token = issueDeviceToken(key, account.id, account.passwordStamp, now);
    expect(deviceTokenAccount(token)).toBe(account.id);
    const read = verifyDeviceToken(key, token, account, now);
    expect(read?.accountId).toBe(account.id);
    expect(read?.issuedAt).toEqual(now);
    expect(read?.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('are different each time, so each browser has its own failure count', () => {
    const first = verifyDeviceToken(key, issueDeviceToken(key, account.id, account.passwordStamp, now), account, now);
    const second = verifyDeviceToken(key, issueDeviceToken(key, account.id, account.passwordStamp, now), account, now);
    expect(first?.nonce).not.toBe(second?.nonce);
  });

  it('are not believed for another account, after a password change, or with another key', () => {
    const token = issueDeviceToken(key, account.id, account.passwordStamp, now);
    expect(verifyDeviceToken(key, token, { ...account, id: '0192f3a4-0000-7000-8000-00000000ffff' }, now)).toBeUndefined();
    expect(verifyDeviceToken(key, token, { ...account, passwordStamp: '2026-12-03T11:00:00.000Z' }, now)).toBeUndefined();
    expect(verifyDeviceToken(deviceKey('another secret, also thirty-two characters long'), token, account, now)).toBeUndefined();
  });

  it('are not believed when any part is changed', () => {
    const token = issueDeviceToken(key, account.id, account.passwordStamp, now);
    const parts = token.split('.');
    for (let i = 0; i < parts.length; i += 1) {
      const changed = parts.map((part, j) => (j === i ? `${part.slice(0, -1)}${part.endsWith('A') ? 'B' : 'A'}` : part)).join('.');
      expect(verifyDeviceToken(key, changed, account, now), `part ${String(i)}`).toBeUndefined();
    }
    for (const junk of [undefined, '', 'd1', `d1.${account.id}`, `${token}.extra`, 'x'.repeat(500), token.replace('d1.', 'd2.')]) {
      expect(verifyDeviceToken(key, junk, account, now)).toBeUndefined();
    }
  });

  it(`last ${String(DEVICE_TRUST_DAYS)} days`, () => {
    const token = issueDeviceToken(key, account.id, account.passwordStamp, now);
    expect(verifyDeviceToken(key, token, account, new Date(now.getTime() + DEVICE_TRUST_DAYS * DAY - 1000))).toBeDefined();
    expect(verifyDeviceToken(key, token, account, new Date(now.getTime() + DEVICE_TRUST_DAYS * DAY))).toBeUndefined();
    expect(verifyDeviceToken(key, token, account, new Date(now.getTime() - 60 * 60_000))).toBeUndefined();
  });
});
