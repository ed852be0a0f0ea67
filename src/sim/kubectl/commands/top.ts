/**
 * kubectl top node|pod (staging/src/k8s.io/kubectl/pkg/cmd/top, metricsutil/metrics_printer.go):
 * reads NodeMetrics / PodMetrics from the metrics.k8s.io API — the numbers the HPA controller
 * acts on — and prints them through kubectl's tabwriter, every cell tab-terminated as upstream.
 */
import type { CmdContext, CommandDef } from '../command';
import { bool, str } from '../command';
import type { Obj } from '../../client/types';
import { CmdError } from '../errors';
import { KUBECTL_TABLE_OPTS, tabify } from '../printers/tabwriter';
import { parseQuantity } from '../../core/quantity';
import { goDuration } from '../../core/duration';

const METRICS = '/apis/metrics.k8s.io/v1beta1';
/** top_pod.go metricsCreationDelay: pods younger than this may not have metrics yet. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;

interface Usage {
  cpu: number; // millicores, rounded up as Quantity.MilliValue
  memory: number; // bytes
}

const usageOf = (u: Obj | undefined): Usage => ({ cpu: Math.ceil(parseQuantity(u?.cpu ?? '0') * 1000 - 1e-9), memory: Math.ceil(parseQuantity(u?.memory ?? '0')) });
const cell = (v: string | number) => `${v}\t`;
const cpuText = (m: number) => `${m}m`;
const memText = (b: number) => `${Math.trunc(b / (1024 * 1024))}Mi`;

function checkFlags(ctx: CmdContext, use: 'node' | 'pod', selectorFlags: string[]): { name: string; sortBy: string } {
  const name = ctx.args[0] ?? '';
  if (ctx.args.length > 1) throw new CmdError(`${use} [NAME | -l label]\nSee 'kubectl top ${use} -h' for help and examples`);
  const sortBy = str(ctx.flags['sort-by']);
  if (sortBy && sortBy !== 'cpu' && sortBy !== 'memory') throw new CmdError('--sort-by accepts only cpu or memory');
  if (name && selectorFlags.some((f) => str(ctx.flags[f]))) throw new CmdError(selectorFlags.length > 1 ? 'only one of NAME or selector can be provided' : 'only one of NAME or --selector can be provided');
  // ServerGroups() — asked each time, not from the discovery cache: metrics-server may have come up since
  const groups = (ctx.env.client.request({ method: 'GET', path: '/apis' }).body as { groups?: { name: string }[] }).groups ?? [];
  if (!groups.some((g) => g.name === 'metrics.k8s.io')) throw new CmdError('Metrics API not available');
  return { name, sortBy };
}

function get(ctx: CmdContext, path: string, query: Record<string, string> = {}): Obj {
  const q = Object.fromEntries(Object.entries(query).filter(([, v]) => v));
  return ctx.env.client.request({ method: 'GET', path, query: q }).body as Obj;
}

/** sort.Sort keeps no order for ties; a stable sort gives the same rows for the same input. */
function sortRows<T>(rows: T[], sortBy: string, usage: (r: T) => Usage, name: (r: T) => string): T[] {
  if (sortBy === 'cpu') return rows.sort((a, b) => usage(b).cpu - usage(a).cpu);
  if (sortBy === 'memory') return rows.sort((a, b) => usage(b).memory - usage(a).memory);
  return rows.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}

const runTopNode: CommandDef['run'] = (ctx) => {
  const { name, sortBy } = checkFlags(ctx, 'node', ['selector']);
  const selector = str(ctx.flags.selector);
  const metrics: Obj[] = name ? [get(ctx, `${METRICS}/nodes/${encodeURIComponent(name)}`)] : get(ctx, `${METRICS}/nodes`, { labelSelector: selector }).items;
  if (!metrics.length) throw new CmdError('metrics not available yet');
  const nodes: Obj[] = name ? [ctx.env.client.get('nodes', undefined, name)] : ctx.env.client.list('nodes', undefined, selector ? { labelSelector: selector } : {}).items;
  const field = bool(ctx.flags['show-capacity']) ? 'capacity' : 'allocatable';
  const available = new Map(nodes.map((n) => [n.metadata.name!, usageOf(n.status?.[field])]));
  let text = bool(ctx.flags['no-headers']) ? '' : ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'].map(cell).join('') + '\n';
  const pct = (used: number, avail: number | undefined) => (avail === undefined ? '' : cell(`${avail ? Math.trunc((used / avail) * 100) : 0}%`));
  for (const m of sortRows(metrics, sortBy, (x) => usageOf(x.usage), (x) => x.metadata.name!)) {
    const u = usageOf(m.usage);
    const a = available.get(m.metadata.name!);
    // percentages use MilliValue on both sides: memory bytes ×1000 cancel out
    text += cell(m.metadata.name!) + cell(cpuText(u.cpu)) + pct(u.cpu, a?.cpu) + cell(memText(u.memory)) + pct(u.memory, a?.memory) + '\n';
    available.delete(m.metadata.name!);
  }
  // nodes without metrics (kubelet down): printMissingMetricsNodeLine
  for (const n of available.keys()) text += [n, '<unknown>', '<unknown>', '<unknown>', '<unknown>'].map(cell).join('') + '\n';
  ctx.env.stdout(tabify(text, KUBECTL_TABLE_OPTS));
  return 0;
};

