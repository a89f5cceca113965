/**
 * The profile page's fixed-shape queries, built and compiled once per database handle and then run with fresh
 * values. Building and compiling a Kysely query cost more than running these small ones on SQLite (about a fifth of
 * the page's CPU, as src/db/precompiled.ts found for the session). The query is built with a sentinel string wherever
 * a named value goes; any other parameter stays as compiled. The same idea as src/modules/projects/compiled.ts, which
 * this module may not import: the two could become one helper in src/db.
 */
import type { Compilable, Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Db } from './people.repository.js';

type Run<R, K extends string> = (values: Readonly<Record<K, string>>) => Promise<R[]>;

const memo = new WeakMap<Db, Map<string, unknown>>();

/** The query built by `build` under `key` (which must name its shape), compiled the first time it is asked for. */
export function compiledFor<R, K extends string>(db: Db, key: string, names: readonly K[], build: (sentinel: Readonly<Record<K, string>>) => Compilable<R>): Run<R, K> {
  let forDb = memo.get(db);
  if (forDb === undefined) {
    forDb = new Map();
    memo.set(db, forDb);
  }
  let run = forDb.get(key) as Run<R, K> | undefined;
  if (run === undefined) {
    run = compile(db, names, build);
    forDb.set(key, run);
  }
  return run;
}

function compile<R, K extends string>(db: Kysely<Database>, names: readonly K[], build: (sentinel: Readonly<Record<K, string>>) => Compilable<R>): Run<R, K> {
  const sentinel = Object.fromEntries(names.map((name) => [name, `\u0000${name}\u0000`])) as Record<K, string>;
  const compiled = build(sentinel).compile();
  const slots = compiled.parameters.map((value) => names.find((name) => sentinel[name] === value));
  for (const name of names) if (!slots.includes(name)) throw new Error(`The query never uses ${name}.`);
  return async (values) => {
    const parameters = compiled.parameters.map((value, i) => {
      const name = slots[i];
      return name === undefined ? value : values[name];
    });
    return (await db.executeQuery<R>({ ...compiled, parameters })).rows;
  };
}
