/**
 * crictl (v1.32) against the node's containerd: ps, pods, images, logs, inspect, inspectp, stop, rm,
 * version, info. Table layout is crictl's tabwriter (min width 20, padding 3); ids are truncated to 13.
 */
import type { Obj } from '../client/types';
import type { ContainerRecord, ContainerRuntime } from '../kubelet/runtime';
import type { CommandContext } from '../shell/types';

export interface CriHost {
  runtime: ContainerRuntime;
  /** Pods by uid (names for the POD/NAME/NAMESPACE columns). */
  pods(): Map<string, Obj>;
  now(): number;
  pidOf(containerId: string): number;
  watchLimitMs?: number;
}

const SOCK = 'unix:///run/containerd/containerd.sock';
const UNAVAILABLE = 'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"';

/** docker/go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** docker/go-units HumanSizeWithPrecision(size, 3): decimal units. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(3))}${units[i]}`;
}

/** text/tabwriter with minwidth 20, padding 3 (the last column is not padded). */
function table(rows: string[][]): string {
  const n = Math.max(...rows.map((r) => r.length));
  const w: number[] = [];
  for (let i = 0; i < n - 1; i++) w[i] = Math.max(20, ...rows.map((r) => (r[i] ?? '').length + 3));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(w[i]) : c)).join('') + '\n').join('');
}

const trunc = (id: string) => id.replace(/^sha256:/, '').slice(0, 13);

const STATE: Record<string, string> = { running: 'Running', exited: 'Exited', created: 'Created' };
const CSTATE: Record<string, string> = { running: 'CONTAINER_RUNNING', exited: 'CONTAINER_EXITED', created: 'CONTAINER_CREATED' };

function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

