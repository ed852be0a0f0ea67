/** printPod (pkg/printers/internalversion/printers.go), reference/TABLES.md §3 Pod. */
import type { Obj } from '../../client/types';
import { parseTime } from '../../core/clock';
import { humanDuration } from '../../core/duration';
import { ageCol, col, nameCol, since } from './helpers';
import type { KindPrinter } from './printer';
import type { TableRowCondition } from './types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const SUCCEEDED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
const FAILED: TableRowCondition[] = [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];

const isSidecar = (c: Any): boolean => c?.restartPolicy === 'Always';

function later(cur: number | undefined, ts: string | undefined): number | undefined {
  const t = parseTime(ts);
  if (t === undefined) return cur;
  return cur === undefined || t > cur ? t : cur;
}

export function podRowCells(pod: Obj, nowMs: number): { cells: unknown[]; conditions?: TableRowCondition[] } {
  const spec: Any = pod.spec ?? {};
  const status: Any = pod.status ?? {};
  const containers: Any[] = spec.containers ?? [];
  const initSpecs: Any[] = spec.initContainers ?? [];
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = containers.length;
  let ready = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  const phase: string = status.phase ?? '';
  let reason: string = status.reason ? status.reason : phase;
  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }
  const conditions = phase === 'Succeeded' ? SUCCEEDED : phase === 'Failed' ? FAILED : undefined;
  const initByName = new Map<string, Any>();
  for (const c of initSpecs) {
    initByName.set(c.name, c);
    if (isSidecar(c)) total++;
  }
  let initializing = false;
  const initStatuses: Any[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount ?? 0;
    lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
    const sidecar = isSidecar(initByName.get(c.name));
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, c.lastState?.terminated?.finishedAt);
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && (term.exitCode ?? 0) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode ?? 0}`;
      else reason = 'Init:' + term.reason;
    } else if (wait && wait.reason && wait.reason !== 'PodInitializing') {
      reason = 'Init:' + wait.reason;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  const initializedTrue = (status.conditions ?? []).some((c: Any) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs: Any[] = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount ?? 0;
      lastRestart = later(lastRestart, c.lastState?.terminated?.finishedAt);
      const term = c.state?.terminated;
      if (c.state?.waiting && c.state.waiting.reason) reason = c.state.waiting.reason;
      else if (term && term.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c: Any) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  const deleting = !!pod.metadata.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsStr = `${restarts} (${humanDuration(nowMs - lastRestart)} ago)`;
  const podIP: string = status.podIPs?.[0]?.ip || '<none>';
  let gates = '<none>';
  const rg: Any[] = spec.readinessGates ?? [];
  if (rg.length) {
    let t = 0;
    for (const g of rg) {
      const c = (status.conditions ?? []).find((x: Any) => x.type === g.conditionType);
      if (c && c.status === 'True') t++;
    }
    gates = `${t}/${rg.length}`;
  }
  const cells = [
    pod.metadata.name ?? '',
    `${ready}/${total}`,
    reason,
    restartsStr,
    since(nowMs, pod.metadata.creationTimestamp),
    podIP,
    spec.nodeName || '<none>',
    status.nominatedNodeName || '<none>',
    gates,
  ];
  return conditions ? { cells, conditions } : { cells };
}

export const podPrinter: KindPrinter = {
  columns: [
    nameCol(),
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageCol(),
    col('IP', 'string', 'core/v1.PodStatus.podIP', 1),
    col('Node', 'string', 'core/v1.PodSpec.nodeName', 1),
    col('Nominated Node', 'string', 'core/v1.PodStatus.nominatedNodeName', 1),
    col('Readiness Gates', 'string', 'core/v1.PodSpec.readinessGates', 1),
  ],
  row: podRowCells,
};
