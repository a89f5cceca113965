import { describe, expect, it } from 'vitest';
import { approximateBytes, Cache, cacheKey, CacheVerifyError, cacheVersion, derivedKey, identityOf, isCacheVerifying, KEY_PART_LIMIT, verifyModeFromEnvironment } from './cache.js';

const plain = <V>(maxBytes = 10_000) => new Cache<V>({ name: 'test.plain', maxBytes, verify: false });

describe('a cache', () => {
  it('gives a value back only for the version it was worked out for', async () => {
    const cache = plain<string>();
    let computed = 0;
    const compute = (value: string) => async () => {
      computed += 1;
      return value;
    };
    expect(await cache.get('p', '3:a', compute('three'))).toBe('three');
    expect(await cache.get('p', '3:a', compute('not asked'))).toBe('three');
    expect(computed).toBe(1);
    expect(await cache.get('p', '3:b', compute('three, restored'))).toBe('three, restored');
    expect(await cache.get('q', '3:b', compute('another key'))).toBe('another key');
    expect(computed).toBe(3);
    expect(await cache.peek('p', '3:a', compute('x'))).toBeUndefined();
    expect(await cache.peek('p', '3:b', compute('x'))).toBe('three, restored');
  });

  it('works synchronously too', () => {
    const cache = plain<number>();
    expect(cache.getSync('k', '1', () => 1)).toBe(1);
    expect(cache.getSync('k', '1', () => 2)).toBe(1);
    expect(cache.getSync('k', '2', () => 2)).toBe(2);
  });

  it('holds at most its bytes, forgetting the least recently used first', async () => {
    const cache = plain<string>(1_100);
    const big = 'x'.repeat(150); // about 300 bytes as estimated
    cache.set('a', '1', big);
    cache.set('b', '1', big);
    cache.set('c', '1', big);
    expect(await cache.peek('a', '1', async () => big)).toBe(big); // a is now the most recently used
    cache.set('d', '1', big);
    expect(cache.bytes).toBeLessThanOrEqual(1_100);
    expect(await cache.peek('b', '1', async () => big)).toBeUndefined();
    expect(await cache.peek('a', '1', async () => big)).toBe(big);
    // A value bigger than the whole cache is not kept, and does not empty it.
    cache.set('huge', '1', 'y'.repeat(2_000));
    expect(await cache.peek('huge', '1', async () => '')).toBeUndefined();
    expect(await cache.peek('a', '1', async () => big)).toBe(big);
  });
});

describe('verify mode', () => {
  it('works out every hit again and throws, naming the cache and key, when the kept value is stale', async () => {
    const cache = new Cache<{ names: string[] }>({ name: 'test.people', maxBytes: 10_000, verify: true });
    let names = ['Ada', 'Ben'];
    const compute = async () => ({ names: [...names] });
    await cache.get('org-1', '7:ab', compute);
    // Unchanged data: the hit is checked and served.
    expect(await cache.get('org-1', '7:ab', compute)).toEqual({ names: ['Ada', 'Ben'] });
    // The data changed but the version did not (a trigger missing a column): caught.
    names = ['Ada', 'Benedict'];
    await expect(cache.get('org-1', '7:ab', compute)).rejects.toThrow(CacheVerifyError);
    await expect(cache.get('org-1', '7:ab', compute)).rejects.toThrow(/test\.people.*org-1/);
    await expect(cache.peek('org-1', '7:ab', compute)).rejects.toThrow(CacheVerifyError);
  });

  it('catches a key that misses something the value depends on', () => {
    const cache = new Cache<string>({ name: 'test.greeting', maxBytes: 10_000, verify: true });
    const greet = (language: string, name: string) => cache.getSync(cacheKey(name), '1', () => (language === 'it' ? `Ciao ${name}` : `Hello ${name}`));
    expect(greet('en', 'Ada')).toBe('Hello Ada');
    expect(() => greet('it', 'Ada')).toThrow(/test\.greeting/);
  });

  it('compares with the cache’s own equality when given one', () => {
    const cache = new Cache<{ html: string; made: number }>({ name: 'test.markup', maxBytes: 10_000, verify: true, same: (a, b) => a.html === b.html });
    let made = 0;
    const write = () => ({ html: '<p>hi</p>', made: (made += 1) });
    cache.getSync('k', '1', write);
    expect(cache.getSync('k', '1', write).made).toBe(1);
  });

  it('is off unless the environment turns it on, and on in this test configuration', () => {
    expect(verifyModeFromEnvironment()).toBe(true);
    expect(new Cache({ name: 'test.default', maxBytes: 100 }).verify).toBe(true);
    expect(new Cache({ name: 'test.off', maxBytes: 100, verify: false }).verify).toBe(false);
  });
});

describe('keys, versions and sizes', () => {
  it('keeps short parts readable and hashes long ones', () => {
    expect(cacheKey('org', 3, 'en-GB')).toBe('"org"|3|"en-GB"');
    const many = Array.from({ length: 500 }, (_, i) => `person-${String(i)}`);
    const key = cacheKey('org', many);
    expect(key.length).toBeLessThan(KEY_PART_LIMIT + 10);
    expect(key).toBe(cacheKey('org', [...many]));
    expect(key).not.toBe(cacheKey('org', many.slice(1)));
    // Parts cannot run into each other, and absent is not empty.
    expect(cacheKey('a', 'b')).not.toBe(cacheKey('a"|"b'));
    expect(cacheKey('a', null)).not.toBe(cacheKey('a', ''));
  });

  it('makes versions from counters and stamps', () => {
    expect(cacheVersion(12, 'f00d')).toBe('12:f00d');
    expect(cacheVersion(12, 'f00d', 3, 'beef')).not.toBe(cacheVersion(12, 'f00d', 3, 'cafe'));
  });

  it('gives each object its own identity, the same each time', () => {
    const a = [1];
    const b = [1];
    expect(identityOf(a)).toBe(identityOf(a));
    expect(identityOf(a)).not.toBe(identityOf(b));
    expect(derivedKey(a, 'en-GB')).toBe(derivedKey(a, 'en-GB'));
    expect(derivedKey(a, 'en-GB')).not.toBe(derivedKey(a, 'it'));
    expect(derivedKey(a, 'en-GB')).not.toBe(derivedKey(b, 'en-GB'));
  });

  it('estimates bytes growing with the value', () => {
    const person = { id: '0193f0a2-0000-7000-8000-000000000000', name: 'Ada Lovelace' };
    const one = approximateBytes([person]);
    expect(approximateBytes([person, { ...person }])).toBeGreaterThan(one);
    expect(approximateBytes(new Map([['a', [person]]]))).toBeGreaterThan(one);
    expect(approximateBytes(Buffer.alloc(1_000))).toBeGreaterThan(1_000);
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(approximateBytes(cyclic)).toBeGreaterThan(0);
  });
});

describe('work done by verify mode', () => {
  it('is told apart from the caller’s own, so query counts leave it out', async () => {
    const cache = new Cache<boolean>({ name: 'test.context', maxBytes: 1_000, verify: true });
    const seen: boolean[] = [];
    const compute = async () => {
      await Promise.resolve();
      seen.push(isCacheVerifying());
      return true;
    };
    await cache.get('k', '1', compute);
    await cache.get('k', '1', compute);
    expect(seen).toEqual([false, true]);
    expect(isCacheVerifying()).toBe(false);
  });
});
