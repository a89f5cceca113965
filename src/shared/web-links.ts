/**
 * The address to put in a link's href, when `value` is a web address (http or https). Anything else people may have
 * stored (a `javascript:` or `data:` address, a phone number, words) is shown as text and never becomes a link, so a
 * stored value cannot run script or open something other than a web page when someone clicks it.
 */
export function webLinkHref(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (!URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
