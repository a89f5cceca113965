import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, testDialects, type TestDb } from '../../../test/helpers/db.js';
import { makeMember, makeOrganisation } from '../../../test/helpers/factories.js';
import type { Actor } from '../../shared/actor.js';
import { createAuditWriter } from '../../shared/audit.js';
import { fixedClock } from '../../shared/clock.js';
import { questionsFor } from './reviews.registry.js';
import { createReviewsService } from './reviews.service.js';

describe.each(testDialects())('reviews service (%s)', (dialect) => {
  let db: TestDb;
  let facilitator: Actor;
  let member: Actor;
  let outsider: Actor;
  const clock = fixedClock(new Date('2027-03-01T10:00:00Z'));
  const service = () => createReviewsService({ db: db.kysely, clock, audit: createAuditWriter(clock) });
  const page = (principle: 'assets', value: number) => ({ answers: questionsFor(principle).map((q) => ({ questionKey: q.key, value, comment: null })), notes: 'We talked' });

  beforeEach(async () => {
    db = await createTestDb(dialect);
    const organisationId = await makeOrganisation(db.kysely);
    facilitator = await makeMember(db.kysely, organisationId, { permission: 'facilitator' });
    member = await makeMember(db.kysely, organisationId);
    outsider = await makeMember(db.kysely, await makeOrganisation(db.kysely), { permission: 'admin' });
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('lets only facilitators start shared reviews, and writes an audit row', async () => {
    expect(await service().start(member, { subjectKind: 'organisation', mode: 'individual' })).toMatchObject({ ok: false, kind: 'forbidden' });
    const started = await service().start(facilitator, { subjectKind: 'service', serviceName: '  Drop-in  Café ', mode: 'group' });
    expect(started.ok).toBe(true);
    const row = await db.kysely.selectFrom('reviews').select(['subject_key', 'subject_label']).executeTakeFirstOrThrow();
    expect(row).toEqual({ subject_key: 'drop-in café', subject_label: 'Drop-in  Café' });
    const audit = await db.kysely.selectFrom('audit_events').select('action').where('action', '=', 'review.started').execute();
    expect(audit).toHaveLength(1);
  });

  it('lets only facilitators record a group review; members cannot answer it', async () => {
    const started = await service().start(facilitator, { subjectKind: 'organisation', mode: 'group' });
    if (!started.ok) throw new Error('not started');
    expect(await service().saveAnswers(member, started.value, 'assets', page('assets', 3))).toMatchObject({ ok: false, kind: 'forbidden' });
    expect(await service().saveAnswers(facilitator, started.value, 'assets', page('assets', 3))).toEqual({ ok: true, value: null });
    const other = await makeMember(db.kysely, facilitator.organisationId, { permission: 'facilitator' });
    const seen = await service().answerPage(other, started.value, 'assets');
    expect(seen.ok && seen.value.saved.notes).toBe('We talked');
  });

  it('keeps a practice review to its owner, refuses answers from another page, and makes sent answers final', async () => {
    const practice = await service().startPractice(member);
    if (!practice.ok) throw new Error('not started');
    expect(await service().results(facilitator, practice.value)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await service().results(outsider, practice.value)).toMatchObject({ ok: false, kind: 'not_found' });
    expect(await service().saveAnswers(member, practice.value, 'networks', page('assets', 3))).toMatchObject({ ok: false, kind: 'invalid' });
    expect(await service().submit(member, practice.value)).toMatchObject({ ok: false, kind: 'conflict' });
    for (const principle of ['assets', 'capabilities', 'mutuality', 'networks', 'blur_roles', 'catalysts'] as const) {
      await service().saveAnswers(member, practice.value, principle, { answers: questionsFor(principle).map((q) => ({ questionKey: q.key, value: 4, comment: null })), notes: null });
    }
    expect(await service().submit(member, practice.value)).toEqual({ ok: true, value: null });
    expect(await service().saveAnswers(member, practice.value, 'assets', page('assets', 1))).toMatchObject({ ok: false, kind: 'conflict' });
    const results = await service().results(member, practice.value);
    expect(results.ok && results.value.results?.table.every((row) => row.values[0] === 4)).toBe(true);
  });
});
