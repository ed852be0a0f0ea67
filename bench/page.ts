/**
 * The page measures of DESIGN.md, on the built site (dist/) in Debian's Chromium:
 *  - time from navigation to a terminal prompt that accepts input, on a component page
 *    (the terminal scrolled into view as soon as the page is parsed);
 *  - JavaScript the page loaded before the reader did anything, gzipped (budget 200 KB);
 *  - Monaco: not among what loaded (the site has no editor yet, so it must never load).
 * Run `npm run build` first (the e2e setup does it too); `npm run bench page` runs only this.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../e2e/browser';
import { serveDist } from '../e2e/server';

const PAGES = ['control-plane/kube-scheduler/', 'en/control-plane/etcd/', 'node/kubelet/'];

export async function pageBench(): Promise<void> {
  const dist = resolve(import.meta.dirname, '..', 'dist');
  if (!existsSync(resolve(dist, 'index.html'))) {
    console.log('page: skipped (no dist/: run `npm run build` first)');
    return;
  }
  const { server, url } = await serveDist(dist, '/');
  const browser = await launch();
  try {
    for (const path of PAGES) {
      const page = await browser.newPage();
      const scripts: { url: string; gz: number }[] = [];
      page.on('response', async (res) => {
        const u = res.url();
        const type = res.headers()['content-type'] ?? '';
        if (!/javascript/.test(type) && !/\.m?js(\?|$)/.test(u)) return;
        try {
          scripts.push({ url: u, gz: gzipSync(await res.body()).length });
        } catch {
          // a worker script's body may be gone already; it is counted by its own request below
        }
      });
      const t0 = Date.now();
      await page.goto(url + path, { waitUntil: 'domcontentloaded' });
      await page.locator('kube-terminal').scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => {
          const el = document.querySelector('kube-terminal') as (HTMLElement & { screenText?: () => string }) | null;
          return el?.getAttribute('data-state') === 'ready' && /[$#] ?$/m.test(el.screenText?.() ?? '');
        },
        undefined,
        { timeout: 30_000, polling: 10 },
      );
      const prompt = Date.now() - t0;
      await page.waitForTimeout(500); // late requests of the same load
      const kb = scripts.reduce((s, x) => s + x.gz, 0) / 1024;
      const monaco = scripts.some((s) => /monaco/i.test(s.url));
      if (process.env.BENCH_VERBOSE) for (const s of scripts) console.log(`  ${(s.gz / 1024).toFixed(1)} KB  ${s.url.replace(url, "/")}`);
      console.log(`page: /${path} prompt after ${prompt} ms (budget 500 ms); JS ${kb.toFixed(0)} KB gzipped in ${scripts.length} files (budget 200 KB); Monaco loaded: ${monaco ? 'yes' : 'no'}`);
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
}
