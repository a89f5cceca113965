import { describe, expect, it } from 'vitest';
import { dialectOf, fromDbBool, fromJson, newId, sqliteFilename, toCount, toDbBool, toJson } from './portable.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('makes a UUIDv7: version 7, RFC 4122 variant, lower-case hex', () => {
    for (let i = 0; i < 200; i += 1) expect(newId()).toMatch(UUID_V7);
  });

  it('starts with the time in milliseconds', () => {
    const at = Date.UTC(2026, 10, 22, 9, 30, 15, 123);
    const id = newId(at);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts later ids after earlier ones, as text', () => {
    const start = Date.UTC(2026, 0, 1);
    const ids = Array.from({ length: 500 }, (_, i) => newId(start + i * 7));
    expect([...ids].reverse().sort()).toEqual(ids);
    // Across a carry in the hex digits, too.
    expect(newId(0xff_ffff_ffff) < newId(0x100_0000_0000)).toBe(true);
  });

  it('sorts ids made in the same millisecond in the order they were made', () => {
    const at = Date.UTC(2026, 11, 2, 13, 0, 0, 0);
    const ids = Array.from({ length: 300 }, () => newId(at));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats, even within the same millisecond', () => {
    const at = Date.now();
    expect(new Set(Array.from({ length: 5000 }, () => newId(at))).size).toBe(5000);
  });
});

describe('dialect helpers', () => {
  it.each([
    ['postgres://u@h/db', 'postgres'],
    ['postgresql://u@h/db', 'postgres'],
    ['./data/x.sqlite', 'sqlite'],
    [':memory:', 'sqlite'],
    ['sqlite:./x.sqlite', 'sqlite'],
  ] as const)('reads %s as %s', (url, dialect) => {
    expect(dialectOf(url)).toBe(dialect);
  });

  it.each([
    ['sqlite:./x.sqlite', './x.sqlite'],
    ['sqlite://./x.sqlite', './x.sqlite'],
    ['file:x.sqlite', 'x.sqlite'],
    ['./data/doing-with.sqlite', './data/doing-with.sqlite'],
    [':memory:', ':memory:'],
    ['sqlite:', ':memory:'],
  ])('turns %s into the SQLite file %s', (url, filename) => {
    expect(sqliteFilename(url)).toBe(filename);
  });

  it('stores booleans as 0/1 and reads them back from either database', () => {
    expect(toDbBool(true)).toBe(1);
    expect(toDbBool(false)).toBe(0);
    expect([1, true].map(fromDbBool)).toEqual([true, true]);
    expect([0, false, null, undefined].map(fromDbBool)).toEqual([false, false, false, false]);
  });

  it('stores JSON as text and reads nothing as null', () => {
    expect(fromJson(toJson({ a: [1, 'two'] }))).toEqual({ a: [1, 'two'] });
    expect([null, undefined, ''].map(fromJson)).toEqual([null, null, null]);
  });

  it('reads counts from either database as numbers', () => {
    expect([3, '3', 3n, null, undefined].map(toCount)).toEqual([3, 3, 3, 0, 0]);
  });
});
