import { describe, expect, it } from 'vitest';
import { Remembered } from './remembered.js';

describe('remembered values', () => {
  it('gives a value back only for the version it was worked out for', () => {
    const r = new Remembered<string>(10);
    r.set('p', 3, 'three');
    expect(r.get('p', 3)).toBe('three');
    expect(r.get('p', 4)).toBeUndefined();
    expect(r.get('q', 3)).toBeUndefined();
  });

  it('keeps the newest version of a project: a late answer for an older one does not replace it', () => {
    const r = new Remembered<string>(10);
    r.set('p', 5, 'five');
    r.set('p', 4, 'four');
    expect(r.get('p', 5)).toBe('five');
    expect(r.get('p', 4)).toBeUndefined();
    r.set('p', 6, 'six');
    expect(r.get('p', 6)).toBe('six');
    expect(r.size).toBe(1);
  });

  it('forgets the least recently used project first', () => {
    const r = new Remembered<number>(2);
    r.set('a', 1, 1);
    r.set('b', 1, 2);
    expect(r.get('a', 1)).toBe(1);
    r.set('c', 1, 3);
    expect(r.get('b', 1)).toBeUndefined();
    expect(r.get('a', 1)).toBe(1);
    expect(r.get('c', 1)).toBe(3);
    expect(r.size).toBe(2);
  });
});
