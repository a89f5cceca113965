import { describe, expect, it } from 'vitest';
import { KeptWith } from './kept-with.js';

describe('markup kept with an object', () => {
  it('is kept with the object it was written from, per key, a few keys at most', () => {
    const kept = new KeptWith<object>(2);
    const list = {};
    let writes = 0;
    const write = (text: string) => () => {
      writes += 1;
      return text;
    };
    expect(kept.get(list, 'en', write('<p>Hello</p>'))).toBe('<p>Hello</p>');
    expect(kept.get(list, 'en', write('<p>again</p>'))).toBe('<p>Hello</p>');
    expect(kept.get({}, 'en', write('<p>Other list</p>'))).toBe('<p>Other list</p>');
    expect(kept.get(list, 'it', write('<p>Ciao</p>'))).toBe('<p>Ciao</p>');
    expect(writes).toBe(3);
    kept.keep(list, 'fr', '<p>Bonjour</p>'); // a third key: the list starts again
    expect(kept.find(list, 'en')).toBeUndefined();
    expect(kept.find(list, 'fr')).toBe('<p>Bonjour</p>');
  });
});
