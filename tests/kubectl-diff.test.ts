/**
 * Issue 3's fidelity figure: every command form of scripts/kubectl-diff gives the same output
 * through our kubectl and through the real kubectl v1.32 against a twin cluster.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const hasKubectl = fs.existsSync('/usr/bin/kubectl');

describe('kubectl diff (ours vs the real kubectl)', () => {
  it.skipIf(!hasKubectl)('all command forms are identical', () => {
    const r = spawnSync('npm', ['run', '--silent', 'test:kubectl-diff'], { encoding: 'utf8', timeout: 600_000 });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    const m = /kubectl diff: (\d+)\/(\d+) identical/.exec(last);
    expect(m, r.stdout.slice(-3000) + r.stderr.slice(-2000)).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThanOrEqual(60);
    expect(Number(m![1]), r.stdout.slice(-6000)).toBe(Number(m![2]));
  }, 620_000);
});
