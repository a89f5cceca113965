import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './markup.js';

describe('escapeHtml', () => {
  it('escapes exactly as Nunjucks autoescape does', () => {
    const env = new nunjucks.Environment(null, { autoescape: true });
    for (const text of ['plain', '<b>Jo & "Co"</b>', "it's \\ here", '', 'Perché – “sì”']) {
      expect(escapeHtml(text)).toBe(env.renderString('{{ x }}', { x: text }));
    }
  });
});
