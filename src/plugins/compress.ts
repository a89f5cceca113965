import { constants } from 'node:zlib';
import fp from 'fastify-plugin';
import compress from '@fastify/compress';

/**
 * Pages and JSON answers compressed for browsers that take it. Registered after the static plugin, so the built
 * assets (compressed once, at build time, at the highest settings) are never compressed again. Compressed pages are
 * safe from BREACH because the one secret a page holds, its CSRF token, is masked afresh on every response.
 */
export const compressPlugin = fp(
  async (app) => {
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      // Below this, the saving is no more than the headers that announce it.
      threshold: 1024,
      // Only what we render: event streams (live meetings) must reach the browser event by event.
      customTypes: /^(?:text\/html|application\/json)(?:;|$)/,
      // Request bodies are small forms: nothing to gain from taking them compressed.
      globalDecompression: false,
      // The cheapest settings that still shrink pages several times over: each step up costs more CPU per page than
      // the few hundred bytes it saves are worth (docs/adr/0011-compression-and-hashed-assets.md). Brotli's second
      // level is both smaller and no dearer than gzip's first, which stays for the clients without brotli.
      brotliOptions: {
        params: { [constants.BROTLI_PARAM_QUALITY]: 2, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
      },
      zlibOptions: { level: 1 },
      // Every page is in memory already: compressing it in one call is much cheaper than through a stream.
      syncThreshold: 512 * 1024,
    });
  },
  { name: 'compress', dependencies: ['static'] },
);
