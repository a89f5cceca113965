import { describe, expect, it } from 'vitest';
import { randomBytesPooled } from './random.js';

describe('randomBytesPooled', () => {
  it('gives the size asked for, never the same bytes twice, across refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const bytes = randomBytesPooled(16);
      expect(bytes).toHaveLength(16);
      seen.add(bytes.toString('hex'));
    }
    expect(seen.size).toBe(3000);
  });

  it('hands out copies: changing one does not change what comes next', () => {
    const a = randomBytesPooled(32);
    a.fill(0);
    expect(randomBytesPooled(32).equals(Buffer.alloc(32))).toBe(false);
  });

  it('looks random: every byte value turns up in 64 KB', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2048; i++) for (const byte of randomBytesPooled(32)) counts[byte] = (counts[byte] ?? 0) + 1;
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(380);
  });

  it('refuses more than a pool at once', () => {
    expect(() => randomBytesPooled(10_000)).toThrow(RangeError);
  });
});
