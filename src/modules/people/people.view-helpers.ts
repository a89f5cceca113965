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
