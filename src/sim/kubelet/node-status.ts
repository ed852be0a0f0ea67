/**
 * The Node object the kubelet registers and the status it keeps current (node status setters):
 * conditions with upstream reasons and messages, addresses, daemon endpoints, node info, images.
 */
import type { Obj } from '../client/types';
import { toRFC3339 } from '../core/clock';
import type { NodeConfig } from './kubelet';

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastHeartbeatTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

const PRESSURE: [string, string, string][] = [
  ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
];

/** The events the setters record when a condition first appears. */
export const PRESSURE_EVENTS = ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID'];

export const NOT_READY_STARTING = 'container runtime status check may not have completed yet';

export function nodeConditions(prev: NodeCondition[] | undefined, now: number, ready: boolean, notReadyMessage = NOT_READY_STARTING): NodeCondition[] {
  const ts = toRFC3339(now);
  const keep = (type: string, status: string) => {
    const p = prev?.find((c) => c.type === type);
    return p && p.status === status ? p.lastTransitionTime : ts;
  };
  const out: NodeCondition[] = PRESSURE.map(([type, reason, message]) => ({ type, status: 'False', lastHeartbeatTime: ts, lastTransitionTime: keep(type, 'False'), reason, message }));
  out.push(
    ready
      ? { type: 'Ready', status: 'True', lastHeartbeatTime: ts, lastTransitionTime: keep('Ready', 'True'), reason: 'KubeletReady', message: 'kubelet is posting ready status' }
      : { type: 'Ready', status: 'False', lastHeartbeatTime: ts, lastTransitionTime: keep('Ready', 'False'), reason: 'KubeletNotReady', message: notReadyMessage },
  );
  return out;
}

/** The Node object as the kubelet registers it (Go field order). */
export function nodeObject(cfg: NodeConfig, conditions: NodeCondition[], images: { names: string[]; sizeBytes: number }[]): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: cfg.name,
      labels: sorted(cfg.labels),
      annotations: sorted(cfg.annotations),
    },
    spec: {
      podCIDR: cfg.podCIDR,
      podCIDRs: [cfg.podCIDR],
      ...(cfg.taints.length ? { taints: cfg.taints } : {}),
    },
    status: nodeStatus(cfg, conditions, images),
  };
}

export function nodeStatus(cfg: NodeConfig, conditions: NodeCondition[], images: { names: string[]; sizeBytes: number }[]): Obj['status'] {
  return {
    capacity: cfg.capacity,
    allocatable: cfg.allocatable,
    conditions,
    addresses: [
      { type: 'InternalIP', address: cfg.ip },
      { type: 'Hostname', address: cfg.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: cfg.nodeInfo,
    images,
    runtimeHandlers: cfg.runtimeHandlers,
  };
}

function sorted(m: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}
