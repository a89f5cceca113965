import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { expectFormErrors } from '../helpers/pages.js';
import { jpegWithThumbnail, pngWithText, TINY_PNG } from '../helpers/pictures.js';

const BOUNDARY = '----doing-with-test-boundary';

/** A multipart body as a browser sends it: the CSRF token first, then the file. */
function multipart(csrf: string | undefined, file: { name: string; type: string; bytes: Buffer } | null, extra: Record<string, string> = {}): Buffer {
  const parts: Buffer[] = [];
  const field = (name: string, value: string) => parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (csrf !== undefined) field('_csrf', csrf);
  for (const [name, value] of Object.entries(extra)) field(name, value);
  if (file !== null) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="picture"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

describe.each(testDialects())('profile pictures (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  async function signedIn(actor: Actor): Promise<TestClient> {
    const client = new TestClient(t.app);
    await client.signIn(actor.email, TEST_PASSWORD);
    return client;
  }

  /** Upload through the app, with the client's cookies and the token from the picture page. */
  async function upload(client: TestClient, personId: string, file: { name: string; type: string; bytes: Buffer } | null, extra: Record<string, string> = {}) {
    const form = await client.get(`/people/${personId}/edit/picture`);
    const cookie = (client as unknown as { cookieHeader(): string }).cookieHeader();
    const response = await t.app.inject({
      method: 'POST',
      url: `/people/${personId}/edit/picture`,
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipart(form.csrf, file, extra),
    });
    return { status: response.statusCode, body: response.body, headers: response.headers, location: response.headers.location, csrf: undefined };
  }

  async function world(pictures: boolean) {
    const organisationId = await makeOrganisation(t.db.kysely);
    await t.db.kysely.updateTable('organisations').set({ profile_picture_enabled: pictures ? 1 : 0 }).where('id', '=', organisationId).execute();
    const member = await makeMember(t.db.kysely, organisationId, { name: 'Jo Member' });
    const other = await makeMember(t.db.kysely, organisationId, { name: 'Sam Other' });
    const elsewhere = await makeMember(t.db.kysely, await makeOrganisation(t.db.kysely), { name: 'Elsewhere' });
    return { member, other, elsewhere };
  }

  it('uploads a picture, takes its metadata out, and shows it to whoever may see the profile, named by the person', async () => {
    const w = await world(true);
    const client = await signedIn(w.member);
    const done = await upload(client, w.member.personId, { name: 'me.png', type: 'image/png', bytes: pngWithText('12 Elm Road') });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/people/${w.member.personId}/edit`);

    const reader = await signedIn(w.other);
    const picture = await t.app.inject({ method: 'GET', url: `/people/${w.member.personId}/picture`, headers: { cookie: (reader as unknown as { cookieHeader(): string }).cookieHeader() } });
    expect(picture.statusCode).toBe(200);
    expect(picture.headers['content-type']).toBe('image/png');
    expect(picture.headers['x-content-type-options']).toBe('nosniff');
    expect(picture.rawPayload.equals(TINY_PNG)).toBe(true);
    const profile = await reader.get(`/people/${w.member.personId}`);
    expect(profile.body).toContain(`<img class="app-profile-picture" src="/people/${w.member.personId}/picture" alt="Jo Member"`);

    await client.get(`/people/${w.member.personId}/edit/picture`);
    expect((await client.post(`/people/${w.member.personId}/picture/remove`, {})).status).toBe(303);
    expect((await reader.get(`/people/${w.member.personId}/picture`)).status).toBe(404);
  });

  it('uploaded pictures lose anything outside their image data: what is stored and served ends at its end marker', async () => {
    const w = await world(true);
    const client = await signedIn(w.member);
    const hidden = Buffer.from('PK\x03\x04 hidden after the picture \xff\xd9 more', 'latin1');
    const { bytes, image } = jpegWithThumbnail(hidden);
    const cases = [
      { name: 'me.jpg', type: 'image/jpeg', bytes, kept: image, end: Buffer.from([0xff, 0xd9]) },
      { name: 'me.png', type: 'image/png', bytes: Buffer.concat([TINY_PNG, hidden]), kept: TINY_PNG, end: TINY_PNG.subarray(-12) },
    ];
    for (const file of cases) {
      expect((await upload(client, w.member.personId, file)).status).toBe(303);
      const stored = await t.db.kysely.selectFrom('person_pictures').select(['bytes', 'content_type']).where('person_id', '=', w.member.personId).executeTakeFirstOrThrow();
      const storedBytes = Buffer.from(stored.bytes);
      expect(stored.content_type).toBe(file.type);
      expect(storedBytes.equals(file.kept), file.name).toBe(true);
      expect(storedBytes.subarray(-file.end.length).equals(file.end), `${file.name} ends at its end marker`).toBe(true);
      expect(storedBytes.includes(Buffer.from('hidden after'))).toBe(false);
      const served = await t.app.inject({ method: 'GET', url: `/people/${w.member.personId}/picture`, headers: { cookie: (client as unknown as { cookieHeader(): string }).cookieHeader() } });
      expect(served.rawPayload.equals(file.kept), `${file.name} as served`).toBe(true);
    }
    // Other tests here count every stored picture.
    await client.get(`/people/${w.member.personId}/edit/picture`);
    expect((await client.post(`/people/${w.member.personId}/picture/remove`, {})).status).toBe(303);
  });

  it('explains a missing, wrong or too large picture with 422 and a link to the file input', async () => {
    const w = await world(true);
    const client = await signedIn(w.member);
    const cases = [
      [null, 'Choose a picture to upload'],
      [{ name: 'me.gif', type: 'image/png', bytes: Buffer.from('GIF89a not really a png') }, 'The picture must be a PNG or JPEG file'],
      [{ name: 'big.png', type: 'image/png', bytes: Buffer.concat([TINY_PNG, Buffer.alloc(1024 * 1024 + 10)]) }, 'The picture must be smaller than 1 MB'],
    ] as const;
    for (const [file, message] of cases) {
      const page = await upload(client, w.member.personId, file);
      expectFormErrors(page, [{ href: '#picture', text: message }]);
    }
    const rows = await t.db.kysely.selectFrom('person_pictures').select('person_id').where('person_id', '=', w.member.personId).execute();
    expect(rows).toEqual([]);
  });

  it('refuses uploads without the token, for someone else, in another organisation, or where pictures are off', async () => {
    const w = await world(true);
    const client = await signedIn(w.member);
    const file = { name: 'me.png', type: 'image/png', bytes: TINY_PNG };
    const cookie = (client as unknown as { cookieHeader(): string }).cookieHeader();
    const noToken = await t.app.inject({ method: 'POST', url: `/people/${w.member.personId}/edit/picture`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: multipart(undefined, file) });
    expect(noToken.statusCode).toBe(403);
    expect((await upload(client, w.other.personId, file)).status).toBe(404);
    expect((await upload(client, w.elsewhere.personId, file)).status).toBe(404);

    const off = await world(false);
    const offClient = await signedIn(off.member);
    expect((await offClient.get(`/people/${off.member.personId}/edit/picture`)).status).toBe(404);
    const rows = await t.db.kysely.selectFrom('person_pictures').select('person_id').execute();
    expect(rows).toEqual([]);
  });
});
