/** The kubectl command: cobra-like dispatch over the subcommands, with kubectl's error texts. */
import type { CommandDef } from './command';
import { GLOBAL_FLAGS, parseFlags, FlagError, type FlagSpec } from './flags';
import type { KubectlEnv } from './env';
import { CmdError, errorText, exitCodeOf } from './errors';
import { COMMANDS } from './commands';
import { clientConfig } from './kubeconfig';
import { localhostRefused } from './unreachable';

/** Commands that never reach the apiserver. */
const OFFLINE = new Set(['config', 'completion', 'options']);
import { toRFC3339Micro } from '../core/clock';
import type { LocalClient } from '../client/local';

export type { KubectlEnv } from './env';
export { COMMANDS } from './commands';

function findCommand(list: CommandDef[], name: string): CommandDef | undefined {
  return list.find((c) => c.name === name || c.aliases?.includes(name));
}

/** Levenshtein distance ≤ 2 or prefix: cobra's "Did you mean this?" suggestions. */
function suggestions(name: string, list: CommandDef[]): string[] {
  const d = (a: string, b: string) => {
    const m = a.length;
    const n = b.length;
    const dp = Array.from({ length: m + 1 }, (_, i) => [i, ...Array(n).fill(0)]);
    for (let j = 1; j <= n; j++) dp[0][j] = j;
    for (let i = 1; i <= m; i++)
      for (let j = 1; j <= n; j++) dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return dp[m][n];
  };
  return list.filter((c) => d(name.toLowerCase(), c.name) <= 2 || c.name.startsWith(name.toLowerCase())).map((c) => c.name);
}

/** klog's header: `E1122 02:21:16.337848   18292 run.go:72] ` */
function klogPrefix(env: KubectlEnv): string {
  const iso = toRFC3339Micro(env.now()); // 2026-11-22T02:21:16.337000Z
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2}\.\d{6})Z$/.exec(iso)!;
  return `E${m[1]}${m[2]} ${m[3]} ${String(env.pid).padStart(7)} run.go:72] `;
}

export async function kubectl(argv: string[], env: KubectlEnv): Promise<number> {
  let path = 'kubectl';
  try {
    // global flags may come before the command name
    let i = 0;
    const pre: string[] = [];
    while (i < argv.length && argv[i].startsWith('-')) {
      const a = argv[i];
      pre.push(a);
      const spec = GLOBAL_FLAGS.find((f) => a === `--${f.name}` || a === `-${f.short}`);
      if (spec && spec.type !== 'bool' && !a.includes('=') && i + 1 < argv.length) pre.push(argv[++i]);
      i++;
    }
    const name = argv[i];
    if (name === undefined || name === 'help' || pre.includes('--help') || pre.includes('-h')) {
      env.stdout(rootHelp());
      return 0;
    }
    const found = findCommand(COMMANDS, name);
    if (!found) {
      const s = suggestions(name, COMMANDS);
      throw new CmdError(`Error: unknown command "${name}" for "kubectl"\n${s.length ? `\nDid you mean this?\n${s.map((x) => `\t${x}\n`).join('')}` : ''}\nRun 'kubectl --help' for usage.\n`, 1, true);
    }
    let cmd: CommandDef = found;
    path = `kubectl ${cmd.name}`;
    let rest = [...pre, ...argv.slice(i + 1)];
    // subcommands (create deployment, rollout status …)
    while (cmd.sub?.length) {
      const idx = rest.findIndex((a) => !a.startsWith('-'));
      const sub: CommandDef | undefined = idx >= 0 ? findCommand(cmd.sub, rest[idx]) : undefined;
      if (!sub) break;
      rest = [...rest.slice(0, idx), ...rest.slice(idx + 1)];
      cmd = sub;
      path = `${path} ${sub.name}`;
    }
    const specs: FlagSpec[] = [...GLOBAL_FLAGS.filter((g) => !(cmd.flags ?? []).some((f) => f.name === g.name || (f.short && f.short === g.short))), ...(cmd.flags ?? [])];
    const parsed = parseFlags(rest, specs);
    if (parsed.flags.help) {
      env.stdout(`${cmd.short}\n\nUsage:\n  ${path} [flags] [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`);
      return 0;
    }
    for (const req of cmd.required ?? []) {
      if (!parsed.changed.has(req)) {
        env.stderr(`${klogPrefix(env)}"command failed" err="required flag(s) \\"${req}\\" not set"\n`);
        return 1;
      }
    }
    if (!cmd.run) {
      // cmdutil.DefaultSubCommandRun: the help goes to stderr (rollout: stdout) and the exit status is 1
      (path === 'kubectl rollout' ? env.stdout : env.stderr)(`${cmd.short}\n\nAvailable Commands:\n${(cmd.sub ?? []).map((s) => `  ${s.name.padEnd(22)}${s.short}\n`).join('')}\nUsage:\n  ${path} [flags] [options]\n`);
      return 1;
    }
    const cfgFlags = { kubeconfig: parsed.flags.kubeconfig as string, context: parsed.flags.context as string, cluster: parsed.flags.cluster as string };
    let ctxNs = '';
    if (!OFFLINE.has(found.name)) {
      // a command that needs the server: the kubeconfig must name a context with a cluster
      const cc = clientConfig(env, cfgFlags);
      if (cc.error) throw new CmdError(cc.error, 1, true);
      if (cc.noServer) throw new CmdError(localhostRefused(env.now(), env.pid), 1, true);
      ctxNs = cc.namespace;
    }
    const ns = (parsed.flags.namespace as string) || ctxNs || env.namespace;
    // --as / --as-group: every request carries the Impersonate-User / Impersonate-Group headers
    const as = parsed.flags.as as string;
    if (as) env = { ...env, client: impersonating(env.client, as, (parsed.flags['as-group'] as string[]) ?? []) };
    return await cmd.run({ env, args: parsed.args, flags: parsed.flags, changed: parsed.changed, namespace: ns, path, argsLenAtDash: parsed.argsLenAtDash });
  } catch (e) {
    if (isAbort(e)) return 130;
    if (e instanceof CmdError && e.stdoutPart) env.stdout(e.stdoutPart);
    env.stderr(errorText(e, path));
    return exitCodeOf(e);
  }
}

function impersonating(client: LocalClient, user: string, groups: string[]): LocalClient {
  const c = Object.create(client) as LocalClient;
  // impersonation is done by an authenticated user: the kubeconfig's kubeadm admin
  c.request = (req) => client.request({ ...req, user: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'], impersonate: { user, ...(groups.length ? { groups } : {}) } });
  return c;
}

function isAbort(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { name?: string }).name === 'AbortError';
}

function rootHelp(): string {
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(15)}${c.short}`).join('\n');
  return `kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nCommands:\n${lines}\n\nUsage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\n`;
}

export { FlagError };
