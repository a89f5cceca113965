import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

export const PUBLIC_DIR = fileURLToPath(new URL('../../public', import.meta.url));

/** Built assets (CSS, the small progressive-enhancement JS, icons) from public/, made by `npm run build:assets`. */
export const staticPlugin = fp(
  async (app) => {
    if (!existsSync(PUBLIC_DIR)) {
      app.log.warn('public/ is missing: run `npm run build:assets` for styles and scripts');
    }
    await app.register(fastifyStatic, {
      root: PUBLIC_DIR,
      prefix: '/assets/',
      decorateReply: false,
      maxAge: '1d',
      setHeaders: (res) => {
        res.setHeader('cache-control', 'public, max-age=86400');
      },
    });
  },
  { name: 'static' },
);
