/**
 * The node-lifecycle controller (pkg/controller/nodelifecycle) and the taint-eviction controller
 * (pkg/controller/tainteviction, formerly the NoExecute taint manager).
 *
 * Every 5 s (nodeMonitorPeriod) it looks at each node's Lease and Ready heartbeat; when neither
 * was renewed for nodeMonitorGracePeriod (50 s since v1.32, 40 s before) it sets the node's
 * conditions to Unknown ("Kubelet stopped posting node status."), marks the node's pods
 * Ready=False, and taints the node node.kubernetes.io/unreachable (NoExecute + NoSchedule) — or
 * not-ready when the kubelet itself reports Ready=False. The taint-eviction controller deletes
 * pods on NoExecute-tainted nodes once their tolerationSeconds run out.
 */
import type { Obj } from '../../client/types';
import type { Involved } from '../../client/events';
import { parseTime, toRFC3339 } from '../../core/clock';
import type { SyncResult } from '../../client/workqueue';
import { toleratedBy, tolerates, type Taint, type Toleration } from '../../api/helpers/taints';
import { Controller } from '../controller';

export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_MS = 50_000;
export const NODE_STARTUP_GRACE_MS = 60_000;
export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';
const MONITOR_KEY = '\u0000monitor';

function readyCondition(node: Obj): Obj | undefined {
  return (node.status?.conditions ?? []).find((c: Obj) => c.type === 'Ready');
}

export class NodeLifecycleController extends Controller {
  readonly name = 'node-lifecycle-controller';
  protected readonly eventSource = 'node-controller';
  /** Nodes this controller instance has seen (RegisteredNode is recorded once per instance). */
  private known = new Set<string>();

  protected register(): void {
    this.informers.on('nodes', {
      add: (n) => this.enqueue(n.metadata.name!),
      update: (_o, n) => this.enqueue(n.metadata.name!),
      delete: (n) => {
        if (this.known.delete(n.metadata.name!)) this.recorder.event(this.nodeRef(n), 'Normal', 'RemovingNode', `Node ${n.metadata.name} event: Removing Node ${n.metadata.name} from Controller`);
      },
    });
    this.informers.get('leases');
    this.informers.get('pods');
    this.enqueueAfter(MONITOR_KEY, NODE_MONITOR_PERIOD_MS);
  }

  /** Node events use the node name as uid, as upstream's node references do. */
  private nodeRef(n: Obj): Involved {
    return { kind: 'Node', apiVersion: 'v1', name: n.metadata.name!, uid: n.metadata.name! };
  }

  protected sync(key: string): SyncResult {
    if (key === MONITOR_KEY) {
      for (const n of this.informers.list('nodes')) this.monitor(n);
      return { requeueAfterMs: NODE_MONITOR_PERIOD_MS };
    }
    const node = this.informers.get('nodes').getByName(undefined, key);
    if (!node) return;
    if (!this.known.has(key)) {
      this.known.add(key);
      this.recorder.event(this.nodeRef(node), 'Normal', 'RegisteredNode', `Node ${key} event: Registered Node ${key} in Controller`);
    }
    this.taint(node);
  }

