/** kubectl top: the simulated cluster has no metrics-server, so the Metrics API is not available. */
import type { CommandDef } from '../command';
import { CmdError } from '../errors';
import { discover } from '../discovery';

const metricsRun: CommandDef['run'] = (ctx) => {
  if (!discover(ctx.env).some((r) => r.group === 'metrics.k8s.io')) throw new CmdError('Metrics API not available');
  throw new CmdError('Metrics API not available');
};

const flags = [
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const, default: false },
  { name: 'containers', type: 'bool' as const, default: false },
  { name: 'no-headers', type: 'bool' as const, default: false },
  { name: 'sort-by', type: 'string' as const, default: '' },
  { name: 'sum', type: 'bool' as const, default: false },
  { name: 'show-capacity', type: 'bool' as const, default: false },
  { name: 'use-protocol-buffers', type: 'bool' as const, default: true },
  { name: 'field-selector', type: 'string' as const, default: '' },
];

export const topCommand: CommandDef = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  sub: [
    { name: 'node', aliases: ['nodes', 'no'], short: 'Display resource (CPU/memory) usage of nodes', flags, run: metricsRun },
    { name: 'pod', aliases: ['pods', 'po'], short: 'Display resource (CPU/memory) usage of pods', flags, run: metricsRun },
  ],
};
