/**
 * A reader's session: the cluster plus the shell on the control-plane node, with kubectl
 * registered as an API client of the cluster's apiserver.
 */
import { Cluster, type ClusterOptions } from './cluster';
import { createShell, type Shell } from '../shell/index';
import type { ExecSession } from '../client/exec-types';
import type { ShellIO } from '../shell/types';
import type { CommandContext, CommandFn, ReadonlyFiles, Waiter } from '../shell/types';
import { kubectl } from '../kubectl';
import { completeKubectl } from '../kubectl/completion';
import type { KubectlEnv } from '../kubectl/env';
import { completeEtcdctl, etcdctlCommand, etcdutlCommand } from '../etcd/etcdctl/command';
import { helmCommand } from '../helm/index';
import { localhostRefused } from '../kubectl/unreachable';
import { ShellStack, type NodeHost } from '../node/index';
import { networkOf } from './network';
import { advanceSettled } from '../kubelet/proc-clock';

export interface SessionOptions extends ClusterOptions {
  waiter?: Waiter;
  files?: ReadonlyFiles;
  cwd?: string;
  /** Bound `kubectl get -w` / `logs -f` to this much virtual time (the scripted runner). */
  watchLimitMs?: number;
}

export interface Session {
  cluster: Cluster;
  /** The shell on top of the stack (the control-plane node's, or the one `ssh` opened). */
  shell: Shell;
  /** ssh sessions (and other nested shells) stacked over the control-plane node's shell. */
  stack: ShellStack;
}

