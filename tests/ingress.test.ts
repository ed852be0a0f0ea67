import { describe, expect, test } from 'vitest';
import { Cluster } from '../src/sim/cluster/cluster';
import { networkOf } from '../src/sim/cluster/network';
import { pathMatches } from '../src/sim/ingress/controller';
import type { Obj } from '../src/sim/client/types';

function setup() {
  const cluster = new Cluster({ scenario: 'ingress', seed: 21 });
  const api = cluster.client('test');
  const net = networkOf(cluster)!;
  const until = (pred: () => boolean, what: string) => {
    if (!cluster.clock.advanceUntil(pred, 180_000)) throw new Error(`timed out: ${what}`);
  };
  const app = (name: string, image: string, args?: string[], port = 80) => {
    api.create('deployments', 'default', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image, ...(args ? { args } : {}) }] } } } });
    api.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: port }] } });
  };
  app('web', 'nginx:1.27');
  app('foo', 'hashicorp/http-echo', ['-text=foo'], 5678);
  app('bar', 'hashicorp/http-echo', ['-text=bar'], 5678);
  api.create('ingresses', 'default', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'demo' },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        { host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'foo', port: { number: 80 } } } }, { path: '/bar', pathType: 'Exact', backend: { service: { name: 'bar', port: { number: 80 } } } }] } },
        { http: { paths: [{ path: '/web', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } },
      ],
    },
  });
  const ready = (ns: string) => api.list('pods', ns).items.filter((p: Obj) => p.status?.conditions?.some((c: Obj) => c.type === 'Ready' && c.status === 'True')).length;
  until(() => ready('ingress-nginx') === 1 && ready('default') === 3, 'pods ready');
  cluster.clock.advance(5000);
  const curl = (host: string, path: string, nodeIP = '172.30.2.2') => net.net.http({ node: 'controlplane', ip: '172.30.1.2', host: true }, nodeIP, 30080, { method: 'GET', path, host, headers: [['Host', host], ['User-Agent', 'curl/8.5.0'], ['Accept', '*/*']] });
  return { cluster, api, net, curl };
}

describe('ingress-nginx', () => {
  test('host and path rules, Exact vs Prefix, default backend 404, status address', () => {
    const { api, curl, net } = setup();
    const body = (r: ReturnType<typeof curl>) => ('body' in r ? r.body : r.error);
    expect(body(curl('foo.example.com', '/'))).toBe('foo\n');
    expect(body(curl('foo.example.com', '/anything/else'))).toBe('foo\n');
    expect(body(curl('foo.example.com', '/bar'))).toBe('bar\n');
    expect(body(curl('foo.example.com', '/bar/x'))).toBe('foo\n');
    // no rewrite: nginx itself answers /web (with its version in the error page)
    expect(body(curl('other.example.com', '/web'))).toContain('<hr><center>nginx/1.27.5</center>');
    const miss = curl('other.example.com', '/nothing');
    expect('status' in miss && miss.status).toBe(404);
    expect(body(miss)).toBe('<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n');
    // through any node's address
    expect(body(curl('foo.example.com', '/', '172.30.3.2'))).toBe('foo\n');
    // the controller's access log names the upstream
    const ctrl = api.list('pods', 'ingress-nginx').items[0];
    const log = api.get('pods', 'ingress-nginx', ctrl.metadata.name!, 'log');
    void log;
    const ing = api.get('ingresses', 'default', 'demo');
    expect(ing.status?.loadBalancer?.ingress?.[0]?.ip).toMatch(/^172\.30\.\d\.2$/);
    expect(net.iptablesSave('node01', 'nat')).toContain('--comment "ingress-nginx/ingress-nginx-controller:http" -m tcp --dport 30080 -j KUBE-EXT-');
  });

  test('pathType matching', () => {
    expect(pathMatches({ path: '/foo', pathType: 'Prefix' }, '/foo/bar')).toBe(true);
    expect(pathMatches({ path: '/foo', pathType: 'Prefix' }, '/foobar')).toBe(false);
    expect(pathMatches({ path: '/foo/', pathType: 'Prefix' }, '/foo')).toBe(true);
    expect(pathMatches({ path: '/foo', pathType: 'Exact' }, '/foo/')).toBe(false);
    expect(pathMatches({ path: '/foo', pathType: 'ImplementationSpecific' }, '/foobar')).toBe(true);
  });
});
