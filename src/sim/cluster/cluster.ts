/**
 * The composition root: one simulated cluster — etcd, kube-apiserver, and the API clients around it
 * (scheduler, controller-manager, one kubelet per node). Only this file wires components together;
 * they coordinate through API objects alone.
 */
import { Clock } from '../core/clock';
import { Rng } from '../core/rng';
import { Trace } from '../core/trace';
import { EtcdStore } from '../etcd/store';
import { EtcdCluster, type EtcdMemberSpec } from '../etcd/cluster/cluster';
import type { EtcdDump } from '../etcd/snapshot';
import { DEFAULT_ETCD_DATA_DIR, etcdHostDataDir } from '../etcd/cluster/datadir';
import { readDataDir } from '../etcd/etcdctl/command';
import { ApiServer } from '../apiserver/server';
import { bootstrapApiServer } from '../apiserver/bootstrap';
import { LocalClient } from '../client/local';
import { Scheduler } from '../scheduler/scheduler';
import { ControllerManager } from '../controllers/manager';
import { fakeCAPEM } from '../controllers/serviceaccount/serviceaccount';
import { Kubelet, type NodeConfig } from '../kubelet/kubelet';
import type { Component } from './component';
import { SCENARIOS, type Scenario } from './scenarios';
import { installMetricsServer } from './metrics-server';
import { KUBEADM, kubeadmAddons, staticPodManifests } from './kubeadm';
import { attachNetwork } from './network';
import { NodeHost, bindControlPlane, hostsOf } from '../node/index';
import type { ReadonlyFiles } from '../shell/types';

/** 2026-01-05T08:00:00Z: the default birth time of a scenario cluster. */
export const DEFAULT_START = Date.UTC(2026, 0, 5, 8, 0, 0);

export interface ClusterOptions {
  scenario?: string;
  seed?: number;
  /** Virtual time (ms since epoch) when the cluster is born. */
  startTime?: number;
  /** Read-only files under the first control-plane node's filesystem (the runner's --mount). */
  files?: ReadonlyFiles;
}

export class Cluster {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly trace = new Trace();
  readonly etcd: EtcdStore;
  /** The etcd members in front of the store (quorum, leader, terms); stopMember/startMember break it. */
  readonly etcdCluster: EtcdCluster;
  readonly apiserver: ApiServer;
  readonly scenario: Scenario;
  readonly scheduler: Scheduler;
  readonly controllerManager: ControllerManager;
  readonly kubelets = new Map<string, Kubelet>();
  /** Every machine's host OS (filesystem, systemd, journal) by name: nodes and external etcd hosts. */
  readonly hosts = new Map<string, NodeHost>();

