// Copies the distributable files of the npm packages into wwwroot/lib (ignored by git).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'wwwroot', 'lib');
const files = [
  ['bootstrap/dist/css/bootstrap.min.css', 'bootstrap/bootstrap.min.css'],
  ['bootstrap/dist/css/bootstrap.min.css.map', 'bootstrap/bootstrap.min.css.map'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js', 'bootstrap/bootstrap.bundle.min.js'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js.map', 'bootstrap/bootstrap.bundle.min.js.map'],
  ['htmx.org/dist/htmx.min.js', 'htmx/htmx.min.js'],
  ['echarts/dist/echarts.min.js', 'echarts/echarts.min.js'],
  ['axe-core/axe.min.js', 'axe-core/axe.min.js'],
];
for (const [from, to] of files) {
  const target = join(lib, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, 'node_modules', from), target);
}
writeFileSync(join(lib, '.installed'), new Date().toISOString());
console.log(`front-end assets copied to ${lib}`);
