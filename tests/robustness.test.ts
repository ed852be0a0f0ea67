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

describe('a value of the wrong JSON type', () => {
  it('is refused by the apiserver as the Go decoder words it, and the cluster keeps working', async () => {
    const sim = createSimulation();
    let out = '';
    const io = { stdout: (t: string) => void (out += t), stderr: (t: string) => void (out += t) };
    const manifest = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: d', 'spec:', '  replicas: "three"',
      '  selector:', '    matchLabels: {app: d}', '  template:', '    metadata:', '      labels: {app: d}',
      '    spec:', '      containers:', '      - name: c', '        image: nginx',
    ].join('\n');
    const code = await sim.shell.run(`kubectl apply -f - <<'EOF'\n${manifest}\nEOF`, io);
    expect(code).toBe(1);
    // the wording of sigs.k8s.io/json (encoding/json's UnmarshalTypeError) behind the apiserver's decode error
    expect(out).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
    out = '';
    expect(await sim.shell.run('kubectl get deploy', io)).toBe(0);
    expect(out).toBe('No resources found in default namespace.\n');
  });
});
