/**
 * kube-proxy on one node: watches Services and EndpointSlices through its own client and programs
 * the node's rules (iptables or IPVS). The rules are this component's output; connections are
 * routed by evaluating them. Stopped, it stops syncing: the node keeps its last (stale) rules.
 */
import type { Clock, TimerId } from '../core/clock';
import { Rng } from '../core/rng';
import type { Client } from '../client/types';
import { Informer } from '../client/informer';
import type { Component } from '../cluster/component';
import { servicePorts, type ServicePort } from './model';
import { buildTables, evaluate, saveTable, type Packet, type Tables, type Verdict } from './iptables';
import { buildIPVS, IPVS_NAT_CHAINS, ipvsNatRules, renderIPVS, type VirtualServer } from './ipvs';
import { ctime, IPTABLES_VERSION } from './iptables';

export type ProxyMode = 'iptables' | 'ipvs';

export interface KubeProxyOptions {
  client: Client;
  clock: Clock;
  nodeName: string;
  nodeIP: string;
  clusterCIDR: string;
  mode?: ProxyMode;
  /** Seed of the node's kernel randomness (the statistic match). */
  seed: number;
  /**
   * Run only while this node's kube-proxy DaemonSet pod runs (the component is that pod's process):
   * no pod → no syncing (the node keeps its last rules); a new pod → re-read the `kube-proxy`
   * ConfigMap (mode) and sync everything.
   */
  followPod?: boolean;
}

/** iptables mode's minSyncPeriod (1s): changes within it are batched into one sync. */
const MIN_SYNC_MS = 1000;

export class KubeProxy implements Component {
  readonly name: string;
  running = false;
  mode: ProxyMode;
  private services?: Informer;
  private slices?: Informer;
  private pods?: Informer;
  /** uid of the kube-proxy pod whose process this is (followPod). */
  private podUid?: string;
  private timer?: TimerId;
  private lastSync = -Infinity;
  /** The node's kernel state: what the last sync programmed. */
  private tables: Tables = buildTables([], '10.244.0.0/16');
  private ipvsTable: VirtualServer[] = [];
  private ports: ServicePort[] = [];
  private readonly rr = new Map<string, number>();
  private readonly kernelRng: Rng;
  syncCount = 0;

  constructor(private readonly opts: KubeProxyOptions) {
    this.name = `kube-proxy/${opts.nodeName}`;
    this.mode = opts.mode ?? 'iptables';
    this.kernelRng = new Rng(opts.seed);
    this.tables = buildTables([], opts.clusterCIDR);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const onChange = { add: () => this.queueSync(), update: () => this.queueSync(), delete: () => this.queueSync() };
    this.services = new Informer(this.opts.client, 'services').on(onChange);
    this.slices = new Informer(this.opts.client, 'endpointslices').on(onChange);
    this.services.start();
    this.slices.start();
    if (this.opts.followPod) {
      const check = () => this.checkPod();
      this.pods = new Informer(this.opts.client, 'pods', 'kube-system', { labelSelector: 'k8s-app=kube-proxy', fieldSelector: `spec.nodeName=${this.opts.nodeName}` }).on({ add: check, update: check, delete: check });
      this.pods.start();
      this.checkPod();
    }
    this.queueSync();
  }

  /** Is a kube-proxy process running on the node? (its DaemonSet pod's container) */
  get active(): boolean {
    return !this.opts.followPod || this.podUid !== undefined;
  }

