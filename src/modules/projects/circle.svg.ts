import type { CircleDrawing } from './circle.geometry.js';
import { CIRCLE_INFO, type Circle } from './projects.registry.js';

/**
 * The drawing as SVG markup. Built here rather than in a template because a circle of 200 people is 200 marks, and
 * a template loop costs several times more than a string join; every piece of text is escaped.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export interface SvgLabels {
  /** What the drawing shows, for screen readers (the list beside it has everyone by name). */
  readonly summary: string;
  readonly circleNames: Readonly<Record<Circle, string>>;
}

export function circleSvg(d: CircleDrawing, labels: SvgLabels): string {
  const parts: string[] = [
    `<svg class="app-circle-drawing" viewBox="0 0 ${String(d.size)} ${String(d.size)}" width="100%" role="img" aria-label="${escapeXml(labels.summary)}" focusable="false" xmlns="http://www.w3.org/2000/svg">`,
  ];
  for (const ring of [...d.rings].reverse()) {
    parts.push(`<circle cx="${String(d.centre)}" cy="${String(d.centre)}" r="${String(ring.outer)}" fill="${CIRCLE_INFO[ring.circle].ringFill}" stroke="#505a5f" stroke-width="1.5"></circle>`);
  }
  parts.push('<g text-anchor="middle" dominant-baseline="central" font-family="system-ui, sans-serif" font-weight="700">');
  for (const ring of d.rings) {
    parts.push(`<text x="${String(ring.labelX)}" y="${String(ring.labelY)}" font-size="16" fill="#0b0c0c">${String(ring.number)}</text>`);
  }
  const fontSize = String(Math.round(d.markRadius * 8.5) / 10);
  const r = String(d.markRadius);
  for (const mark of d.marks) {
    const x = String(mark.x);
    const y = String(mark.y);
    const initials = d.showInitials ? `<text x="${x}" y="${y}" font-size="${fontSize}" fill="#ffffff">${escapeXml(mark.initials)}</text>` : '';
    parts.push(
      `<g fill="${CIRCLE_INFO[mark.circle].markFill}"><title>${escapeXml(mark.name)} – ${escapeXml(labels.circleNames[mark.circle])}</title><circle cx="${x}" cy="${y}" r="${r}" stroke="#ffffff"></circle>${initials}</g>`,
    );
  }
  parts.push('</g></svg>');
  return parts.join('\n');
}