export function createSession(opts: SessionOptions = {}): Session {
  const cluster = new Cluster(opts);
  const clock = cluster.clock;
  const waiter: Waiter = opts.waiter ?? {
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason ?? abortError());
      // container processes woken on the way run at their own moment
      return advanceSettled(clock, ms);
    },
  };
  const baseHost = [...cluster.hosts.values()].find((h) => h.role === 'control-plane');
  if (baseHost) baseHost.watchLimitMs = opts.watchLimitMs;
  const shell = createShell({
    hostname: baseHost?.name ?? 'controlplane',
    ...(baseHost ? { fs: baseHost.fs } : { files: opts.files }),
    cwd: opts.cwd,
    waiter,
    now: () => clock.now(),
    seed: opts.seed,
    env: { KUBECONFIG: '/etc/kubernetes/admin.conf' },
  });
  const client = cluster.client('kubectl');
  let pid = 28000;
  const run = (argv: string[], ctx: CommandContext) => {
    const env: KubectlEnv = {
      client,
      now: () => clock.now(),
      sleep: (ms) => ctx.sleep(ms),
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      // read lazily: reading stdin consumes it (only `-f -` needs it)
      get stdin() {
        return ctx.stdin;
      },
      readFile: (p) => ctx.fs.tryReadFile(ctx.fs.resolve(ctx.cwd, p)),
      writeFile: (p, text) => ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, p), text),
      getenv: (name) => ctx.env[name],
      listDir: (p) => {
        const abs = ctx.fs.resolve(ctx.cwd, p);
        return ctx.fs.isDir(abs) ? ctx.fs.readdir(abs) : undefined;
      },
      signal: ctx.signal,
      namespace: 'default',
      pid: pid++,
      watchLimitMs: opts.watchLimitMs,
      // `kubectl exec -it … -- sh`: the container's shell takes the terminal until `exit`
      openSession: (s) => openExecSession(s),
    };
    return kubectl(argv.slice(1), env);
  };
  shell.registerCommand('kubectl', run, 'kubectl controls the Kubernetes cluster manager');
  shell.registerCompleter('kubectl', (words, cur) => completeKubectl(client, words, cur));
  const helm = helmCommand({ client: cluster.client('helm'), now: () => clock.now() });
  shell.registerCommand('helm', helm.run, 'The Kubernetes package manager');
  shell.registerCompleter('helm', helm.complete);
  // etcdctl/etcdutl talk to the etcd members the shell's host can reach (127.0.0.1 = a local member)
  const etcdHost = { cluster: cluster.etcdCluster, host: () => shell.hostname, restore: (d: Parameters<Cluster['restoreEtcd']>[0]) => cluster.restoreEtcd(d), watchLimitMs: opts.watchLimitMs };
  shell.registerCommand('etcdctl', etcdctlCommand(etcdHost), 'A simple command line client for etcd3');
  shell.registerCompleter('etcdctl', completeEtcdctl);
  shell.registerCommand('etcdutl', etcdutlCommand(etcdHost), 'An administrative command line tool for etcd3');

  // ---- the machines behind `ssh`: one persistent shell per host (its own filesystem and history)
  const net = networkOf(cluster);
  const nodeNames = new Set(cluster.scenario.nodes.map((n) => n.name));
  /** kube-proxy's rules (iptables-save, ipvsadm) and curl/wget/nslookup/dig from the node's own namespace. */
  const networkCommands = (h: NodeHost): Record<string, CommandFn> => {
    if (!net || !nodeNames.has(h.name)) return {};
    h.network = { iptablesSave: (t) => net.iptablesSave(h.name, t), ipvsadm: () => net.ipvsadm(h.name) };
    return net.nodeCommands(h.name);
  };
  const stack = new ShellStack(shell);
  /** An exec session as a stack entry: its lines go to the container's shell; `exit` pops it. */
  const openExecSession = (s: ExecSession): void => {
    const adapter: Shell = new Proxy(stack.top, {
      get(target, prop, recv) {
        switch (prop) {
          case 'prompt':
            return () => s.prompt();
          case 'needsMore':
            return (t: string) => s.needsMore(t);
          case 'complete':
            return (l: string, c: number) => s.complete(l, c);
          case 'run':
            return async (t: string, io: ShellIO, sig?: AbortSignal) => {
              const code = await s.run(t, io, sig);
              if (s.exited) stack.markExited(adapter);
              return code;
            };
          case 'registerCommand':
          case 'registerCompleter':
            return () => {};
          default:
            return Reflect.get(target, prop, recv);
        }
      },
    });
    stack.push({ shell: adapter });
  };
  const shells = new Map<string, Shell>();
  const logins = new Map<string, number>();
  const hostShell = (h: NodeHost): Shell => {
    let sh = shells.get(h.name);
    if (sh) return sh;
    h.watchLimitMs = opts.watchLimitMs;
    const created: Shell = createShell({ hostname: h.name, fs: h.fs, waiter, now: () => clock.now(), seed: opts.seed, pid: 1200 + shells.size * 37, onExit: () => stack.markExited(created) });
    sh = created;
    for (const [name, fn] of Object.entries({ ...networkCommands(h), ...h.commands() })) sh.registerCommand(name, fn);
    sh.registerCommand('kubectl', (argv, ctx) => (hasKubeconfig(ctx) ? run(argv, ctx) : noKubeconfig(ctx, clock.now(), pid++)), 'kubectl controls the Kubernetes cluster manager');
    sh.registerCompleter('kubectl', (words, cur) => completeKubectl(client, words, cur));
    if (h.role !== 'worker') {
      const local = { ...etcdHost, host: () => h.name };
      sh.registerCommand('etcdctl', etcdctlCommand(local), 'A simple command line client for etcd3');
      sh.registerCommand('etcdutl', etcdutlCommand(local), 'An administrative command line tool for etcd3');
    }
    sh.registerCommand('ssh', ssh, 'OpenSSH remote login client');
    sh.registerCompleter('ssh', completeSsh);
    shells.set(h.name, sh);
    return sh;
  };
  /** `ssh no<Tab>` → the machines' names (also after `user@`). */
  const completeSsh = (words: string[], cur: string): string[] => {
    if (words.length > 1 && !words.slice(1).every((w) => w.startsWith('-'))) return [];
    const at = cur.indexOf('@');
    const prefix = at >= 0 ? cur.slice(0, at + 1) : '';
    return [...cluster.hosts.keys()].map((n) => prefix + n).filter((n) => n.startsWith(cur));
  };
  const resolve = (target: string): NodeHost | undefined => [...cluster.hosts.values()].find((h) => h.name === target || h.ip === target);
  const ssh = async (argv: string[], ctx: CommandContext): Promise<number> => {
    const args = argv.slice(1);
    let i = 0;
    for (; i < args.length && args[i].startsWith('-'); i++) if (/^-[ioplFJLRDEWbceSmO]$/.test(args[i])) i++;
    const dest = args[i];
    if (!dest) {
      ctx.stderr('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n');
      return 255;
    }
    const hostName = dest.includes('@') ? dest.slice(dest.indexOf('@') + 1) : dest;
    const target = resolve(hostName);
    if (!target) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(hostName)) ctx.stderr(`ssh: connect to host ${hostName} port 22: No route to host\n`);
      else ctx.stderr(`ssh: Could not resolve hostname ${hostName}: Name or service not known\n`);
      return 255;
    }
    const sh = hostShell(target);
    const remote = args.slice(i + 1);
    if (remote.length) return sh.run(remote.join(' '), { stdout: ctx.stdout, stderr: ctx.stderr }, ctx.signal);
    const from = cluster.hosts.get(stack.top.hostname)?.ip ?? '172.30.1.2';
    const last = logins.get(target.name);
    let banner = 'Welcome to Ubuntu 24.04.1 LTS (GNU/Linux 6.8.0-51-generic x86_64)\n\n * Documentation:  https://help.ubuntu.com\n * Management:     https://landscape.canonical.com\n * Support:        https://ubuntu.com/pro\n';
    if (last !== undefined) banner += `Last login: ${ctime(last)} from ${from}\n`;
    logins.set(target.name, clock.now());
    ctx.stdout(banner);
    sh.cwd = sh.getVar('HOME') ?? '/root';
    stack.push({ shell: sh, farewell: `logout\nConnection to ${hostName} closed.\n` });
    return 0;
  };
  shell.registerCommand('ssh', ssh, 'OpenSSH remote login client');
  shell.registerCompleter('ssh', completeSsh);
  if (baseHost) {
    shells.set(baseHost.name, shell);
    for (const [name, fn] of Object.entries({ ...networkCommands(baseHost), ...baseHost.commands() })) shell.registerCommand(name, fn);
  }
  return { cluster, shell: stack.facade, stack };
}

/** kubectl finds a kubeconfig: $KUBECONFIG (an existing file) or ~/.kube/config. */
function hasKubeconfig(ctx: CommandContext): boolean {
  const env = ctx.env.KUBECONFIG;
  if (env && env.split(':').some((p) => ctx.fs.isFile(p))) return true;
  return ctx.fs.isFile(`${ctx.env.HOME ?? '/root'}/.kube/config`);
}

/** What kubectl prints on a node without a kubeconfig (it falls back to http://localhost:8080). */
async function noKubeconfig(ctx: CommandContext, now: number, pid: number): Promise<number> {
  ctx.stderr(localhostRefused(now, pid));
  return 1;
}

/** `Mon Jan  5 08:00:00 2026` */
function ctime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const mons = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[d.getUTCDay()]} ${mons[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${d.toISOString().slice(11, 19)} ${d.getUTCFullYear()}`;
}

function abortError(): Error {
  const e = new Error('aborted');
  e.name = 'AbortError';
  return e;
}
