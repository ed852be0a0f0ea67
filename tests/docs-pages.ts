/**
 * Helpers for the documentation tests: the zh/en page pairs, their headings, their shell blocks.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

export const DOCS = join(__dirname, '..', 'src', 'content', 'docs');
export const EN = join(DOCS, 'en');

/** Relative paths (e.g. `control-plane/etcd.mdx`) of every zh page, excluding the 404 page. */
export function zhPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (p === EN) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.mdx?$/.test(name)) out.push(relative(DOCS, p));
    }
  };
  walk(DOCS);
  return out.filter((p) => p !== '404.md');
}

/** Relative paths of every English page. */
export function enPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.mdx?$/.test(name)) out.push(relative(EN, p));
    }
  };
  if (existsSync(EN)) walk(EN);
  return out.filter((p) => p !== '404.md');
}

/** The body of a page without its frontmatter. */
export function body(src: string): string {
  const m = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(src);
  return m ? src.slice(m[0].length) : src;
}

export interface Fence { lang: string; meta: string; text: string; line: number }

/** Fenced code blocks (``` or ~~~, any length ≥ 3), with the line they start on. */
export function fences(src: string): Fence[] {
  const lines = src.replace(/\r\n/g, '\n').split('\n');
  const out: Fence[] = [];
  let open: { marker: string; lang: string; meta: string; line: number; buf: string[] } | null = null;
  lines.forEach((line, i) => {
    if (!open) {
      const m = /^\s*(`{3,}|~{3,})\s*([\w+-]*)\s*(.*)$/.exec(line);
      if (m) open = { marker: m[1], lang: m[2].toLowerCase(), meta: m[3], line: i + 1, buf: [] };
      return;
    }
    const close = new RegExp('^\\s*' + open.marker[0] + '{' + open.marker.length + ',}\\s*$');
    if (close.test(line)) {
      out.push({ lang: open.lang, meta: open.meta, text: open.buf.join('\n'), line: open.line });
      open = null;
    } else open.buf.push(line);
  });
  return out;
}

/** ATX headings outside code fences: [level, text]. */
export function headings(src: string): Array<[number, string]> {
  const lines = body(src).replace(/\r\n/g, '\n').split('\n');
  const out: Array<[number, string]> = [];
  let fence: string | null = null;
  for (const line of lines) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1];
      else if (line.trim().startsWith(fence[0].repeat(fence.length)) && /^\s*[`~]+\s*$/.test(line)) fence = null;
      continue;
    }
    if (fence) continue;
    const h = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) out.push([h[1].length, h[2]]);
  }
  return out;
}

export const SHELL_LANGS = new Set(['bash', 'sh', 'shell']);

/** The scenario a page's terminal starts with (`<KubeTerminal scenario="…" />`), if any. */
export function scenarioOf(src: string): string | undefined {
  // Only a real tag at the start of a line (not one quoted in prose or inline code).
  return /^\s*<KubeTerminal\b[^>]*\bscenario=["']([^"']+)["']/m.exec(body(src))?.[1];
}

export function read(p: string): string {
  return readFileSync(p, 'utf8');
}