const runTopPod: CommandDef['run'] = (ctx) => {
  const { name, sortBy } = checkFlags(ctx, 'pod', ['selector', 'field-selector']);
  const all = bool(ctx.flags['all-namespaces']);
  const labelSelector = str(ctx.flags.selector);
  const fieldSelector = str(ctx.flags['field-selector']);
  const base = all ? METRICS : `${METRICS}/namespaces/${encodeURIComponent(ctx.namespace)}`;
  const metrics: Obj[] = name ? [get(ctx, `${base}/pods/${encodeURIComponent(name)}`)] : get(ctx, `${base}/pods`, { labelSelector, fieldSelector }).items;
  if (!metrics.length) {
    verifyEmptyMetrics(ctx, name, labelSelector, fieldSelector);
    ctx.env.stderr(all ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
    return 0;
  }
  const containers = bool(ctx.flags.containers);
  const podUsage = (m: Obj): Usage => (m.containers ?? []).reduce((s: Usage, c: Obj) => {
    const u = usageOf(c.usage);
    return { cpu: s.cpu + u.cpu, memory: s.memory + u.memory };
  }, { cpu: 0, memory: 0 });
  const key = (m: Obj) => (all ? `${m.metadata.namespace}\u0000${m.metadata.name}` : m.metadata.name!);
  let text = '';
  if (!bool(ctx.flags['no-headers'])) text += [...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'].map(cell).join('') + '\n';
  const total: Usage = { cpu: 0, memory: 0 };
  for (const m of sortRows(metrics, sortBy, podUsage, key)) {
    const ns = all ? cell(m.metadata.namespace!) : '';
    if (containers) {
      for (const c of sortRows([...(m.containers ?? [])], sortBy, (x: Obj) => usageOf(x.usage), (x: Obj) => x.name)) {
        const u = usageOf(c.usage);
        text += ns + cell(m.metadata.name!) + cell(c.name) + cell(cpuText(u.cpu)) + cell(memText(u.memory)) + '\n';
      }
    } else {
      const u = podUsage(m);
      text += ns + cell(m.metadata.name!) + cell(cpuText(u.cpu)) + cell(memText(u.memory)) + '\n';
    }
    const u = podUsage(m);
    total.cpu += u.cpu;
    total.memory += u.memory;
  }
  if (bool(ctx.flags.sum)) {
    // printPodResourcesSum: the underline under the two usage columns, then the totals
    const width = 3 + (all ? 1 : 0) + (containers ? 1 : 0);
    text += cell('').repeat(width - 2) + cell('________') + cell('________') + '\n';
    text += cell('').repeat(width - 3) + cell('') + cell(cpuText(total.cpu)) + cell(memText(total.memory)) + '\n';
  }
  ctx.env.stdout(tabify(text, KUBECTL_TABLE_OPTS));
  return 0;
};

/** top_pod.go verifyEmptyMetrics: why there were no metrics at all. */
function verifyEmptyMetrics(ctx: CmdContext, name: string, labelSelector: string, fieldSelector: string): void {
  const pods: Obj[] = name
    ? [ctx.env.client.get('pods', ctx.namespace, name)]
    : ctx.env.client.list('pods', ctx.namespace, { ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) }).items;
  if (!name && !pods.length) return;
  for (const p of pods) {
    const age = ctx.env.now() - Date.parse(p.metadata.creationTimestamp!);
    if (age > METRICS_CREATION_DELAY_MS) throw new CmdError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${goDuration(age)}`);
  }
  throw new CmdError('metrics not available yet');
}

const common = [
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
  { name: 'no-headers', type: 'bool' as const, default: false },
  { name: 'sort-by', type: 'string' as const, default: '' },
  { name: 'use-protocol-buffers', type: 'bool' as const, default: true },
];

export const topCommand: CommandDef = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  sub: [
    { name: 'node', aliases: ['nodes', 'no'], short: 'Display resource (CPU/memory) usage of nodes', flags: [...common, { name: 'show-capacity', type: 'bool' as const, default: false }], run: runTopNode },
    {
      name: 'pod',
      aliases: ['pods', 'po'],
      short: 'Display resource (CPU/memory) usage of pods',
      flags: [
        ...common,
        { name: 'all-namespaces', short: 'A', type: 'bool' as const, default: false },
        { name: 'containers', type: 'bool' as const, default: false },
        { name: 'field-selector', type: 'string' as const, default: '' },
        { name: 'sum', type: 'bool' as const, default: false },
      ],
      run: runTopPod,
    },
  ],
};
