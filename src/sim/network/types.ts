/**
 * The simulated network's view of the world, as narrow interfaces the composition root fills in:
 * which pod owns an address (the nodes' network namespaces), each node's kube-proxy rules, the DNS
 * servers' answers and the ingress controller's routing table. No component shares a mutable
 * network object: each interface reads one component's own output.
 */
import type { DnsAnswer, RRType } from '../dns/coredns';
import type { Packet, Verdict } from '../proxy/iptables';

export interface NodeInfo {
  name: string;
  ip: string;
  podCIDR: string;
}

export interface ContainerView {
  name: string;
  /** The image's app kind (images.ts AppKind). */
  app: string;
  image: string;
  running: boolean;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  /** When the container started (ms), for programs that report their uptime. */
  startedAt?: number;
  /** Append a line to the container's log (stdout), now. */
  log(line: string): void;
}

export interface PodView {
  namespace: string;
  name: string;
  uid: string;
  ip: string;
  nodeName: string;
  hostNetwork: boolean;
  labels: Record<string, string>;
  containers: ContainerView[];
}

export interface HttpRequest {
  method: string;
  path: string;
  host: string;
  headers: [string, string][];
  body?: string;
  /** Sent over TLS (https://). */
  tls?: boolean;
  /** Source address as the server sees it (after any SNAT). */
  clientIP: string;
  serverIP: string;
  serverPort: number;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

export type ConnectError = 'refused' | 'timeout' | 'unreachable';

/** Where a connection starts: a pod's network namespace, or a node's own (host network). */
export interface Origin {
  node: string;
  ip: string;
  /** The node's own network namespace (ssh to the node, hostNetwork pods). */
  host: boolean;
}

export interface ProxyView {
  route(pkt: Packet): Verdict;
}

export interface DnsView {
  query(name: string, type: RRType): DnsAnswer;
}

/** The ingress controller's routing decision for one request. */
export interface IngressView {
  /** A backend endpoint (pod ip:port), or undefined: the default backend answers 404. */
  route(host: string, path: string): { ip: string; port: number; ingress: string; service: string; servicePort: string | number } | { defaultBackend404: true } | { noEndpoints: true; service: string };
}

export interface NetworkHost {
  nodes: NodeInfo[];
  clusterCIDR: string;
  serviceCIDR: string;
  now(): number;
  /** Pods by address (the nodes' network namespaces); hostNetwork pods share their node's address. */
  podsByIP(ip: string): PodView[];
  proxy(node: string): ProxyView | undefined;
  dns: DnsView;
  ingress?: IngressView;
}
