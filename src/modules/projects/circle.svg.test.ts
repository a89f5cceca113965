import { describe, expect, it } from 'vitest';
import { drawCircle } from './circle.geometry.js';
import { circleSvg, escapeXml } from './circle.svg.js';

describe('the circle as SVG', () => {
  it('is one image with a summary, four rings, their numbers, and a titled mark per person', () => {
    const svg = circleSvg(drawCircle([
      { id: 'a', name: 'Amina Patel', circle: 'co_producers' },
      { id: 'b', name: 'Jo Bloggs', circle: 'consulted' },
    ]), { summary: 'Circle of Support: 1 co-producers, 1 consulted.' });
    expect(svg).toMatch(/^<svg class="app-circle-drawing" viewBox="0 0 640 640" width="100%" role="img" aria-label="Circle of Support: 1 co-producers, 1 consulted\." focusable="false"/);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg).toMatch(/<g fill="#[0-9a-f]{6}" stroke="#ffffff">\n<circle cx="320" cy="320" r="16"><title>Amina Patel<\/title><\/circle>\n<\/g>/);
    expect(svg).toContain('<title>Jo Bloggs</title>');
    expect(svg.match(/font-size="16" fill="#0b0c0c">[1-4]</g)).toHaveLength(4);
  });

  it('groups the marks of each circle in its colour, and writes initials only when they fit', () => {
    const few = circleSvg(drawCircle([{ id: 'a', name: 'Amina Patel', circle: 'involved' }]), { summary: '' });
    // Initials let the pointer through to the mark, so its title still shows on hover.
    expect(few).toMatch(/<g fill="#ffffff" font-size="13\.6" pointer-events="none">\n<text x="[\d.]+" y="[\d.]+">AP<\/text>\n<\/g>/);
    const many = drawCircle(Array.from({ length: 200 }, (_, i) => ({ id: String(i), name: `Person ${String(i)}`, circle: i % 2 === 0 ? 'participants' as const : 'consulted' as const })));
    const svg = circleSvg(many, { summary: '' });
    expect(svg.match(/<title>Person \d+<\/title>/g)).toHaveLength(200);
    expect(svg.match(/<g fill="#[0-9a-f]{6}" stroke="#ffffff">/g)).toHaveLength(2);
    expect(svg).not.toContain('pointer-events');
  });

  it('is drawn again for another summary (another language) of the same drawing', () => {
    const d = drawCircle([{ id: 'a', name: 'Amina Patel', circle: 'involved' }]);
    expect(circleSvg(d, { summary: 'One person' })).toContain('aria-label="One person"');
    expect(circleSvg(d, { summary: 'Una persona' })).toContain('aria-label="Una persona"');
    expect(circleSvg(d, { summary: 'One person' })).toBe(circleSvg(d, { summary: 'One person' }));
  });

  it('escapes names and labels', () => {
    const svg = circleSvg(drawCircle([{ id: 'x', name: '<script>alert("x")</script> & Co', circle: 'involved' }]), { summary: 'A "quoted" <summary>' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(svg).toContain('aria-label="A &quot;quoted&quot; &lt;summary&gt;"');
    expect(escapeXml(`it's`)).toBe('it&#39;s');
    expect(escapeXml('Plain name')).toBe('Plain name');
  });
});
