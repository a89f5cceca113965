import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import type { AuditWriter } from '../../shared/audit.js';
import type { Clock } from '../../shared/clock.js';
import { forbidden, notFound, ok, type Result } from '../../shared/result.js';
import type { ReflectionInput } from './ladder.forms.js';
import { canReflection } from './ladder.permissions.js';
import * as repo from './ladder.repository.js';

export interface LadderServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly audit: AuditWriter;
}

const resource = (row: repo.ReflectionRow) => ({ personId: row.personId, shared: row.sharedAt !== null });

export function createLadderService({ db, clock, audit }: LadderServiceDeps) {
  const now = () => clock.now().toISOString();
  return {
    async list(actor: Actor, limit = 100) {
      const rows = await repo.listVisible(db, actor.organisationId, actor.personId, limit);
      return { mine: rows.filter((r) => r.personId === actor.personId), shared: rows.filter((r) => r.personId !== actor.personId) };
    },

    /** The person's own reflections with their entries (two queries), for the list and for "my toolkit". */
    async own(actor: Actor, limit = 50) {
      const rows = await repo.listOwn(db, actor.organisationId, actor.personId, limit);
      const entries = await repo.entriesOf(db, actor.organisationId, rows.map((r) => r.id));
      return rows.map((r) => ({ ...r, entries: entries.filter((e) => e.reflectionId === r.id) }));
    },

    async add(actor: Actor, input: ReflectionInput): Promise<Result<string>> {
      const id = await db.transaction().execute(async (trx) => {
        const created = await repo.insertReflection(trx, actor.organisationId, actor.personId, input, now());
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: 'ladder.reflection_added', subjectType: 'ladder_reflection', subjectId: created, detail: { shared: input.share } });
        return created;
      });
      return ok(id);
    },

    async show(actor: Actor, id: string): Promise<Result<{ reflection: repo.ReflectionRow; entries: repo.EntryRow[]; own: boolean }>> {
      const reflection = await repo.findReflection(db, actor.organisationId, id);
      if (reflection === undefined || !canReflection(actor, 'view', resource(reflection))) return notFound();
      const entries = await repo.entriesOf(db, actor.organisationId, [reflection.id]);
      return ok({ reflection, entries, own: canReflection(actor, 'edit', resource(reflection)) });
    },

    async share(actor: Actor, id: string, shared: boolean): Promise<Result<null>> {
      const reflection = await repo.findReflection(db, actor.organisationId, id);
      if (reflection === undefined || !canReflection(actor, 'view', resource(reflection))) return notFound();
      if (!canReflection(actor, 'share', resource(reflection))) return forbidden();
      await db.transaction().execute(async (trx) => {
        await repo.setShared(trx, actor.organisationId, id, shared ? now() : null, now());
        await audit.record(trx, { organisationId: actor.organisationId, actorAccountId: actor.accountId, action: shared ? 'ladder.reflection_shared' : 'ladder.reflection_unshared', subjectType: 'ladder_reflection', subjectId: id });
      });
      return ok(null);
    },
  };
}

export type LadderService = ReturnType<typeof createLadderService>;
