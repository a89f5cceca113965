import { describe, expect, it } from 'vitest';
import { migrateAndAnalyse } from '../../src/db/connect.js';
import { createTestDb, testDialects } from '../helpers/db.js';
import { makeOrganisation } from '../helpers/factories.js';
import { generatePeople } from '../helpers/people-generator.js';

/** The planner statistics step (ADR 0010); what the plans look like with it is in planner-statistics.test.ts. */
describe.each(testDialects())('planner statistics on %s', (dialect) => {
  /** The row count ANALYZE saw for a table, from its primary key's statistics. */
  const statisticsOf = (db: Awaited<ReturnType<typeof createTestDb>>, table: string) =>
    (db.sqlite?.prepare('select stat from sqlite_stat1 where tbl = ? and idx = ?').all(table, `sqlite_autoindex_${table}_1`) as { stat: string }[]).map((r) => Number(r.stat.split(' ')[0]));

  it('are taken after migrations, refreshed when a table grows many-fold, and left alone otherwise', async () => {
    const db = await createTestDb(dialect);
    try {
      const organisationId = await makeOrganisation(db.kysely);
      await generatePeople(db.kysely, organisationId, 20, { strengths: 0, answers: false });
      await migrateAndAnalyse(db); // nothing to apply, none taken yet: every table analysed
      if (dialect !== 'sqlite') {
        // PostgreSQL's autovacuum keeps its statistics: the step does nothing there, and must not fail.
        await db.updateStatistics({ schemaChanged: true });
        expect(db.sqlite).toBeUndefined();
        return;
      }
      expect(statisticsOf(db, 'people')).toEqual([20]);
      await generatePeople(db.kysely, organisationId, 5, { strengths: 0, answers: false, seed: 2 });
      await db.updateStatistics();
      expect(statisticsOf(db, 'people')).toEqual([20]); // grew a little: the plans still fit
      await generatePeople(db.kysely, organisationId, 600, { strengths: 0, answers: false, seed: 3 });
      await db.updateStatistics();
      expect(statisticsOf(db, 'people')).toEqual([625]);
    } finally {
      await db.destroy();
    }
  });

  it('closing twice is the same as closing once', async () => {
    const db = await createTestDb(dialect);
    await db.close();
    await expect(db.close()).resolves.toBeUndefined();
    await db.destroy();
  });
});
