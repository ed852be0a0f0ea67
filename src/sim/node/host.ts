/**
 * A node's host OS: its own filesystem, systemd (kubelet, containerd — or etcd on a kubeasz etcd
 * host), journal, processes and the commands a learner runs after `ssh node01`. The kubelet reads
 * its static pods from this filesystem, so moving a manifest out of /etc/kubernetes/manifests stops
 * that pod, exactly as on a real node.
 */
import { parse as parseYaml } from 'yaml';
import type { Clock } from '../core/clock';
import { hexDigest } from '../core/hash';
import type { Obj } from '../client/types';
import type { ContainerRuntime } from '../kubelet/runtime';
import type { ManifestFile } from '../kubelet/static-pods';
import type { CommandContext, CommandFn, ReadonlyFiles } from '../shell/types';
import { Vfs } from '../shell/vfs';
import { crictl } from './crictl';
import { KUBELET_CONFIG, STATIC_POD_PATH, etcdExecStart, writeNodeFiles, type NodeFilesSpec, type NodeRole } from './files';
import { Journal } from './journal';
import { Systemd, type UnitSpec } from './systemd';
import { dfCommand, freeCommand, ipCommand, psCommand, uptimeCommand, type ProcRow } from './proc';

/** What the host needs of its kubelet (a Component with a container runtime). */
export interface HostKubelet {
  readonly running: boolean;
  readonly runtime: ContainerRuntime;
  start(): void;
  stop(): void;
  podsByUid(): Map<string, Obj>;
}

/** The networking engineer's per-node hooks (kube-proxy's programmed rules). */
export interface NodeNetworkHooks {
  iptablesSave?(table?: 'nat' | 'filter'): string;
  ipvsadm?(): string;
}

export interface NodeHostOptions extends Omit<NodeFilesSpec, 'role'> {
  role: NodeRole;
  podCIDR?: string;
  clock: Clock;
  /** Read-only files below the node's tree (the scripted runner's --mount, on the reader's machine). */
  files?: ReadonlyFiles;
  /** memory in KiB (node capacity) and CPUs, for free/top/ps. */
  memoryKi?: number;
  cpus?: number;
}

const KUBELET_CMD = '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10';

export class NodeHost {
  readonly name: string;
  readonly ip: string;
  readonly role: NodeRole;
  readonly podCIDR?: string;
  readonly fs: Vfs;
  readonly journal: Journal;
  readonly systemd: Systemd;
  readonly clock: Clock;
  readonly bootTime: number;
  readonly memoryKi: number;
  readonly cpus: number;
  kubelet?: HostKubelet;
  network?: NodeNetworkHooks;
  /** Bound `journalctl -f` / `crictl logs -f` in scripted runs. */
  watchLimitMs?: number;
  private pid = 700;
  private readonly pids = new Map<string, number>();
  /** The static pod directory the running kubelet was started with (its config's staticPodPath). */
  private staticPodPath = STATIC_POD_PATH;
  private readonly parsed = new Map<string, { text: string; file: ManifestFile }>();

  constructor(opts: NodeHostOptions) {
    this.name = opts.name;
    this.ip = opts.ip;
    this.role = opts.role;
    this.podCIDR = opts.podCIDR;
    this.clock = opts.clock;
    this.bootTime = opts.clock.now() - 12_000;
    this.memoryKi = opts.memoryKi ?? 4022140;
    this.cpus = opts.cpus ?? 2;
    this.fs = new Vfs({ files: opts.files, now: () => opts.clock.now() });
    writeNodeFiles(this.fs, opts);
    this.journal = new Journal(opts.clock, () => this.name);
    this.systemd = new Systemd(opts.clock, this.journal, () => this.nextPid());
    this.addContainerd();
    if (opts.role === 'etcd') this.etcdMembers = opts.etcdMembers ?? [];
  }

  private etcdMembers: { name: string; ip: string }[] = [];

  nextPid(): number {
    this.pid += 1 + (parseInt(hexDigest(`${this.name}:pid:${this.pid}`, 2), 16) % 40);
    return this.pid;
  }

  /** A stable pid for a container's main process. */
  pidOf(id: string): number {
    let p = this.pids.get(id);
    if (p === undefined) {
      p = this.nextPid();
      this.pids.set(id, p);
    }
    return p;
  }

