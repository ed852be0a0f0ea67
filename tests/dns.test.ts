import { describe, expect, test } from 'vitest';
import { clientPod, netsim } from './network-helpers';

describe('CoreDNS', () => {
  test('A, SRV, PTR, headless, pod records, ExternalName', async () => {
    const s = netsim(11);
    s.deployment('web', 'nginx:1.27', 2, { ports: [80] });
    const svc = s.service('web', { app: 'web' }, [{ port: 80, name: 'http' }]);
    s.service('web-h', { app: 'web' }, [{ port: 80, name: 'http' }], { clusterIP: 'None' });
    s.api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'example.com' } });
    s.ready('app=web', 2);
    s.advance(2000);
    const d = s.net.dns;
    expect(d.query('web.default.svc.cluster.local', 'A').answers.map((a) => a.data)).toEqual([svc.spec.clusterIP]);
    expect(d.query('_http._tcp.web.default.svc.cluster.local', 'SRV').answers.map((a) => a.data)).toEqual(['0 100 80 web.default.svc.cluster.local.']);
    const rev = svc.spec.clusterIP.split('.').reverse().join('.') + '.in-addr.arpa';
    expect(d.query(rev, 'PTR').answers.map((a) => a.data)).toEqual(['web.default.svc.cluster.local.']);
    const podIPs = s.pods('default', 'app=web').map((p) => p.status.podIP).sort();
    expect(d.query('web-h.default.svc.cluster.local', 'A').answers.map((a) => a.data).sort()).toEqual(podIPs);
    const dashed = podIPs[0].replace(/\./g, '-');
    expect(d.query(`${dashed}.web-h.default.svc.cluster.local`, 'A').answers.map((a) => a.data)).toEqual([podIPs[0]]);
    expect(d.query(`${dashed}.default.pod.cluster.local`, 'A').answers.map((a) => a.data)).toEqual([podIPs[0]]);
    expect(d.query('ext.default.svc.cluster.local', 'A').answers).toEqual([{ name: 'ext.default.svc.cluster.local.', type: 'CNAME', ttl: 30, data: 'example.com.' }]);
    expect(d.query('nope.default.svc.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  test('search path from resolv.conf; CoreDNS scaled to 0 → timeout', async () => {
    const s = netsim(12);
    s.deployment('web', 'nginx:1.27', 1, { ports: [80] });
    s.service('web', { app: 'web' }, [{ port: 80 }]);
    s.ready('app=web', 1);
    clientPod(s);
    const r = await s.kubectl('exec client -- nslookup web');
    expect(r.out).toContain('Name:\tweb.default.svc.cluster.local\n');
    const nx = await s.kubectl('exec client -- nslookup nothing-here');
    expect(nx.out).toBe("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nothing-here: NXDOMAIN\n\n");
    s.api.patch('deployments', 'kube-system', 'coredns', { spec: { replicas: 0 } }, 'merge');
    s.until(() => s.pods('kube-system', 'k8s-app=kube-dns').length === 0, 120_000, 'coredns gone');
    s.advance(3000);
    const t0 = s.cluster.clock.now();
    const to = await s.kubectl('exec client -- nslookup web');
    expect(to.out).toBe(';; connection timed out; no servers could be reached\n\n');
    expect(s.cluster.clock.now() - t0).toBeGreaterThanOrEqual(10_000);
    const w = await s.kubectl(['exec', 'client', '--', 'wget', '-qO-', 'http://web']);
    expect(w.err).toBe("wget: bad address 'web'\ncommand terminated with exit code 1\n");
  });

  test('dig +short from a dnsutils pod (bind nslookup format)', async () => {
    const s = netsim(13);
    clientPod(s, 'dnsutils', 'registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3');
    const r = await s.kubectl('exec dnsutils -- dig +short kubernetes.default.svc.cluster.local');
    expect(r.out).toBe('10.96.0.1\n');
    const n = await s.kubectl('exec dnsutils -- nslookup kubernetes.default');
    expect(n.out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n');
  });

  // busybox 1.28's nslookup.c (before the 1.29 rewrite): printf("%-10s %s\n", header, host) and
  // "Address %u: %s %s" with the reverse name; a failure is bb_error_msg("can't resolve '%s'")
  test('busybox:1.28 prints the old nslookup format', async () => {
    const s = netsim(14);
    clientPod(s, 'bb', 'busybox:1.28');
    const r = await s.kubectl('exec bb -- nslookup kubernetes.default');
    expect(r.out).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1 kubernetes.default.svc.cluster.local\n');
    const nx = await s.kubectl('exec bb -- nslookup nothing-here');
    expect(nx.out).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n');
    expect(nx.err).toBe("nslookup: can't resolve 'nothing-here'\ncommand terminated with exit code 1\n");
  });

  test('agnhost (the docs\' dnsutils pod) has bind-tools: bind nslookup and dig', async () => {
    const s = netsim(15);
    clientPod(s, 'dnsutils', 'registry.k8s.io/e2e-test-images/agnhost:2.39');
    const n = await s.kubectl('exec dnsutils -- nslookup kubernetes.default');
    expect(n.out).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n');
    expect((await s.kubectl('exec dnsutils -- dig +short kubernetes.default.svc.cluster.local')).out).toBe('10.96.0.1\n');
  });
});
