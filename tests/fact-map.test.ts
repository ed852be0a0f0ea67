/**
 * docs/fact-map.md maps every fact of the five source notes to the pages that cover it. This test keeps
 * the map honest: every fact row names at least one page, every page exists in both languages, every
 * `§ section` is a heading of the English page with a zh heading at the same position, and a row that
 * says its correction is an aside points at a section that has one in both languages.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOCS, EN, body, headings, read } from './docs-pages';

const MAP = join(__dirname, '..', 'docs', 'fact-map.md');
const SEEDS = join(__dirname, '..', '..', 'shared', 'seeds');

interface Ref { page: string; section?: string }
interface Row { seed: string; n: number; fact: string; refs: Ref[]; correction: string; line: number }

/** The fact tables: one `## Seed … — \`file\`` section per note, rows `| # | fact | pages | correction |`. */
function parseMap(src: string): { seeds: string[]; rows: Row[] } {
  const seeds: string[] = [];
  const rows: Row[] = [];
  let seed = '';
  src.split('\n').forEach((line, i) => {
    const h = /^## Seed .*`([^`]+\.txt)`/.exec(line);
    if (h) {
      seed = h[1];
      seeds.push(seed);
      return;
    }
    const r = /^\|\s*(\d+)\s*\|(.*)\|(.*)\|(.*)\|\s*$/.exec(line);
    if (!r || !seed) return;
    const refs = r[3]
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const [page, section] = s.split('§').map((x) => x.trim());
        return { page, section: section || undefined };
      });
    rows.push({ seed, n: Number(r[1]), fact: r[2].trim(), refs, correction: r[4].trim(), line: i + 1 });
  });
  return { seeds, rows };
}

const pageFile = (lang: 'zh' | 'en', page: string) => join(lang === 'zh' ? DOCS : EN, `${page}.mdx`);

/** Body text of each level-2/3 section, in heading order (same indexing as `headings`). */
function sectionTexts(src: string): string[] {
  const out: string[] = [];
  let fence: string | null = null;
  let cur: string[] | null = null;
  for (const line of body(src).replace(/\r\n/g, '\n').split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence ? null : f[1];
    if (!fence && !f && /^#{1,6}\s+/.test(line)) {
      if (cur) out.push(cur.join('\n'));
      cur = [];
      continue;
    }
    cur?.push(line);
  }
  if (cur) out.push(cur.join('\n'));
  return out;
}

const { seeds, rows } = parseMap(read(MAP));

describe('docs/fact-map.md', () => {
  it('has one table per source note, five in all', () => {
    expect(seeds.length).toBe(5);
    if (existsSync(SEEDS)) {
      const files = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
      expect([...seeds].sort()).toEqual(files);
    }
  });

  it('numbers the facts of each note 1, 2, 3 … and every note has facts', () => {
    for (const seed of seeds) {
      const ns = rows.filter((r) => r.seed === seed).map((r) => r.n);
      expect(ns.length, seed).toBeGreaterThan(10);
      expect(ns, seed).toEqual(ns.map((_, i) => i + 1));
    }
  });

  it('every fact row has a paraphrase, a page and a correction cell', () => {
    const bad = rows.filter((r) => !r.fact || r.refs.length === 0 || !r.correction);
    expect(bad.map((r) => `line ${r.line}: ${r.seed} #${r.n}`)).toEqual([]);
  });

  it('every page named exists in zh and en', () => {
    const missing: string[] = [];
    for (const r of rows) {
      for (const ref of r.refs) {
        for (const lang of ['zh', 'en'] as const) {
          if (!existsSync(pageFile(lang, ref.page))) missing.push(`line ${r.line}: ${lang} ${ref.page}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every § section is an English heading with a zh twin at the same position', () => {
    const bad: string[] = [];
    for (const r of rows) {
      for (const ref of r.refs) {
        if (!ref.section || !existsSync(pageFile('en', ref.page)) || !existsSync(pageFile('zh', ref.page))) continue;
        const en = headings(read(pageFile('en', ref.page))).map(([, t]) => t);
        const zh = headings(read(pageFile('zh', ref.page)));
        const i = en.indexOf(ref.section);
        if (i < 0) bad.push(`line ${r.line}: no heading "${ref.section}" in en/${ref.page}`);
        else if (!zh[i]) bad.push(`line ${r.line}: zh ${ref.page} has no heading #${i + 1}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('a correction given as an aside points at a section with an aside, in both languages', () => {
    const bad: string[] = [];
    for (const r of rows.filter((x) => /^(Aside|Note box)\b/.test(x.correction))) {
      const sectioned = r.refs.filter((x) => x.section);
      const has = (lang: 'zh' | 'en') =>
        sectioned.some((ref) => {
          const i = headings(read(pageFile('en', ref.page))).findIndex(([, t]) => t === ref.section);
          const text = sectionTexts(read(pageFile(lang, ref.page)))[i] ?? '';
          return /<Aside\b/.test(text);
        });
      for (const lang of ['zh', 'en'] as const) if (!has(lang)) bad.push(`line ${r.line}: ${r.seed} #${r.n} (${lang})`);
    }
    expect(bad).toEqual([]);
  });

  it('reaches every page of the site except the index and the terminal guide', () => {
    const named = new Set(rows.flatMap((r) => r.refs.map((x) => x.page)));
    const pages = ['overview/what-is-kubernetes', 'overview/architecture', 'overview/request-path', 'overview/comparison',
      'control-plane/kube-apiserver', 'control-plane/etcd', 'control-plane/kube-scheduler', 'control-plane/kube-controller-manager',
      'control-plane/high-availability', 'node/kubelet', 'node/kube-proxy', 'node/container-runtime', 'workloads/pods',
      'addons/coredns', 'addons/ingress-controller', 'addons/overview', 'tools/helm', 'reference/glossary'];
    expect(pages.filter((p) => !named.has(p))).toEqual([]);
  });
});
