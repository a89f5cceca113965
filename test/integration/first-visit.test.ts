import { existsSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_PATH, PUBLIC_DIR } from '../../src/plugins/static.js';
import type { AssetManifest } from '../../src/shared/assets.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { tags } from '../helpers/html.js';

const BUDGET = 100 * 1024;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

function decoded(response: LightMyRequestResponse): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload);
  if (encoding === 'gzip') return gunzipSync(response.rawPayload);
  return response.rawPayload;
}

/** What the response costs on the wire over HTTP/1.1: the status line, the headers and the body as sent. */
function wireBytes(response: LightMyRequestResponse): number {
  const headers = Object.entries(response.headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [String(value)]).map((one) => `${name}: ${one}\r\n`),
  );
  return Buffer.byteLength(`HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n${headers.join('')}\r\n`) + response.rawPayload.length;
}

/** Everything under /assets/ a page asks for: its stylesheet, icon and scripts. */
function linkedAssets(html: string): string[] {
  return tags(html)
    .filter((tag) => tag.name === 'link' || tag.name === 'script' || tag.name === 'img')
    .map((tag) => tag.attributes['href'] ?? tag.attributes['src'] ?? '')
    .filter((url) => url.startsWith('/assets/'));
}

/** What a fetched asset asks for in turn: a stylesheet's url() images, a script's imports (relative to it). */
function referencedAssets(url: string, text: string): string[] {
  if (url.endsWith('.css')) {
    return [...text.matchAll(/url\(\s*["']?(\/assets\/[^"')\s]+)/g)].map((match) => match[1] ?? '');
  }
  if (url.endsWith('.js')) {
    return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\/[^"']+)["']/g)].map((match) => new URL(match[1] ?? '', `http://x${url}`).pathname);
  }
  return [];
}

/**
 * A browser on its first visit: keeps cookies, takes brotli or gzip, fetches every asset a page links (and what
 * those ask for) once, keeping it as the cache headers allow, and counts the bytes that cross the wire.
 */
class FirstVisitBrowser {
  readonly fetched = new Map<string, LightMyRequestResponse>();
  bytes = 0;
  private readonly cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  private async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({
      method,
      url,
      headers: {
        'accept-encoding': BROWSER_ENCODINGS,
        cookie,
        ...(form === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(form === undefined ? {} : { payload: new URLSearchParams(form).toString() }),
    });
    for (const set of response.cookies) this.cookies.set(set.name, set.value);
    this.bytes += wireBytes(response);
    return response;
  }

  /** Load a page and everything it needs that is not cached yet. */
  async page(url: string): Promise<string> {
    const response = await this.request('GET', url);
    expect(response.statusCode).toBe(200);
    const html = decoded(response).toString('utf8');
    const queue = linkedAssets(html);
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (this.fetched.has(next)) continue;
      const asset = await this.request('GET', next);
      expect(asset.statusCode, next).toBe(200);
      this.fetched.set(next, asset);
      queue.push(...referencedAssets(next, decoded(asset).toString('utf8')));
    }
    return html;
  }

  async post(url: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    return this.request('POST', url, form);
  }
}

describe.each(testDialects())('a first visit (%s)', (dialect) => {
  let t: TestApp;
  let email: string;
  let manifest: AssetManifest;

  beforeAll(async () => {
    if (!existsSync(MANIFEST_PATH)) throw new Error('The assets are not built: run `npm run build:assets` first.');
    manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as AssetManifest;
    t = await createTestApp(dialect);
    const organisationId = await makeOrganisation(t.db.kysely, { name: 'Eastside Recovery Network', shortName: 'Eastside' });
    ({ email } = await makeMember(t.db.kysely, organisationId, { name: 'Ada Brook' }));
  });
  afterAll(async () => t.close());

  /** The sign-in page, signing in, then the home page: returns the browser that did it. */
  async function visit(): Promise<{ browser: FirstVisitBrowser; signInPage: string; homePage: string }> {
    const browser = new FirstVisitBrowser(t.app);
    const signInPage = await browser.page('/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signInPage)?.[1] ?? '';
    const signedIn = await browser.post('/sign-in', { _csrf: csrf, email, password: TEST_PASSWORD });
    expect(signedIn.statusCode).toBe(303);
    const homePage = await browser.page(String(signedIn.headers.location));
    return { browser, signInPage, homePage };
  }

  it('the sign-in page, signing in and the home page, with every asset they need, cross the wire in at most 100 KB', async () => {
    const { browser, homePage } = await visit();
    expect(homePage).toContain('Ada Brook');
    expect([...browser.fetched.keys()].sort()).toEqual(
      ['app.css', 'app.js', 'favicon.svg', 'govuk-frontend.min.js'].map((name) => `/assets/${manifest[name] ?? name}`).sort(),
    );
    expect(browser.bytes).toBeLessThanOrEqual(BUDGET);
  });

  it('serves every asset under its hashed name, kept for a year, as the brotli copy made at build time', async () => {
    const { browser } = await visit();
    for (const [url, response] of browser.fetched) {
      const name = url.slice('/assets/'.length);
      expect(Object.values(manifest)).toContain(name);
      expect(response.headers['cache-control'], url).toBe(IMMUTABLE);
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(response.headers['vary'], url).toMatch(/accept-encoding/i);
      expect(response.rawPayload.equals(readFileSync(`${PUBLIC_DIR}/assets/${name}.br`)), url).toBe(true);
      expect(decoded(response).equals(readFileSync(`${PUBLIC_DIR}/assets/${name}`)), url).toBe(true);
    }
  });

  it('gives a browser without brotli the gzip copy, and one asking for neither the file as it is', async () => {
    const css = `/assets/${manifest['app.css'] ?? ''}`;
    const built = readFileSync(`${PUBLIC_DIR}${css}`);
    const gzip = await t.app.inject({ url: css, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).equals(built)).toBe(true);
    const plain = await t.app.inject({ url: css });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    expect(plain.rawPayload.equals(built)).toBe(true);
  });

  it('compresses pages for the browser, never to be cached, and leaves them as they are for a client that cannot decode', async () => {
    const br = await t.app.inject({ url: '/sign-in', headers: { 'accept-encoding': 'br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('no-store');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toContain('name="password"');
    const gzip = await t.app.inject({ url: '/sign-in', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toContain('name="password"');
    const plain = await t.app.inject({ url: '/sign-in' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('name="password"');
  });

  it('does not compress a response too small to gain from it', async () => {
    const health = await t.app.inject({ url: '/health', headers: { 'accept-encoding': BROWSER_ENCODINGS } });
    expect(health.statusCode).toBe(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(health.json()).toMatchObject({ status: 'ok' });
  });

  it('answers an asset name that is not built (an old hash) with a page that is not kept', async () => {
    const stale = await t.app.inject({ url: '/assets/app.0000000000.css', headers: { 'accept-encoding': BROWSER_ENCODINGS } });
    expect(stale.statusCode).toBe(404);
    expect(stale.headers['cache-control']).not.toBe(IMMUTABLE);
  });
});
