/**
 * The pod status the kubelet reports (generateAPIPodStatus): phase from the container states,
 * the five conditions in upstream order, container statuses in Go field order.
 */
import type { Obj } from '../client/types';
import { toRFC3339 } from '../core/clock';

export interface ContainerStatusView {
  name: string;
  state: Record<string, unknown>;
  lastState: Record<string, unknown>;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started: boolean;
}

export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

interface Cond {
  type: string;
  status: 'True' | 'False';
  reason?: string;
  message?: string;
}

/**
 * getPhase (pkg/kubelet/kubelet_pods.go): Pending while any container waits without having
 * run, Running when one runs (or all restart), Succeeded/Failed when all have stopped for good.
 */
export function computePhase(spec: Obj['spec'], init: ContainerStatusView[], main: ContainerStatusView[], initDone: boolean, podIsTerminal: boolean): Phase {
  if (!initDone) {
    const failedForGood = init.some((s) => (s.state.terminated as { exitCode?: number } | undefined)?.exitCode && spec.restartPolicy === 'Never');
    return failedForGood ? 'Failed' : 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of main) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if ((s.state.terminated as { exitCode: number }).exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) {
        stopped++;
        if ((s.lastState.terminated as { exitCode: number }).exitCode === 0) succeeded++;
      } else waiting++;
    }
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (spec.restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (spec.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** The kubelet-owned conditions, keeping lastTransitionTime when a status did not change. */
export function podConditions(prev: Obj[] | undefined, now: number, o: { sandboxReady: boolean; initialized: boolean; initPending: string[]; notReady: string[]; phase: Phase }): Obj[] {
  const done = o.phase === 'Succeeded' || o.phase === 'Failed';
  const doneReason = o.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
  const conds: Cond[] = [];
  conds.push({ type: 'PodReadyToStartContainers', status: o.sandboxReady ? 'True' : 'False' });
  if (o.initialized) conds.push({ type: 'Initialized', status: 'True', ...(done ? { reason: doneReason } : {}) });
  else conds.push({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${o.initPending.join(' ')}]` });
  let ready: Cond;
  if (done) ready = { type: 'Ready', status: 'False', reason: doneReason };
  else if (!o.initialized) ready = { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${o.notReady.join(' ')}]` };
  else if (o.notReady.length) ready = { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${o.notReady.join(' ')}]` };
  else ready = { type: 'Ready', status: 'True' };
  conds.push(ready);
  conds.push({ ...ready, type: 'ContainersReady' });
  const scheduled = (prev ?? []).find((c) => c.type === 'PodScheduled');
  const out: Obj[] = conds.map((c) => {
    const p = (prev ?? []).find((x) => x.type === c.type);
    const ltt = p && p.status === c.status ? p.lastTransitionTime : toRFC3339(now);
    return { type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime: ltt, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) } as unknown as Obj;
  });
  out.push((scheduled ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: toRFC3339(now) }) as Obj);
  return out;
}
