import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { MANIFEST_FILE, type AssetManifest } from '../shared/assets.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The address of a built asset by its logical name (`app.css` -> `/assets/app.<hash>.css`); templates: `asset()`. */
    assetUrl: (name: string) => string;
  }
}

export const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));
/** The built assets, every one under a hashed name (scripts/build-assets.ts). */
const ASSETS_DIR = `${PUBLIC_DIR}/assets`;
export const MANIFEST_PATH = `${PUBLIC_DIR}/${MANIFEST_FILE}`;

const MISSING = 'public/manifest.json is missing: run `npm run build:assets` (npm start does) for styles and scripts';

interface StaticPluginOptions {
  /** Refuse to start without built assets: pages would link files that are not there. */
  readonly production: boolean;
  /** Read the manifest again when it changes, so `npm run build:assets` shows while `npm run dev` runs. */
  readonly reloadManifest: boolean;
}

function readManifest(): AssetManifest | undefined {
  try {
    return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as AssetManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

const modified = (): number => statSync(MANIFEST_PATH, { throwIfNoEntry: false })?.mtimeMs ?? 0;

/**
 * Built assets from public/assets/, made by `npm run build:assets`. Every name carries its content's hash, so each
 * is kept by browsers for a year without asking again (a new build gives changed files new names), and sent in the
 * brotli or gzip copy made at build time when the browser takes one.
 */
export const staticPlugin = fp<StaticPluginOptions>(
  async (app, options) => {
    let manifest = readManifest();
    if (manifest === undefined) {
      if (options.production) throw new Error(MISSING);
      app.log.warn(MISSING);
    }
    let readAt = modified();

    app.decorate('assetUrl', (name: string): string => {
      if (options.reloadManifest && modified() !== readAt) {
        readAt = modified();
        manifest = readManifest();
      }
      if (manifest === undefined) return `/assets/${name}`;
      const hashed = manifest[name];
      if (hashed === undefined) throw new Error(`No built asset is called ${name} (public/manifest.json)`);
      return `/assets/${hashed}`;
    });

    await app.register(fastifyStatic, {
      root: ASSETS_DIR,
      prefix: '/assets/',
      decorateReply: false,
      preCompressed: true,
      maxAge: '365d',
      immutable: true,
      setHeaders: (res) => {
        // The copy sent depends on Accept-Encoding, so a shared cache must keep one per encoding.
        res.setHeader('vary', 'accept-encoding');
      },
    });
  },
  { name: 'static' },
);
