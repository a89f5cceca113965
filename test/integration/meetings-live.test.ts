import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { makeProject } from '../helpers/meetings.js';

/** A signed-in browser over real HTTP (server-sent events need a real connection). */
async function signIn(base: string, actor: Actor): Promise<{ cookie: string; csrf: (html: string) => string }> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const page = await fetch(`${base}/sign-in`);
  keep(page);
  const body = new URLSearchParams({ _csrf: csrf(await page.text()), email: actor.email, password: TEST_PASSWORD });
  const signed = await fetch(`${base}/sign-in`, { method: 'POST', body, headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  keep(signed);
  expect(signed.status).toBe(303);
  return { cookie: cookie(), csrf };
}

describe.each(testDialects())('live meeting view (%s)', (dialect) => {
  let t: TestApp;
  let base: string;
  let facilitator: Actor;
  let projectId: string;
  let meetingId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const org = await makeOrganisation(t.db.kysely);
    facilitator = await makeMember(t.db.kysely, org, { permission: 'facilitator' });
    projectId = await makeProject(t.db.kysely, org, [{ personId: facilitator.personId }]);
    const created = await t.app.services.meetings.create(facilitator, projectId, {
      title: 'Live one', date: { year: 2036, month: 3, day: 3 }, start: { hour: 10, minute: 0 }, end: { hour: 12, minute: 0 }, place: 'Hall', onlineUrl: null, features: [], ways: ['in_person'],
    });
    if (!created.ok) throw new Error('no meeting');
    meetingId = created.value.meetingId;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${String((t.app.server.address() as AddressInfo).port)}`;
  });
  afterAll(async () => t.close());

  it('streams a change event when someone adds to the agenda, and cleans up when the page closes', async () => {
    const browser = await signIn(base, facilitator);
    const live = await fetch(`${base}/projects/${projectId}/meetings/${meetingId}/live`, { headers: { cookie: browser.cookie } });
    expect(live.status).toBe(200);
    const html = await live.text();
    expect(html).toContain(`src="${t.app.assetUrl('live-meeting.js')}"`);
    expect(html).toContain('id="live-refresh"');
    expect(html).not.toContain('http-equiv="refresh"');

    const controller = new AbortController();
    const stream = await fetch(`${base}/projects/${projectId}/meetings/${meetingId}/live/events`, { headers: { cookie: browser.cookie, accept: 'text/event-stream' }, signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = stream.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string) => {
      while (!received.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        received += decoder.decode(value);
      }
    };
    await readUntil('event: ready');
    expect(t.app.services.meetings.live.listenerCount(meetingId)).toBe(1);

    const meetingPage = await fetch(`${base}/projects/${projectId}/meetings/${meetingId}`, { headers: { cookie: browser.cookie } });
    const body = new URLSearchParams({ _csrf: browser.csrf(await meetingPage.text()), title: 'Welcome newcomers', details: '' });
    const added = await fetch(`${base}/projects/${projectId}/meetings/${meetingId}/agenda`, { method: 'POST', body, headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(added.status).toBe(303);
    await readUntil('event: change');
    expect(received).toContain('"type":"agenda"');

    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.app.services.meetings.live.listenerCount(meetingId)).toBe(0);
  });

  it('a change written by another instance arrives through the version counter', async () => {
    const browser = await signIn(base, facilitator);
    const controller = new AbortController();
    const stream = await fetch(`${base}/projects/${projectId}/meetings/${meetingId}/live/events`, { headers: { cookie: browser.cookie }, signal: controller.signal });
    const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = stream.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let received = '';
    while (!received.includes('event: ready')) received += decoder.decode((await reader.read()).value);
    // Another instance: the row changes, and this instance's hub hears nothing.
    await t.db.kysely.updateTable('meetings').set({ version: 99 }).where('id', '=', meetingId).execute();
    while (!received.includes('event: change')) received += decoder.decode((await reader.read()).value);
    expect(received).toContain('"version":99');
    controller.abort();
  }, 10_000);
});