  // ------------------------------------------------------------------ services

  private addContainerd(): void {
    const spec: UnitSpec = {
      name: 'containerd.service',
      description: 'containerd container runtime',
      path: '/usr/lib/systemd/system/containerd.service',
      docs: 'https://containerd.io',
      execStart: '/usr/bin/containerd (code=exited, status=0/SUCCESS)'.replace(/ \(.*/, ''),
      cmdline: () => '/usr/bin/containerd',
      children: () => this.shims(),
      memoryMB: 38.6,
      tasks: 9,
      cpuShare: 0.004,
      notify: true,
      onStart: () => {
        if (this.kubelet) this.kubelet.runtime.up = true;
      },
      onStop: () => {
        if (this.kubelet) this.kubelet.runtime.up = false;
        this.journal.add('containerd.service', 'containerd', this.systemd.unit('containerd')!.pid, `time="${rfc3339Nano(this.clock.now())}" level=info msg="Stop CRI service"`);
      },
      startLines: (pid) => {
        const t = rfc3339Nano(this.clock.now());
        this.journal.add('containerd.service', 'containerd', pid, `time="${t}" level=info msg="starting containerd" revision=88bf19b2105c8b17560993bee28a01ddc2f97182 version=1.7.24`);
        this.journal.add('containerd.service', 'containerd', pid, `time="${t}" level=info msg="Start cri plugin with config {PluginConfig:{ContainerdConfig:{Snapshotter:overlayfs DefaultRuntimeName:runc …} SandboxImage:registry.k8s.io/pause:3.10 …}"`);
        this.journal.add('containerd.service', 'containerd', pid, `time="${t}" level=info msg="serving..." address=/run/containerd/containerd.sock`);
        this.journal.add('containerd.service', 'containerd', pid, `time="${t}" level=info msg="containerd successfully booted in 0.052137s"`);
      },
    };
    this.systemd.add(spec, this.nextPid(), this.bootTime + 4000);
  }

  /** Attach the node's kubelet (kubelet.service). */
  attachKubelet(k: HostKubelet): void {
    this.kubelet = k;
    const spec: UnitSpec = {
      name: 'kubelet.service',
      description: 'kubelet: The Kubernetes Node Agent',
      path: '/usr/lib/systemd/system/kubelet.service',
      dropIns: { dir: '/usr/lib/systemd/system/kubelet.service.d', files: ['10-kubeadm.conf'] },
      docs: 'https://kubernetes.io/docs/',
      execStart: '/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS',
      cmdline: () => KUBELET_CMD,
      memoryMB: 44.1,
      tasks: 13,
      cpuShare: 0.012,
      onStart: () => {
        this.readKubeletConfig();
        k.start();
      },
      onStop: () => k.stop(),
    };
    this.systemd.add(spec, this.nextPid(), this.clock.now());
  }

  /** An etcd member run by systemd (kubeasz's etcd hosts). */
  attachEtcd(member: { start(): void; stop(): void }): void {
    const exec = etcdExecStart(this.name, this.ip, this.etcdMembers);
    this.systemd.add(
      {
        name: 'etcd.service',
        description: 'Etcd Server',
        path: '/etc/systemd/system/etcd.service',
        docs: 'https://github.com/coreos',
        execStart: exec,
        cmdline: () => exec,
        memoryMB: 61.3,
        tasks: 11,
        cpuShare: 0.02,
        notify: true,
        onStart: () => member.start(),
        onStop: () => member.stop(),
        startLines: (pid) => {
          const t = new Date(this.clock.now()).toISOString();
          this.journal.add('etcd.service', 'etcd', pid, `{"level":"info","ts":"${t}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":[${exec.split(' ').map((a) => JSON.stringify(a)).join(',')}]}`);
          this.journal.add('etcd.service', 'etcd', pid, `{"level":"info","ts":"${t}","caller":"embed/serve.go:250","msg":"serving client traffic securely","traffic":"grpc+http","address":"${this.ip}:2379"}`);
        },
      },
      this.nextPid(),
      this.bootTime + 6000,
    );
  }

  /** The kubelet's klog output goes to the journal as kubelet[pid]. */
  kubeletLog(severity: 'I' | 'W' | 'E', source: string, msg: string): void {
    const u = this.systemd.unit('kubelet');
    const pid = u?.pid ?? 0;
    this.journal.klog('kubelet.service', 'kubelet', pid, severity, source, msg);
  }

  private readKubeletConfig(): void {
    const text = this.fs.tryReadFile(KUBELET_CONFIG);
    const m = text ? /^staticPodPath:\s*(\S+)\s*$/m.exec(text) : null;
    this.staticPodPath = m ? m[1].replace(/^["']|["']$/g, '') : STATIC_POD_PATH;
  }

  /** The kubelet's file source: every non-hidden file of the static pod directory, decoded. */
  readStaticPods(): ManifestFile[] {
    const dir = this.staticPodPath;
    if (!this.fs.isDir(dir)) return [];
    const out: ManifestFile[] = [];
    for (const name of this.fs.readdir(dir)) {
      if (name.startsWith('.')) continue;
      const path = `${dir}/${name}`;
      if (!this.fs.isFile(path)) continue;
      const text = this.fs.readFile(path);
      const cached = this.parsed.get(path);
      if (cached && cached.text === text) {
        out.push(cached.file);
        continue;
      }
      const file = decodeManifest(path, text);
      this.parsed.set(path, { text, file });
      out.push(file);
    }
    return out;
  }

  // ------------------------------------------------------------------ processes

  private shims(): { pid: number; cmd: string }[] {
    const rt = this.kubelet?.runtime;
    if (!rt) return [];
    return [...rt.sandboxes.values()].map((s) => ({ pid: this.pidOf(`shim:${s.id}`), cmd: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${s.id} -address /run/containerd/containerd.sock` }));
  }

  /** Every process of the machine, for `ps`. */
  processes(): ProcRow[] {
    const rows: ProcRow[] = [
      { user: 'root', pid: 1, cmd: '/sbin/init', start: this.bootTime, rssKb: 13_100, cpu: 0.1 },
      { user: 'root', pid: 291, cmd: '/usr/lib/systemd/systemd-journald', start: this.bootTime + 1000, rssKb: 17_400, cpu: 0 },
      { user: 'systemd+', pid: 412, cmd: '/usr/lib/systemd/systemd-resolved', start: this.bootTime + 2000, rssKb: 12_900, cpu: 0 },
      { user: 'root', pid: 506, cmd: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', start: this.bootTime + 3000, rssKb: 8_100, cpu: 0 },
    ];
    for (const u of this.systemd.units.values()) {
      if (!u.active) continue;
      rows.push({ user: 'root', pid: u.pid, cmd: u.spec.cmdline(), start: u.since, rssKb: Math.round(u.spec.memoryMB * 1024), cpu: u.spec.cpuShare * 100 });
      for (const c of u.spec.children?.() ?? []) rows.push({ user: 'root', pid: c.pid, cmd: c.cmd, start: u.since, rssKb: 6_800, cpu: 0 });
    }
    const rt = this.kubelet?.runtime;
    if (rt) {
      const pods = this.kubelet!.podsByUid();
      for (const [uid, s] of rt.sandboxes) rows.push({ user: '65535', pid: this.pidOf(`pause:${s.id}`), cmd: '/pause', start: s.createdAt, rssKb: 400, cpu: 0, podUid: uid });
      for (const c of rt.containers.values()) {
        if (c.state !== 'running') continue;
        const spec = (pods.get(c.podUid)?.spec?.containers ?? []).find((x: Obj) => x.name === c.name);
        const argv = [...(spec?.command ?? [entrypoint(c.image.app)]), ...(spec?.args ?? [])].filter(Boolean);
        const cmd = argv.length ? argv.join(' ').replaceAll('$(NODE_NAME)', this.name) : defaultCmd(c.image.app);
        rows.push({ user: 'root', pid: this.pidOf(c.id), cmd, start: c.startedAt ?? c.createdAt, rssKb: 20_000 + (parseInt(c.id.slice(0, 4), 16) % 30_000), cpu: 0.3 });
      }
    }
    return rows.sort((a, b) => a.pid - b.pid);
  }

  // ------------------------------------------------------------------ commands

  commands(): Record<string, CommandFn> {
    const cmds: Record<string, CommandFn> = {
      systemctl: (argv, ctx) => this.systemd.systemctl(argv, ctx, this.name),
      journalctl: (argv, ctx) => this.systemd.journalctl(argv, ctx, this.watchLimitMs),
      ps: async (argv, ctx) => psCommand(argv, ctx, this.processes(), this.clock.now(), this.memoryKi),
      uptime: async (argv, ctx) => uptimeCommand(argv, ctx, this.clock.now(), this.bootTime, this.load()),
      free: async (argv, ctx) => freeCommand(argv, ctx, this.memoryKi, this.usedKi()),
      df: async (argv, ctx) => dfCommand(argv, ctx, this.kubelet?.runtime),
      ip: async (argv, ctx) => ipCommand(argv, ctx, { name: this.name, ip: this.ip, podCIDR: this.podCIDR, sandboxes: this.kubelet ? [...this.kubelet.runtime.sandboxes.values()].filter((s) => s.ip !== this.ip) : [] }),
      'iptables-save': async (argv, ctx) => this.iptablesSave(argv, ctx),
      iptables: async (argv, ctx) => this.iptables(argv, ctx),
      ipvsadm: async (_argv, ctx) => {
        ctx.stdout(this.network?.ipvsadm?.() ?? 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n');
        return 0;
      },
      containerd: async (argv, ctx) => {
        if (argv.includes('--version') || argv.includes('-v')) {
          ctx.stdout('containerd containerd.io 1.7.24 88bf19b2105c8b17560993bee28a01ddc2f97182\n');
          return 0;
        }
        ctx.stderr(`containerd: failed to create listener: listen unix /run/containerd/containerd.sock: bind: address already in use\n`);
        return 1;
      },
    };
    if (this.role !== 'etcd') {
      cmds.crictl = (argv, ctx) => crictl(argv, ctx, { runtime: this.kubelet!.runtime, pods: () => this.kubelet!.podsByUid(), now: () => this.clock.now(), pidOf: (id) => this.pidOf(id), watchLimitMs: this.watchLimitMs });
      cmds.kubelet = async (argv, ctx) => {
        if (argv.includes('--version')) {
          ctx.stdout('Kubernetes v1.32.4\n');
          return 0;
        }
        ctx.stderr(`E${mmdd(this.clock.now())} ${hms(this.clock.now())}.000000    ${this.nextPid()} run.go:72] "command failed" err="failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory"\n`);
        return 1;
      };
      cmds.kubeadm = async (argv, ctx) => {
        if (argv[1] === 'version') {
          if (argv.includes('-o') && argv.includes('short')) ctx.stdout('v1.32.4\n');
          else ctx.stdout('kubeadm version: &version.Info{Major:"1", Minor:"32", GitVersion:"v1.32.4", GitCommit:"59526cd4867447956156ae3a602fcbac10a2c335", GitTreeState:"clean", BuildDate:"2025-04-22T16:02:27Z", GoVersion:"go1.23.6", Compiler:"gc", Platform:"linux/amd64"}\n');
          return 0;
        }
        if (argv[1] === 'certs' && argv[2] === 'check-expiration' && this.role === 'control-plane') {
          ctx.stdout(certsTable(this.clock.now()));
          return 0;
        }
        ctx.stderr(`kubeadm ${argv.slice(1).join(' ')}: not available in this simulation (try: kubeadm version, kubeadm certs check-expiration)\n`);
        return 1;
      };
    }
    return cmds;
  }

  private load(): [number, number, number] {
    const n = this.kubelet ? this.kubelet.runtime.containers.size : 0;
    const base = 0.08 + n * 0.02;
    return [base + 0.05, base + 0.03, base];
  }

  private usedKi(): number {
    const rt = this.kubelet?.runtime;
    const running = rt ? [...rt.containers.values()].filter((c) => c.state === 'running').length : 0;
    return 620_000 + running * 38_000;
  }

  private iptablesSave(argv: string[], ctx: CommandContext): number {
    const ti = argv.indexOf('-t');
    const table = ti >= 0 ? (argv[ti + 1] as 'nat' | 'filter') : undefined;
    const hooked = this.network?.iptablesSave?.(table);
    if (hooked !== undefined) {
      ctx.stdout(hooked);
      return 0;
    }
    // TODO(networking): kube-proxy's rules once the node hook is wired (host.network)
    const stamp = ctimeStamp(this.clock.now());
    const tables: Record<string, string[]> = {
      filter: [':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]'],
      nat: [':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]'],
    };
    let out = '';
    for (const t of table ? [table] : ['nat', 'filter']) {
      if (!tables[t]) continue;
      out += `# Generated by iptables-save v1.8.10 (nf_tables) on ${stamp}\n*${t}\n${tables[t].join('\n')}\nCOMMIT\n# Completed on ${stamp}\n`;
    }
    ctx.stdout(out);
    return 0;
  }

  private iptables(argv: string[], ctx: CommandContext): number {
    const ti = argv.indexOf('-t');
    const table = ti >= 0 ? argv[ti + 1] : 'filter';
    if (!argv.some((a) => a === '-L' || a === '--list' || a === '-S' || /^-[a-zA-Z]*L/.test(a))) {
      ctx.stderr(`iptables v1.8.10 (nf_tables): no command specified\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
      return 2;
    }
    const save = this.network?.iptablesSave?.(table === 'nat' ? 'nat' : 'filter');
    const chains: { name: string; policy?: string; rules: string[] }[] = [];
    const builtin: Record<string, string[]> = { filter: ['INPUT', 'FORWARD', 'OUTPUT'], nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] };
    if (save) {
      for (const line of save.split('\n')) {
        const m = /^:(\S+) (\S+)/.exec(line);
        if (m) chains.push({ name: m[1], policy: m[2] === '-' ? undefined : m[2], rules: [] });
        const r = /^-A (\S+) (.*)$/.exec(line);
        if (r) chains.find((c) => c.name === r[1])?.rules.push(r[2]);
      }
    } else for (const c of builtin[table] ?? []) chains.push({ name: c, policy: 'ACCEPT', rules: [] });
    if (argv.includes('-S')) {
      ctx.stdout(chains.map((c) => (c.policy ? `-P ${c.name} ${c.policy}` : `-N ${c.name}`)).concat(chains.flatMap((c) => c.rules.map((r) => `-A ${c.name} ${r}`))).join('\n') + '\n');
      return 0;
    }
    const numeric = argv.some((a) => a === '-n' || /^-[a-zA-Z]*n/.test(a));
    const li = argv.findIndex((a) => a === '-L' || a === '--list' || /^-[a-zA-Z]*L$/.test(a));
    const only = li >= 0 && argv[li + 1] && !argv[li + 1].startsWith('-') ? argv[li + 1] : undefined;
    const shown = only ? chains.filter((c) => c.name === only) : chains;
    if (only && !shown.length) {
      ctx.stderr(`iptables: No chain/target/match by that name.\n`);
      return 1;
    }
    const refs = (name: string) => chains.reduce((n, c) => n + c.rules.filter((r) => new RegExp(`-j ${name}(\\s|$)`).test(r)).length, 0);
    const out = shown.map((c) => {
      const head = c.policy ? `Chain ${c.name} (policy ${c.policy})` : `Chain ${c.name} (${refs(c.name)} references)`;
      return `${head}\ntarget     prot opt source               destination         \n${c.rules.map((r) => listRule(r, numeric) + '\n').join('')}`;
    });
    ctx.stdout(out.join('\n'));
    return 0;
  }
}

/** One rule of `iptables -L` from its iptables-save form (the common matches kube-proxy uses). */
function listRule(rule: string, numeric: boolean): string {
  const toks = rule.match(/"[^"]*"|\S+/g) ?? [];
  let target = '';
  let prot = 'all';
  let src = numeric ? '0.0.0.0/0' : 'anywhere';
  let dst = src;
  const extra: string[] = [];
  let neg = '';
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const v = () => (toks[++i] ?? '').replace(/^"|"$/g, '');
    if (t === '!') neg = '!';
    else if (t === '-j') target = v();
    else if (t === '-p') prot = v();
    else if (t === '-s') src = neg + v().replace(/\/32$/, '');
    else if (t === '-d') dst = neg + v().replace(/\/32$/, '');
    else if (t === '--comment') extra.push(`/* ${v()} */`);
    else if (t === '--dport') extra.push(`${prot} ${neg}dpt:${v()}`);
    else if (t === '--to-destination') extra.push(`${prot} to:${v()}`);
    else if (t === '--mark') extra.push(`mark match ${neg}${v()}`);
    else if (t === '--set-xmark') extra.push(`MARK xset ${v()}`);
    else if (t === '--probability') extra.push(`statistic mode random probability ${v()}`);
    else if (t === '--dst-type') extra.push(`ADDRTYPE match dst-type ${v()}`);
    else if (t === '--random-fully') extra.push('random-fully');
    else if (t === '-m' || t === '--mode') v();
    if (t !== '!') neg = neg && (t === '-s' || t === '-d' || t === '--dport' || t === '--mark') ? '' : neg;
  }
  return `${target.padEnd(10)} ${prot.padEnd(4)} --  ${src.padEnd(20)} ${dst.padEnd(20)} ${extra.join(' ')}`.trimEnd();
}

function decodeManifest(file: string, text: string): ManifestFile {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { file, error: `error unmarshaling JSON: ${(e as Error).message.split('\n')[0]}` };
  }
  const pod = doc as Obj | null;
  if (!pod || typeof pod !== 'object') return { file, error: 'invalid pod: no pod in manifest' };
  if (pod.kind !== 'Pod') return { file, error: `invalid pod: kind "${String(pod.kind ?? '')}" is not Pod` };
  if (!pod.metadata?.name) return { file, error: 'invalid pod: metadata.name: Required value: name or generateName is required' };
  if (!Array.isArray(pod.spec?.containers) || !pod.spec.containers.length) return { file, error: 'invalid pod: spec.containers: Required value' };
  const m = structuredClone(pod);
  delete (m.metadata as Record<string, unknown>).creationTimestamp;
  delete m.status;
  m.metadata.namespace ??= 'default';
  return { file, pod: m };
}

/** The image's ENTRYPOINT, which `args` are appended to. */
function entrypoint(app: string): string {
  return ({ coredns: '/coredns', nginx: '/docker-entrypoint.sh', 'kube-proxy': '/usr/local/bin/kube-proxy', agnhost: '/agnhost' } as Record<string, string>)[app] ?? '';
}

function defaultCmd(app: string): string {
  switch (app) {
    case 'nginx':
      return 'nginx: master process nginx -g daemon off;';
    case 'coredns':
      return '/coredns -conf /etc/coredns/Corefile';
    case 'redis':
      return 'redis-server *:6379';
    case 'httpd':
      return 'httpd -DFOREGROUND';
    default:
      return app;
  }
}

function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

const pad = (n: number) => String(n).padStart(2, '0');
function mmdd(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}
function hms(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** ctime(3): `Mon Jan  5 08:10:00 2026` */
function ctimeStamp(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]} ${mons[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hms(ms)} ${d.getUTCFullYear()}`;
}

function certsTable(now: number): string {
  const exp = new Date(now + 365 * 86400_000 - 600_000);
  const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const ca = new Date(now + 10 * 365 * 86400_000 - 600_000);
  const fmt = (d: Date) => `${mons[d.getUTCMonth()]} ${pad(d.getUTCDate())}, ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  const certs = [
    ['admin.conf', 'ca', 'no'],
    ['apiserver', 'ca', 'no'],
    ['apiserver-etcd-client', 'etcd-ca', 'no'],
    ['apiserver-kubelet-client', 'ca', 'no'],
    ['controller-manager.conf', 'ca', 'no'],
    ['etcd-healthcheck-client', 'etcd-ca', 'no'],
    ['etcd-peer', 'etcd-ca', 'no'],
    ['etcd-server', 'etcd-ca', 'no'],
    ['front-proxy-client', 'front-proxy-ca', 'no'],
    ['scheduler.conf', 'ca', 'no'],
    ['super-admin.conf', 'ca', 'no'],
  ];
  let out = '[check-expiration] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[check-expiration] Use \'kubeadm init phase upload-config --config your-config.yaml\' to re-upload it.\n\n';
  out += 'CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED\n';
  for (const [n, auth, ext] of certs) out += `${n.padEnd(27)}${fmt(exp).padEnd(25)}364d${' '.repeat(12)}${auth.padEnd(24)}${ext}\n`;
  out += '\nCERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED\n';
  for (const n of ['ca', 'etcd-ca', 'front-proxy-ca']) out += `${n.padEnd(24)}${fmt(ca).padEnd(25)}9y${' '.repeat(14)}no\n`;
  return out;
}
