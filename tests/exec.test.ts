import { describe, expect, test } from 'vitest';
import { clientPod, netsim } from './network-helpers';

describe('kubectl exec', () => {
  test('env, resolv.conf, hostname, wget to a service name, nslookup', async () => {
    const s = netsim(3);
    s.deployment('web', 'nginx:1.27', 2, { ports: [80] });
    const svc = s.service('web', { app: 'web' }, [{ port: 80, name: 'http' }]);
    s.ready('app=web', 2);
    clientPod(s);
    s.advance(3000);
    const env = await s.kubectl('exec client -- env');
    expect(env.code).toBe(0);
    expect(env.out).toContain('KUBERNETES_SERVICE_HOST=10.96.0.1');
    expect(env.out).toContain(`WEB_SERVICE_HOST=${svc.spec.clusterIP}`);
    expect(env.out).toContain('HOSTNAME=client');
    const resolv = await s.kubectl('exec client -- cat /etc/resolv.conf');
    expect(resolv.out).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect((await s.kubectl('exec client -- hostname')).out).toBe('client\n');
    const w = await s.kubectl(['exec', 'client', '--', 'wget', '-qO-', 'http://web']);
    expect(w.err).toBe('');
    expect(w.out).toContain('<title>Welcome to nginx!</title>');
    const ns = await s.kubectl('exec client -- nslookup kubernetes.default');
    expect(ns.out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n');
    // the nginx access log got the request
    const webPods = s.pods('default', 'app=web');
    let logs = '';
    for (const p of webPods) logs += (await s.kubectl(`logs ${p.metadata.name}`)).out;
    expect(logs).toMatch(/^10\.244\.\d+\.\d+ - - \[05\/Jan\/2026:08:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 615 "-" "Wget" "-"$/m);
  });

  test('errors: missing binary, not-running container, non-zero exit', async () => {
    const s = netsim(4);
    clientPod(s);
    const r = await s.kubectl('exec client -- curl http://x');
    expect(r.err).toMatch(/^error: Internal error occurred: error executing command in container: .*exec: "curl": executable file not found in \$PATH: unknown\n$/);
    const f = await s.kubectl(['exec', 'client', '--', 'sh', '-c', 'exit 3']);
    expect(f.code).toBe(3);
    expect(f.err).toBe('command terminated with exit code 3\n');
    const refused = await s.kubectl(['exec', 'client', '--', 'wget', '-qO-', 'http://10.96.0.1:80']);
    expect(refused.err).toMatch(/wget: can't connect to remote host \(10\.96\.0\.1\): Connection timed out|wget: can't connect to remote host/);
    const bad = await s.kubectl('exec client -- wget -qO- http://nope');
    expect(bad.err).toBe("wget: bad address 'nope'\ncommand terminated with exit code 1\n");
  });
});

import { createSession } from '../src/sim/cluster/session';

describe('kubectl exec -it', () => {
  test('opens the container shell in the terminal; exit returns', async () => {
    const { shell, cluster } = createSession({ seed: 5 });
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
    await shell.run("kubectl run client --image=busybox:1.36 -- sleep 3600", io);
    cluster.clock.advance(60_000);
    const before = shell.prompt();
    out = '';
    expect(await shell.run('kubectl exec -it client -- sh', io)).toBe(0);
    expect(shell.prompt()).toBe('/ # ');
    out = '';
    await shell.run('hostname; cat /etc/resolv.conf | head -1', io);
    expect(out).toBe('client\nsearch default.svc.cluster.local svc.cluster.local cluster.local\n');
    out = '';
    await shell.run('wget -qO- http://kubernetes.default:443 || echo failed', io);
    await shell.run('exit', io);
    expect(shell.prompt()).toBe(before);
  });
});

describe('busybox network applets', () => {
  test('ping answers for pods, not for a ClusterIP; nc -zv', async () => {
    const s = netsim(15);
    s.deployment('web', 'nginx:1.27', 1, { ports: [80] });
    const svc = s.service('web', { app: 'web' }, [{ port: 80 }]);
    s.ready('app=web', 1);
    clientPod(s);
    const podIP = s.pods('default', 'app=web')[0].status.podIP;
    const p = await s.kubectl(['exec', 'client', '--', 'ping', '-c', '2', podIP]);
    expect(p.out).toMatch(new RegExp(`^PING ${podIP.replace(/\./g, '\\.')} \\(.*\\): 56 data bytes\\n64 bytes from .*seq=0 ttl=62 time=\\d\\.\\d{3} ms\\n64 bytes from .*seq=1 `));
    expect(p.out).toContain('2 packets transmitted, 2 packets received, 0% packet loss\n');
    const q = await s.kubectl(['exec', 'client', '--', 'ping', '-c', '2', svc.spec.clusterIP]);
    expect(q.out).toBe(`PING ${svc.spec.clusterIP} (${svc.spec.clusterIP}): 56 data bytes\n\n--- ${svc.spec.clusterIP} ping statistics ---\n2 packets transmitted, 0 packets received, 100% packet loss\n`);
    expect(q.code).toBe(1);
    const n = await s.kubectl(['exec', 'client', '--', 'nc', '-zv', 'web', '80']);
    expect(n.err).toBe(`web (${svc.spec.clusterIP}:80) open\n`);
    const m = await s.kubectl(['exec', 'client', '--', 'nc', '-zv', 'web', '81']);
    expect(m.code).toBe(1);
  });
});
