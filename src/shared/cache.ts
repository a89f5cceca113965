/**
 * The one way to keep a value worked out from the database (or from other kept values) between requests.
 *
 * - A value is kept with the version it was worked out for, and served only for that version. Versions come from the
 *   database (counters raised by triggers, each rise with a fresh random stamp: see `cacheVersion`), so a value is
 *   never served after the data under it changed, whichever process changed it.
 * - The memory a cache may hold is bounded by bytes, not by entries: one entry may be a page of 25 people, another
 *   the names of a whole organisation.
 * - In verify mode (on in the test configurations, through CACHE_VERIFY), every hit is worked out again and compared
 *   with what was kept, and a difference throws, naming the cache and the key. So every test that shows a page twice
 *   checks that the key and the version cover everything the value depends on.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { LRUCache } from 'lru-cache';

/** Names the data a value was worked out from: equal versions promise equal data. */
export type CacheVersion = string;

/** Verify mode as the environment sets it: the test configurations set CACHE_VERIFY=1. */
export function verifyModeFromEnvironment(): boolean {
  return process.env['CACHE_VERIFY'] === '1';
}

const verifying = new AsyncLocalStorage<true>();

/**
 * Whether the code running now is verify mode working a hit out again: such queries are not the page's own, so the
 * tests that count a page's queries leave them out (src/db/connect.ts).
 */
export function isCacheVerifying(): boolean {
  return verifying.getStore() === true;
}

export class CacheVerifyError extends Error {
  constructor(
    readonly cacheName: string,
    readonly key: string,
  ) {
    super(`Cache "${cacheName}" kept a value for key ${JSON.stringify(key)} that differs from the value worked out again now: its key or version misses something the value depends on.`);
    this.name = 'CacheVerifyError';
  }
}

export interface CacheOptions<V> {
  /** Named in verify-mode failures; `<area>.<what>`, as in the module's cache file. */
  readonly name: string;
  /** The most the kept values may take, as estimated by `sizeOf`. */
  readonly maxBytes: number;
  /** An estimate of a value's bytes in memory; `approximateBytes` unless given. */
  readonly sizeOf?: (value: V) => number;
  /** Whether a kept value equals one worked out again (verify mode); deep equality unless given. */
  readonly same?: (kept: V, fresh: V) => boolean;
  /** Overrides the environment's verify mode (for the cache's own tests). */
  readonly verify?: boolean;
}

interface Entry<V> {
  readonly version: CacheVersion;
  readonly value: V;
}

export class Cache<V> {
  readonly name: string;
  readonly verify: boolean;
  readonly #entries: LRUCache<string, Entry<V>>;
  readonly #same: (kept: V, fresh: V) => boolean;

  constructor(options: CacheOptions<V>) {
    this.name = options.name;
    this.verify = options.verify ?? verifyModeFromEnvironment();
    this.#same = options.same ?? isDeepStrictEqual;
    const sizeOf = options.sizeOf ?? approximateBytes;
    this.#entries = new LRUCache<string, Entry<V>>({
      maxSize: options.maxBytes,
      // A value bigger than the whole cache is not kept at all (lru-cache refuses it rather than emptying the cache).
      sizeCalculation: (entry, key) => Math.max(1, sizeOf(entry.value) + approximateBytes(key) + approximateBytes(entry.version)),
    });
  }

  /** The kept value for this key at this version, or the one `compute` works out (then kept). */
  async get(key: string, version: CacheVersion, compute: () => Promise<V>): Promise<V> {
    const kept = this.#entries.get(key);
    if (kept !== undefined && kept.version === version) {
      if (this.verify) this.#check(key, kept.value, await verifying.run(true, compute));
      return kept.value;
    }
    const value = await compute();
    this.set(key, version, value);
    return value;
  }

  /** `get` for values worked out without waiting (markup written from kept values). */
  getSync(key: string, version: CacheVersion, compute: () => V): V {
    const kept = this.#entries.get(key);
    if (kept !== undefined && kept.version === version) {
      if (this.verify) this.#check(key, kept.value, verifying.run(true, compute));
      return kept.value;
    }
    const value = compute();
    this.set(key, version, value);
    return value;
  }

  /**
   * The kept value, if there is one for this version; for a caller that reads the value together with other things
   * when it is not kept. In verify mode a hit is worked out again with `recompute`.
   */
  async peek(key: string, version: CacheVersion, recompute: () => Promise<V>): Promise<V | undefined> {
    const kept = this.#entries.get(key);
    if (kept === undefined || kept.version !== version) return undefined;
    if (this.verify) this.#check(key, kept.value, await verifying.run(true, recompute));
    return kept.value;
  }

  /**
   * Keep a value for this version, replacing whatever the key held. A request that read an older version and
   * finishes late may replace a newer value; that costs a miss, never a wrong answer, since a value is served only
   * for the version it was kept with.
   */
  set(key: string, version: CacheVersion, value: V): void {
    this.#entries.set(key, { version, value });
  }

  /** The bytes the kept values take, as estimated. */
  get bytes(): number {
    return this.#entries.calculatedSize;
  }

  get size(): number {
    return this.#entries.size;
  }

  #check(key: string, kept: V, fresh: V): void {
    if (!this.#same(kept, fresh)) throw new CacheVerifyError(this.name, key);
  }
}