export async function crictl(argv: string[], ctx: CommandContext, h: CriHost): Promise<number> {
  const args = argv.slice(1);
  const has = (...f: string[]) => f.some((x) => args.includes(x));
  const opt = (...names: string[]): string | undefined => {
    for (let i = 0; i < args.length; i++) {
      for (const n of names) {
        if (args[i] === n) return args[i + 1];
        if (args[i].startsWith(n + '=')) return args[i].slice(n.length + 1);
      }
    }
    return undefined;
  };
  const positional: string[] = [];
  const valued = new Set(['--name', '--pod', '-p', '--namespace', '--state', '--tail', '--image', '-o', '--output', '--label', '--since', '-r', '--runtime-endpoint', '-i', '--image-endpoint', '-t', '--timeout']);
  for (let i = 0; i < args.length; i++) {
    if (valued.has(args[i])) i++;
    else if (!args[i].startsWith('-')) positional.push(args[i]);
  }
  const sub = positional[0];
  const fatal = (msg: string) => {
    ctx.stderr(`FATA[0000] ${msg}\n`);
    return 1;
  };
  if (!sub || has('-h', '--help')) {
    ctx.stdout('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nVERSION:\n   v1.32.0\n\nCOMMANDS:\n   attach              Attach to a running container\n   create              Create a new container\n   exec                Run a command in a running container\n   version             Display runtime version information\n   images, image, img  List images\n   inspect             Display the status of one or more containers\n   inspecti            Return the status of one or more images\n   imagefsinfo         Return image filesystem info\n   inspectp            Display the status of one or more pods\n   logs                Fetch the logs of a container\n   port-forward        Forward local port to a pod\n   ps                  List containers\n   pull                Pull an image from a registry\n   run                 Run a new container inside a sandbox\n   runp                Run a new pod\n   rm                  Remove one or more containers\n   rmi                 Remove one or more images\n   rmp                 Remove one or more pods\n   pods                List pods\n   start               Start one or more created containers\n   info                Display information of the container runtime\n   stop                Stop one or more running containers\n   stopp               Stop one or more running pods\n   update              Update one or more running containers\n   config              Get and set crictl client configuration options\n   stats               List container(s) resource usage statistics\n   statsp              List pod statistics. Stats represent a structured API that will fulfill the Kubelet\'s /stats/summary endpoint.\n   checkpoint          Checkpoint one or more running containers\n   events, event       Stream the events of containers\n   update-runtime-config  Update the runtime configuration\n   completion          Output shell completion code\n   help, h             Shows a list of commands or help for one command\n\nGLOBAL OPTIONS:\n   --config value, -c value            Location of the client config file. If not specified and the default does not exist, the program\'s directory is searched as well (default: "/etc/crictl.yaml") [$CRI_CONFIG_FILE]\n   --debug, -D                         Enable debug mode (default: false)\n   --help, -h                          show help\n   --version, -v                       print the version\n');
    return 0;
  }
  if (has('-v', '--version') && !sub) {
    ctx.stdout('crictl version v1.32.0\n');
    return 0;
  }
  const rt = h.runtime;
  if (!rt.up) return fatal(`validate service connection: validate CRI v1 runtime API for endpoint "${SOCK}": ${UNAVAILABLE}`);
  const pods = h.pods();
  const now = h.now();
  const sandboxOf = (uid: string) => rt.sandboxes.get(uid);
  const podMeta = (uid: string) => pods.get(uid)?.metadata ?? { name: '', namespace: '' };
  const findContainer = (id: string): ContainerRecord | undefined => {
    const hits = [...rt.containers.values()].filter((c) => c.id.startsWith(id));
    return hits.length === 1 ? hits[0] : undefined;
  };

  switch (sub) {
    case 'version':
      ctx.stdout('Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  1.7.24\nRuntimeApiVersion:  v1\n');
      return 0;
    case 'ps': {
      const all = has('-a', '--all');
      const quiet = has('-q', '--quiet');
      const name = opt('--name');
      const pod = opt('--pod', '-p');
      const state = opt('--state');
      const latest = has('-l', '--latest');
      let cs = [...rt.containers.values()].filter((c) => all || c.state === 'running' || (state && STATE[c.state].toLowerCase() === state.toLowerCase()));
      if (state) cs = cs.filter((c) => STATE[c.state].toLowerCase() === state.toLowerCase());
      if (name) cs = cs.filter((c) => new RegExp(name).test(c.name));
      if (pod) cs = cs.filter((c) => (sandboxOf(c.podUid)?.id ?? '').startsWith(pod));
      cs.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
      if (latest) cs = cs.slice(0, 1);
      if (quiet) {
        ctx.stdout(cs.map((c) => c.id + '\n').join(''));
        return 0;
      }
      const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD']];
      for (const c of cs) rows.push([trunc(c.id), trunc(c.image.id), `${humanDuration(now - c.createdAt)} ago`, STATE[c.state], c.name, String(c.attempt), trunc(sandboxOf(c.podUid)?.id ?? ''), podMeta(c.podUid).name ?? '']);
      ctx.stdout(table(rows));
      return 0;
    }
    case 'pods': {
      const quiet = has('-q', '--quiet');
      const name = opt('--name');
      const ns = opt('--namespace');
      let ps = [...rt.sandboxes.entries()].map(([uid, s]) => ({ uid, ...s, meta: podMeta(uid) }));
      if (name) ps = ps.filter((p) => new RegExp(name).test(p.meta.name ?? ''));
      if (ns) ps = ps.filter((p) => new RegExp(ns).test(p.meta.namespace ?? ''));
      ps.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
      if (quiet) {
        ctx.stdout(ps.map((p) => p.id + '\n').join(''));
        return 0;
      }
      const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
      for (const p of ps) rows.push([trunc(p.id), `${humanDuration(now - p.createdAt)} ago`, 'Ready', p.meta.name ?? '', p.meta.namespace ?? '', '0', '(default)']);
      ctx.stdout(table(rows));
      return 0;
    }
    case 'images':
    case 'image':
    case 'img': {
      const quiet = has('-q', '--quiet');
      const imgs = [...rt.images.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
      if (quiet) {
        ctx.stdout([...new Set(imgs.map((i) => i.id))].map((i) => i + '\n').join(''));
        return 0;
      }
      const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
      for (const i of imgs) {
        const colon = i.name.lastIndexOf(':');
        rows.push([i.name.slice(0, colon), i.name.slice(colon + 1), trunc(i.id), humanSize(i.size)]);
      }
      ctx.stdout(table(rows));
      return 0;
    }
    case 'logs': {
      const id = positional[1];
      if (!id) return fatal('ID cannot be empty');
      const c = findContainer(id);
      if (!c) return fatal(`rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
      let lines = rt.logs(c.id);
      const tail = opt('--tail');
      if (tail !== undefined && Number(tail) >= 0) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
      const ts = has('-t', '--timestamps');
      ctx.stdout(lines.map((l) => (ts ? `${rfc3339Nano(l.at)} ${l.text}\n` : l.text + '\n')).join(''));
      if (has('-f', '--follow') && c.state === 'running') {
        let n = rt.logs(c.id).length;
        const start = h.now();
        while (c.state === 'running' && (h.watchLimitMs === undefined || h.now() - start < h.watchLimitMs)) {
          await ctx.sleep(1000);
          const all = rt.logs(c.id);
          if (all.length > n) ctx.stdout(all.slice(n).map((l) => l.text + '\n').join(''));
          n = all.length;
        }
      }
      return 0;
    }
    case 'inspect': {
      const ids = positional.slice(1);
      if (!ids.length) return fatal('ID cannot be empty');
      const out: unknown[] = [];
      for (const id of ids) {
        const c = findContainer(id);
        if (!c) return fatal(`getting the status of the container "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
        const meta = podMeta(c.podUid);
        const labels = { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': meta.name ?? '', 'io.kubernetes.pod.namespace': meta.namespace ?? '', 'io.kubernetes.pod.uid': c.podUid };
        out.push({
          status: {
            id: c.id,
            metadata: { attempt: c.attempt, name: c.name },
            state: CSTATE[c.state],
            createdAt: rfc3339Nano(c.createdAt),
            startedAt: c.startedAt ? rfc3339Nano(c.startedAt) : '0001-01-01T00:00:00Z',
            finishedAt: c.finishedAt ? rfc3339Nano(c.finishedAt) : '0001-01-01T00:00:00Z',
            exitCode: c.exitCode ?? 0,
            image: { annotations: {}, image: c.image.name, runtimeHandler: '', userSpecifiedImage: '' },
            imageRef: c.image.repoDigest,
            reason: c.reason ?? '',
            message: '',
            labels,
            annotations: { 'io.kubernetes.container.restartCount': String(c.attempt), 'io.kubernetes.container.terminationMessagePath': '/dev/termination-log', 'io.kubernetes.container.terminationMessagePolicy': 'File', 'io.kubernetes.pod.terminationGracePeriod': '30' },
            mounts: [],
            logPath: `/var/log/pods/${meta.namespace}_${meta.name}_${c.podUid}/${c.name}/${c.attempt}.log`,
            resources: null,
          },
          info: { sandboxID: sandboxOf(c.podUid)?.id ?? '', pid: c.state === 'running' ? h.pidOf(c.id) : 0, removing: false, snapshotKey: c.id, snapshotter: 'overlayfs', runtimeType: 'io.containerd.runc.v2', runtimeOptions: { systemd_cgroup: true } },
        });
      }
      const text = JSON.stringify(out.length === 1 ? out[0] : out, null, 2);
      const o = opt('-o', '--output');
      if (o === 'go-template') return fatal('template string cannot be empty');
      ctx.stdout(text + '\n');
      return 0;
    }
    case 'inspectp': {
      const id = positional[1];
      if (!id) return fatal('ID cannot be empty');
      const hit = [...rt.sandboxes.entries()].find(([, s]) => s.id.startsWith(id));
      if (!hit) return fatal(`getting the pod sandbox status for "${id}": rpc error: code = NotFound desc = an error occurred when try to find sandbox: not found`);
      const [uid, s] = hit;
      const meta = podMeta(uid);
      ctx.stdout(JSON.stringify({ status: { id: s.id, metadata: { attempt: 0, name: meta.name, namespace: meta.namespace, uid }, state: 'SANDBOX_READY', createdAt: rfc3339Nano(s.createdAt), network: { additionalIps: [], ip: s.ip }, linux: { namespaces: { options: { ipc: 'POD', network: pods.get(uid)?.spec?.hostNetwork ? 'NODE' : 'POD', pid: 'CONTAINER', targetId: '', usernsOptions: null } } }, labels: { ...(pods.get(uid)?.metadata.labels ?? {}), 'io.kubernetes.pod.name': meta.name, 'io.kubernetes.pod.namespace': meta.namespace, 'io.kubernetes.pod.uid': uid }, annotations: pods.get(uid)?.metadata.annotations ?? {}, runtimeHandler: '' } }, null, 2) + '\n');
      return 0;
    }
    case 'stop': {
      const ids = positional.slice(1);
      if (!ids.length) return fatal('ID cannot be empty');
      for (const id of ids) {
        const c = findContainer(id);
        if (!c) return fatal(`stopping the container "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
        rt.stopContainer(c.id, Number(opt('--timeout', '-t') ?? 0) * 1000);
        ctx.stdout(id + '\n');
      }
      return 0;
    }
    case 'info':
      ctx.stdout(JSON.stringify({ status: { conditions: [{ type: 'RuntimeReady', status: true, reason: '', message: '' }, { type: 'NetworkReady', status: true, reason: '', message: '' }] }, config: { containerd: { snapshotter: 'overlayfs', defaultRuntimeName: 'runc' }, sandboxImage: 'registry.k8s.io/pause:3.10' } }, null, 2) + '\n');
      return 0;
    default:
      return fatal(`command "${sub}" is not supported in this simulation`);
  }
}
