/** Small pure helpers for the people pages. */

export type PaginationItem = { number: number; href: string; current: boolean } | { ellipsis: true };

/**
 * GOV.UK pagination for many pages: the first and last page, the current page and its neighbours, and "…" between,
 * so 400 pages of people never become 400 links.
 */
export function paginationItems(page: number, pages: number, href: (page: number) => string): PaginationItem[] {
  const shown = new Set([1, pages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pages));
  const items: PaginationItem[] = [];
  let previous = 0;
  for (const n of [...shown].sort((a, b) => a - b)) {
    if (n - previous > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
    previous = n;
  }
  return items;
}

/** PNG or JPEG, by the file's first bytes (never by its name or the type the browser claims). */
export function pictureType(bytes: Buffer): 'image/png' | 'image/jpeg' | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
