import nunjucks from 'nunjucks';

/**
 * Nunjucks sets a variable by splitting its name on dots every time (`Frame.set`), and a `for` loop sets seven
 * dotted names (loop.index, loop.first, ...) on every turn: on the signed-in home page that was about a tenth of the
 * server's CPU. This gives `Frame.set` the same behaviour with each name split once and remembered (templates use a
 * fixed, small set of names). See ADR 0008.
 */
interface Frame {
  variables: Record<string, unknown>;
  set(name: string, value: unknown, resolveUp?: boolean): void;
  resolve(name: string, forWrite?: boolean): Frame | null | undefined;
}

const split = new Map<string, readonly string[]>();
const MAX_NAMES = 10_000;

function partsOf(name: string): readonly string[] {
  let parts = split.get(name);
  if (parts === undefined) {
    parts = name.split('.');
    if (split.size < MAX_NAMES) split.set(name, parts);
  }
  return parts;
}

function set(this: Frame, name: string, value: unknown, resolveUp?: boolean): void {
  const parts = partsOf(name);
  if (resolveUp === true) {
    const frame = this.resolve(parts[0] ?? '', true);
    if (frame !== undefined && frame !== null) {
      frame.set(name, value);
      return;
    }
  }
  let target = this.variables;
  const last = parts.length - 1;
  for (let i = 0; i < last; i++) {
    const id = parts[i] ?? '';
    if (!target[id]) target[id] = {};
    target = target[id] as Record<string, unknown>;
  }
  target[parts[last] ?? ''] = value;
}

let installed = false;

/** Replace Nunjucks's Frame.set with the one above (once per process; every environment shares the runtime). */
export function useFastNunjucksFrames(): void {
  if (installed) return;
  const runtime = (nunjucks as unknown as { runtime: { Frame: { prototype: Frame } } }).runtime;
  runtime.Frame.prototype.set = set;
  installed = true;
}
