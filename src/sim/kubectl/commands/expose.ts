/** kubectl expose: a Service for a pod, deployment, replica set, replication controller or service. */
import type { CommandDef, CmdContext } from '../command';
import { str } from '../command';
import { CmdError, errorText } from '../errors';
import type { Obj } from '../../client/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './shared';
import { collectTargets, drySuffix, type Target } from './targets';
import { printTyped, sortMap, KIND } from './generators';
import { mergePatch } from '../../api/patch/merge';

function selectorFor(o: Obj): Record<string, string> {
  switch (o.kind) {
    case 'Pod':
      if (!o.metadata.labels || !Object.keys(o.metadata.labels).length) throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed`);
      return o.metadata.labels;
    case 'Service':
      if (!o.spec?.selector) throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: the service has no pod selector set`);
      return o.spec.selector;
    case 'ReplicationController':
      return o.spec?.selector ?? {};
    default: {
      const sel = o.spec?.selector ?? {};
      if ((sel.matchExpressions ?? []).length) throw new CmdError(`couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "${JSON.stringify(sel)}" to map-based selector format`);
      return sel.matchLabels ?? {};
    }
  }
}

function containersOf(o: Obj): Obj[] {
  if (o.kind === 'Pod') return o.spec?.containers ?? [];
  return o.spec?.template?.spec?.containers ?? [];
}

/** PortsForObject + ProtocolsForObject */
function portsFor(o: Obj): { ports: string[]; protocols: Map<string, string[]> } {
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  if (o.kind === 'Service') {
    for (const p of (o.spec?.ports ?? []) as Obj[]) {
      ports.push(String(p.port));
      protocols.set(String(p.port), [...(protocols.get(String(p.port)) ?? []), p.protocol ?? 'TCP']);
    }
    return { ports, protocols };
  }
  for (const c of containersOf(o)) {
    for (const p of (c.ports ?? []) as Obj[]) {
      const k = String(p.containerPort);
      if (!ports.includes(k)) ports.push(k);
      protocols.set(k, [...(protocols.get(k) ?? []), p.protocol ?? 'TCP']);
    }
  }
  return { ports, protocols };
}

