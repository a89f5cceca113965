// Builds public/ (generated, never committed): the stylesheet, GOV.UK Frontend's script and our small scripts.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}public`;
mkdirSync(out, { recursive: true });

const started = Date.now();
const css = sass.compile(`${root}assets/scss/app.scss`, {
  loadPaths: [`${root}node_modules`],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import'],
});
writeFileSync(`${out}/app.css`, css.css);
copyFileSync(`${root}node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`);
copyFileSync(`${root}assets/js/app.js`, `${out}/app.js`);
copyFileSync(`${root}assets/js/live-meeting.js`, `${out}/live-meeting.js`);
copyFileSync(`${root}assets/favicon.svg`, `${out}/favicon.svg`);
console.log(`Assets built in ${Date.now() - started} ms`);
