#!/usr/bin/env node
/**
 * Measures the JavaScript a page of the built site loads before any interaction, gzipped, and the
 * lazily loaded terminal (xterm + the simulation worker) separately.
 *
 *   npm run build && node scripts/measure-bundle.mjs [page …]     (default: control-plane/etcd/)
 *
 * Static analysis of dist/: module scripts and modulepreloads in the HTML, then their static imports
 * (`import … from "./x.js"`, `import "./x.js"`) recursively. Dynamic `import()` and `new Worker(…)`
 * targets are counted as lazy. Exit status 1 when the eager JS exceeds the budget (200 KB gzipped).
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join, posix, resolve } from 'node:path';

const BUDGET = 200 * 1024;
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
const rawBase = process.env.BASE_PATH || '/';
const base = rawBase === '/' ? '/' : '/' + rawBase.replace(/^\/+|\/+$/g, '') + '/';

if (!existsSync(join(dist, 'index.html'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(2);
}

/** URL path (as written in HTML/JS) → file in dist. */
function fileOf(urlPath) {
  const p = urlPath.startsWith(base) ? urlPath.slice(base.length) : urlPath.replace(/^\//, '');
  return join(dist, p.split('?')[0]);
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1) + ' KB';

/** Static and lazy imports of one JS file (as URL paths). */
function importsOf(urlPath) {
  const src = readFileSync(fileOf(urlPath), 'utf8');
  const dir = posix.dirname(urlPath);
  const resolveSpec = (s) => (s.startsWith('/') ? s : posix.normalize(posix.join(dir, s)));
  const eager = new Set();
  const lazy = new Set();
  for (const m of src.matchAll(/(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{},\s]+?\s*from\s*)?["'`](\.{0,2}\/[^"'`]+\.js)["'`]/g)) eager.add(resolveSpec(m[1]));
  for (const m of src.matchAll(/import\(\s*["'`](\.{0,2}\/[^"'`]+\.js)["'`]\s*\)/g)) lazy.add(resolveSpec(m[1]));
  for (const m of src.matchAll(/new URL\(\s*["'`]([^"'`]+\.js)["'`]/g)) lazy.add(resolveSpec(m[1]));
  // Vite's preload helper lists dependencies of dynamic imports as strings in a __vite__mapDeps array.
  return { eager, lazy };
}

function closure(entries) {
  const seen = new Set();
  const lazy = new Set();
  const stack = [...entries];
  while (stack.length) {
    const u = stack.pop();
    if (seen.has(u)) continue;
    seen.add(u);
    const { eager, lazy: l } = importsOf(u);
    for (const e of eager) stack.push(e);
    for (const x of l) lazy.add(x);
  }
  for (const s of seen) lazy.delete(s);
  return { files: seen, lazy };
}

function measure(page) {
  const html = readFileSync(join(dist, page, 'index.html'), 'utf8');
  const entries = new Set();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) entries.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) entries.add(m[1]);
  let inline = 0;
  for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    if (/type="application\/(ld\+)?json"/.test(m[0])) continue;
    inline += gz(Buffer.from(m[1]));
    for (const im of m[1].matchAll(/import\s*["']([^"']+\.js)["']/g)) entries.add(im[1]);
  }
  const eager = closure(entries);
  let eagerGz = inline;
  const rows = [];
  for (const f of eager.files) {
    const size = gz(readFileSync(fileOf(f)));
    eagerGz += size;
    rows.push([f, size]);
  }
  // Lazy chunks, grouped by the eager module that imports them (terminal, search UI …).
  const groups = [];
  for (const f of eager.files) {
    const direct = [...importsOf(f).lazy].filter((x) => !eager.files.has(x));
    if (!direct.length) continue;
    const sub = closure(direct);
    const files = new Map();
    for (const s of sub.files) if (!eager.files.has(s)) files.set(s, gz(readFileSync(fileOf(s))));
    // Workers spawned by the lazy chunks.
    for (const w of sub.lazy) {
      for (const s of closure([w]).files) if (!eager.files.has(s) && !files.has(s)) files.set(s + ' (worker)', gz(readFileSync(fileOf(s))));
    }
    groups.push({ from: f, files });
  }
  console.log(`\n/${page}`);
  console.log(`  eager JS (before interaction): ${kb(eagerGz)} gzipped  [budget ${kb(BUDGET)}]`);
  for (const [f, s] of rows.sort((a, b) => b[1] - a[1])) console.log(`    ${kb(s).padStart(9)}  ${f}`);
  if (inline) console.log(`    ${kb(inline).padStart(9)}  (inline scripts)`);
  for (const g of groups) {
    const total = [...g.files.values()].reduce((a, b) => a + b, 0);
    console.log(`  lazy JS imported by ${g.from}: ${kb(total)} gzipped`);
    for (const [f, s] of [...g.files].sort((a, b) => b[1] - a[1])) console.log(`    ${kb(s).padStart(9)}  ${f}`);
  }
  // Starlight's search button fetches its UI chunk when the browser is idle: count it as loaded.
  const idle = groups.filter((g) => /Search\.astro/.test(g.from));
  const idleGz = idle.reduce((a, g) => a + [...g.files.values()].reduce((x, y) => x + y, 0), 0);
  console.log(`  => loaded without interaction (eager + search UI fetched on idle): ${kb(eagerGz + idleGz)} gzipped`);
  return eagerGz + idleGz;
}

const pages = process.argv.slice(2).length ? process.argv.slice(2) : ['control-plane/etcd/'];
let worst = 0;
for (const p of pages) worst = Math.max(worst, measure(p.replace(/^\/+/, '')));
if (worst > BUDGET) {
  console.error(`\nover budget: ${kb(worst)} > ${kb(BUDGET)}`);
  process.exit(1);
}
