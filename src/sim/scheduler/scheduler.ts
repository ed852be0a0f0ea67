/**
 * kube-scheduler: watches pods and nodes, takes pending pods with schedulerName default-scheduler
 * from its queue one at a time, runs the framework (PreFilter → Filter → PostFilter/preemption →
 * PreScore → Score → selectHost) and binds through POST pods/<name>/binding.
 */
import type { Clock } from '../core/clock';
import { toRFC3339 } from '../core/clock';
import type { Rng } from '../core/rng';
import { ApiError } from '../core/errors';
import type { Client, Obj } from '../client/types';
import { Informer, keyOf } from '../client/informer';
import { EventRecorder } from '../client/events';
import { podRequests } from '../api/helpers/resources';
import type { Component } from '../cluster/component';
import { SchedulerCache } from './cache';
import { SchedulingQueue, type QueuedPodInfo } from './queue';
import { Framework, CycleState, type FilterRecord, type ScoreRecord } from './framework/framework';
import { Status } from './framework/status';
import { defaultPlugins } from './plugins';
import { LeaderElector } from '../client/leaderelection';
import type { ScoringStrategy } from './plugins/NodeResourcesFit';
import type { VolumeBinding, VolumeListers } from './plugins/VolumeBinding';
import { fitErrorMessage, newDiagnosis } from './fit-error';
import { preempt } from './preemption';
import { DecisionLog, type SchedulingDecision } from './decisions';
import type { NodeInfo } from './node-info';
import { fitsQuickly } from './plugins/NodeResourcesFit';

export const SCHEDULER_NAME = 'default-scheduler';
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export interface SchedulerOptions {
  client: Client;
  clock: Clock;
  rng: Rng;
  /** Node the scheduler runs on (events' reportingInstance `default-scheduler-<host>`). */
  host?: string;
  /** Keep per-node filter/score records for the last N pods (0 = none). */
  decisionLimit?: number;
  /** percentageOfNodesToScore (0 = adaptive, as upstream's default). */
  percentageOfNodesToScore?: number;
  /** NodeResourcesFit's scoringStrategy (LeastAllocated by default). */
  scoringStrategy?: ScoringStrategy;
}

export class Scheduler implements Component {
  readonly name = 'kube-scheduler';
  running = false;
  readonly decisions: DecisionLog;
  private readonly client: Client;
  private readonly clock: Clock;
  private readonly rng: Rng;
  private bindRecorder: EventRecorder;
  private failRecorder: EventRecorder;
  private readonly host: string;
  private readonly fw: Framework;
  private cache = new SchedulerCache();
  private queue: SchedulingQueue;
  private podInformer?: Informer;
  private nodeInformer?: Informer;
  private volumeInformers: Informer[] = [];
  private elector?: LeaderElector;
  private tickPending = false;
  private nextStartNodeIndex = 0;
  private readonly recordDecisions: boolean;
  private readonly percentage: number;

