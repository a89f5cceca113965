import { describe, expect, it } from 'vitest';
import { drawCircle } from './circle.geometry.js';
import { circleSvg, escapeXml } from './circle.svg.js';

const circleNames = { co_producers: 'Co-producers', participants: 'Participants', involved: 'Involved', consulted: 'Consulted' } as const;

describe('the circle as SVG', () => {
  it('is one image with a summary, four rings, their numbers, and a titled mark per person', () => {
    const svg = circleSvg(drawCircle([
      { id: 'a', name: 'Amina Patel', circle: 'co_producers' },
      { id: 'b', name: 'Jo Bloggs', circle: 'consulted' },
    ]), { summary: 'Circle of Support: 1 co-producers, 1 consulted.', circleNames });
    expect(svg).toMatch(/^<svg class="app-circle-drawing" viewBox="0 0 640 640" width="100%" role="img" aria-label="Circle of Support: 1 co-producers, 1 consulted\." focusable="false"/);
    expect(svg.match(/<circle /g)).toHaveLength(6);
    expect(svg).toContain('<title>Amina Patel – Co-producers</title>');
    expect(svg).toContain('>AP</text>');
    expect(svg.match(/font-size="16" fill="#0b0c0c">[1-4]</g)).toHaveLength(4);
  });

  it('escapes names and labels', () => {
    const svg = circleSvg(drawCircle([{ id: 'x', name: '<script>alert("x")</script> & Co', circle: 'involved' }]), { summary: 'A "quoted" <summary>', circleNames });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(svg).toContain('aria-label="A &quot;quoted&quot; &lt;summary&gt;"');
    expect(escapeXml(`it's`)).toBe('it&#39;s');
  });
});
