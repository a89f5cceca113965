import type { CircleDrawing } from './circle.geometry.js';
import { CIRCLE_INFO, CIRCLES } from './projects.registry.js';
import { escapeHtml } from '../../shared/markup.js';
import { circleDrawingMarkupCache } from './projects.cache.js';
import { derivedKey, DERIVED_VERSION } from '../../shared/cache.js';

/**
 * The drawing as SVG markup. Built here rather than in a template because a circle of 200 people is 200 marks, and
 * a template loop costs several times more than a string join; every piece of text is escaped.
 *
 * Kept small, since it is sent on every view of the circle page: the marks of a circle share one group for their
 * colour and outline, and each mark is a circle whose title (shown on hover) is the person's name. The drawing is
 * one image for screen readers (its label sums it up; the list beside it names everyone), so the titles are for
 * sighted mouse users only. Initials, when the marks are big enough for them, sit in a group of their own that
 * lets the pointer through to the mark underneath, so its title still shows.
 */

/** Every piece of text in the drawing goes through this. */
export const escapeXml = escapeHtml;

export interface SvgLabels {
  /** What the drawing shows, for screen readers (the list beside it has everyone by name). */
  readonly summary: string;
}

/** Each drawing's markup by summary (one a language): a cached circle's drawing is the same object each time. */
const drawn = circleDrawingMarkupCache<string>();

export function circleSvg(d: CircleDrawing, labels: SvgLabels): string {
  return drawn.getSync(derivedKey(d, labels.summary), DERIVED_VERSION, () => drawSvg(d, labels));
}

function drawSvg(d: CircleDrawing, labels: SvgLabels): string {
  const centre = String(d.centre);
  let svg = `<svg class="app-circle-drawing" viewBox="0 0 ${String(d.size)} ${String(d.size)}" width="100%" role="img" aria-label="${escapeXml(labels.summary)}" focusable="false" xmlns="http://www.w3.org/2000/svg">\n`;
  for (let i = d.rings.length - 1; i >= 0; i -= 1) {
    const ring = d.rings[i];
    if (ring !== undefined) svg += `<circle cx="${centre}" cy="${centre}" r="${String(ring.outer)}" fill="${CIRCLE_INFO[ring.circle].ringFill}" stroke="#505a5f" stroke-width="1.5"></circle>\n`;
  }
  svg += '<g text-anchor="middle" dominant-baseline="central" font-family="system-ui, sans-serif" font-weight="700">\n';
  for (const ring of d.rings) svg += `<text x="${String(ring.labelX)}" y="${String(ring.labelY)}" font-size="16" fill="#0b0c0c">${String(ring.number)}</text>\n`;
  const r = String(d.markRadius);
  for (const circle of CIRCLES) {
    let marks = '';
    for (const mark of d.marks) {
      if (mark.circle === circle) marks += `<circle cx="${String(mark.x)}" cy="${String(mark.y)}" r="${r}"><title>${escapeXml(mark.name)}</title></circle>\n`;
    }
    if (marks !== '') svg += `<g fill="${CIRCLE_INFO[circle].markFill}" stroke="#ffffff">\n${marks}</g>\n`;
  }
  if (d.showInitials && d.marks.length > 0) {
    svg += `<g fill="#ffffff" font-size="${String(Math.round(d.markRadius * 8.5) / 10)}" pointer-events="none">\n`;
    for (const mark of d.marks) svg += `<text x="${String(mark.x)}" y="${String(mark.y)}">${escapeXml(mark.initials)}</text>\n`;
    svg += '</g>\n';
  }
  return `${svg}</g></svg>`;
}
