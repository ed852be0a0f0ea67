/** describeNode: conditions, addresses, capacity, system info, non-terminated pods, allocated resources. */
import type { Obj } from '../../client/types';
import { findNodeRoles } from '../../api/table/node';
import { addQuantity, intValue, milliValue, parseQuantity, quantityString, type Quantity } from '../../api/table/quantity';
import { printAnnotationsMultiline, printLabelsMultiline, printTaintsMultilineWithIndent, rfc1123z, since, sortStrings, type Any } from './common';
import { describeEvents } from './events';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

type RL = Map<string, Quantity>;

function toRL(list: Record<string, string> | undefined): RL {
  const m: RL = new Map();
  for (const [k, v] of Object.entries(list ?? {})) {
    const qv = parseQuantity(v);
    if (qv) m.set(k, qv);
  }
  return m;
}
function addRL(list: RL, add: RL): void {
  for (const [k, v] of add) list.set(k, list.has(k) ? addQuantity(list.get(k)!, v) : v);
}
function maxRL(list: RL, other: RL): void {
  for (const [k, v] of other) if (!list.has(k) || v.nanos > list.get(k)!.nanos) list.set(k, v);
}

/** resourcehelper.PodRequestsAndLimits (sidecars, init containers, overhead). */
export function podRequestsAndLimits(pod: Obj): { reqs: RL; limits: RL } {
  const spec: Any = pod.spec ?? {};
  const reqs: RL = new Map();
  const limits: RL = new Map();
  const statuses = new Map<string, Any>((pod.status?.containerStatuses ?? []).map((s: Any) => [s.name, s]));
  for (const c of spec.containers ?? []) {
    let cr = toRL(c.resources?.requests);
    const cs = statuses.get(c.name);
    if (cs?.resources) {
      const sr = toRL(cs.resources.requests);
      if (pod.status?.resize === 'Infeasible') cr = sr;
      else {
        const m: RL = new Map(cr);
        for (const [k, v] of sr) if (!m.has(k) || m.get(k)!.nanos <= v.nanos) m.set(k, v);
        cr = m;
      }
    }
    addRL(reqs, cr);
    addRL(limits, toRL(c.resources?.limits));
  }
  for (const [key, target] of [
    ['requests', reqs],
    ['limits', limits],
  ] as const) {
    const restartable: RL = new Map();
    const init: RL = new Map();
    for (const c of spec.initContainers ?? []) {
      let cr = toRL(c.resources?.[key]);
      if (c.restartPolicy === 'Always') {
        addRL(target, cr);
        addRL(restartable, cr);
        cr = restartable;
      } else {
        const tmp: RL = new Map();
        addRL(tmp, cr);
        addRL(tmp, restartable);
        cr = tmp;
      }
      maxRL(init, cr);
    }
    maxRL(target, init);
  }
  if (spec.overhead) {
    const oh = toRL(spec.overhead);
    addRL(reqs, oh);
    for (const [k, v] of oh) if (limits.has(k) && limits.get(k)!.nanos !== 0n) limits.set(k, addQuantity(limits.get(k)!, v));
  }
  return { reqs, limits };
}

const ZERO: Quantity = { nanos: 0n, format: 'DecimalSI' };
const qs = (v: Quantity | undefined) => quantityString(v ?? ZERO);
const pct = (a: number, b: number) => Math.trunc((a / b) * 100);
const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

