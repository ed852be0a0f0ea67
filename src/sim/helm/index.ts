/**
 * `helm` in the sandbox: a Helm 3 client for the simulated cluster. It talks to the apiserver
 * through the same REST client kubectl uses, keeps releases as Secrets (storage.ts) and ships a
 * tiny offline chart catalog (charts/). Output follows Helm v3.16.
 */
import type { LocalClient } from '../client/local';
import type { CommandFn, Completer } from '../shell/types';
import { ApiError } from '../core/errors';
import { ConnectionRefused } from '../client/local';
import { type HelmEnv, HelmError } from './env';
import { FlagError } from './flags';
import { AutoStore } from './storage';
import { install, upgrade } from './commands/install';
import { get, history, list, status } from './commands/query';
import { uninstall } from './commands/uninstall';
import { template } from './commands/template';
import { repo, search, show } from './commands/repo';
import { rollback } from './commands/rollback';

const USAGE = `The Kubernetes package manager

Common actions for Helm:

- helm search:    search for charts
- helm pull:      download a chart to your local directory to view
- helm install:   upload the chart to Kubernetes
- helm list:      list releases of charts

Usage:
  helm [command]

Available Commands (in this sandbox):
  get         download extended information of a named release
  history     fetch release history
  install     install a chart
  list        list releases
  repo        add, list, remove, update chart repositories
  rollback    roll back a release to a previous revision
  search      search for a keyword in charts
  show        show information of a chart
  status      display the status of the named release
  template    locally render templates
  uninstall   uninstall a release
  upgrade     upgrade a release

Charts shipped with this site: ./charts/web, ./charts/mysql-operator,
and, after helm repo add, bitpoke/mysql-operator (https://helm-charts.bitpoke.io)
and ingress-nginx/ingress-nginx (https://kubernetes.github.io/ingress-nginx).
`;

type Sub = (env: HelmEnv, argv: string[]) => string | Promise<string>;

const SUBS: Record<string, Sub> = {
  install,
  upgrade,
  rollback,
  list,
  ls: list,
  uninstall,
  delete: uninstall,
  un: uninstall,
  status,
  history,
  hist: history,
  template,
  get,
  repo,
  search,
  show,
  inspect: show,
};

export interface HelmDeps {
  client: LocalClient;
  now(): number;
}

/** The `helm` command for a shell, with its own release store and repository list. */
export function helmCommand(deps: HelmDeps): { run: CommandFn; complete: Completer } {
  const store = new AutoStore(deps.client);
  const repos = new Map<string, string>();
  const run: CommandFn = async (argv, ctx) => {
    const args = argv.slice(1);
    const env: HelmEnv = {
      client: deps.client,
      store,
      repos,
      now: deps.now,
      sleep: (ms) => ctx.sleep(ms),
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      readFile: (p) => ctx.fs.tryReadFile(ctx.fs.resolve(ctx.cwd, p)),
      listDir: (p) => {
        const abs = ctx.fs.resolve(ctx.cwd, p);
        return ctx.fs.isDir(abs) ? ctx.fs.readdir(abs) : undefined;
      },
      namespace: ctx.env.HELM_NAMESPACE || 'default',
    };
    const cmd = args[0];
    if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
      ctx.stdout(USAGE);
      return 0;
    }
    const sub = SUBS[cmd];
    if (!sub) {
      ctx.stderr(`Error: unknown command "${cmd}" for "helm"\nRun 'helm --help' for usage.\n`);
      return 1;
    }
    try {
      const out = await sub(env, args.slice(1));
      ctx.stdout(out);
      return 0;
    } catch (e) {
      if (e instanceof HelmError || e instanceof FlagError) {
        ctx.stderr(`Error: ${e.message}\n`);
        return 1;
      }
      if (e instanceof ConnectionRefused) {
        ctx.stderr(`Error: Kubernetes cluster unreachable: Get "https://172.30.1.2:6443/version": dial tcp 172.30.1.2:6443: connect: connection refused\n`);
        return 1;
      }
      if (e instanceof ApiError) {
        ctx.stderr(`Error: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  };
  const complete: Completer = (words, cur) => {
    if (words.length === 1) return Object.keys(SUBS).filter((s) => s.startsWith(cur)).sort();
    if (words[1] === 'repo' && words.length === 2) return ['add', 'list', 'remove', 'update'].filter((s) => s.startsWith(cur));
    if (words[1] === 'show' && words.length === 2) return ['all', 'chart', 'values'].filter((s) => s.startsWith(cur));
    if (words[1] === 'get' && words.length === 2) return ['all', 'manifest', 'notes', 'values'].filter((s) => s.startsWith(cur));
    if (['status', 'history', 'uninstall', 'upgrade', 'rollback'].includes(words[1]) && words.length === 2)
      return store.all(undefined).map((r) => r.name).filter((n, i, a) => n.startsWith(cur) && a.indexOf(n) === i).sort();
    return [];
  };
  return { run, complete };
}
