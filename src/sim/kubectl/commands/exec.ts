/** kubectl exec: run a command in a container through the apiserver's pods/exec (→ the kubelet). */
import type { CommandDef } from '../command';
import { bool, str } from '../command';
import { CmdError } from '../errors';
import { resolve, itemPath, collectionPath } from '../discovery';
import type { Obj } from '../../client/types';
import { selectorStringFromMap } from '../../api/selectors';
import { ApiError } from '../../core/errors';
import type { KubectlEnv } from '../env';

const USAGE = "expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND are required arguments for the exec command\nSee 'kubectl exec -h' for help and examples";

export const execCommand: CommandDef = {
  name: 'exec',
  short: 'Execute a command in a container',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'stdin', short: 'i', type: 'bool', default: false },
    { name: 'tty', short: 't', type: 'bool', default: false },
    { name: 'quiet', short: 'q', type: 'bool', default: false },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    const [target, ...command] = ctx.args;
    if (!target) throw new CmdError(USAGE);
    if (!command.length) throw new CmdError('you must specify at least one command for the container');
    const pod = podFor(env, ctx.namespace, target);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`cannot exec into a container in a completed pod; current phase is ${phase}`);
    const containers: string[] = (pod.spec?.containers ?? []).map((c: Obj) => c.name);
    let container = str(flags.container);
    if (!container) {
      container = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0];
      if (containers.length + (pod.spec?.initContainers?.length ?? 0) > 1 && !bool(flags.quiet)) {
        const all = [...containers, ...(pod.spec?.initContainers ?? []).map((c: Obj) => `${c.name} (init)`)];
        env.stderr(`Defaulted container "${container}" out of: ${all.join(', ')}\n`);
      }
    }
    const tty = bool(flags.tty);
    const stdinOn = bool(flags.stdin);
    if (tty && !stdinOn && !bool(flags.quiet)) env.stderr('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    const io = {
      stdin: stdinOn ? env.stdin : undefined,
      stdout: (s: string) => env.stdout(tty ? s : s),
      stderr: (s: string) => env.stderr(s),
      signal: env.signal,
      sleep: (ms: number) => env.sleep(ms),
      tty: tty && stdinOn,
    };
    const ns = pod.metadata.namespace!;
    try {
      if (tty && stdinOn && env.openSession) {
        const session = await env.client.execSession(ns, pod.metadata.name!, container, command, io);
        if (!session.exited) env.openSession(session);
        return 0;
      }
      const code = await env.client.exec(ns, pod.metadata.name!, container, command, io);
      if (code !== 0) {
        env.stderr(`command terminated with exit code ${code}\n`);
        throw new CmdError('', code, true);
      }
      return 0;
    } catch (e) {
      if (e instanceof ApiError && (e.message.startsWith('unable to upgrade connection') || e.message.startsWith('Internal error occurred'))) throw new CmdError(e.message);
      throw e;
    }
  },
};

/** The pod for `POD` or `TYPE/NAME` (the first pod of a workload, as kubectl picks it). */
function podFor(env: KubectlEnv, ns: string, target: string): Obj {
  const pods = resolve(env, 'pods');
  if (!target.includes('/')) return env.client.request({ method: 'GET', path: itemPath(pods, ns, target) }).body as Obj;
  const type = target.slice(0, target.indexOf('/'));
  const name = target.slice(target.indexOf('/') + 1);
  const r = resolve(env, type);
  if (r.resource === 'pods') return env.client.request({ method: 'GET', path: itemPath(pods, ns, name) }).body as Obj;
  const owner = env.client.request({ method: 'GET', path: itemPath(r, ns, name) }).body as Obj;
  const sel = owner.spec?.selector?.matchLabels ?? owner.spec?.selector;
  const list = (env.client.request({ method: 'GET', path: collectionPath(pods, ns), query: { labelSelector: selectorStringFromMap(sel) } }).body as { items: Obj[] }).items;
  const running = list.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
  if (!running.length) throw new CmdError('timed out waiting for the condition');
  running.sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? 1 : a.metadata.name! < b.metadata.name! ? -1 : 1));
  return running[0];
}
