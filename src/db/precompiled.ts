import type { Compilable, Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * A query built and compiled once, then run with fresh values for its parameters, in the order the SQL takes them.
 *
 * Building and compiling a Kysely query costs more than running a small one on SQLite. The session and the signed-in
 * person are read on every request, so those queries are compiled once, at start. Build the query with a
 * placeholder value wherever a value goes (Kysely makes every value a parameter); `run` refuses the wrong number of
 * values. Use it only for queries on every request: anywhere else plain Kysely is clearer.
 */
export function precompiled<R>(db: Kysely<Database>, query: Compilable<R>): (...values: unknown[]) => Promise<R[]> {
  const compiled = query.compile();
  const expected = compiled.parameters.length;
  return async (...values) => {
    if (values.length !== expected) throw new Error(`This query takes ${expected} values, not ${values.length}.`);
    return (await db.executeQuery<R>({ ...compiled, parameters: values })).rows;
  };
}
