/**
 * DefaultPreemption (the PostFilter plugin): when no node fits, look for nodes where evicting
 * lower-priority pods would make room. The message it returns ("preemption: 0/3 nodes are
 * available: …") is appended to FailedScheduling exactly as upstream does.
 */
import type { Obj } from '../client/types';
import { parseTime } from '../core/clock';
import type { NodeInfo } from './node-info';
import { Status } from './framework/status';
import type { CycleState, Framework } from './framework/framework';
import { fitErrorMessage, newDiagnosis, NodeToStatus, type Diagnosis } from './fit-error';

export interface Candidate {
  node: string;
  victims: Obj[];
}

export interface PreemptionOutcome {
  status: Status;
  /** Set when preemption found a node: the victims to evict there. */
  candidate?: Candidate;
}

const priorityOf = (p: Obj): number => p.spec?.priority ?? 0;

function startTime(p: Obj): number {
  return parseTime(p.status?.startTime) ?? parseTime(p.metadata.creationTimestamp) ?? 0;
}

/** MoreImportantPod: higher priority, then earlier start. */
function moreImportant(a: Obj, b: Obj): number {
  const d = priorityOf(b) - priorityOf(a);
  if (d !== 0) return d;
  return startTime(a) - startTime(b);
}

export function preempt(fw: Framework, state: CycleState, pod: Obj, nodes: NodeInfo[], diagnosis: Diagnosis, byName: (n: string) => NodeInfo | undefined): PreemptionOutcome {
  // 1) is the pod allowed to preempt at all?
  if (pod.spec?.preemptionPolicy === 'Never') return { status: Status.unschedulable('not eligible due to preemptionPolicy=Never.') };
  const nominated = pod.status?.nominatedNodeName;
  if (nominated && diagnosis.nodeToStatus.get(nominated).code !== 'UnschedulableAndUnresolvable') {
    const ni = byName(nominated);
    if (ni) for (const pi of ni.pods.values()) {
      if (pi.pod.metadata.deletionTimestamp && priorityOf(pi.pod) < priorityOf(pod)) return { status: Status.unschedulable('not eligible due to a terminating pod on the nominated node.') };
    }
  }
  // 2) nodes where preemption might help: not rejected as unresolvable
  const statuses = new NodeToStatus();
  statuses.absent = Status.unresolvable('Preemption is not helpful for scheduling');
  const potential: NodeInfo[] = [];
  for (const n of nodes) {
    if (diagnosis.nodeToStatus.get(n.name).code === 'UnschedulableAndUnresolvable') statuses.set(n.name, Status.unresolvable('Preemption is not helpful for scheduling'));
    else potential.push(n);
  }
  // 3) dry run: evict every lower-priority pod, check the fit, then reprieve as many as possible
  const candidates: Candidate[] = [];
  for (const n of potential) {
    const r = selectVictimsOnNode(fw, state, pod, n);
    if (r.status) statuses.set(n.name, r.status);
    else candidates.push({ node: n.name, victims: r.victims });
  }
  if (candidates.length === 0) {
    const d = newDiagnosis();
    d.nodeToStatus = statuses;
    return { status: Status.unschedulable(`preemption: ${fitErrorMessage(nodes.length, d)}`) };
  }
  return { status: Status.success(), candidate: pickOne(candidates) };
}

function selectVictimsOnNode(fw: Framework, state: CycleState, pod: Obj, node: NodeInfo): { victims: Obj[]; status?: Status } {
  const sim = node.clone();
  const potential: Obj[] = [];
  for (const pi of node.pods.values()) {
    if (priorityOf(pi.pod) < priorityOf(pod)) {
      potential.push(pi.pod);
      sim.removePod(pi.pod.metadata.uid!);
    }
  }
  if (potential.length === 0) return { victims: [], status: Status.unresolvable('No preemption victims found for incoming pod') };
  const s = fw.runFilter(state, pod, sim);
  if (!s.isSuccess()) return { victims: [], status: s };
  potential.sort(moreImportant);
  const victims: Obj[] = [];
  for (const v of potential) {
    const pi = node.pods.get(v.metadata.uid!)!;
    sim.addPod(pi);
    if (!fw.runFilter(state, pod, sim).isSuccess()) {
      sim.removePod(v.metadata.uid!);
      victims.push(v);
    }
  }
  return { victims };
}

/** pickOneNodeForPreemption without PDBs: lowest top victim priority, lowest sum, fewest victims, latest start. */
function pickOne(cs: Candidate[]): Candidate {
  const top = (c: Candidate) => Math.max(...c.victims.map(priorityOf), -Infinity);
  const sum = (c: Candidate) => c.victims.reduce((a, v) => a + priorityOf(v) + 2 ** 31, 0);
  const latest = (c: Candidate) => {
    const hp = top(c);
    return Math.min(...c.victims.filter((v) => priorityOf(v) === hp).map(startTime), Infinity);
  };
  let best = cs;
  for (const key of [top, sum, (c: Candidate) => c.victims.length]) {
    const m = Math.min(...best.map(key));
    best = best.filter((c) => key(c) === m);
    if (best.length === 1) return best[0];
  }
  const l = Math.max(...best.map(latest));
  return best.find((c) => latest(c) === l) ?? best[0];
}