  constructor(opts: SchedulerOptions) {
    this.client = opts.client;
    this.clock = opts.clock;
    this.rng = opts.rng;
    this.host = opts.host ?? 'controlplane';
    this.bindRecorder = this.recorder('Binding');
    this.failRecorder = this.recorder('Scheduling');
    this.fw = new Framework(defaultPlugins(() => this.cache.snapshot(), opts.scoringStrategy, () => this.volumeListers()));
    this.decisions = new DecisionLog(opts.decisionLimit ?? 500);
    this.recordDecisions = (opts.decisionLimit ?? 500) > 0;
    this.percentage = opts.percentageOfNodesToScore ?? 0;
    this.queue = new SchedulingQueue(this.clock, () => this.kick());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // a new process: fresh event recorders and caches
    this.bindRecorder = this.recorder('Binding');
    this.failRecorder = this.recorder('Scheduling');
    this.cache = new SchedulerCache();
    this.queue = new SchedulingQueue(this.clock, () => this.kick());
    this.queue.start();
    this.elector = new LeaderElector(this.client, this.clock, this.rng, 'kube-scheduler', this.host, SCHEDULER_NAME);
    this.elector.start();
    // shared informers: handlers and the cache only read what they get (no copies)
    this.nodeInformer = new Informer(this.client, 'nodes', undefined, { readOnly: true }).on({
      add: (n) => {
        this.cache.addNode(n);
        this.queue.moveAllToActiveOrBackoff();
      },
      update: (o, n) => {
        this.cache.updateNode(n);
        if (nodeSchedulingPropertiesChanged(o, n)) this.queue.moveAllToActiveOrBackoff();
      },
      delete: (n) => this.cache.removeNode(n.metadata.name!),
    });
    this.podInformer = new Informer(this.client, 'pods', undefined, { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed', readOnly: true }).on({
      add: (p) => this.onPodAdd(p),
      update: (o, p) => this.onPodUpdate(o, p),
      delete: (p) => this.onPodDelete(p),
    });
    this.nodeInformer.start();
    this.podInformer.start();
    // claims, volumes and classes for VolumeBinding: a change may make a pending pod schedulable
    this.volumeInformers = ['persistentvolumeclaims', 'persistentvolumes', 'storageclasses'].map((r) =>
      new Informer(this.client, r, undefined, { readOnly: true }).on({ add: () => this.queue.moveAllToActiveOrBackoff(), update: () => this.queue.moveAllToActiveOrBackoff() }),
    );
    for (const inf of this.volumeInformers) inf.start();
  }

