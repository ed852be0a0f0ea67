import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

/** Bad input never escapes shell.run as an exception, and the cluster keeps answering. */
const BAD_INPUTS = [
  'kubectl get pdos',
  'kubectl get pods nonexist',
  'kubectl apply -f missing.yaml',
  'kubectl delete',
  'kubectl get pods -o badformat',
  "kubectl get pods -o jsonpath='{.items[0'",
  'kubectl --no-such-flag get pods',
  'echo "unbalanced',
  "echo 'unbalanced",
  'kubectl | | |',
  'kubectl get pods | head -c',
  '\u0000\u0001\u0002\u00ff\ufffd',
  'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata: [\nEOF',
  'kubectl apply -f - <<EOF\n{"apiVersion": "v1", "kind": "NoSuchKind", "metadata": {"name": "x"}}\nEOF',
  'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: 5\nEOF',
  'kubectl apply -f - <<EOF\nmetadata:\n  name: nokind\nEOF',
  'x'.repeat(1_000_000),
];

describe('robustness: bad input', () => {
  it('every bad command returns an exit code, no internal error, and the cluster still answers', async () => {
    const sim = createSimulation({ watchLimitMs: 30_000 });
    for (const cmd of BAD_INPUTS) {
      let out = '';
      const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += s) };
      const exit = await sim.shell.run(cmd, io);
      expect(typeof exit, cmd.slice(0, 60)).toBe('number');
      expect(out, cmd.slice(0, 60)).not.toMatch(/internal error|TypeError|ReferenceError/);
    }
    let out = '';
    const exit = await sim.shell.run('kubectl get nodes', { stdout: (s: string) => void (out += s), stderr: (s: string) => void (out += s) });
    expect(exit).toBe(0);
    expect(out).toMatch(/^NAME\s+STATUS/);
  }, 60_000);
});
