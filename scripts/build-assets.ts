// Builds public/ (generated, never committed): the stylesheet, GOV.UK Frontend's script, our small scripts and the
// icon, each under a name carrying its content's hash (public/assets/), with brotli and gzip copies beside it, and
// public/manifest.json mapping each logical name to its hashed name (src/shared/assets.ts).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as sass from 'sass';
import { hashedName, MANIFEST_FILE, withHashedReferences, type ReferenceStyle } from '../src/shared/assets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}public`;
const served = `${out}/assets`;

/**
 * Images GOV.UK Frontend's stylesheet names that we do not ship (their rules say `none` instead): the royal crest of
 * the footer's Crown copyright logo belongs to GOV.UK, not Doing With, and our own footer (src/views/layout.njk)
 * never shows it.
 */
const UNSHIPPED = new Set(['images/govuk-crest.svg']);

interface Source {
  readonly name: string;
  readonly text: () => string;
  /** How it refers to other assets, when it does: those are built before it (the order of SOURCES). */
  readonly references?: ReferenceStyle;
}

const fromFile = (path: string) => () => readFileSync(`${root}${path}`, 'utf8');

const SOURCES: readonly Source[] = [
  { name: 'favicon.svg', text: fromFile('assets/favicon.svg') },
  {
    name: 'govuk-frontend.min.js',
    // Its source map is not shipped, so the comment pointing at it would only make browsers' tools ask for a 404.
    text: () => fromFile('node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js')().replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'),
  },
  { name: 'live-meeting.js', text: fromFile('assets/js/live-meeting.js') },
  { name: 'app.js', text: fromFile('assets/js/app.js'), references: 'js' },
  {
    name: 'app.css',
    text: () =>
      sass.compile(`${root}assets/scss/app.scss`, {
        loadPaths: [`${root}node_modules`],
        style: 'compressed',
        quietDeps: true,
        silenceDeprecations: ['import'],
      }).css,
    references: 'css',
  },
];

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(served, { recursive: true });

const manifest: Record<string, string> = {};
for (const source of SOURCES) {
  const text = source.references === undefined ? source.text() : withHashedReferences(source.text(), source.references, manifest, UNSHIPPED);
  const bytes = Buffer.from(text);
  const name = hashedName(source.name, bytes);
  writeFileSync(`${served}/${name}`, bytes);
  // Built once, so the smallest encodings are worth their time; a copy no smaller than the file is not written,
  // and the file is then sent as it is.
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  const gzip = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
  if (brotli.length < bytes.length) writeFileSync(`${served}/${name}.br`, brotli);
  if (gzip.length < bytes.length) writeFileSync(`${served}/${name}.gz`, gzip);
  manifest[source.name] = name;
  console.log(`${name}: ${bytes.length} bytes, ${brotli.length} brotli, ${gzip.length} gzip`);
}
writeFileSync(`${out}/${MANIFEST_FILE}`, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`Assets built in ${Date.now() - started} ms`);
