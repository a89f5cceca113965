import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/shared/actor.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { TestClient } from '../helpers/client.js';
import { testDialects } from '../helpers/db.js';
import { makeMember, makeOrganisation, TEST_PASSWORD } from '../helpers/factories.js';
import { checkedValue, elementById, errorSummaryLinks, fieldValue, heading, inlineError, pageTitle } from '../helpers/html.js';
import { expectFormErrors } from '../helpers/pages.js';

const newProject = {
  title: 'Peer-led welcome group',
  purpose: 'A friendly welcome for people coming for the first time.',
  whoFor: 'People new to the service',
  'startsOn-day': '1', 'startsOn-month': '3', 'startsOn-year': '2027',
  'endsOn-day': '', 'endsOn-month': '', 'endsOn-year': '',
  visibility: 'open',
};

describe.each(testDialects())('projects pages on %s', (dialect) => {
  let t: TestApp;
  let organisationId: string;
  let facilitator: Actor;
  let member: Actor;
  let outsider: Actor;
  let priya: TestClient;
  let projectId: string;

  async function signedIn(actor: Actor): Promise<TestClient> {
    const client = new TestClient(t.app);
    await client.signIn(actor.email, TEST_PASSWORD);
    return client;
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    organisationId = await makeOrganisation(t.db.kysely, { name: 'Riverside' });
    facilitator = await makeMember(t.db.kysely, organisationId, { permission: 'facilitator', name: 'Priya Shah' });
    member = await makeMember(t.db.kysely, organisationId, { name: 'Jordan Ellis' });
    outsider = await makeMember(t.db.kysely, await makeOrganisation(t.db.kysely), { permission: 'admin', name: 'Elsewhere Admin' });
    priya = await signedIn(facilitator);
    const created = await priya.submit('/projects/new', '/projects', newProject);
    expect(created.status).toBe(303);
    projectId = /\/projects\/([0-9a-f-]{36})\/circle/.exec(created.location ?? '')?.[1] ?? '';
    expect(projectId).not.toBe('');
  });
  afterAll(async () => t.close());

  it('starting a project: 422 lists each problem, linked to its input, keeping what was typed', async () => {
    await priya.get('/projects/new');
    const page = await priya.post('/projects', { ...newProject, title: '', 'startsOn-month': '', 'endsOn-day': '31', 'endsOn-month': '2', 'endsOn-year': '2027', visibility: '' });
    expect(page.status).toBe(422);
    expect(pageTitle(page.body)).toMatch(/^Error: /);
    expect(errorSummaryLinks(page.body)).toEqual([
      { href: '#title', text: "Enter the project's name" },
      { href: '#startsOn-month', text: 'The start date must include a month' },
      { href: '#endsOn-day', text: 'The end date must be a real date' },
      { href: '#visibility', text: 'Choose who can see this project' },
    ]);
    for (const link of errorSummaryLinks(page.body)) expect(elementById(page.body, link.href.slice(1))?.name).toBe('input');
    expect(inlineError(page.body, 'startsOn')).toContain('The start date must include a month');
    expect(elementById(page.body, 'startsOn-month')?.attributes['class']).toContain('govuk-input--error');
    expect(elementById(page.body, 'startsOn-day')?.attributes['class']).not.toContain('govuk-input--error');
    expect(fieldValue(page.body, 'purpose')).toBe(newProject.purpose);
    expect(fieldValue(page.body, 'startsOn-day')).toBe('1');
    expect(fieldValue(page.body, 'endsOn-day')).toBe('31');
  });

  it('shows every page of a project', async () => {
    for (const [path, title] of [
      ['/projects', 'Projects'], [`/projects/${projectId}`, newProject.title], [`/projects/${projectId}/circle`, 'Circle of Support'],
      [`/projects/${projectId}/agreement`, 'Project agreement'], [`/projects/${projectId}/updates`, 'You said, we did'],
      [`/projects/${projectId}/tasks`, 'Tasks'], [`/projects/${projectId}/success`, 'What success means'], [`/projects/${projectId}/edit`, 'Change the project details'],
      [`/projects/journey/${facilitator.personId}`, 'Your journey across projects'], ['/notifications', 'Notifications'], ['/projects/new', 'Start a project'],
    ] as const) {
      const page = await priya.get(path);
      expect(page.status, path).toBe(200);
      expect(heading(page.body), path).toBe(title);
    }
  });

  it('the circle: names only, placed with the circle\'s meaning, drawn and listed, every change a form', async () => {
    const role = await priya.submit(`/projects/${projectId}/circle`, `/projects/${projectId}/circle`, { personId: '', newName: 'The board', circle: 'involved', level: '', domain: 'me', note: 'They fund it' });
    expectFormErrors(role, [{ href: '#newName', text: "Enter a person's name, not a job title or a group of people" }]);
    expect(fieldValue(role.body, 'newName')).toBe('The board');
    expect(fieldValue(role.body, 'note')).toBe('They fund it');
    expect(checkedValue(role.body, 'circle')).toBe('involved');

    const none = await priya.post(`/projects/${projectId}/circle`, { personId: '', newName: '', circle: '', level: '', domain: 'me', note: '' });
    expectFormErrors(none, [{ href: '#personId', text: 'Choose a person, or add someone new by name' }, { href: '#circle', text: 'Choose which circle fits them best' }]);
    expect(none.body).toContain('<span class="govuk-visually-hidden">Error:</span> Choose which circle fits them best');
    const inItalian = await signedIn(facilitator);
    await inItalian.get('/');
    expect((await inItalian.post('/language', { language: 'it', returnTo: '/' })).status).toBe(303);
    await inItalian.get(`/projects/${projectId}`);
    const noStage = await inItalian.post(`/projects/${projectId}/stage`, { stage: '', note: '' });
    expect(noStage.status).toBe(422);
    expect(noStage.body).toMatch(/<p id="stage-error" class="govuk-error-message"><span class="govuk-visually-hidden">Errore:<\/span> \S/);
    await inItalian.post('/language', { language: 'en-GB', returnTo: '/' });

    const added = await priya.submit(`/projects/${projectId}/circle`, `/projects/${projectId}/circle`, { personId: member.personId, newName: '', circle: 'participants', level: '', domain: 'me', note: '' });
    expect(added.status).toBe(303);
    const created = await priya.submit(`/projects/${projectId}/circle`, `/projects/${projectId}/circle`, { personId: '', newName: 'Amina Patel', circle: 'consulted', level: 'consult', domain: 'we', note: '' });
    expect(created.status).toBe(303);

    const page = await priya.get(`/projects/${projectId}/circle`);
    expect(page.body).toContain('Amina Patel is now in the circle: Consulted.');
    expect(elementById(page.body, 'circle-list')).toBeDefined();
    expect(page.body).toMatch(/<svg class="app-circle-drawing"[^>]*role="img"[^>]*aria-label="Circle of Support: 1 co-producers, 1 participants, 0 involved, 1 consulted\./);
    expect(page.body).toContain('<title>Amina Patel</title>');
    // Each name links to the person's page, relative to the circle page's own address.
    expect(page.body).toContain(`<li><a href="circle/${member.personId}">Jordan Ellis</a> <span>– Consult, Me</span></li>`);
    const link = new URL(`circle/${member.personId}`, `http://localhost/projects/${projectId}/circle`).pathname;
    expect(link).toBe(`/projects/${projectId}/circle/${member.personId}`);
    expect(heading((await priya.get(link)).body)).toBe('Jordan Ellis');
    expect(page.body).toContain('Share responsibility for what the project achieves');

    // Jordan would like to do more: the people who run the circle see it beside his name. In his own view of the
    // circle only his own name opens a page, and the tag is not shown.
    const jordan = await signedIn(member);
    await jordan.get(`/projects/${projectId}`);
    expect((await jordan.post(`/projects/${projectId}/me/more`, {})).status).toBe(303);
    const keen = await priya.get(`/projects/${projectId}/circle`);
    expect(keen.body).toContain('>Jordan Ellis</a> <span>– Consult, Me</span> <strong class="govuk-tag govuk-tag--yellow">Would like to do more</strong></li>');
    const own = await jordan.get(`/projects/${projectId}/circle`);
    expect(own.body).toContain(`<li><a href="circle/${member.personId}">Jordan Ellis</a>`);
    expect(own.body).toContain('<li>Amina Patel <span>– Consult, We</span></li>');
    expect(own.body).not.toContain('Would like to do more');

    // Move Jordan to the co-producers with a reason; the history keeps both places.
    const moved = await priya.submit(`/projects/${projectId}/circle/${member.personId}`, `/projects/${projectId}/circle/${member.personId}/place`, { circle: 'co_producers', level: 'involve', domain: 'we', note: 'Leads the welcome' });
    expect(moved.status).toBe(303);
    const person = await priya.get(`/projects/${projectId}/circle/${member.personId}`);
    expect(person.body).toContain('moved from Participants · Consult · Me to Co-producers · Involve · We (by Priya Shah)');
    expect(person.body).toContain('Leads the welcome');

    const same = await priya.post(`/projects/${projectId}/circle/${member.personId}/place`, { circle: 'co_producers', level: 'involve', domain: 'we', note: '' });
    expectFormErrors(same, [{ href: '#circle', text: 'Choose a different circle, level or domain to move them' }]);
  });

  it('a member outside the co-producers cannot change the circle: "not found", and nothing changes', async () => {
    const jordanless = await makeMember(t.db.kysely, organisationId, { name: 'Sam Okafor' });
    const sam = await signedIn(jordanless);
    const page = await sam.get(`/projects/${projectId}/circle`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain('Add someone to the circle');
    const post = await sam.post(`/projects/${projectId}/circle`, { personId: jordanless.personId, newName: '', circle: 'co_producers', level: '', domain: 'me', note: '' });
    expect(post.status).toBe(404);
    const rows = await t.db.kysely.selectFrom('circle_members').select('id').where('person_id', '=', jordanless.personId).execute();
    expect(rows).toEqual([]);
  });

  it('tells a member who may not start a project who can, rather than "not found" (#12)', async () => {
    const jo = await signedIn(member);
    const page = await jo.get('/projects/new');
    expect(page.status).toBe(403);
    expect(heading(page.body)).toBe('Ask a facilitator to start a project');
    expect(page.body).toContain('co-producer');
    expect((await jo.post('/projects', { title: 'Mine', purpose: 'p', whoFor: 'w', visibility: 'open' })).status).toBe(404);
  });

  it('moving the stage: 422 without a note, 303 with one, and the meaning of the new stage on the page', async () => {
    const missing = await priya.submit(`/projects/${projectId}`, `/projects/${projectId}/stage`, { stage: 'consult', note: '' });
    expectFormErrors(missing, [{ href: '#note', text: 'Enter what was done at this stage' }]);
    expect(checkedValue(missing.body, 'stage')).toBe('consult');
    const skip = await priya.post(`/projects/${projectId}/stage`, { stage: 'act', note: 'Skipping ahead' });
    expectFormErrors(skip, [{ href: '#stage', text: 'The project cannot skip a stage: each stage builds on the one before' }]);
    expect(fieldValue(skip.body, 'note')).toBe('Skipping ahead');
    const moved = await priya.post(`/projects/${projectId}/stage`, { stage: 'consult', note: 'Told everyone at the café' });
    expect(moved.status).toBe(303);
    const page = await priya.get(`/projects/${projectId}`);
    expect(page.body).toContain('The project has moved to “Consult”.');
    expect(page.body).toContain('We ask what you think, and we listen.');
    expect(page.body).toMatch(/aria-current="step"[^>]*>\s*<span class="app-cycle__name">Consult/);
  });

  it('posting an update tells the circle, shows in the navigation and lands in the inbox', async () => {
    const empty = await priya.submit(`/projects/${projectId}/updates`, `/projects/${projectId}/updates`, { quoted: 'Weekdays are hard', body: '' });
    expectFormErrors(empty, [{ href: '#body', text: 'Enter what we did' }]);
    expect(fieldValue(empty.body, 'quoted')).toBe('Weekdays are hard');
    const posted = await priya.post(`/projects/${projectId}/updates`, { quoted: 'Weekdays are hard', body: 'We now open on Saturdays.' });
    expect(posted.status).toBe(303);
    await t.mailer.idle();
    expect(t.mailer.sent.filter((m) => m.to === member.email).map((m) => m.subject)).toEqual(['You said, we did: an update from Peer-led welcome group']);

    const jordan = await signedIn(member);
    const home = await jordan.get('/');
    expect(home.body).toContain('Notifications (1 new)');
    const inbox = await jordan.get('/notifications');
    expect(inbox.body).toContain('You have 1 new notification.');
    const id = /action="\/notifications\/([0-9a-f-]{36})\/open"/.exec(inbox.body)?.[1] ?? '';
    const opened = await jordan.post(`/notifications/${id}/open`, {});
    expect(opened.status).toBe(303);
    expect(opened.location).toMatch(new RegExp(`^/projects/${projectId}/updates#update-`));
    expect((await jordan.get('/')).body).not.toContain('new)');
    // Someone else's notification is not theirs to open.
    expect((await priya.post(`/notifications/${id}/open`, {})).status).toBe(404);
  });

  it('a task: the due date points at the first wrong part, a member volunteers', async () => {
    const bad = await priya.submit(`/projects/${projectId}/tasks`, `/projects/${projectId}/tasks`, { title: 'Bake for the open day', details: '', needs: 'baking', 'dueOn-day': '12', 'dueOn-month': '', 'dueOn-year': '2027' });
    expect(bad.status).toBe(422);
    expect(errorSummaryLinks(bad.body)).toEqual([{ href: '#dueOn-month', text: 'The due date must include a month' }]);
    expect(fieldValue(bad.body, 'title')).toBe('Bake for the open day');
    expect(fieldValue(bad.body, 'needs')).toBe('baking');
    const made = await priya.post(`/projects/${projectId}/tasks`, { title: 'Bake for the open day', details: '', needs: 'baking', 'dueOn-day': '12', 'dueOn-month': '4', 'dueOn-year': '2027' });
    expect(made.status).toBe(303);
    const taskUrl = made.location ?? '';
    const jordan = await signedIn(member);
    const volunteered = await jordan.submit(taskUrl, `${taskUrl}/volunteer`, {});
    expect(volunteered.status).toBe(303);
    const page = await jordan.get(taskUrl);
    expect(page.body).toContain('You have volunteered for this task.');
    expect(page.body).toContain('12 April 2027');
  });

  it('invite-only projects and other organisations\' projects are "not found", and POSTs change nothing', async () => {
    const secret = await priya.submit('/projects/new', '/projects', { ...newProject, title: 'Quiet project', visibility: 'invite_only' });
    const secretId = /\/projects\/([0-9a-f-]{36})\//.exec(secret.location ?? '')?.[1] ?? '';
    const sam = await signedIn(await makeMember(t.db.kysely, organisationId));
    const elsewhere = await signedIn(outsider);
    for (const client of [sam, elsewhere]) {
      for (const path of ['', '/circle', '/agreement', '/updates', '/tasks', '/success', `/circle/${facilitator.personId}`]) {
        expect((await client.get(`/projects/${secretId}${path}`)).status, path).toBe(404);
      }
      await client.get('/projects');
      expect((await client.post(`/projects/${secretId}/stage`, { stage: 'consult', note: 'x' })).status).toBe(404);
      expect((await client.post(`/projects/${secretId}/updates`, { quoted: '', body: 'Taken over' })).status).toBe(404);
    }
    expect((await sam.get('/projects')).body).not.toContain('Quiet project');
    // The open project exists for the other organisation's admin only as "not found" too.
    expect((await elsewhere.get(`/projects/${projectId}`)).status).toBe(404);
    expect((await elsewhere.post(`/projects/${projectId}/circle`, { personId: outsider.personId, newName: '', circle: 'co_producers', level: '', domain: 'me', note: '' })).status).toBe(404);
    const rows = await t.db.kysely.selectFrom('projects').select(['stage']).where('id', '=', secretId).executeTakeFirstOrThrow();
    expect(rows.stage).toBe('inform');
    expect(await t.db.kysely.selectFrom('project_updates').select('id').where('project_id', '=', secretId).execute()).toEqual([]);
  });

  it('the agreement: written once, then changed behind a disclosure that opens when there is something to fix', async () => {
    const first = await priya.submit(`/projects/${projectId}/agreement`, `/projects/${projectId}/agreement`, { power: 'One voice each', responsibilities: '', support: '', equalDelivery: 'yes', equalDeliveryNote: '' });
    expect(first.status).toBe(303);
    const page = await priya.get(`/projects/${projectId}/agreement`);
    expect(page.body).toContain('This is co-production');
    expect(page.body).toMatch(/<details id="answer" class="govuk-details">/);
    const bad = await priya.post(`/projects/${projectId}/agreement`, { power: 'x'.repeat(2001), responsibilities: '', support: '', equalDelivery: '', equalDeliveryNote: '' });
    expectFormErrors(bad, [{ href: '#power', text: 'Each answer must be 2,000 characters or fewer' }, { href: '#equalDelivery', text: 'Choose whether the project can commit to an equal role in delivery' }]);
    expect(bad.body).toMatch(/<details id="answer" class="govuk-details" open>/);
    expect(fieldValue(bad.body, 'power')).toBe('x'.repeat(2001));
  });

  it('refuses a form without its CSRF token', async () => {
    await priya.get(`/projects/${projectId}`);
    const page = await priya.post(`/projects/${projectId}/stage`, { stage: 'involve', note: 'x' }, { csrf: null });
    expect(page.status).toBe(403);
  });

  it('escapes what people type, everywhere it is shown', async () => {
    const payload = '<script>alert("x")</script>';
    const made = await priya.submit('/projects/new', '/projects', { ...newProject, title: `Title ${payload}`, purpose: `Purpose ${payload}`, whoFor: payload });
    const id = /\/projects\/([0-9a-f-]{36})\//.exec(made.location ?? '')?.[1] ?? '';
    await priya.submit(`/projects/${id}/circle`, `/projects/${id}/circle`, { personId: '', newName: `Jo ${payload}`, circle: 'participants', level: '', domain: 'me', note: payload });
    await priya.submit(`/projects/${id}/updates`, `/projects/${id}/updates`, { quoted: payload, body: payload });
    for (const path of ['', '/circle', '/updates']) {
      const page = await priya.get(`/projects/${id}${path}`);
      expect(page.status).toBe(200);
      expect(page.body).not.toContain(payload);
      expect(page.body).toContain('&lt;script&gt;');
    }
  });
});