  private checkPod(): void {
    const pod = this.pods?.list((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && (p.status?.containerStatuses ?? []).some((c: { state?: { running?: unknown } }) => c.state?.running))[0];
    const uid = pod?.metadata.uid;
    if (uid === this.podUid) return;
    this.podUid = uid;
    if (uid) {
      // a new kube-proxy process: it reads its configuration and programs everything
      this.readConfig();
      this.queueSync();
    }
  }

  private readConfig(): void {
    try {
      const cm = this.opts.client.get('configmaps', 'kube-system', 'kube-proxy');
      const m = /^mode:\s*"?([a-z]*)"?\s*$/m.exec(cm.data?.['config.conf'] ?? '');
      this.mode = m?.[1] === 'ipvs' ? 'ipvs' : 'iptables';
    } catch {
      // no ConfigMap: the defaults
    }
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.services?.stop();
    this.slices?.stop();
    this.pods?.stop();
    this.services = this.slices = this.pods = undefined;
    this.podUid = undefined;
    this.opts.clock.cancel(this.timer);
    this.timer = undefined;
  }

  /** Switch proxy mode (as editing the kube-proxy ConfigMap and restarting would). */
  setMode(mode: ProxyMode): void {
    this.mode = mode;
    if (this.running) this.sync();
  }

  private queueSync(): void {
    if (!this.running || !this.active || this.timer !== undefined) return;
    const at = Math.max(this.opts.clock.now(), this.lastSync + MIN_SYNC_MS);
    this.timer = this.opts.clock.at(at, () => {
      this.timer = undefined;
      if (this.running && this.active) this.sync();
    });
  }

  /** syncProxyRules: rebuild the node's rules from the informers' caches. */
  sync(): void {
    if (!this.services?.synced || !this.slices?.synced) return;
    this.lastSync = this.opts.clock.now();
    this.syncCount++;
    this.ports = servicePorts(this.services.list(), this.slices.list());
    this.tables = buildTables(this.ports, this.opts.clusterCIDR);
    this.ipvsTable = this.mode === 'ipvs' ? buildIPVS(this.ports, [this.opts.nodeIP]) : [];
  }

  // ---------- narrow read interfaces (the node's kernel state) ----------

  /** `iptables-save [-t table]` on this node. */
  iptablesSave(table?: 'nat' | 'filter'): string {
    const now = this.opts.clock.now();
    if (this.mode === 'ipvs') {
      const nat = [`# Generated by iptables-save ${IPTABLES_VERSION} on ${ctime(now)}`, '*nat', ':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]', ...IPVS_NAT_CHAINS.map((c) => `:${c} - [0:0]`), ...ipvsNatRules(this.opts.clusterCIDR), 'COMMIT', `# Completed on ${ctime(now)}`].join('\n') + '\n';
      if (table === 'nat') return nat;
      const filter = saveTable('filter', [], new Set(['KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-KUBELET-CANARY', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL']), now);
      return table === 'filter' ? filter : filter + nat;
    }
    const nat = saveTable('nat', this.tables.nat, this.tables.natChains, now);
    const filter = saveTable('filter', this.tables.filter, this.tables.filterChains, now);
    if (table === 'nat') return nat;
    if (table === 'filter') return filter;
    return filter + nat;
  }

  /** `ipvsadm -Ln` on this node (empty table in iptables mode). */
  ipvsadm(): string {
    return renderIPVS(this.ipvsTable);
  }

  /** The service ports this node's rules were built from (the last sync). */
  programmed(): readonly ServicePort[] {
    return this.ports;
  }

  /** Evaluate the node's rules for a new connection. */
  route(pkt: Packet): Verdict {
    if (this.mode === 'ipvs') {
      const vs = this.ipvsTable.find((v) => v.proto.toLowerCase() === pkt.proto && v.ip === pkt.dst && v.port === pkt.dport);
      if (!vs) return { kind: 'accept', chains: [] };
      if (!vs.reals.length) return { kind: 'reject', chains: [] };
      const k = `${vs.proto}/${vs.ip}:${vs.port}`;
      const i = this.rr.get(k) ?? 0;
      this.rr.set(k, i + 1);
      const r = vs.reals[i % vs.reals.length];
      return { kind: 'dnat', ip: r.ip, port: r.port, masquerade: false, chains: [] };
    }
    return evaluate(this.tables, pkt, () => this.kernelRng.next());
  }
}
