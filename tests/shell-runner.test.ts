/** Contract A end to end: `npm run --silent sim` reads shell text on stdin, prints one JSON line per step. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');

function sim(input: string, args: string[] = []): { steps: { cmd: string; out: string; exit: number }[]; status: number | null; stderr: string } {
  const r = spawnSync('npm', ['run', '--silent', 'sim', '--', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  const steps = r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { cmd: string; out: string; exit: number });
  return { steps, status: r.status, stderr: r.stderr };
}

describe('scripts/sim.ts (contract A)', () => {
  it('runs steps: a line, or a line with its heredoc', () => {
    const r = sim('echo hi\ncat <<EOF\na\nEOF\n');
    expect(r.status).toBe(0);
    expect(r.steps).toEqual([
      { cmd: 'echo hi', out: 'hi\n', exit: 0 },
      { cmd: 'cat <<EOF\na\nEOF', out: 'a\n', exit: 0 },
    ]);
  });

  it('groups continuations and compound commands, skips blanks and comments, strips ANSI', () => {
    const r = sim('# setup\n\necho a \\\n  b\nfor i in 1 2\ndo\n  echo $i\ndone\nclear\nfoo\necho "open\n');
    expect(r.status).toBe(0);
    expect(r.steps.map((s) => [s.cmd, s.out, s.exit])).toEqual([
      ['echo a \\\n  b', 'a b\n', 0],
      ['for i in 1 2\ndo\n  echo $i\ndone', '1\n2\n', 0],
      ['clear', '', 0],
      ['foo', 'bash: foo: command not found\n', 127],
      ['echo "open', 'bash: unexpected EOF while looking for matching `"\'\n', 2],
    ]);
  });

  it('passes think time between steps and for sleep; same input, same output', () => {
    const input = 'date +%s\nsleep 10\ndate +%s\necho $RANDOM\n';
    const a = sim(input, ['--step', '2', '--seed', '7']);
    const b = sim(input, ['--step', '2', '--seed', '7']);
    expect(a.steps).toEqual(b.steps);
    const t0 = Number(a.steps[0].out);
    expect(Number(a.steps[2].out) - t0).toBe(2 + 10 + 2);
  });

  it('--mount makes a directory the read-only working directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-mount-'));
    try {
      fs.writeFileSync(path.join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\n');
      const r = sim('pwd\nls\ngrep kind pod.yaml\necho changed > pod.yaml; cat pod.yaml\n', ['--mount', dir]);
      expect(r.steps.map((s) => s.out)).toEqual([`${dir}\n`, 'pod.yaml\n', 'kind: Pod\n', 'changed\n']);
      expect(fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8')).toBe('apiVersion: v1\nkind: Pod\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects unknown options', () => {
    const r = sim('', ['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown argument --bogus');
  });
});
