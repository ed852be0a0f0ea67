/** Every command in the ```bash blocks of the Helm page (zh and en) runs in the page's terminal with exit status 0. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');

function bashBlocks(file: string): string {
  const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...src.matchAll(/```(?:bash|sh|shell)\n([\s\S]*?)```/g)].map((m) => m[1]).join('');
}

describe.each(['src/content/docs/tools/helm.mdx', 'src/content/docs/en/tools/helm.mdx'])('%s', (file) => {
  it('runs every command with exit 0', () => {
    const r = spawnSync('npm', ['run', '--silent', 'sim'], { cwd: ROOT, input: bashBlocks(file), encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const steps = r.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { cmd: string; out: string; exit: number });
    expect(steps.length).toBeGreaterThan(10);
    for (const s of steps) expect({ cmd: s.cmd, exit: s.exit, out: s.exit ? s.out : '' }).toEqual({ cmd: s.cmd, exit: 0, out: '' });
    const logs = steps.find((s) => s.cmd.startsWith('kubectl logs -n infra'));
    expect(logs?.out).toContain('mysql-operator v0.6.3 (sandbox stand-in) starting');
  });
});