  constructor(opts: ClusterOptions = {}) {
    const sc = SCENARIOS[opts.scenario ?? 'default'];
    if (!sc) throw new Error(`unknown scenario "${opts.scenario}" (known: ${Object.keys(SCENARIOS).join(', ')})`);
    this.scenario = sc;
    this.clock = new Clock(opts.startTime ?? DEFAULT_START);
    this.rng = new Rng(opts.seed ?? 1);
    this.etcd = new EtcdStore(this.clock);
    this.etcdCluster = new EtcdCluster(this.clock, this.etcd, { members: etcdMembers(sc) });
    this.apiserver = new ApiServer({ etcd: this.etcd, clock: this.clock, rng: this.rng, trace: this.trace, serviceCIDR: sc.serviceCIDR });

    bootstrapApiServer(this.client('kube-apiserver'), sc.serviceCIDR);
    for (const h of hostsOf(sc, this.clock, opts.files, (ip) => staticPodManifests(ip).filter((p) => !sc.etcd || p.metadata.name !== 'etcd'))) this.hosts.set(h.name, h);
    for (const n of sc.nodes) {
      const host = this.hosts.get(n.name)!;
      const node = this.nodeConfig(n.name, n.ip, n.podCIDR, n.controlPlane);
      // the node's systemd machine ID, the one its status reports (nodeInfo.machineID)
      host.fs.writeFile('/etc/machine-id', `${node.nodeInfo.machineID}\n`);
      const kubelet = new Kubelet({
        client: this.client(`kubelet/${n.name}`),
        clock: this.clock,
        rng: this.rng,
        node,
        staticPodSource: () => host.readStaticPods(),
        controlPlaneImages: n.controlPlane,
        log: (sev, src, msg) => host.kubeletLog(sev, src, msg),
        clusterDNS: sc.dnsIP,
        hostFs: host.fs,
      });
      host.attachKubelet(kubelet);
      this.kubelets.set(n.name, kubelet);
      this.apiserver.nodes.set(n.name, kubelet);
    }
    this.scheduler = new Scheduler({ client: this.client('kube-scheduler'), clock: this.clock, rng: this.rng });
    const caRng = new Rng(((opts.seed ?? 1) ^ 0x5ca1ab1e) >>> 0);
    const rootCA = fakeCAPEM((n) => Array.from({ length: n }, () => caRng.int(256)));
    this.controllerManager = new ControllerManager({ clientFor: (agent: string) => this.client(agent), clock: this.clock, rng: this.rng, rootCA, loadBalancerIPs: sc.loadBalancerIPs });

    // kubeadm init brings up the control plane; the workers join later (Scenario.workerJoinSeconds)
    const joinMs = (sc.workerJoinSeconds ?? 0) * 1000;
    const controlPlane = new Set(sc.nodes.filter((n) => n.controlPlane).map((n) => n.name));
    const joinLater = [...this.kubelets].filter(([name]) => joinMs > 0 && !controlPlane.has(name)).map(([, k]) => k);
    for (const k of this.kubelets.values()) if (!joinLater.includes(k)) k.start();
    this.clock.advance(5_000);
    this.scheduler.start();
    this.controllerManager.start();
    kubeadmAddons(this.client('kubeadm'), sc);
    // the practice-cluster default StorageClass (its provisioner is simulated in the controller manager)
    this.client('kubeadm').create('storageclasses', undefined, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    // kube-proxy on every node, CoreDNS, the ingress controller, and the packet path (cluster/network.ts)
    attachNetwork(this);
    if (sc.addons?.includes('metrics-server')) installMetricsServer(this.client('kubectl'));
    bindNodes(this);
    if (joinLater.length) {
      this.clock.advance(joinMs);
      for (const k of joinLater) k.start();
    }
    this.clock.advance(sc.bootSeconds * 1000 - (joinLater.length ? joinMs : 0));
  }

  /**
   * etcd restarted on a restored data dir (`etcdutl snapshot restore` + the etcd static pod pointed
   * at it): the store's contents are replaced, every watch ends, so the apiserver answers 410 and
   * every informer re-lists; the members start a fresh raft log.
   */
  restoreEtcd(dump: EtcdDump): void {
    this.etcd.load(dump);
    this.etcdCluster.restarted();
  }

  /** Host data dir each stacked etcd member runs on (kubeadm: /var/lib/etcd). */
  private readonly etcdDataDirs = new Map<string, string>();

  /**
   * A stacked etcd container is starting on `node`: if its manifest now points at another host
   * directory that holds an `etcdutl snapshot restore` result, etcd comes up on the restored data.
   */
  etcdStarting(node: string): void {
    const host = this.hosts.get(node);
    const pod = host?.readStaticPods().find((f) => f.pod?.metadata?.name === 'etcd')?.pod;
    const dir = pod ? etcdHostDataDir(pod) : undefined;
    if (!host || !dir) return;
    const before = this.etcdDataDirs.get(node) ?? DEFAULT_ETCD_DATA_DIR;
    if (dir === before) return;
    this.etcdDataDirs.set(node, dir);
    const dump = readDataDir(host.fs, dir);
    if (dump) this.restoreEtcd(dump);
  }

  client(agent: string): LocalClient {
    return new LocalClient(this.apiserver, agent);
  }

  components(): Component[] {
    return [this.scheduler, this.controllerManager, ...this.kubelets.values()];
  }

  private nodeConfig(name: string, ip: string, podCIDR: string, controlPlane: boolean): NodeConfig {
    const t = KUBEADM.nodeTemplate;
    const labels: Record<string, string> = { ...t.metadata.labels, 'kubernetes.io/hostname': name };
    if (controlPlane) {
      labels['node-role.kubernetes.io/control-plane'] = '';
      labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    }
    return {
      name,
      ip,
      podCIDR,
      labels,
      annotations: { ...(t.metadata.annotations ?? {}) },
      taints: controlPlane ? [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] : [],
      capacity: { ...t.status.capacity },
      allocatable: { ...t.status.allocatable },
      nodeInfo: { ...t.status.nodeInfo, machineID: this.rng.hex(32), systemUUID: this.rng.uid(), bootID: this.rng.uid() },
      runtimeHandlers: t.status.runtimeHandlers,
    };
  }
}

/** kubeadm's stacked etcd (one member per control-plane node) unless the scenario has external etcd. */
function etcdMembers(sc: Scenario): EtcdMemberSpec[] {
  if (sc.etcd) {
    return sc.etcd.members.map((m) => ({ name: m.name, peerURL: `https://${m.ip}:2380`, clientURL: `https://${m.ip}:2379`, listenClientURLs: ['http://127.0.0.1:2379'], host: m.name }));
  }
  return sc.nodes
    .filter((n) => n.controlPlane)
    .map((n) => ({ name: n.name, peerURL: `https://${n.ip}:2380`, clientURL: `https://${n.ip}:2379`, listenClientURLs: ['https://127.0.0.1:2379'], host: n.name }));
}

/**
 * Hosts drive components: external etcd members are systemd services on their hosts, and the
 * control-plane components follow their static pods' containers (node/wire.ts).
 */
function bindNodes(c: Cluster): void {
  for (const h of c.hosts.values()) {
    if (h.role === 'etcd') h.attachEtcd({ start: () => c.etcdCluster.startMember(h.name), stop: () => c.etcdCluster.stopMember(h.name) });
  }
  bindControlPlane({
    kubelets: c.kubelets.values(),
    scheduler: c.scheduler,
    controllerManager: c.controllerManager,
    apiserver: c.apiserver,
    etcdMember: c.scenario.etcd
      ? undefined
      : (node) =>
          c.etcdCluster.member(node)
            ? {
                start: () => {
                  c.etcdStarting(node);
                  c.etcdCluster.startMember(node);
                },
                stop: () => c.etcdCluster.stopMember(node),
              }
            : undefined,
  });
}
