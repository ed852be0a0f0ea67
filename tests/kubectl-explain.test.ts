/**
 * kubectl explain rendered client-side from src/sim/api/schema with kubectl v1.32's
 * pkg/explain/v2/templates/plaintext.tmpl layout (the real kubectl needs the server's /openapi/v3,
 * which the simulated apiserver does not serve yet, so these texts follow the template source).
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';
import { wrapString } from '../src/sim/kubectl/commands/explain';

async function run(cmd: string) {
  const sim = createSimulation();
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

describe('kubectl explain', () => {
  it('go-wordwrap semantics', () => {
    expect(wrapString('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapString('a verylongwordthatdoesnotfit b', 5)).toBe('a\nverylongwordthatdoesnotfit\nb');
    expect(wrapString('one\n\ntwo', 10)).toBe('one\n\ntwo');
  });

  it('a kind: header, description, fields with types', async () => {
    const r = await run('kubectl explain pod');
    expect(r.exit).toBe(0);
    expect(r.stdout.startsWith('KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection of containers that can run on a host. This resource is\n    created by clients and scheduled onto hosts.\n    \nFIELDS:\n  apiVersion\t<string>\n')).toBe(true);
    expect(r.stdout).toContain('\n  spec\t<PodSpec>\n    Specification of the desired behavior of the pod. More info:\n');
  });

  it('a field path, group line, enums, -required-, errors', async () => {
    const d = await run('kubectl explain deployments.spec.strategy');
    expect(d.stdout.startsWith('GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: strategy <DeploymentStrategy>\n\n\nDESCRIPTION:\n')).toBe(true);
    expect(d.stdout).toContain('\n  type\t<string>\n  enum: Recreate, RollingUpdate\n');
    const p = await run('kubectl explain pod.spec.restartPolicy');
    expect(p.stdout).toContain('FIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n    OnFailure\n\nDESCRIPTION:\n');
    const c = await run('kubectl explain pod.spec.containers --recursive');
    expect(c.stdout).toContain('FIELD: containers <[]Container>\n');
    expect(c.stdout).toContain('\n  name\t<string> -required-\n');
    expect(c.stdout).toContain('\n    containerPort\t<integer> -required-\n');
    expect(await run('kubectl explain pod.nosuch')).toEqual({ stdout: '', stderr: 'error: field "nosuch" does not exist\n', exit: 1 });
    expect((await run('kubectl explain nosuch')).stderr).toBe('error: the server doesn\'t have a resource type "nosuch"\n');
  });
});
