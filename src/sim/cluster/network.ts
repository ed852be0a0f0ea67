/**
 * Wiring of the network: kube-proxy per node, CoreDNS, the ingress controller and the packet path
 * between pods. Each component's output (rules, records, routes) is read through a narrow
 * interface; the pods' network namespaces are the kubelets' sandboxes.
 */
import type { Obj } from '../client/types';
import type { CommandFn } from '../shell/types';
import type { Kubelet } from '../kubelet/kubelet';
import type { KubeProxy } from '../proxy/kube-proxy';
import type { CoreDNS } from '../dns/coredns';
import type { IngressController } from '../ingress/controller';
import { Network } from '../network/network';
import { networkCommands, type ToolEnv } from '../network/tools';
import type { ContainerView, NetworkHost, NodeInfo, Origin, PodView } from '../network/types';
import type { LogLine } from '../kubelet/runtime';
import type { Clock } from '../core/clock';

export interface NetworkParts {
  clock: Clock;
  nodes: NodeInfo[];
  clusterCIDR: string;
  serviceCIDR: string;
  kubelets: Map<string, Kubelet>;
  proxies: Map<string, KubeProxy>;
  dns: CoreDNS;
  ingress?: IngressController;
}

function insertLog(logs: LogLine[], line: LogLine): void {
  let i = logs.length;
  while (i > 0 && logs[i - 1].at > line.at) i--;
  logs.splice(i, 0, line);
}

export function buildNetwork(p: NetworkParts): Network {
  const podsByIP = (ip: string): PodView[] => {
    const out: PodView[] = [];
    for (const [nodeName, k] of p.kubelets) {
      const node = p.nodes.find((n) => n.name === nodeName)!;
      const hostNet = ip === node.ip;
      for (const key of k.podKeys()) {
        const [ns, name] = key.split('/');
        const pod = k.apiPod(ns, name);
        if (!pod) continue;
        const uid = pod.metadata.uid!;
        const sandboxIP = k.runtime.sandboxes.get(uid)?.ip;
        const isHost = !!pod.spec?.hostNetwork;
        if (hostNet ? !isHost : sandboxIP !== ip || isHost) continue;
        const containers: ContainerView[] = [];
        // a mirror pod stands for a static pod whose containers carry the static pod's uid (the config hash)
        const uids = new Set([uid, pod.metadata.annotations?.['kubernetes.io/config.mirror'] ?? uid]);
        for (const c of k.runtime.containers.values()) {
          if (!uids.has(c.podUid)) continue;
          const spec = (pod.spec?.containers ?? []).find((s: Obj) => s.name === c.name);
          if (!spec) continue;
          containers.push({
            name: c.name,
            app: c.image.app,
            image: c.image.name,
            running: c.state === 'running',
            command: spec.command,
            args: spec.args,
            env: {},
            startedAt: c.startedAt,
            log: (text) => insertLog(c.logs, { at: p.clock.now(), text, nanos: '000000' }),
          });
        }
        out.push({ namespace: ns, name, uid, ip: hostNet ? node.ip : sandboxIP!, nodeName, hostNetwork: isHost, labels: pod.metadata.labels ?? {}, containers });
      }
    }
    return out;
  };
  const host: NetworkHost = {
    nodes: p.nodes,
    clusterCIDR: p.clusterCIDR,
    serviceCIDR: p.serviceCIDR,
    now: () => p.clock.now(),
    podsByIP,
    proxy: (node) => p.proxies.get(node),
    dns: { query: (name, type) => p.dns.query(name, type) },
    ingress: p.ingress ? { route: (h, path) => p.ingress!.route(h, path) } : undefined,
  };
  return new Network(host);
}

