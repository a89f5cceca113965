import { describe, expect, it } from 'vitest';
import { webLinkHref } from './web-links.js';

describe('online meeting link: only web addresses become links (#12)', () => {
  it('links http and https addresses', () => {
    expect(webLinkHref('https://meet.example.org/peer-cafe')).toBe('https://meet.example.org/peer-cafe');
    expect(webLinkHref('  http://example.org/room?id=4  ')).toBe('http://example.org/room?id=4');
    expect(webLinkHref('HTTPS://Example.org/A')).toBe('https://example.org/A');
  });

  it('leaves everything else as text', () => {
    for (const value of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'mailto:a@example.org', 'ftp://example.org/file', 'tel:+441234567890', 'meet.example.org/peer-cafe', 'Ask Priya for the link', '', null, undefined]) {
      expect(webLinkHref(value), String(value)).toBeNull();
    }
  });
});
