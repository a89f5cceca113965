import { describe, expect, it } from 'vitest';
import { hashedName, withHashedReferences } from './assets.js';

describe('hashedName', () => {
  it('puts a hash of the content before the last extension', () => {
    expect(hashedName('app.css', 'body{color:red}')).toMatch(/^app\.[0-9a-f]{10}\.css$/);
    expect(hashedName('govuk-frontend.min.js', 'export{}')).toMatch(/^govuk-frontend\.min\.[0-9a-f]{10}\.js$/);
    expect(hashedName('LICENCE', 'text')).toMatch(/^LICENCE\.[0-9a-f]{10}$/);
  });

  it('gives the same content the same name, and changed content (even one byte) a new one', () => {
    const css = 'body{color:#0b0c0c}';
    expect(hashedName('app.css', css)).toBe(hashedName('app.css', Buffer.from(css)));
    expect(hashedName('app.css', 'body{color:#0b0c0d}')).not.toBe(hashedName('app.css', css));
    expect(hashedName('app.css', `${css}\n`)).not.toBe(hashedName('app.css', css));
  });

  it('hashes the bytes, so text the same only once encoded is still told apart', () => {
    expect(hashedName('app.js', 'const a = "é";')).not.toBe(hashedName('app.js', 'const a = "e";'));
  });
});

describe('withHashedReferences', () => {
  const manifest = { 'images/logo.svg': 'images/logo.0123456789.svg', 'govuk-frontend.min.js': 'govuk-frontend.min.abcdef0123.js' };

  it('changes a stylesheet url() naming a built asset to its hashed name, quoted or not', () => {
    const css = '.a{background:url("/assets/images/logo.svg")}.b{background:url(/assets/images/logo.svg)}';
    expect(withHashedReferences(css, 'css', manifest)).toBe(
      '.a{background:url("/assets/images/logo.0123456789.svg")}.b{background:url(/assets/images/logo.0123456789.svg)}',
    );
  });

  it('leaves data: URIs and other sites alone', () => {
    const css = '.a{background:url("data:image/svg+xml,%3Csvg%3E")}.b{background:url(https://example.org/x.png)}';
    expect(withHashedReferences(css, 'css', manifest)).toBe(css);
  });

  it('refuses a stylesheet naming an asset that is not built, so no page asks for a missing file', () => {
    expect(() => withHashedReferences('.a{background:url("/assets/images/crest.svg")}', 'css', manifest)).toThrow(
      /\/assets\/images\/crest\.svg/,
    );
  });

  it('turns a listed unshipped image into none', () => {
    const css = '.a{background-image:url("/assets/images/crest.svg");mask-image:url(/assets/images/crest.svg)}';
    expect(withHashedReferences(css, 'css', manifest, new Set(['images/crest.svg']))).toBe('.a{background-image:none;mask-image:none}');
  });

  it('changes a script relative import, static or dynamic, to the hashed name', () => {
    const js = "import { initAll } from './govuk-frontend.min.js';\nconst later = import('./govuk-frontend.min.js');\nimport \"./govuk-frontend.min.js\";";
    expect(withHashedReferences(js, 'js', manifest)).toBe(
      "import { initAll } from './govuk-frontend.min.abcdef0123.js';\nconst later = import('./govuk-frontend.min.abcdef0123.js');\nimport \"./govuk-frontend.min.abcdef0123.js\";",
    );
  });

  it('refuses a script importing a file that is not built', () => {
    expect(() => withHashedReferences("import { x } from './missing.js';", 'js', manifest)).toThrow(/\.\/missing\.js/);
  });
});