/** The programs an image ships, for tools that touch the network. */
export function imageTools(image: string): Omit<ToolEnv, 'net' | 'origin'> {
  const has = new Set<string>();
  let flavor: ToolEnv['flavor'] = 'gnu';
  let curlVersion = '8.5.0';
  let nslookup: ToolEnv['nslookup'];
  if (/busybox|alpine/.test(image)) {
    flavor = 'busybox';
    ['wget', 'nslookup', 'nc', 'ping'].forEach((t) => has.add(t));
    // busybox rewrote nslookup in 1.29; 1.28 and older print `Address 1: IP NAME`
    const v = /busybox(?:@[^:]*)?:(\d+)\.(\d+)/.exec(image);
    if (v && (Number(v[1]) < 1 || (Number(v[1]) === 1 && Number(v[2]) <= 28))) nslookup = 'busybox-1.28';
  }
  if (/e2e-test-images\/agnhost/.test(image)) {
    // alpine + bind-tools curl netcat-openbsd iproute2 (test/images/agnhost/Dockerfile)
    flavor = 'busybox';
    nslookup = 'bind';
    ['wget', 'nslookup', 'dig', 'curl', 'nc', 'ping'].forEach((t) => has.add(t));
  }
  if (/curlimages\/curl/.test(image)) {
    flavor = 'busybox';
    curlVersion = '8.11.1';
    ['wget', 'nslookup', 'curl', 'nc', 'ping'].forEach((t) => has.add(t));
  }
  if (/library\/nginx|ingress-nginx/.test(image)) {
    curlVersion = /ingress-nginx/.test(image) ? '8.9.1' : '7.88.1';
    has.add('curl');
  }
  if (/redis/.test(image)) has.add('redis-cli');
  if (/dnsutils|netshoot/.test(image)) ['nslookup', 'dig', 'curl', 'wget', 'ping'].forEach((t) => has.add(t));
  if (/netshoot/.test(image)) curlVersion = '8.7.1';
  return { has, flavor, curlVersion, ...(nslookup ? { nslookup } : {}) };
}

/** Network programs for a pod's network namespace. */
export function podNetworkCommands(net: Network, pod: Obj, podIP: string, image: string): Record<string, CommandFn> {
  const origin: Origin = { node: pod.spec?.nodeName ?? '', ip: podIP, host: !!pod.spec?.hostNetwork };
  return networkCommands({ net, origin, ...imageTools(image) });
}

/** Network programs in a node's own namespace (for `ssh node01`): curl, wget, nslookup, dig. */
export function nodeNetworkCommands(net: Network, node: NodeInfo): Record<string, CommandFn> {
  return networkCommands({ net, origin: { node: node.name, ip: node.ip, host: true }, has: new Set(['curl', 'wget', 'nslookup', 'dig']), flavor: 'gnu', curlVersion: '8.5.0' });
}

