import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Page {
  readonly status: number;
  readonly body: string;
  readonly headers: LightMyRequestResponse['headers'];
  readonly location: string | undefined;
  /** The CSRF token from the page's first form, if any. */
  readonly csrf: string | undefined;
}

function toPage(response: LightMyRequestResponse): Page {
  const location = response.headers.location;
  return {
    status: response.statusCode,
    body: response.body,
    headers: response.headers,
    location: typeof location === 'string' ? location : undefined,
    csrf: /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1],
  };
}

/**
 * A browser-like client for app.inject: keeps cookies, and submits forms with the CSRF token from the page it
 * last loaded (as a person's browser would).
 */
export class TestClient {
  private readonly cookies = new Map<string, string>();
  private lastCsrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '127.0.0.1',
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const expired = cookie.expires !== undefined && cookie.expires.getTime() <= Date.now();
      if (cookie.value === '' || expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    const response = await this.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { cookie: this.cookieHeader(), ...headers } });
    this.remember(response);
    const page = toPage(response);
    if (page.csrf !== undefined) this.lastCsrf = page.csrf;
    return page;
  }

  /** POST a form. The CSRF token comes from the last page loaded unless `csrf` is given (null sends none). */
  async post(url: string, fields: Record<string, string | string[]> = {}, options: { csrf?: string | null } = {}): Promise<Page> {
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? this.lastCsrf : options.csrf;
    if (token !== null && token !== undefined) body.append('_csrf', token);
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(response);
    const page = toPage(response);
    if (page.csrf !== undefined) this.lastCsrf = page.csrf;
    return page;
  }

  /** POST a multipart form with one file, as a browser does: the CSRF token first (unless `csrf` is null), then the fields. */
  async postMultipart(
    url: string,
    fields: Record<string, string | string[]>,
    file: { field: string; name: string; type: string; bytes: Buffer },
    options: { csrf?: string | null } = {},
  ): Promise<Page> {
    const boundary = '----doing-with-test-boundary';
    const parts: Buffer[] = [];
    const field = (name: string, value: string) => parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    const token = options.csrf === undefined ? this.lastCsrf : options.csrf;
    if (token !== null && token !== undefined) field('_csrf', token);
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) field(key, v);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
    });
    this.remember(response);
    const page = toPage(response);
    if (page.csrf !== undefined) this.lastCsrf = page.csrf;
    return page;
  }

  /** Load a page, then submit a form on it (the way a person does). */
  async submit(pageUrl: string, action: string, fields: Record<string, string | string[]>): Promise<Page> {
    await this.get(pageUrl);
    return this.post(action, fields);
  }

  async signIn(email: string, password: string): Promise<Page> {
    const page = await this.submit('/sign-in', '/sign-in', { email, password });
    if (page.status !== 303) throw new Error(`sign-in failed for ${email}: ${page.status}`);
    return page;
  }

  hasCookies(): boolean {
    return this.cookies.size > 0;
  }

  /** A cookie this browser holds (to copy it into another, as a thief would). */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}
