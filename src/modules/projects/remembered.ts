/**
 * Something worked out from a project's data, remembered for the version of that data the database gives
 * (projects.circle_version, raised by triggers on every change the circle pages show: migration 2026-11-22-008).
 * A project has one entry, for its newest version seen; an older version is never served, since versions only go
 * up and every request reads the current one with the project. At most `limit` projects are remembered, the least
 * recently used forgotten first.
 */
export class Remembered<V> {
  readonly #entries = new Map<string, { version: number; value: V }>();

  constructor(readonly limit: number) {}

  /** The value for this project at this version, if it is remembered. */
  get(projectId: string, version: number): V | undefined {
    const entry = this.#entries.get(projectId);
    if (entry === undefined || entry.version !== version) return undefined;
    // Most recently used last, so the oldest is the first to go.
    this.#entries.delete(projectId);
    this.#entries.set(projectId, entry);
    return entry.value;
  }

  set(projectId: string, version: number, value: V): void {
    const existing = this.#entries.get(projectId);
    // A request that read an older version finishing late does not replace a newer one.
    if (existing !== undefined && existing.version > version) return;
    this.#entries.delete(projectId);
    this.#entries.set(projectId, { version, value });
    if (this.#entries.size > this.limit) this.#entries.delete(this.#entries.keys().next().value as string);
  }

  get size(): number {
    return this.#entries.size;
  }
}
