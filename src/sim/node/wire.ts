/**
 * Ties control-plane components to their static pods: kube-scheduler and kube-controller-manager run
 * while (at least one of) their containers runs, the apiserver answers while a kube-apiserver
 * container runs, and a stacked etcd member is up while its etcd container runs. Moving a manifest
 * out of /etc/kubernetes/manifests therefore really stops that component.
 */
import type { ContainerRecord, ContainerRuntime } from '../kubelet/runtime';

export interface Switch {
  start(): void;
  stop(): void;
  readonly running?: boolean;
}

export interface ControlPlaneBindings {
  /** The node's kubelets: their runtimes and which pods are static. */
  kubelets: Iterable<{ nodeName: string; runtime: ContainerRuntime; isStaticUid(uid: string): boolean }>;
  scheduler: Switch;
  controllerManager: Switch;
  apiserver: { up: boolean };
  /** A stacked etcd member on a node (member name = node name); undefined when etcd is external. */
  etcdMember?: (node: string) => Switch | undefined;
}

const COMPONENTS = ['kube-scheduler', 'kube-controller-manager', 'kube-apiserver', 'etcd'];

export function bindControlPlane(b: ControlPlaneBindings): void {
  // running static control-plane containers, per component name: "node/containerId"
  const running = new Map<string, Set<string>>(COMPONENTS.map((c) => [c, new Set<string>()]));
  const kubelets = [...b.kubelets];
  for (const k of kubelets) {
    for (const c of k.runtime.containers.values()) {
      if (c.state === 'running' && COMPONENTS.includes(c.name) && k.isStaticUid(c.podUid)) running.get(c.name)!.add(`${k.nodeName}/${c.id}`);
    }
  }
  const apply = (component: string, node: string) => {
    const set = running.get(component)!;
    const any = set.size > 0;
    switch (component) {
      case 'kube-scheduler':
        any ? b.scheduler.start() : b.scheduler.stop();
        break;
      case 'kube-controller-manager':
        any ? b.controllerManager.start() : b.controllerManager.stop();
        break;
      case 'kube-apiserver': {
        const cameUp = any && !b.apiserver.up;
        b.apiserver.up = any;
        // components whose informers could not list while it was down start over (their reflectors' retry)
        if (cameUp) {
          for (const c of [b.scheduler, b.controllerManager]) {
            if (!c.running) continue;
            c.stop();
            c.start();
          }
        }
        break;
      }
      case 'etcd': {
        const m = b.etcdMember?.(node);
        if (!m) break;
        [...set].some((k) => k.startsWith(node + '/')) ? m.start() : m.stop();
        break;
      }
    }
  };
  for (const k of kubelets) {
    k.runtime.listeners.push((c: ContainerRecord) => {
      if (!COMPONENTS.includes(c.name)) return;
      const set = running.get(c.name)!;
      const key = `${k.nodeName}/${c.id}`;
      const before = set.size;
      // (a killed static pod is no longer listed as static by the time its container exits)
      if (c.state === 'running' && k.isStaticUid(c.podUid)) set.add(key);
      else if (c.state !== 'running') set.delete(key);
      else return;
      if (set.size !== before || c.name === 'etcd') apply(c.name, k.nodeName);
    });
  }
}
