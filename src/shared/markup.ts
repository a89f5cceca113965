import nunjucks from 'nunjucks';

/** Nunjucks's own escape, the one its autoescape uses (its types do not declare it). */
const nunjucksEscape = (nunjucks.lib as unknown as { escape: (text: string) => string }).escape;

/**
 * Text made safe to put in HTML or SVG, inside elements and quoted attributes, for markup built in TypeScript where a
 * template loop would cost more than the markup it makes (the circle page, the directory's cards). It is Nunjucks's
 * escape, so markup built here and text a template prints are escaped alike; src/plugins/upgrade-guard.test.ts
 * checks the escape is still there and still what autoescape uses.
 */
export function escapeHtml(text: string): string {
  return nunjucksEscape(text);
}
