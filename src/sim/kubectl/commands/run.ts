/** kubectl run: create one Pod (labels run=<name>), the way kubectl 1.32 builds it. */
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, num, str } from '../command';
import { CmdError } from '../errors';
import { resolve } from '../discovery';
import type { Obj } from '../../client/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printResult } from './shared';
import { mergePatch } from '../../api/patch/merge';
import { printTyped, sortMap, type StaticKind } from './generators';

const KIND_POD: StaticKind = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };

export const runCommand: CommandDef = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  required: ['image'],
  flags: [
    { name: 'image', type: 'string', default: '' },
    { name: 'env', type: 'stringArray' },
    { name: 'port', type: 'string', default: '' },
    { name: 'labels', short: 'l', type: 'string', default: '' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'restart', type: 'string', default: '' },
    { name: 'command', type: 'bool', default: false },
    { name: 'image-pull-policy', type: 'string', default: '' },
    { name: 'overrides', type: 'string', default: '' },
    { name: 'privileged', type: 'bool', default: false },
    { name: 'stdin', short: 'i', type: 'bool', default: false },
    { name: 'tty', short: 't', type: 'bool', default: false },
    { name: 'rm', type: 'bool', default: false },
    { name: 'attach', type: 'bool', default: false },
    { name: 'quiet', short: 'q', type: 'bool', default: false },
    { name: 'expose', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-run' },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'timeout', type: 'string', default: '0s' },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run: runRun,
};

function parseKV(list: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    for (const part of what === 'labels' ? item.split(',') : [item]) {
      const i = part.indexOf('=');
      if (i <= 0) throw new CmdError(`invalid ${what === 'labels' ? 'label' : what} spec: ${part}`);
      out[part.slice(0, i)] = part.slice(i + 1);
    }
  }
  return out;
}

async function runRun(ctx: CmdContext): Promise<number> {
  const { env, flags } = ctx;
  const name = ctx.args[0];
  if (!name) throw new CmdError('NAME is required for run\nSee \'kubectl run -h\' for help and examples', 1);
  const image = str(flags.image);
  if (!image) throw new CmdError('--image is required');
  const dry = dryRunOf(ctx);
  if (dry !== 'none' && (bool(flags.attach) || bool(flags.stdin) || bool(flags.tty))) {
    throw new CmdError("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n", 1, true);
  }
  const labels = str(flags.labels) ? parseKV([str(flags.labels)], 'labels') : { run: name };
  // Go field order of corev1.Container (printed as is by --dry-run=client -o json)
  const container: Obj = { name, image } as unknown as Obj;
  const rest = ctx.args.slice(1);
  if (rest.length) {
    if (bool(flags.command)) container.command = rest;
    else container.args = rest;
  }
  const port = str(flags.port);
  if (port) {
    if (!/^\d+$/.test(port)) throw new CmdError(`strconv.Atoi: parsing "${port}": invalid syntax`);
    container.ports = [{ containerPort: Number(port) }];
  }
  const envs = arr(flags.env);
  if (envs.length) container.env = Object.entries(parseKV(envs, 'env')).map(([k, v]) => ({ name: k, value: v }));
  container.resources = {};
  if (str(flags['image-pull-policy'])) container.imagePullPolicy = str(flags['image-pull-policy']);
  if (bool(flags.privileged)) container.securityContext = { privileged: true };
  if (bool(flags.stdin)) container.stdin = true;
  if (bool(flags.stdin)) container.stdinOnce = true;
  if (bool(flags.tty)) container.tty = true;
  const restart = str(flags.restart) || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new CmdError(`invalid restart policy: ${restart}`);
  let pod: Obj = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, ...(ctx.changed.has('namespace') ? { namespace: ctx.namespace } : {}), creationTimestamp: null as unknown as string, labels: sortMap(labels), ...(arr(flags.annotations).length ? { annotations: sortMap(parseKV(arr(flags.annotations), 'annotation')) } : {}) },
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
  if (str(flags.overrides)) {
    try {
      pod = mergePatch(pod, JSON.parse(str(flags.overrides))) as Obj;
    } catch (e) {
      throw new CmdError(`unable to parse "${str(flags.overrides)}": ${(e as Error).message}`);
    }
  }
  const r = resolve(env, 'pods');
  if (dry === 'client') {
    if (str(flags.output)) printTyped(ctx, KIND_POD, pod, dry, true);
    else printResult(ctx, r, pod, 'created', dry);
    return 0;
  }
  const created = env.client.request({
    method: 'POST',
    path: `/api/v1/namespaces/${ctx.namespace}/pods`,
    query: { fieldManager: str(flags['field-manager']), ...(dry === 'server' ? { dryRun: 'All' } : {}) },
    body: pod,
    contentType: 'application/json',
  }).body as Obj;
  printResult(ctx, r, created, 'created', dry);
  void num;
  return 0;
}
