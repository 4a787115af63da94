// The build fails when the app's initial JavaScript (what index.html loads before anything else:
// its entry script and the modules it preloads) is over 250 KB gzipped.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET = 250 * 1024;
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'target', 'classes', 'static');
const html = readFileSync(join(out, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+\.js)"/g)].map((m) => m[1]);
if (scripts.length === 0) throw new Error('index.html loads no script: the budget check cannot work');
let total = 0;
for (const script of scripts) {
  const bytes = readFileSync(join(out, script));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  total += gzipped;
  console.log(`${script}: ${(statSync(join(out, script)).size / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped`);
}
const external = html.match(/(?:src|href)="(?:https?:)?\/\/[^"]+"/g);
if (external) throw new Error(`index.html loads from another host: ${external.join(', ')}`);
console.log(`Initial JavaScript of the app: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
if (total > BUDGET) {
  console.error(`Over budget by ${((total - BUDGET) / 1024).toFixed(1)} KB`);
  process.exit(1);
}
