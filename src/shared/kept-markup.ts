import { randomBytes } from 'node:crypto';

/**
 * Markup kept between requests (the circle's drawing and lists, the directory's cards, a review's results), encoded
 * to UTF-8 once, when it is made, rather than on every page that shows it.
 *
 * Encoding a page costs more than it looks: a character outside Latin-1 anywhere in it (a ’ or a – will do) makes the
 * whole page a two-byte string, and turning 70 KB of that into bytes took about a fifth of the circle page's CPU. So a
 * template prints a KeptMarkup as a token (`toString`), and `pageBytes` encodes only the rest of the page, putting
 * each kept part's bytes where its token is. The token holds a secret made at start, so text a person typed can never
 * stand for kept markup. Printing it marks it safe: it is markup the server wrote, never a person's text.
 */
const SECRET = randomBytes(12).toString('hex');
const TOKEN = new RegExp(`\uE000${SECRET}:(\\d+)\uE001`, 'g');

const made = new Map<number, WeakRef<KeptMarkup>>();
const forgotten = new FinalizationRegistry<number>((id) => made.delete(id));
let lastId = 0;
/**
 * The markup printed most recently, held so nothing printed can be collected before its page is sent, even if the
 * cache that made it lets go in between (a page is sent right after it is rendered: far fewer prints than this).
 */
const recentlyPrinted: KeptMarkup[] = [];
const RECENT = 1024;
let nextSlot = 0;

export class KeptMarkup {
  readonly bytes: Buffer;
  readonly #token: string;

  constructor(readonly html: string) {
    this.bytes = Buffer.from(html);
    lastId += 1;
    this.#token = `\uE000${SECRET}:${String(lastId)}\uE001`;
    made.set(lastId, new WeakRef(this));
    forgotten.register(this, lastId);
  }

  /** What a template prints: replaced by the bytes in `pageBytes`. */
  toString(): string {
    recentlyPrinted[nextSlot] = this;
    nextSlot = (nextSlot + 1) % RECENT;
    return this.#token;
  }
}

/**
 * A rendered page as bytes, with each kept part's bytes in place of its token.
 */
export function pageBytes(html: string): Buffer {
  if (!html.includes('\uE000')) return Buffer.from(html);
  const parts: Buffer[] = [];
  let from = 0;
  for (const match of html.matchAll(TOKEN)) {
    const kept = made.get(Number(match[1]))?.deref();
    if (kept === undefined) throw new Error('A page printed kept markup that no longer exists.');
    parts.push(Buffer.from(html.slice(from, match.index)), kept.bytes);
    from = match.index + match[0].length;
  }
  if (parts.length === 0) return Buffer.from(html);
  parts.push(Buffer.from(html.slice(from)));
  return Buffer.concat(parts);
}

/**
 * Markup kept with the object it was written from (a remembered circle's list or drawing, a page of the directory, a
 * review's results), under a key for everything else it depends on (language, viewer). It lives as long as the
 * object, and each object keeps at most `perObject` versions (then starts again), so it stays small.
 */
export class KeptWith<O extends object> {
  readonly #kept = new WeakMap<O, Map<string, KeptMarkup>>();

  constructor(readonly perObject = 32) {}

  find(object: O, key: string): KeptMarkup | undefined {
    return this.#kept.get(object)?.get(key);
  }

  keep(object: O, key: string, html: string): KeptMarkup {
    let byKey = this.#kept.get(object);
    if (byKey === undefined) {
      byKey = new Map();
      this.#kept.set(object, byKey);
    }
    if (byKey.size >= this.perObject) byKey.clear();
    const kept = new KeptMarkup(html);
    byKey.set(key, kept);
    return kept;
  }

  /** The kept markup, written the first time it is asked for. */
  get(object: O, key: string, write: () => string): KeptMarkup {
    return this.find(object, key) ?? this.keep(object, key, write());
  }
}
