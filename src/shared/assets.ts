import { createHash } from 'node:crypto';

/**
 * Built assets are served under names that carry a hash of their content (app.css -> app.1a2b3c4d5e.css), so a
 * browser may keep each one for a year: a changed file gets a new name, and the page that links it says so.
 * scripts/build-assets.ts writes them with a manifest; src/plugins/static.ts serves them and answers `asset(name)`.
 */

/** Logical name -> hashed name, for every built asset. */
export type AssetManifest = Readonly<Record<string, string>>;

/** Where the manifest sits in public/ (outside the served public/assets/, so it is never served as an asset). */
export const MANIFEST_FILE = 'manifest.json';

const HASH_LENGTH = 10;

/** The hashed name of an asset: the content's hash before the last extension (`app.css` -> `app.<hash>.css`). */
export function hashedName(name: string, content: string | Uint8Array): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, HASH_LENGTH);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? `${name}.${hash}` : `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
}

/** How one asset refers to others: the stylesheet by `/assets/...` in url(), scripts by `./...` in imports. */
export type ReferenceStyle = 'css' | 'js';

const CSS_URL = /url\(\s*(["']?)([^"')\s]+)\1\s*\)/g;
const JS_IMPORT = /(\bfrom\s*|\bimport\s*\(?\s*)(["'])([^"']+)\2/g;

/** The logical name a reference points at, or undefined when it is not one of ours (a data: URI, another site). */
function logicalName(reference: string, style: ReferenceStyle): string | undefined {
  const prefix = style === 'css' ? '/assets/' : './';
  return reference.startsWith(prefix) ? reference.slice(prefix.length) : undefined;
}

/**
 * The asset's text with every reference to another built asset changed to its hashed name. A reference to an asset
 * that is not (yet) in the manifest is an error, so a page can never ask for a name that is not served; only a
 * stylesheet's image listed in `unshipped` (in a rule of a dependency's stylesheet that no page of ours uses) is
 * allowed, and becomes `none`.
 */
export function withHashedReferences(
  text: string,
  style: ReferenceStyle,
  manifest: AssetManifest,
  unshipped: ReadonlySet<string> = new Set(),
): string {
  const hashed = (reference: string): string => {
    const name = logicalName(reference, style);
    if (name === undefined) return reference;
    const target = manifest[name];
    if (target === undefined) throw new Error(`The asset refers to ${reference}, which is not built before it`);
    return reference.slice(0, reference.length - name.length) + target;
  };
  if (style === 'js') {
    return text.replace(JS_IMPORT, (_all, lead: string, quote: string, reference: string) => `${lead}${quote}${hashed(reference)}${quote}`);
  }
  return text.replace(CSS_URL, (_all, quote: string, reference: string) => {
    const name = logicalName(reference, style);
    return name !== undefined && unshipped.has(name) ? 'none' : `url(${quote}${hashed(reference)}${quote})`;
  });
}