/** {SVC}_SERVICE_HOST / _PORT … for the services of a namespace, as the kubelet injects them. */
export function serviceEnvFor(services: Obj[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const s of services) {
    if (!s.spec?.clusterIP || s.spec.clusterIP === 'None' || s.spec.type === 'ExternalName') continue;
    if (s.metadata.namespace === 'default' && s.metadata.name === 'kubernetes') continue;
    const n = s.metadata.name!.toUpperCase().replace(/-/g, '_');
    const ports = s.spec.ports ?? [];
    if (!ports.length) continue;
    const ip = s.spec.clusterIP;
    env[`${n}_SERVICE_HOST`] = ip;
    env[`${n}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) if (p.name) env[`${n}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
    const proto = (ports[0].protocol ?? 'TCP').toLowerCase();
    env[`${n}_PORT`] = `${proto}://${ip}:${ports[0].port}`;
    for (const p of ports) {
      const pr = (p.protocol ?? 'TCP').toLowerCase();
      const pre = `${n}_PORT_${p.port}_${pr.toUpperCase()}`;
      env[pre] = `${pr}://${ip}:${p.port}`;
      env[`${pre}_PROTO`] = pr;
      env[`${pre}_PORT`] = String(p.port);
      env[`${pre}_ADDR`] = ip;
    }
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// attaching the network components to a cluster (called once by the composition root)

import { KubeProxy as KubeProxyImpl, type ProxyMode } from '../proxy/kube-proxy';
import { CoreDNS as CoreDNSImpl } from '../dns/coredns';
import { IngressController as IngressImpl } from '../ingress/controller';
import { installIngressNginx } from '../ingress/install';
import { registerExecNode } from '../apiserver/exec';
import { kubeletExec, kubeletSession, setExecHooks } from '../kubelet/exec';
import { setProbeHooks } from '../kubelet/prober';
import { Informer } from '../client/informer';
import type { LocalClient } from '../client/local';
import type { ApiServer } from '../apiserver/server';
import type { Scenario } from './scenarios';

/** What a Cluster looks like to the network wiring. */
export interface ClusterLike {
  clock: Clock;
  scenario: Scenario;
  kubelets: Map<string, Kubelet>;
  apiserver: ApiServer;
  client(agent: string): LocalClient;
}

export interface ClusterNetwork {
  net: Network;
  proxies: Map<string, KubeProxy>;
  dns: CoreDNS;
  ingress: IngressController;
  /** `iptables-save [-t table]` of a node (its kube-proxy's programmed rules). */
  iptablesSave(node: string, table?: 'nat' | 'filter'): string;
  /** `ipvsadm -Ln` of a node. */
  ipvsadm(node: string): string;
  /** Evaluate a node's rules for a connection to a service address. */
  route(node: string, dstIp: string, dstPort: number, proto?: 'tcp' | 'udp'): { podIp: string; port: number } | undefined;
  /** curl / wget / nslookup / dig in a node's network namespace. */
  nodeCommands(node: string): Record<string, CommandFn>;
  setProxyMode(mode: ProxyMode): void;
}

const attached = new WeakMap<object, ClusterNetwork>();

export function networkOf(c: object): ClusterNetwork | undefined {
  return attached.get(c);
}

export function attachNetwork(c: ClusterLike): ClusterNetwork {
  const sc = c.scenario;
  const nodes: NodeInfo[] = sc.nodes.map((n) => ({ name: n.name, ip: n.ip, podCIDR: n.podCIDR }));
  const proxies = new Map<string, KubeProxy>();
  sc.nodes.forEach((n, i) => {
    proxies.set(n.name, new KubeProxyImpl({ client: c.client(`kube-proxy/${n.name}`), clock: c.clock, nodeName: n.name, nodeIP: n.ip, clusterCIDR: sc.clusterCIDR, seed: 0x5eed + i, followPod: true }));
  });
  const dns = new CoreDNSImpl(c.client('coredns'));
  const ingress = new IngressImpl(c.client('ingress-nginx-controller'), c.clock, new Map(nodes.map((n) => [n.name, n.ip])));
  const net = buildNetwork({ clock: c.clock, nodes, clusterCIDR: sc.clusterCIDR, serviceCIDR: sc.serviceCIDR, kubelets: c.kubelets, proxies, dns, ingress });
  // the kubelets inject service variables from their own view of Services
  const services = new Informer(c.client('kubelet'), 'services');
  services.start();
  for (const [name, k] of c.kubelets) {
    setExecHooks(k, {
      networkCommands: (pod, podIP, image) => podNetworkCommands(net, pod, podIP, image),
      serviceEnv: (ns) => serviceEnvFor(services.list((s) => s.metadata.namespace === ns)),
    });
    registerExecNode(c.apiserver, name, {
      exec: (ns, pod, container, command, io) => kubeletExec(k, ns, pod, container, command, io),
      session: (ns, pod, container, command, io) => kubeletSession(k, ns, pod, container, command, io),
    });
  }
  // probes: the kubelet connects from its node to the pod like any client (kube-probe/1.32)
  for (const [name, k] of c.kubelets) {
    const node = nodes.find((n) => n.name === name)!;
    const origin: Origin = { node: name, ip: node.ip, host: true };
    setProbeHooks(k, {
      http: (pod, podIP, port, path, host, headers) => {
        // answered here only when the app model serves HTTP on that port; the prober's own model otherwise
        const conn = net.connect(origin, podIP, port, 'tcp');
        if (!conn.ok || !conn.app.http || conn.container.app === 'agnhost' || conn.pod.hostNetwork || conn.pod.uid !== pod.metadata.uid) return undefined;
        const h = host ?? podIP;
        const r = net.http(origin, podIP, port, { method: 'GET', path, host: h, headers: [['Host', `${h}:${port}`], ['User-Agent', 'kube-probe/1.32'], ['Accept', '*/*'], ['Connection', 'close'], ...Object.entries(headers)] });
        if ('error' in r) return r.error === 'tls' ? undefined : { error: r.error };
        return { status: r.status };
      },
    });
  }
  for (const p of proxies.values()) p.start();
  dns.start();
  ingress.start();
  if (sc.addons?.includes('ingress-nginx')) installIngressNginx(c.client('kubectl'));
  const cn: ClusterNetwork = {
    net,
    proxies,
    dns,
    ingress,
    iptablesSave: (node, table) => proxies.get(node)?.iptablesSave(table) ?? '',
    ipvsadm: (node) => proxies.get(node)?.ipvsadm() ?? '',
    route: (node, dstIp, dstPort, proto = 'tcp') => {
      const n = nodes.find((x) => x.name === node);
      const v = proxies.get(node)?.route({ src: n?.ip ?? '', dst: dstIp, dport: dstPort, proto, dstLocal: dstIp === n?.ip, fromHost: true });
      return v?.kind === 'dnat' ? { podIp: v.ip, port: v.port } : undefined;
    },
    nodeCommands: (node) => nodeNetworkCommands(net, nodes.find((n) => n.name === node)!),
    setProxyMode: (mode) => proxies.forEach((p) => p.setMode(mode)),
  };
  attached.set(c, cn);
  return cn;
}
