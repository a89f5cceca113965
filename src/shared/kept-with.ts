/**
 * Markup kept with the object it was written from (a remembered circle's list or drawing, a page of the directory, a
 * review's results), under a key for everything else it depends on (language, viewer). It lives as long as the
 * object, and each object keeps at most `perObject` versions (then starts again), so it stays small. The markup is an
 * ordinary string: a template prints it with `| safe`, since the server wrote it and escaped every piece of text in it.
 */
export class KeptWith<O extends object> {
  readonly #kept = new WeakMap<O, Map<string, string>>();

  constructor(readonly perObject = 32) {}

  find(object: O, key: string): string | undefined {
    return this.#kept.get(object)?.get(key);
  }

  keep(object: O, key: string, html: string): string {
    let byKey = this.#kept.get(object);
    if (byKey === undefined) {
      byKey = new Map();
      this.#kept.set(object, byKey);
    }
    if (byKey.size >= this.perObject) byKey.clear();
    byKey.set(key, html);
    return html;
  }

  /** The kept markup, written the first time it is asked for. */
  get(object: O, key: string, write: () => string): string {
    return this.find(object, key) ?? this.keep(object, key, write());
  }
}
