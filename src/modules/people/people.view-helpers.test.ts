import { describe, expect, it } from 'vitest';
import { normaliseLabel, tidyLabel } from './people.registry.js';
import { paginationItems } from './people.view-helpers.js';

const href = (n: number) => `/people?page=${n}`;
const shape = (page: number, pages: number) =>
  paginationItems(page, pages, href).map((item) => ('ellipsis' in item ? '…' : item.current ? `[${item.number}]` : String(item.number))).join(' ');

describe('pagination for many pages', () => {
  it('shows the first, last, current and neighbouring pages, with … between', () => {
    expect(shape(1, 1)).toBe('[1]');
    expect(shape(1, 3)).toBe('[1] 2 3');
    expect(shape(1, 400)).toBe('[1] 2 … 400');
    expect(shape(200, 400)).toBe('1 … 199 [200] 201 … 400');
    expect(shape(400, 400)).toBe('1 … 399 [400]');
    expect(shape(3, 5)).toBe('1 2 [3] 4 5');
  });

  it('links each number to its page', () => {
    expect(paginationItems(2, 3, href)).toEqual([
      { number: 1, href: '/people?page=1', current: false },
      { number: 2, href: '/people?page=2', current: true },
      { number: 3, href: '/people?page=3', current: false },
    ]);
  });
});

describe('strength labels', () => {
  it('treat the same words typed differently as one strength, keeping the person’s own capitals for display', () => {
    expect(normaliseLabel('  Graphic   Design ')).toBe('graphic design');
    expect(normaliseLabel('graphic design')).toBe(normaliseLabel('GRAPHIC\tDESIGN'));
    expect(tidyLabel('  Graphic   Design ')).toBe('Graphic Design');
  });
});
