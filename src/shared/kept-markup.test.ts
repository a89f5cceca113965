import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { KeptMarkup, pageBytes } from './kept-markup.js';

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
});
