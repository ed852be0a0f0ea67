/** `ssh <node>`: the session's shell stack, per-node filesystems and histories, remote commands. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeSim } from './node-helpers';

describe('ssh', () => {
  it('opens the node shell; exit returns to the control plane', async () => {
    const s = nodeSim();
    expect(s.sim.shell.prompt()).toBe('controlplane:~$ ');
    const login = await s.run('ssh node01');
    expect(login.code).toBe(0);
    expect(login.out).toContain('Welcome to Ubuntu 24.04.1 LTS');
    expect(s.sim.shell.prompt()).toBe('node01:~$ ');
    expect((await s.run('hostname')).out).toBe('node01\n');
    const bye = await s.run('exit');
    expect(bye.out).toBe('logout\nConnection to node01 closed.\n');
    expect(s.sim.shell.prompt()).toBe('controlplane:~$ ');
    expect((await s.run('hostname')).out).toBe('controlplane\n');
  });

  it('accepts user@host and IP addresses, nests, and reports unknown hosts', async () => {
    const s = nodeSim();
    await s.run('ssh root@node01');
    expect(s.sim.shell.prompt()).toBe('node01:~$ ');
    await s.run('ssh 172.30.3.2');
    expect(s.sim.shell.prompt()).toBe('node02:~$ ');
    expect((await s.run('exit')).out).toBe('logout\nConnection to 172.30.3.2 closed.\n');
    expect(s.sim.shell.prompt()).toBe('node01:~$ ');
    await s.run('exit');
    const bad = await s.run('ssh foo');
    expect(bad).toEqual({ out: 'ssh: Could not resolve hostname foo: Name or service not known\n', code: 255 });
    expect(s.sim.shell.prompt()).toBe('controlplane:~$ ');
  });

  it('each node has its own filesystem and history', async () => {
    const s = nodeSim();
    await s.run('echo hello > /tmp/note');
    await s.run('ssh node01');
    expect((await s.run('cat /tmp/note')).code).not.toBe(0);
    await s.run('echo on-node01');
    expect((await s.run('ls /etc/kubernetes/manifests')).out).toBe('');
    expect((await s.run('ls /etc/kubernetes')).out).toContain('kubelet.conf');
    await s.run('exit');
    expect((await s.run('cat /tmp/note')).out).toBe('hello\n');
    expect(s.sim.shell.history).not.toContain('echo on-node01');
    await s.run('ssh node01');
    expect(s.sim.shell.history).toContain('echo on-node01');
    expect(s.sim.shell.cwd).toBe('/root');
  });

  it('runs a remote command without staying on the node', async () => {
    const s = nodeSim();
    const r = await s.run('ssh node01 hostname');
    expect(r).toEqual({ out: 'node01\n', code: 0 });
    expect(s.sim.shell.prompt()).toBe('controlplane:~$ ');
    expect((await s.run('ssh node01 systemctl is-active kubelet')).out).toBe('active\n');
  });

  it('kubectl on a worker has no kubeconfig', async () => {
    const s = nodeSim();
    await s.run('ssh node01');
    const r = await s.run('kubectl get pods');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: Get \\"http:\/\/localhost:8080\/api\?timeout=32s\\": dial tcp 127\.0\.0\.1:8080: connect: connection refused"\n/);
    expect(r.out.endsWith('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n')).toBe(true);
    expect((await s.run('KUBECONFIG=/etc/kubernetes/kubelet.conf kubectl get nodes node01 -o name')).out).toBe('node/node01\n');
  });

  it('the scripted runner follows ssh and exit (contract A)', () => {
    const r = spawnSync('npm', ['run', '--silent', 'sim'], { cwd: path.resolve(__dirname, '..'), input: 'ssh node01\nhostname\nexit\nhostname\n', encoding: 'utf8', timeout: 60_000 });
    const steps = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { cmd: string; out: string; exit: number });
    expect(steps.map((x) => x.out)).toEqual([expect.stringContaining('Welcome to Ubuntu'), 'node01\n', 'logout\nConnection to node01 closed.\n', 'controlplane\n']);
  });
});

describe('ssh completion', () => {
  it('completes machine names, also after user@', async () => {
    const s = nodeSim();
    expect(s.sim.shell.complete('ssh no', 6).candidates).toEqual(['node01', 'node02']);
    expect(s.sim.shell.complete('ssh root@c', 10).candidates).toEqual(['root@controlplane']);
  });
});

describe('Ctrl-D in the terminal', () => {
  it('on an empty line sends exit (leaving an ssh session); otherwise deletes under the cursor', async () => {
    const { LineEditor } = await import('../src/components/client/line-editor');
    const ed = new LineEditor({ cols: 80 });
    ed.begin('node01:~$ ');
    expect(ed.feed('\x04').action).toEqual({ type: 'line', text: 'exit', continuation: false });
    ed.begin('node01:~$ ');
    const r = ed.feed('ab\x01\x04');
    expect(r.action).toBeUndefined();
    expect(ed.line).toBe('b');
    ed.begin('> ', { continuation: true });
    expect(ed.feed('\x04').action).toBeUndefined();
  });
});
