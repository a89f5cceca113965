/**
 * Text made safe to put in HTML or SVG, inside elements and quoted attributes: the same six characters Nunjucks's
 * autoescape replaces, replaced the same way, for markup built in TypeScript where a template loop would cost more
 * than the markup it makes (the circle page, the directory's cards).
 */
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '\\': '&#92;' };
const SPECIAL = /[&<>"'\\]/;

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: testing first is cheaper than replacing.
  return SPECIAL.test(text) ? text.replace(/[&<>"'\\]/g, (c) => ESCAPES[c] ?? c) : text;
}