function describeNodeResource(pods: Obj[], node: Obj, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = toRL(Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status.allocatable : node.status?.capacity);
  const allocCpu = milliValue(allocatable.get('cpu') ?? ZERO);
  const allocMem = intValue(allocatable.get('memory') ?? ZERO);
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const cr = reqs.get('cpu');
    const cl = limits.get('cpu');
    const mr = reqs.get('memory');
    const ml = limits.get('memory');
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t${qs(cr)} (${pct(milliValue(cr ?? ZERO), allocCpu)}%)\t${qs(cl)} (${pct(milliValue(cl ?? ZERO), allocCpu)}%)\t${qs(mr)} (${pct(intValue(mr ?? ZERO), allocMem)}%)\t${qs(ml)} (${pct(intValue(ml ?? ZERO), allocMem)}%)\t${since(now, pod.metadata.creationTimestamp)}\n`,
    );
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs: RL = new Map();
  const limits: RL = new Map();
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    addRL(reqs, r.reqs);
    addRL(limits, r.limits);
  }
  const frac = (v: Quantity | undefined, alloc: number, milli: boolean) => (alloc !== 0 ? pct(milli ? milliValue(v ?? ZERO) : intValue(v ?? ZERO), alloc) : 0);
  const allocEph = intValue(allocatable.get('ephemeral-storage') ?? ZERO);
  w.write(LEVEL_1, `cpu\t${qs(reqs.get('cpu'))} (${frac(reqs.get('cpu'), allocCpu, true)}%)\t${qs(limits.get('cpu'))} (${frac(limits.get('cpu'), allocCpu, true)}%)\n`);
  w.write(LEVEL_1, `memory\t${qs(reqs.get('memory'))} (${frac(reqs.get('memory'), allocMem, false)}%)\t${qs(limits.get('memory'))} (${frac(limits.get('memory'), allocMem, false)}%)\n`);
  w.write(
    LEVEL_1,
    `ephemeral-storage\t${qs(reqs.get('ephemeral-storage'))} (${frac(reqs.get('ephemeral-storage'), allocEph, false)}%)\t${qs(limits.get('ephemeral-storage'))} (${frac(limits.get('ephemeral-storage'), allocEph, false)}%)\n`,
  );
  const huge: string[] = [];
  const ext: string[] = [];
  for (const r of allocatable.keys()) {
    if (r.startsWith('hugepages-')) huge.push(r);
    else if (!STANDARD.has(r) && r !== 'pods') ext.push(r);
  }
  for (const r of sortStrings(huge)) {
    const alloc = intValue(allocatable.get(r)!);
    w.write(LEVEL_1, `${r}\t${qs(reqs.get(r))} (${frac(reqs.get(r), alloc, false)}%)\t${qs(limits.get(r))} (${frac(limits.get(r), alloc, false)}%)\n`);
  }
  for (const r of sortStrings(ext)) w.write(LEVEL_1, `${r}\t${qs(reqs.get(r))}\t${qs(limits.get(r))}\n`);
}

/**
 * `pods`: non-terminated pods on the node; `events`: the uid=node.uid results followed by the
 * uid=node.name results (kubectl merges the two queries in that order); `lease`: the node's Lease in
 * kube-node-lease, undefined when the GET failed (`leaseError`, default NotFound text).
 */
export function describeNode(node: Obj, pods: Obj[], events: Obj[] | undefined, lease: Obj | undefined, now: number, leaseError?: string): string {
  const w = new PrefixWriter();
  const spec: Any = node.spec ?? {};
  const st: Any = node.status ?? {};
  w.write(LEVEL_0, `Name:\t${node.metadata.name ?? ''}\n`);
  const roles = findNodeRoles(node);
  w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
  printLabelsMultiline(w, 'Labels', node.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaintsMultilineWithIndent(w, '', 'Taints', '\t', spec.taints);
  w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
  if (lease) {
    w.write(LEVEL_0, 'Lease:\n');
    const ls: Any = lease.spec ?? {};
    w.write(LEVEL_1, `HolderIdentity:\t${ls.holderIdentity ?? '<unset>'}\n`);
    w.write(LEVEL_1, `AcquireTime:\t${ls.acquireTime ? rfc1123z(ls.acquireTime) : '<unset>'}\n`);
    w.write(LEVEL_1, `RenewTime:\t${ls.renewTime ? rfc1123z(ls.renewTime) : '<unset>'}\n`);
  } else {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: ${leaseError ?? `leases.coordination.k8s.io "${node.metadata.name}" not found`}\n`);
  }
  if ((st.conditions ?? []).length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions)
      w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(LEVEL_0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, string>) => {
    for (const r of sortStrings(Object.keys(list))) w.write(LEVEL_0, `  ${r}:\t${quantityString(parseQuantity(list[r]) ?? ZERO)}\n`);
  };
  if (Object.keys(st.capacity ?? {}).length > 0) {
    w.write(LEVEL_0, 'Capacity:\n');
    printList(st.capacity);
  }
  if (Object.keys(st.allocatable ?? {}).length > 0) {
    w.write(LEVEL_0, 'Allocatable:\n');
    printList(st.allocatable);
  }
  const ni: Any = st.nodeInfo ?? {};
  w.write(LEVEL_0, 'System Info:\n');
  w.write(LEVEL_0, `  Machine ID:\t${ni.machineID ?? ''}\n`);
  w.write(LEVEL_0, `  System UUID:\t${ni.systemUUID ?? ''}\n`);
  w.write(LEVEL_0, `  Boot ID:\t${ni.bootID ?? ''}\n`);
  w.write(LEVEL_0, `  Kernel Version:\t${ni.kernelVersion ?? ''}\n`);
  w.write(LEVEL_0, `  OS Image:\t${ni.osImage ?? ''}\n`);
  w.write(LEVEL_0, `  Operating System:\t${ni.operatingSystem ?? ''}\n`);
  w.write(LEVEL_0, `  Architecture:\t${ni.architecture ?? ''}\n`);
  w.write(LEVEL_0, `  Container Runtime Version:\t${ni.containerRuntimeVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kubelet Version:\t${ni.kubeletVersion ?? ''}\n`);
  w.write(LEVEL_0, `  Kube-Proxy Version:\t${ni.kubeProxyVersion ?? ''}\n`);
  if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
  if ((spec.podCIDRs ?? []).length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
  if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
  describeNodeResource(pods, node, w, now);
  if (events) describeEvents(events, w, now);
  return w.toString();
}
