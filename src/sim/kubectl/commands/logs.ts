/** kubectl logs: the pod (or the first pod of a workload), one container, --tail, -f, -p. */
import type { CommandDef } from '../command';
import { bool, num, str } from '../command';
import { CmdError } from '../errors';
import { resolve, itemPath, collectionPath } from '../discovery';
import type { Obj } from '../../client/types';
import { selectorStringFromMap } from '../../api/selectors';

export const logsCommand: CommandDef = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'follow', short: 'f', type: 'bool', default: false },
    { name: 'previous', short: 'p', type: 'bool', default: false },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'timestamps', type: 'bool', default: false },
    { name: 'since', type: 'string', default: '0s' },
    { name: 'since-time', type: 'string', default: '' },
    { name: 'all-containers', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'prefix', type: 'bool', default: false },
    { name: 'limit-bytes', type: 'int', default: 0 },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'pod-running-timeout', type: 'string', default: '20s' },
    { name: 'ignore-errors', type: 'bool', default: false },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool', default: false },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const selector = str(flags.selector);
    let pods: Obj[];
    if (selector) {
      pods = (env.client.request({ method: 'GET', path: collectionPath(resolve(env, 'pods'), ctx.namespace), query: { labelSelector: selector } }).body as { items: Obj[] }).items;
      if (!pods.length) {
        env.stderr('No resources found in ' + ctx.namespace + ' namespace.\n');
        return 0;
      }
    } else {
      const target = ctx.args[0];
      if (!target) throw new CmdError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
      if (ctx.args.length > 2) throw new CmdError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
      if (ctx.args[1] && !str(flags.container)) flags.container = ctx.args[1];
      pods = [podFor(ctx.env, ctx.namespace, target)];
    }
    for (const pod of pods) {
      const containers: string[] = (pod.spec?.containers ?? []).map((c: { name: string }) => c.name);
      let list: string[];
      if (bool(flags['all-containers'])) list = [...(pod.spec?.initContainers ?? []).map((c: { name: string }) => c.name), ...containers];
      else {
        let c = str(flags.container);
        if (!c) {
          c = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0];
          if (containers.length > 1) env.stderr(`Defaulted container "${c}" out of: ${containers.join(', ')}\n`);
        }
        list = [c];
      }
      for (const c of list) {
        const q: Record<string, string> = { container: c };
        if (num(flags.tail, -1) >= 0) q.tailLines = String(num(flags.tail, -1));
        if (bool(flags.timestamps)) q.timestamps = 'true';
        if (bool(flags.previous)) q.previous = 'true';
        const path = itemPath(resolve(env, 'pods'), pod.metadata.namespace, pod.metadata.name!, 'log');
        const text = env.client.request({ method: 'GET', path, query: q }).body as string;
        const prefix = bool(flags.prefix) ? `[pod/${pod.metadata.name}/${c}] ` : '';
        env.stdout(prefix ? text.split('\n').filter(Boolean).map((l) => prefix + l + '\n').join('') : text);
        if (bool(flags.follow) && list.length === 1 && pods.length === 1) {
          let seen = text;
          const limit = env.watchLimitMs;
          const start = env.now();
          while (!env.signal?.aborted && (limit === undefined || env.now() - start < limit)) {
            await env.sleep(1000);
            let now: string;
            try {
              now = env.client.request({ method: 'GET', path, query: { container: c, ...(bool(flags.timestamps) ? { timestamps: 'true' } : {}) } }).body as string;
            } catch {
              break;
            }
            if (now.length > seen.length && now.startsWith(seen.slice(0, Math.min(seen.length, 64)))) env.stdout(now.slice(seen.length));
            seen = now;
          }
        }
      }
    }
    return 0;
  },
};

/** A pod name, `pod/x`, or a workload (`deploy/x`, `rs/x`, `job/x`): its first pod. */
function podFor(env: Parameters<typeof resolve>[0], ns: string, target: string): Obj {
  const pods = resolve(env, 'pods');
  if (!target.includes('/')) return env.client.request({ method: 'GET', path: itemPath(pods, ns, target) }).body as Obj;
  const [type, name] = [target.slice(0, target.indexOf('/')), target.slice(target.indexOf('/') + 1)];
  const r = resolve(env, type);
  if (r.resource === 'pods') return env.client.request({ method: 'GET', path: itemPath(pods, ns, name) }).body as Obj;
  const owner = env.client.request({ method: 'GET', path: itemPath(r, ns, name) }).body as Obj;
  const sel = owner.spec?.selector?.matchLabels ?? owner.spec?.selector;
  const list = (env.client.request({ method: 'GET', path: collectionPath(pods, ns), query: { labelSelector: selectorStringFromMap(sel) } }).body as { items: Obj[] }).items;
  if (!list.length) throw new CmdError(`timed out waiting for the condition`);
  const sorted = [...list].sort((a, b) => rank(a) - rank(b));
  if (list.length > 1) env.stderr(`Found ${list.length} pods, using pod/${sorted[0].metadata.name}\n`);
  return sorted[0];
}

/** Prefer running, ready pods (kubectl's ByLogging order, reduced). */
function rank(p: Obj): number {
  const phase = p.status?.phase;
  return phase === 'Running' ? 0 : phase === 'Pending' ? 1 : 2;
}
