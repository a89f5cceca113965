import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { KeptMarkup, KeptWith, pageBytes } from './kept-markup.js';

describe('kept markup', () => {
  const env = new nunjucks.Environment(null, { autoescape: true });

  it('puts its bytes where a template printed it, and encodes the rest of the page', () => {
    const drawing = new KeptMarkup('<svg aria-label="Co-producers – 3">“x”</svg>');
    const list = new KeptMarkup('<ul><li>Zoë</li></ul>');
    const html = env.renderString('<p>{{ name }}</p>{{ drawing | safe }}<div>{{ list }}</div>{{ drawing | safe }}', { name: 'Łucja <3', drawing, list });
    expect(html).not.toContain('<svg');
    expect(pageBytes(html).toString('utf8')).toBe('<p>Łucja &lt;3</p><svg aria-label="Co-producers – 3">“x”</svg><div><ul><li>Zoë</li></ul></div><svg aria-label="Co-producers – 3">“x”</svg>');
  });

  it('leaves a page without kept markup as it is, and never takes a person’s text for a token', () => {
    expect(pageBytes('<p>Plain – page</p>').toString('utf8')).toBe('<p>Plain – page</p>');
    const typed = '\uE000000000000000000000000000:1\uE001';
    expect(pageBytes(`<p>${typed}</p>`).toString('utf8')).toBe(`<p>${typed}</p>`);
  });

  it('is kept with the object it was written from, per key, a few keys at most', () => {
    const kept = new KeptWith<object>(2);
    const list = {};
    let writes = 0;
    const write = (text: string) => () => {
      writes += 1;
      return text;
    };
    const english = kept.get(list, 'en', write('<p>Hello</p>'));
    expect(kept.get(list, 'en', write('<p>again</p>'))).toBe(english);
    expect(kept.get({}, 'en', write('<p>Other list</p>')).html).toBe('<p>Other list</p>');
    expect(kept.get(list, 'it', write('<p>Ciao</p>')).html).toBe('<p>Ciao</p>');
    expect(writes).toBe(3);
    kept.keep(list, 'fr', '<p>Bonjour</p>'); // a third key: the list starts again
    expect(kept.find(list, 'en')).toBeUndefined();
    expect(kept.find(list, 'fr')?.bytes.toString('utf8')).toBe('<p>Bonjour</p>');
  });
});
