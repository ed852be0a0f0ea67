/**
 * Service types as `kubectl get svc` shows them (rows checked with the real kubectl v1.32 against
 * contract B): a LoadBalancer with no load-balancer provider stays <pending> with a NodePort,
 * ExternalName has no ClusterIP and shows its name, a headless Service has ClusterIP None.
 * DNS answers for ExternalName and headless Services are in dns.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../src/sim/index';

async function run(sim: ReturnType<typeof createSimulation>, cmd: string) {
  let stdout = '';
  let stderr = '';
  const exit = await sim.shell.run(cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
  return { stdout, stderr, exit };
}

const cols = (line: string) => line.trim().split(/\s+/);

describe('Service types', () => {
  it('LoadBalancer pending, ExternalName, headless', async () => {
    const sim = createSimulation();
    await run(sim, 'kubectl create deployment web --image=nginx');
    await run(sim, 'kubectl expose deployment web --port=80 --type=LoadBalancer');
    await run(sim, 'kubectl create service externalname ext --external-name=example.com');
    await run(sim, 'kubectl create service clusterip hl --clusterip=None --tcp=80:80');
    await run(sim, 'sleep 300');
    const out = (await run(sim, 'kubectl get svc -o wide')).stdout.trimEnd().split('\n');
    expect(cols(out[0])).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', 'SELECTOR']);
    const row = (n: string) => cols(out.find((l) => l.startsWith(`${n} `))!);
    const web = row('web');
    expect(web[1]).toBe('LoadBalancer');
    expect(web[2]).toMatch(/^10\.(9[6-9]|10[0-9]|110|111)\.\d+\.\d+$/);
    expect(web[3]).toBe('<pending>');
    expect(web[4]).toMatch(/^80:3\d{4}\/TCP$/);
    expect(web[6]).toBe('app=web');
    expect(row('ext')).toEqual(['ext', 'ExternalName', '<none>', 'example.com', '<none>', '5m', 'app=ext']);
    expect(row('hl')).toEqual(['hl', 'ClusterIP', 'None', '<none>', '80/TCP', '5m', 'app=hl']);
    // no load-balancer controller: the status stays empty
    const st = JSON.parse((await run(sim, 'kubectl get svc web -o json')).stdout).status;
    expect(st).toEqual({ loadBalancer: {} });
    // a headless Service gets endpoints but no rules in kube-proxy
    expect((await run(sim, 'ssh node01 iptables-save -t nat | grep -c default/hl')).stdout).toBe('0\n');
  });

  it('a scenario with a load-balancer provider: an address from its pool, events, and kube-proxy rules that route it', async () => {
    const sim = createSimulation({ scenario: 'loadbalancer' });
    await run(sim, 'kubectl create deployment web --image=nginx');
    await run(sim, 'kubectl expose deployment web --port=80 --type=LoadBalancer');
    await run(sim, 'kubectl create deployment api --image=nginx');
    await run(sim, 'kubectl expose deployment api --port=8080 --target-port=80 --type=LoadBalancer');
    await run(sim, 'sleep 10');
    const out = (await run(sim, 'kubectl get svc web api --no-headers')).stdout.trimEnd().split('\n').map(cols);
    expect(out.map((r) => [r[0], r[3]])).toEqual([['web', '172.30.10.100'], ['api', '172.30.10.101']]);
    expect(JSON.parse((await run(sim, 'kubectl get svc web -o json')).stdout).status).toEqual({ loadBalancer: { ingress: [{ ip: '172.30.10.100', ipMode: 'VIP' }] } });
    const events = JSON.parse((await run(sim, 'kubectl get events --field-selector involvedObject.name=web -o json')).stdout).items;
    expect(events.filter((e: { involvedObject: { kind: string } }) => e.involvedObject.kind === 'Service').map((e: { reason: string; source: { component: string }; message: string }) => `${e.reason}/${e.source.component}/${e.message}`)).toEqual([
      'EnsuringLoadBalancer/service-controller/Ensuring load balancer',
      'EnsuredLoadBalancer/service-controller/Ensured load balancer',
    ]);
    const nat = (await run(sim, 'ssh node02 iptables-save -t nat')).stdout;
    expect(nat).toMatch(/^-A KUBE-SERVICES -d 172\.30\.10\.100\/32 -p tcp -m comment --comment "default\/web loadbalancer IP" -m tcp --dport 80 -j KUBE-EXT-[A-Z0-9]{16}$/m);
    expect(await run(sim, "curl -s -o /dev/null -w '%{http_code}' http://172.30.10.101:8080")).toEqual({ stdout: '200', stderr: '', exit: 0 });
  });
});
