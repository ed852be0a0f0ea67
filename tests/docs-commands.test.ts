/**
 * Every command in a ```bash / ```sh / ```shell block of every page (both languages) must work in that
 * page's terminal: the page's blocks run in order in one simulated cluster (the page's scenario),
 * grouped into steps exactly like the scripted runner (contract A) groups them, and every step must exit 0.
 * Illustrative commands that need a real machine belong in ```text or ```console blocks.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createSimulation } from '../src/sim/index';
import { DOCS, EN, SHELL_LANGS, body, enPages, fences, read, scenarioOf, zhPages } from './docs-pages';

const STEP_MS = 5_000; // the runner's default think time between steps

/** Group a block's lines into steps with the shell's own parser (heredocs, continuations, quotes). */
function steps(text: string, needsMore: (t: string) => boolean): string[] {
  const out: string[] = [];
  let acc: string[] = [];
  for (const line of text.split('\n')) {
    acc.push(line);
    const step = acc.join('\n');
    if (needsMore(step)) continue;
    acc = [];
    if (step.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'))) continue;
    out.push(step);
  }
  if (acc.length && acc.some((l) => l.trim())) out.push(acc.join('\n'));
  return out;
}

const pages = [
  ...zhPages().map((p) => ({ label: p, file: join(DOCS, p) })),
  ...enPages().map((p) => ({ label: 'en/' + p, file: join(EN, p) })),
];

describe('docs: every shell command runs in the page terminal', () => {
  for (const page of pages) {
    const src = read(page.file);
    const blocks = fences(body(src)).filter((f) => SHELL_LANGS.has(f.lang));
    if (!blocks.length) continue;
    it(page.label, { timeout: 120_000 }, async () => {
      const sim = createSimulation({ scenario: scenarioOf(src), watchLimitMs: 30_000 });
      const failures: string[] = [];
      for (const block of blocks) {
        for (const step of steps(block.text, (t) => sim.shell.needsMore(t))) {
          let out = '';
          const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += s) };
          const exit = await sim.shell.run(step, io);
          if (exit !== 0) {
            failures.push(`${page.label} (block at line ${block.line})\n$ ${step}\n[exit ${exit}]\n${out.trimEnd()}`);
          }
          sim.advance(STEP_MS);
        }
      }
      expect(failures, failures.join('\n\n')).toEqual([]);
    });
  }
});
