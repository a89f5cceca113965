import type { Compilable, Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

/**
 * A query built and compiled once, then run with the values named by sentinels put in their place: the project
 * pages' fixed-shape queries (like src/db/precompiled.ts, which takes values by position). Build the query with the
 * sentinel strings wherever a value goes; every other parameter (constants such as 'open') stays as compiled.
 */
export function compiledOnce<R, K extends string>(db: Kysely<Database>, names: readonly K[], build: (sentinel: Readonly<Record<K, string>>) => Compilable<R>) {
  const sentinel = Object.fromEntries(names.map((name) => [name, `\u0000${name}\u0000`])) as Record<K, string>;
  const compiled = build(sentinel).compile();
  const slots = compiled.parameters.map((value) => names.find((name) => sentinel[name] === value));
  return async (values: Readonly<Record<K, string>>): Promise<R[]> => {
    const parameters = compiled.parameters.map((value, i) => {
      const name = slots[i];
      return name === undefined ? value : values[name];
    });
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}

const memo = new WeakMap<object, Map<string, unknown>>();

/**
 * `compiledOnce`, kept per database handle under a key: repositories call it on every use and the query is built
 * the first time only. The key names the query's shape (include anything that changes the SQL).
 */
export function compiledFor<R, K extends string>(
  db: Kysely<Database>,
  key: string,
  names: readonly K[],
  build: (sentinel: Readonly<Record<K, string>>) => Compilable<R>,
): (values: Readonly<Record<K, string>>) => Promise<R[]> {
  let forDb = memo.get(db);
  if (forDb === undefined) {
    forDb = new Map();
    memo.set(db, forDb);
  }
  let run = forDb.get(key) as ((values: Readonly<Record<K, string>>) => Promise<R[]>) | undefined;
  if (run === undefined) {
    run = compiledOnce(db, names, build);
    forDb.set(key, run);
  }
  return run;
}