function parseLabelSpec(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new CmdError(`unexpected label spec: ${part}`);
    if (!kv[0]) throw new CmdError('unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}

function buildService(ctx: CmdContext, t: Target): Obj {
  const { flags } = ctx;
  const o = t.obj;
  if (!['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'].includes(o.kind ?? '')) {
    throw new CmdError(`cannot expose a ${t.r.group ? `${t.r.kind}.${t.r.group}` : t.r.kind}`);
  }
  const selector = str(flags.selector) ? parseLabelSpec(str(flags.selector)) : selectorFor(o);
  if (!Object.keys(selector).length) throw new CmdError('selector must be specified');
  const headless = str(flags['cluster-ip']) === 'None';
  let portStr = str(flags.port);
  const intro = portsFor(o);
  if (!portStr) {
    if (intro.ports.length === 0 && !headless) throw new CmdError("couldn't find port via --port flag or introspection");
    portStr = intro.ports.join(',');
  }
  const protocolFlag = str(flags.protocol);
  const ports: Record<string, unknown>[] = [];
  if (portStr) {
    const list = portStr.split(',');
    list.forEach((p, i) => {
      if (!/^[+-]?\d+$/.test(p)) throw new CmdError(`strconv.Atoi: parsing "${p}": invalid syntax`);
      const name = list.length > 1 ? `port-${i + 1}` : '';
      let protocol = protocolFlag;
      if (!protocol) {
        protocol = 'TCP';
        const found = intro.protocols.get(p);
        if (found && intro.protocols.size) {
          if (found.length === 1) protocol = found[0];
          else {
            for (const proto of found) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, protocol: proto, port: Number(p) });
            return;
          }
        }
      }
      ports.push({ ...(name ? { name } : {}), protocol, port: Number(p) });
    });
  }
  const tp = str(flags['target-port']);
  for (const p of ports) p.targetPort = tp ? (/^[+-]?\d+$/.test(tp) ? Number(tp) : tp) : p.port;
  const labels = str(flags.labels) ? parseLabelSpec(str(flags.labels)) : (o.metadata.labels ?? {});
  const name = str(flags.name) || t.name.slice(0, 63);
  const metadata: Record<string, unknown> = { name };
  if (ctx.changed.has('namespace') && dryRunOf(ctx) === 'client') metadata.namespace = ctx.namespace;
  metadata.creationTimestamp = null;
  if (Object.keys(labels).length) metadata.labels = sortMap(labels);
  const spec: Record<string, unknown> = {};
  if (ports.length) spec.ports = ports;
  spec.selector = sortMap(selector);
  if (str(flags['cluster-ip'])) spec.clusterIP = str(flags['cluster-ip']);
  if (str(flags.type)) spec.type = str(flags.type);
  if (str(flags['external-ip'])) spec.externalIPs = [str(flags['external-ip'])];
  const aff = str(flags['session-affinity']);
  if (aff) {
    if (aff !== 'None' && aff !== 'ClientIP') throw new CmdError(`unknown session affinity: ${aff}`);
    spec.sessionAffinity = aff;
  }
  if (spec.type === 'LoadBalancer' && str(flags['load-balancer-ip'])) spec.loadBalancerIP = str(flags['load-balancer-ip']);
  let svc: Obj = { kind: 'Service', apiVersion: 'v1', metadata: metadata as Obj['metadata'], spec, status: { loadBalancer: {} } };
  if (str(flags.overrides)) {
    try {
      svc = mergePatch(svc, JSON.parse(str(flags.overrides))) as Obj;
    } catch (e) {
      throw new CmdError(`unable to parse "${str(flags.overrides)}": ${(e as Error).message}`);
    }
  }
  return svc;
}

export const exposeCommand: CommandDef = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    { name: 'port', type: 'string', default: '' },
    { name: 'target-port', type: 'string', default: '' },
    { name: 'protocol', type: 'string', default: '' },
    { name: 'type', type: 'string', default: '' },
    { name: 'name', type: 'string', default: '' },
    { name: 'selector', type: 'string', default: '' },
    { name: 'labels', short: 'l', type: 'string', default: '' },
    { name: 'external-ip', type: 'string', default: '' },
    { name: 'load-balancer-ip', type: 'string', default: '' },
    { name: 'session-affinity', type: 'string', default: '' },
    { name: 'cluster-ip', type: 'string', default: '' },
    { name: 'overrides', type: 'string', default: '' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'filename', short: 'f', type: 'stringArray' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-expose' },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
  ],
  run(ctx) {
    const { env, flags } = ctx;
    if (!ctx.args.length && !(flags.filename as string[]).length) {
      throw new CmdError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    }
    const { targets, errors } = collectTargets(ctx, ctx.args);
    const dry = dryRunOf(ctx);
    let failed = false;
    for (const t of targets) {
      try {
        const svc = buildService(ctx, t);
        if (dry === 'client') {
          printExposed(ctx, svc, dry, true);
          continue;
        }
        const created = env.client.request({
          method: 'POST',
          path: `/api/v1/namespaces/${ctx.namespace}/services`,
          query: { fieldManager: str(flags['field-manager']), ...(dry === 'server' ? { dryRun: 'All' } : {}) },
          body: svc,
          contentType: 'application/json',
        }).body as Obj;
        printExposed(ctx, created, dry, false);
      } catch (e) {
        failed = true;
        env.stderr(errorText(e));
        break;
      }
    }
    for (const e of errors) env.stderr(e);
    return failed || errors.length ? 1 : 0;
  },
};

function printExposed(ctx: CmdContext, svc: Obj, dry: string, typed: boolean): void {
  if (str(ctx.flags.output)) printTyped(ctx, KIND.service, svc, dry, typed);
  else ctx.env.stdout(`service/${svc.metadata.name} exposed${drySuffix(dry)}\n`);
}
