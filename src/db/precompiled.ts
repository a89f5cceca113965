import type { Compilable, Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * A query built and compiled once, then run with fresh values for its parameters, in the order the SQL takes them.
 *
 * Building and compiling a Kysely query costs more than running a small one on SQLite. The session and the signed-in
 * person are read on every request, so those queries are compiled once, at start. Build the query with a
 * placeholder value wherever a value goes (Kysely makes every value a parameter); `run` refuses the wrong number of
 * values. Use these only for hot queries (every request, or the busiest pages): anywhere else plain Kysely is clearer.
 */
export function precompiled<R>(db: Kysely<Database>, query: Compilable<R>): (...values: unknown[]) => Promise<R[]> {
  const compiled = query.compile();
  const expected = compiled.parameters.length;
  return async (...values) => {
    if (values.length !== expected) throw new Error(`This query takes ${expected} values, not ${values.length}.`);
    return (await db.executeQuery<R>({ ...compiled, parameters: values })).rows;
  };
}

type Named<R, K extends string> = (values: Readonly<Record<K, string>>) => Promise<R[]>;

const memo = new WeakMap<object, Map<string, unknown>>();

/**
 * A fixed-shape query built and compiled the first time it is asked for under `key` on a database handle, then run
 * with the values named by sentinels put in their place: the busiest pages' queries (profile, directory, projects).
 * Build it with the sentinel strings wherever a named value goes; every other parameter (constants such as 'open')
 * stays as compiled. The key names the query's shape: include anything that changes the SQL.
 */
export function compiledFor<R, K extends string>(
  db: Kysely<Database>,
  key: string,
  names: readonly K[],
  build: (sentinel: Readonly<Record<K, string>>) => Compilable<R>,
): Named<R, K> {
  let forDb = memo.get(db);
  if (forDb === undefined) {
    forDb = new Map();
    memo.set(db, forDb);
  }
  let run = forDb.get(key) as Named<R, K> | undefined;
  if (run === undefined) {
    run = compileNamed(db, names, build);
    forDb.set(key, run);
  }
  return run;
}

function compileNamed<R, K extends string>(db: Kysely<Database>, names: readonly K[], build: (sentinel: Readonly<Record<K, string>>) => Compilable<R>): Named<R, K> {
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
