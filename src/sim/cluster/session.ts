/**
 * A reader's session: the cluster plus the shell on the control-plane node, with kubectl
 * registered as an API client of the cluster's apiserver.
 */
import { Cluster, type ClusterOptions } from './cluster';
import { createShell, type Shell } from '../shell/index';
import type { CommandContext, ReadonlyFiles, Waiter } from '../shell/types';
import { kubectl } from '../kubectl';
import { completeKubectl } from '../kubectl/completion';
import type { KubectlEnv } from '../kubectl/env';
import { etcdctlCommand, etcdutlCommand } from '../etcd/etcdctl/command';
import { helmCommand } from '../helm/index';

export interface SessionOptions extends ClusterOptions {
  waiter?: Waiter;
  files?: ReadonlyFiles;
  cwd?: string;
  /** Bound `kubectl get -w` / `logs -f` to this much virtual time (the scripted runner). */
  watchLimitMs?: number;
}

export interface Session {
  cluster: Cluster;
  shell: Shell;
}

export function createSession(opts: SessionOptions = {}): Session {
  const cluster = new Cluster(opts);
  const clock = cluster.clock;
  const waiter: Waiter = opts.waiter ?? {
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason ?? abortError());
      clock.advance(ms);
      return Promise.resolve();
    },
  };
  const shell = createShell({
    hostname: cluster.scenario.nodes.find((n) => n.controlPlane)?.name ?? 'controlplane',
    files: opts.files,
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
      listDir: (p) => {
        const abs = ctx.fs.resolve(ctx.cwd, p);
        return ctx.fs.isDir(abs) ? ctx.fs.readdir(abs) : undefined;
      },
      signal: ctx.signal,
      namespace: 'default',
      pid: pid++,
      watchLimitMs: opts.watchLimitMs,
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
  shell.registerCommand('etcdutl', etcdutlCommand(etcdHost), 'An administrative command line tool for etcd3');
  return { cluster, shell };
}

function abortError(): Error {
  const e = new Error('aborted');
  e.name = 'AbortError';
  return e;
}