  private volumeListers(): VolumeListers | undefined {
    const [pvcs, pvs, classes] = this.volumeInformers;
    if (!pvcs) return undefined;
    return {
      pvc: (ns, name) => pvcs.getByName(ns, name),
      pv: (name) => pvs.getByName(undefined, name),
      storageClass: (name) => classes.getByName(undefined, name),
      defaultStorageClass: () => classes.list((c) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true')[0],
    };
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.podInformer?.stop();
    this.nodeInformer?.stop();
    for (const inf of this.volumeInformers) inf.stop();
    this.elector?.stop();
    this.volumeInformers = [];
    this.queue.stop();
  }

  private recorder(action: string): EventRecorder {
    return new EventRecorder(this.client, this.clock, this.rng, SCHEDULER_NAME, this.host, true, action);
  }

  /** The latest scheduling decision for a pod (filters per node per plugin, scores). */
  decision(namespace: string, name: string): SchedulingDecision | undefined {
    return this.decisions.get(namespace, name);
  }

  /** Pods waiting in the scheduling queue and where (active / backoff / unschedulable). */
  pendingPods(): { key: string; location: string; attempts: number }[] {
    return this.queue.pending();
  }

  private responsibleFor(p: Obj): boolean {
    return (p.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
  }

  private onPodAdd(p: Obj): void {
    if (p.spec?.nodeName) this.cache.addPod(p);
    else if (this.responsibleFor(p) && !p.metadata.deletionTimestamp) this.queue.add(p);
  }

  private onPodUpdate(o: Obj, p: Obj): void {
    if (p.spec?.nodeName) {
      if (!o.spec?.nodeName) this.queue.delete(p);
      this.cache.addPod(p);
      // an assigned pod that asks for less may make room
      if (o.spec?.nodeName && requestsShrank(o, p)) this.queue.moveAllToActiveOrBackoff();
      return;
    }
    if (!this.responsibleFor(p)) return;
    if (p.metadata.deletionTimestamp) return this.queue.delete(p);
    this.queue.update(p, JSON.stringify(o.spec) !== JSON.stringify(p.spec) || JSON.stringify(o.metadata.labels) !== JSON.stringify(p.metadata.labels));
  }

  private onPodDelete(p: Obj): void {
    if (p.spec?.nodeName || this.cache.hasPod(p.metadata.uid!)) {
      this.cache.removePod(p);
      this.queue.moveAllToActiveOrBackoff();
    } else this.queue.delete(p);
  }

  private kick(): void {
    if (this.tickPending || !this.running) return;
    this.tickPending = true;
    this.clock.after(0, () => {
      this.tickPending = false;
      if (!this.running) return;
      const qp = this.queue.pop();
      if (qp) this.scheduleOne(qp);
      if (this.queue.activeLength > 0) this.kick();
    });
  }

  /** One scheduling cycle + binding cycle for one pod. */
  private scheduleOne(qp: QueuedPodInfo): void {
    const pod = this.podInformer?.get(qp.key);
    if (!pod || pod.metadata.uid !== qp.pod.metadata.uid || pod.spec?.nodeName || pod.metadata.deletionTimestamp || this.cache.hasPod(pod.metadata.uid!)) {
      this.queue.done(qp.key);
      return;
    }
    qp.pod = pod;
    const snap = this.cache.snapshot();
    const nodes = snap.nodes as NodeInfo[];
    const decision: SchedulingDecision = {
      namespace: pod.metadata.namespace!,
      name: pod.metadata.name!,
      uid: pod.metadata.uid!,
      time: this.clock.now(),
      attempt: qp.attempts,
      numAllNodes: nodes.length,
      filters: {},
      feasible: [],
    };
    if (nodes.length === 0) {
      decision.message = 'no nodes available to schedule pods';
      this.record(decision);
      return this.fail(qp, decision.message);
    }
    const state = new CycleState();
    const diagnosis = newDiagnosis();
    const pre = this.fw.runPreFilter(state, pod, nodes);
    let feasible: NodeInfo[] = [];
    const feasibleSlots: number[] = [];
    const filterRecords = this.recordDecisions ? new Map<string, FilterRecord[]>() : undefined;
    if (!pre.status.isSuccess()) {
      decision.preFilter = { plugin: pre.status.plugin, code: pre.status.code, message: pre.status.message() };
      diagnosis.nodeToStatus.absent = pre.status;
      diagnosis.preFilterMsg = pre.status.message();
      if (pre.status.plugin) diagnosis.unschedulablePlugins.add(pre.status.plugin);
    } else {
      let candidates = nodes;
      if (pre.nodeNames) {
        candidates = nodes.filter((n) => pre.nodeNames!.has(n.name));
        decision.preFilter = { plugin: pre.narrowedBy.join(','), code: 'Success', message: '', nodeNames: [...pre.nodeNames].sort() };
        diagnosis.nodeToStatus.absent = Status.unresolvable(`node(s) didn't satisfy plugin(s) [${pre.narrowedBy.join(' ')}]`);
      }
      // the columns are indexed like the snapshot's own list, not a PreFilter-narrowed one
      const slots = candidates === nodes ? snap.slots : undefined;
      feasible = this.findFeasible(state, pod, candidates, diagnosis, filterRecords, slots, feasibleSlots);
    }
    if (filterRecords) decision.filters = Object.fromEntries(filterRecords);
    if (this.recordDecisions) decision.feasible = feasible.map((n) => n.name);

    if (feasible.length === 0) {
      const post = preempt(this.fw, state, pod, nodes, diagnosis, (n) => this.cache.nodeInfo(n));
      diagnosis.postFilterMsg = post.status.isSuccess() ? '' : post.status.message();
      const msg = fitErrorMessage(nodes.length, diagnosis);
      decision.message = msg;
      let nominated: string | undefined;
      if (post.candidate) {
        nominated = post.candidate.node;
        decision.preemption = { node: nominated, victims: post.candidate.victims.map((v) => keyOf(v)) };
        this.evict(pod, post.candidate.node, post.candidate.victims);
      }
      this.record(decision);
      return this.fail(qp, msg, nominated);
    }

    let selected: string;
    if (feasible.length === 1) selected = feasible[0].name;
    else {
      const scoreRecords = this.recordDecisions ? new Map<string, ScoreRecord>() : undefined;
      const totals = this.fw.score(state, pod, feasible, scoreRecords, feasibleSlots.length === feasible.length ? { columns: this.cache.columns, slots: feasibleSlots } : undefined);
      if (scoreRecords) decision.scores = Object.fromEntries(scoreRecords);
      selected = this.selectHost(feasible, totals);
    }
    decision.selected = selected;
    this.record(decision);
    this.bind(qp, pod, selected, decision, state);
  }

  /**
   * findNodesThatPassFilters with numFeasibleNodesToFind and the rotating start index. With slots
   * (nodes[i]'s column slot), feasibleSlots gets the feasible nodes' slots, in the same order.
   */
  private findFeasible(state: CycleState, pod: Obj, nodes: NodeInfo[], diagnosis: ReturnType<typeof newDiagnosis>, records?: Map<string, FilterRecord[]>, slots?: Int32Array, feasibleSlots?: number[]): NodeInfo[] {
    const want = this.numFeasibleNodesToFind(nodes.length);
    const feasible: NodeInfo[] = [];
    let processed = 0;
    const n = nodes.length;
    // a pod that only the always-on filters look at (the rest skipped in PreFilter): a node that
    // passes their common checks is feasible without the plugin calls; any other answers as below
    const quick = !records && this.fw.onlyBasicFilters(state) && !pod.spec?.nodeName ? this.fw.basicFit(state) : undefined;
    const c = this.cache.columns;
    const { flags, numPods, allocatablePods, allocatableMilliCPU, requestedMilliCPU, allocatableMemory, requestedMemory, allocatableEphemeral, requestedEphemeral } = c;
    const cpu = quick?.milliCPU ?? 0;
    const mem = quick?.memory ?? 0;
    const eph = quick?.ephemeralStorage ?? 0;
    let j = this.nextStartNodeIndex % n;
    for (let i = 0; i < n && feasible.length < want; i++, j = j + 1 === n ? 0 : j + 1) {
      const node = nodes[j];
      processed++;
      if (quick) {
        if (slots) {
          const s = slots[j];
          if (
            flags[s] === 0 &&
            numPods[s] + 1 <= allocatablePods[s] &&
            cpu <= allocatableMilliCPU[s] - requestedMilliCPU[s] &&
            mem <= allocatableMemory[s] - requestedMemory[s] &&
            eph <= allocatableEphemeral[s] - requestedEphemeral[s]
          ) {
            feasible.push(node);
            feasibleSlots?.push(s);
            continue;
          }
        } else if (!node.unschedulable && node.taints.length === 0 && fitsQuickly(quick, node)) {
          feasible.push(node);
          continue;
        }
      }
      const rec: FilterRecord[] | undefined = records ? [] : undefined;
      const s = this.fw.runFilter(state, pod, node, rec);
      if (records) records.set(node.name, rec!);
      if (s.isSuccess()) {
        feasible.push(node);
        if (slots) feasibleSlots?.push(slots[j]);
      } else {
        diagnosis.nodeToStatus.set(node.name, s);
        if (s.isRejected()) diagnosis.unschedulablePlugins.add(s.plugin);
      }
    }
    this.nextStartNodeIndex = n ? (this.nextStartNodeIndex + processed) % n : 0;
    return feasible;
  }

  private numFeasibleNodesToFind(numAllNodes: number): number {
    if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
    let pct = this.percentage;
    if (pct === 0) pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
    return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.trunc((numAllNodes * pct) / 100));
  }

  /** selectHost: the highest total; ties broken by reservoir sampling with the seeded Rng. */
  private selectHost(nodes: NodeInfo[], totals: Float64Array): string {
    let best = -Infinity;
    let count = 0;
    let selected = 0;
    for (let i = 0; i < totals.length; i++) {
      const t = totals[i];
      if (t > best) {
        best = t;
        count = 1;
        selected = i;
      } else if (t === best) {
        count++;
        if (this.rng.int(count) === 0) selected = i;
      }
    }
    return nodes[selected].name;
  }

  private bind(qp: QueuedPodInfo, pod: Obj, node: string, decision: SchedulingDecision, state?: CycleState): void {
    this.cache.assumePod(pod, node);
    // VolumeBinding PreBind: delayed (WaitForFirstConsumer) claims learn the chosen node
    const vb = this.fw.filters.find((p) => p.name === 'VolumeBinding') as VolumeBinding | undefined;
    if (vb && state) {
      for (const c of vb.delayedClaims(state)) {
        try {
          this.client.patch('persistentvolumeclaims', c.metadata.namespace, c.metadata.name!, { metadata: { annotations: { 'volume.kubernetes.io/selected-node': node } } }, 'merge');
        } catch {
          // the claim changed; the binder copes
        }
      }
    }
    try {
      this.client.create('pods', pod.metadata.namespace, { apiVersion: 'v1', kind: 'Binding', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid }, target: { apiVersion: 'v1', kind: 'Node', name: node } } as Obj, 'binding');
    } catch (e) {
      this.cache.removePod(pod);
      decision.bindError = e instanceof Error ? e.message : String(e);
      if (e instanceof ApiError && (e.code === 404 || e.code === 409)) {
        this.queue.done(qp.key);
        return;
      }
      this.failRecorder.event(pod, 'Warning', 'FailedScheduling', `binding rejected: ${decision.bindError}`);
      this.queue.addUnschedulable(qp, true);
      return;
    }
    this.queue.done(qp.key);
    this.bindRecorder.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`);
  }

  /** handleSchedulingFailure: event, PodScheduled=False condition, back to the queue. */
  private fail(qp: QueuedPodInfo, message: string, nominatedNode?: string): void {
    const pod = qp.pod;
    this.failRecorder.event(pod, 'Warning', 'FailedScheduling', message);
    const cur: Obj[] = pod.status?.conditions ?? [];
    const prev = cur.find((c) => c.type === 'PodScheduled');
    const changed = !prev || prev.status !== 'False' || prev.reason !== 'Unschedulable' || prev.message !== message;
    const nominatedChanged = nominatedNode !== undefined && pod.status?.nominatedNodeName !== nominatedNode;
    if (changed || nominatedChanged) {
      const cond = {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: prev && prev.status === 'False' ? prev.lastTransitionTime : toRFC3339(this.clock.now()),
        reason: 'Unschedulable',
        message,
      };
      const status: Record<string, unknown> = { conditions: [cond] };
      if (nominatedChanged) status.nominatedNodeName = nominatedNode;
      try {
        this.client.patch('pods', pod.metadata.namespace, pod.metadata.name!, { status }, 'strategic', 'status');
      } catch {
        // the pod may be gone; the informer will tell the queue
      }
    }
    this.queue.addUnschedulable(qp);
  }

  /** prepareCandidate: mark and delete the victims so the preemptor fits next time. */
  private evict(preemptor: Obj, node: string, victims: Obj[]): void {
    for (const v of victims) {
      try {
        this.client.patch(
          'pods',
          v.metadata.namespace,
          v.metadata.name!,
          { status: { conditions: [{ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: toRFC3339(this.clock.now()), reason: 'PreemptionByScheduler', message: `${SCHEDULER_NAME}: preempting to accommodate a higher priority pod` }] } },
          'strategic',
          'status',
        );
        this.client.delete('pods', v.metadata.namespace, v.metadata.name!, {});
        this.recorder('Preempting').event(v, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${node}`);
      } catch {
        // already gone
      }
    }
  }

  private record(d: SchedulingDecision): void {
    if (this.recordDecisions) this.decisions.record(d);
  }
}

function nodeSchedulingPropertiesChanged(o: Obj, n: Obj): boolean {
  const s = (x: unknown) => JSON.stringify(x ?? null);
  return (
    s(o.status?.allocatable) !== s(n.status?.allocatable) ||
    s(o.metadata.labels) !== s(n.metadata.labels) ||
    s(o.spec?.taints) !== s(n.spec?.taints) ||
    !!o.spec?.unschedulable !== !!n.spec?.unschedulable
  );
}

function requestsShrank(o: Obj, n: Obj): boolean {
  const a = podRequests(o);
  const b = podRequests(n);
  return b.milliCPU < a.milliCPU || b.memory < a.memory;
}
