import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './markup.js';

describe('escapeHtml', () => {
  it('replaces the six characters that could end text or an attribute, and nothing else', () => {
    expect(escapeHtml(`<b class="x">Jo & 'Co' \\ “sì” – Perché</b>`)).toBe('&lt;b class=&quot;x&quot;&gt;Jo &amp; &#39;Co&#39; &#92; “sì” – Perché&lt;/b&gt;');
    expect(escapeHtml('plain')).toBe('plain');
    expect(escapeHtml('')).toBe('');
  });

  it('escapes exactly as Nunjucks autoescape does', () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    for (const text of ['plain', '<b>Jo & "Co"</b>', "it's \\ here", '', 'Perché – “sì”', '&amp; already']) {
      expect(escapeHtml(text)).toBe(env.renderString('{{ x }}', { x: text }));
    }
  });
});
