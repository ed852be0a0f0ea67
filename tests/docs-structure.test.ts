/**
 * Every page exists in both languages, and the twins have the same heading structure:
 * the same sequence of heading levels (so the English page has the same sections, in order).
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS, EN, enPages, headings, read, zhPages } from './docs-pages';

const zh = zhPages();
const en = enPages();

describe('docs: zh and en twins', () => {
  it('finds the pages', () => {
    expect(zh.length).toBeGreaterThan(10);
  });

  it('every zh page has an en twin', () => {
    expect(zh.filter((p) => !existsSync(join(EN, p)))).toEqual([]);
  });

  it('every en page has a zh twin', () => {
    expect(en.filter((p) => !existsSync(join(DOCS, p)))).toEqual([]);
  });

  for (const page of zh.filter((p) => existsSync(join(EN, p)))) {
    it(`${page}: same headings per level, in order`, () => {
      const hz = headings(read(join(DOCS, page)));
      const he = headings(read(join(EN, page)));
      const levels = (hs: Array<[number, string]>) => hs.map(([l]) => l);
      const count = (hs: Array<[number, string]>) => {
        const c: Record<number, number> = {};
        for (const [l] of hs) c[l] = (c[l] ?? 0) + 1;
        return c;
      };
      expect(count(he), `heading counts per level (zh: ${JSON.stringify(count(hz))})`).toEqual(count(hz));
      // Side by side, so a mismatch shows which sections differ.
      const pairs = (a: Array<[number, string]>, b: Array<[number, string]>) =>
        Array.from({ length: Math.max(a.length, b.length) }, (_, i) => `${a[i]?.[0] ?? '-'} ${a[i]?.[1] ?? '—'}  |  ${b[i]?.[0] ?? '-'} ${b[i]?.[1] ?? '—'}`);
      expect(levels(he), pairs(hz, he).join('\n')).toEqual(levels(hz));
    });
  }
});