/** Key parts longer than this are replaced by their hash, so a key stays short whatever it is made of. */
export const KEY_PART_LIMIT = 64;

type KeyPart = string | number | boolean | null | undefined | readonly (string | number)[];

/**
 * A key made of parts (organisation, viewer, search, language ...). Each part is written out as JSON (lists in the
 * order given), and a part longer than KEY_PART_LIMIT is hashed, so a key holding the people a viewer shares projects
 * with stays as small as one holding a page number.
 */
export function cacheKey(...parts: readonly KeyPart[]): string {
  return parts
    .map((part) => {
      // JSON, so no part can hold the separator and an absent part differs from an empty one.
      const text = JSON.stringify(part ?? null);
      return text.length > KEY_PART_LIMIT ? `#${createHash('sha256').update(text).digest('base64url')}` : text;
    })
    .join('|');
}

/**
 * A version from the database's counters and stamps: each rise of a counter writes a fresh random stamp, so a
 * database restored to an older state, whose counter later reaches the same number, still gives another version.
 */
export function cacheVersion(...parts: readonly (string | number)[]): CacheVersion {
  return parts.map(String).join(':');
}

/**
 * The version of a value derived from one object, such as markup written from a cached list: the object's identity,
 * in the key (`derivedKey`), stands for its data, so there is nothing more to version.
 */
export const DERIVED_VERSION: CacheVersion = 'derived';

/** The key of a value derived from `source` with `parts` (a language, a viewer ...). */
export function derivedKey(source: object, ...parts: readonly KeyPart[]): string {
  return cacheKey(identityOf(source), ...parts);
}

const identities = new WeakMap<object, string>();
let lastIdentity = 0;

/**
 * A key part standing for one object, for values derived from a kept value (markup written from a kept list): while
 * a kept value is unchanged it is the same object, and a new object gets a new identity.
 */
export function identityOf(object: object): string {
  let id = identities.get(object);
  if (id === undefined) {
    lastIdentity += 1;
    id = `@${String(lastIdentity)}`;
    identities.set(object, id);
  }
  return id;
}

const OBJECT_BYTES = 32;
const SLOT_BYTES = 8;

/**
 * An estimate of the memory a value takes: strings at two bytes a character (the worst case), numbers and slots at
 * eight, objects with a fixed overhead. It walks the value, once, when it is kept.
 */
export function approximateBytes(value: unknown): number {
  const seen = new WeakSet<object>();
  const walk = (v: unknown): number => {
    switch (typeof v) {
      case 'string':
        return 16 + 2 * v.length;
      case 'number':
      case 'boolean':
      case 'bigint':
      case 'undefined':
        return SLOT_BYTES;
      case 'object': {
        if (v === null) return SLOT_BYTES;
        if (seen.has(v)) return SLOT_BYTES;
        seen.add(v);
        if (ArrayBuffer.isView(v)) return OBJECT_BYTES + v.byteLength;
        let total = OBJECT_BYTES;
        if (v instanceof Map) {
          for (const [k, item] of v) total += SLOT_BYTES * 2 + walk(k) + walk(item);
          return total;
        }
        if (v instanceof Set) {
          for (const item of v) total += SLOT_BYTES + walk(item);
          return total;
        }
        if (Array.isArray(v)) {
          for (const item of v) total += SLOT_BYTES + walk(item);
          return total;
        }
        for (const [k, item] of Object.entries(v)) total += SLOT_BYTES + walk(k) + walk(item);
        return total;
      }
      default:
        return SLOT_BYTES;
    }
  };
  return walk(value);
}