  /** monitorNodeHealth for one node: Unknown after the grace period without heartbeat. */
  private monitor(node: Obj): void {
    const now = this.clock.now();
    const ready = readyCondition(node);
    const lease = this.informers.get('leases').getByName('kube-node-lease', node.metadata.name!);
    const probe = Math.max(parseTime(lease?.spec?.renewTime) ?? 0, parseTime(ready?.lastHeartbeatTime) ?? 0, parseTime(node.metadata.creationTimestamp) ?? 0);
    const grace = ready ? NODE_MONITOR_GRACE_MS : NODE_STARTUP_GRACE_MS;
    if (now <= probe + grace) return;
    const conds: Obj[] = node.status?.conditions ?? [];
    if (ready?.status === 'Unknown' && conds.every((c) => c.status === 'Unknown')) return;
    const ts = toRFC3339(now);
    const changed = (c: Obj): Obj => (c.status === 'Unknown' ? c : { ...c, status: 'Unknown', lastTransitionTime: ts, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const next: Obj[] = conds.map((c) => (['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].includes(c.type) ? changed(c) : c));
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'])
      if (!next.some((c) => c.type === type)) next.push({ type, status: 'Unknown', lastHeartbeatTime: toRFC3339(probe), lastTransitionTime: ts, reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' } as unknown as Obj);
    try {
      this.client.update('nodes', undefined, { ...node, status: { ...node.status, conditions: next } }, 'status');
    } catch {
      return;
    }
    if (ready?.status === 'True') {
      this.recorder.event(this.nodeRef(node), 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
      this.markPodsNotReady(node.metadata.name!);
    }
  }

  /** MarkPodsNotReady: the node's pods turn Ready=False (their containers may still be running). */
  private markPodsNotReady(nodeName: string): void {
    const now = toRFC3339(this.clock.now());
    for (const p of this.informers.list('pods')) {
      if (p.spec?.nodeName !== nodeName || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
      const conds: Obj[] = p.status?.conditions ?? [];
      const i = conds.findIndex((c) => c.type === 'Ready');
      if (i < 0 || conds[i].status === 'False') continue;
      const next = conds.map((c, j) => (j === i ? { ...c, status: 'False', lastTransitionTime: now } : c));
      try {
        this.client.update('pods', p.metadata.namespace, { ...p, status: { ...p.status, conditions: next } }, 'status');
        this.recorder.event(p, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch {
        // changed meanwhile: the next pass sees it again
      }
    }
  }

  /** doNoScheduleTaintingPass + doNoExecuteTaintingPass from the Ready condition. */
  private taint(node: Obj): void {
    const ready = readyCondition(node);
    let want: string | undefined;
    if (ready?.status === 'Unknown') want = UNREACHABLE;
    else if (ready?.status === 'False') want = NOT_READY;
    const taints: Taint[] = node.spec?.taints ?? [];
    const ours = (t: Taint) => (t.key === UNREACHABLE || t.key === NOT_READY) && (t.effect === 'NoExecute' || t.effect === 'NoSchedule');
    const keep = taints.filter((t) => !ours(t) || t.key === want);
    const add: Taint[] = [];
    if (want) {
      if (!keep.some((t) => t.key === want && t.effect === 'NoExecute')) add.push({ key: want, effect: 'NoExecute', timeAdded: toRFC3339(this.clock.now()) });
      if (!keep.some((t) => t.key === want && t.effect === 'NoSchedule')) add.push({ key: want, effect: 'NoSchedule' });
    }
    if (!add.length && keep.length === taints.length) return;
    const next = [...keep, ...add];
    try {
      this.client.update('nodes', undefined, { ...node, spec: { ...node.spec, taints: next.length ? next : undefined } });
    } catch {
      this.enqueueAfter(node.metadata.name!, 1000);
    }
  }
}

/**
 * The taint-eviction controller: pods that do not tolerate a node's NoExecute taints are deleted
 * at once; pods tolerating them for tolerationSeconds are deleted when that time runs out.
 */
export class TaintEvictionController extends Controller {
  readonly name = 'taint-eviction-controller';
  /** pod key → the time its deletion is due (for the "Cancelling deletion" event). */
  private scheduled = new Map<string, number>();

  protected register(): void {
    this.informers.on('nodes', {
      add: (n) => this.enqueueNode(n.metadata.name!),
      update: (o, n) => {
        if (JSON.stringify(o.spec?.taints ?? []) !== JSON.stringify(n.spec?.taints ?? [])) this.enqueueNode(n.metadata.name!);
      },
    });
    this.informers.on('pods', {
      add: (p) => p.spec?.nodeName && this.enqueue(p),
      update: (o, p) => o.spec?.nodeName !== p.spec?.nodeName && this.enqueue(p),
      delete: (p) => this.scheduled.delete(`${p.metadata.namespace}/${p.metadata.name}`),
    });
  }

  private enqueueNode(name: string): void {
    for (const p of this.informers.list('pods')) if (p.spec?.nodeName === name) this.enqueue(p);
  }

  protected sync(key: string): SyncResult {
    const [ns, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const pod = this.informers.get('pods').getByName(ns, name);
    if (!pod || pod.metadata.deletionTimestamp || !pod.spec?.nodeName) {
      this.scheduled.delete(key);
      return;
    }
    const node = this.informers.get('nodes').getByName(undefined, pod.spec.nodeName);
    const taints: Taint[] = (node?.spec?.taints ?? []).filter((t: Taint) => t.effect === 'NoExecute');
    const now = this.clock.now();
    if (!taints.length) {
      if (this.scheduled.delete(key)) this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
      return;
    }
    const tolerations: Toleration[] = pod.spec.tolerations ?? [];
    let due: number | undefined = -Infinity;
    if (taints.every((t) => toleratedBy(t, tolerations))) {
      // the smallest tolerationSeconds over the matching tolerations, counted from each taint's timeAdded
      due = Infinity;
      for (const t of taints) {
        const secs = tolerations.filter((tol) => tolerates(tol, t)).map((tol) => tol.tolerationSeconds);
        if (secs.some((s) => s === undefined || s === null)) continue;
        const min = Math.min(...(secs as number[]).map((s) => Math.max(0, s)));
        const added = parseTime(t.timeAdded) ?? now;
        due = Math.min(due, added + min * 1000);
      }
      if (due === Infinity) due = undefined;
    }
    if (due === undefined) return;
    if (!this.scheduled.has(key)) {
      this.scheduled.set(key, due);
      this.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    }
    if (now < due) return { requeueAfterMs: due - now };
    try {
      const conds: Obj[] = (pod.status?.conditions ?? []).filter((c: Obj) => c.type !== 'DisruptionTarget');
      conds.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: toRFC3339(now), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' } as unknown as Obj);
      this.client.update('pods', ns, { ...pod, status: { ...pod.status, conditions: conds } }, 'status');
    } catch {
      // best effort, as upstream
    }
    try {
      this.client.delete('pods', ns, name);
    } catch {
      // gone
    }
    this.scheduled.delete(key);
  }
}
