/**
 * Values worked out from the database and kept in memory between requests, a bounded number of them, the least
 * recently used forgotten first. Used only under keys that cover everything the value depends on (see each caller).
 */
export class LeastRecentlyUsed<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      // Most recently used last, so the oldest is the first to go.
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/**
 * Something worked out from data the database versions (a project's circle_version, an organisation's directory
 * version: raised by triggers on every change that matters), remembered for the version it was worked out at. A key
 * has one entry, for its newest version seen; an older version is never served, since versions only go up and every
 * request reads the current one. At most `limit` keys are remembered, the least recently used forgotten first.
 */
export class Remembered<V> {
  readonly #entries: LeastRecentlyUsed<{ version: number; value: V }>;

  constructor(limit: number) {
    this.#entries = new LeastRecentlyUsed(limit);
  }

  /** The value for this key at this version, if it is remembered. */
  get(key: string, version: number): V | undefined {
    const entry = this.#entries.get(key);
    return entry === undefined || entry.version !== version ? undefined : entry.value;
  }

  set(key: string, version: number, value: V): void {
    const existing = this.#entries.get(key);
    // A request that read an older version finishing late does not replace a newer one.
    if (existing !== undefined && existing.version > version) return;
    this.#entries.set(key, { version, value });
  }

  get size(): number {
    return this.#entries.size;
  }
}
