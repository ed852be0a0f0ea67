/**
 * The side-by-side reading mode (中英对照): the toggle in the page header puts the page and its twin
 * in the other language next to each other — Chinese first — with the twin cleaned and hidden from search.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, type Browser } from './browser';

const SITE = inject('siteUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('side-by-side reading mode', () => {
  for (const { path, own, twin } of [
    { path: 'control-plane/etcd/', own: 'zh-CN', twin: 'en' },
    { path: 'en/overview/architecture/', own: 'en', twin: 'zh-CN' },
  ]) {
    it(`/${path}: two columns, Chinese first, twin cleaned and ignored by search`, async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(SITE + path, { waitUntil: 'networkidle' });
      const toggle = page.locator('.ka-bilingual-toggle');
      await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('false');
      await toggle.click();
      await page.waitForSelector('.ka-bilingual-grid');
      const info = await page.evaluate(() => {
        const grid = document.querySelector('.ka-bilingual-grid')!;
        const cols = Array.from(grid.children) as HTMLElement[];
        const twinCol = grid.querySelector<HTMLElement>('.ka-bilingual-twin')!;
        const ids = Array.from(document.querySelectorAll('[id]'), (e) => e.id);
        return {
          langs: cols.map((c) => c.getAttribute('lang')),
          columns: getComputedStyle(grid).gridTemplateColumns.split(' ').length,
          twinIgnored: twinCol.hasAttribute('data-pagefind-ignore'),
          twinTerminals: twinCol.querySelectorAll('kube-terminal').length,
          pageTerminals: document.querySelectorAll('kube-terminal').length,
          twinHeadings: twinCol.querySelectorAll('h2').length,
          duplicateIds: ids.filter((id, i) => ids.indexOf(id) !== i && !id.startsWith('ka-')),
        };
      });
      expect(info.langs).toEqual(['zh-CN', 'en']);
      expect(info.columns).toBe(2);
      expect(info.twinIgnored).toBe(true);
      expect(info.twinTerminals).toBe(0);
      expect(info.pageTerminals).toBe(1);
      expect(info.twinHeadings).toBeGreaterThan(3);
      expect(info.duplicateIds).toEqual([]);
      expect(await page.locator(`.ka-bilingual-twin[lang="${twin}"]`).count()).toBe(1);
      expect(await page.locator(`.ka-bilingual-own[lang="${own}"]`).count()).toBe(1);
      // Narrow screens: stacked.
      await page.setViewportSize({ width: 700, height: 900 });
      const narrow = await page.evaluate(() => getComputedStyle(document.querySelector('.ka-bilingual-grid')!).gridTemplateColumns.split(' ').length);
      expect(narrow).toBe(1);
      // Off again: the page is back to one column, and the choice is remembered.
      await toggle.click();
      expect(await page.locator('.ka-bilingual-grid').count()).toBe(0);
      expect(await page.evaluate(() => localStorage.getItem('ka-bilingual'))).toBe('0');
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
