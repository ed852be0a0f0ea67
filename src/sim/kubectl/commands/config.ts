/**
 * kubectl config: reads and writes the kubeconfig file (kubeconfig.ts) as kubectl v1.32 does —
 * contexts, clusters and users by name, the current context, and each context's namespace, which
 * later commands use. Texts: cmd/config/*.go, checked against the real kubectl on a copy of admin.conf.
 */
import type { CommandDef, CmdContext } from '../command';
import { bool, str } from '../command';
import { CmdError } from '../errors';
import { parseOutput, printObjects } from '../output';
import { printJson } from '../printers/json';
import { TabWriter } from '../printers/tabwriter';
import { configFileName, configObject, loadKubeconfig, saveKubeconfig, type KubeConfig, type LoadedConfig } from '../kubeconfig';

const load = (ctx: CmdContext): LoadedConfig => loadKubeconfig(ctx.env, str(ctx.flags.kubeconfig));

/** cobra's usage error: the command's help on stdout, then `error: Unexpected args: [...]`. */
function unexpectedArgs(ctx: CmdContext, help: string): number {
  ctx.env.stdout(help);
  ctx.env.stderr(`error: Unexpected args: [${ctx.args.join(' ')}]\n`);
  return 1;
}

const SET_CONTEXT_HELP = `Set a context entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.

Examples:
  # Set the user field on the gce context entry without touching other values
  kubectl config set-context gce --user=cluster-admin

Options:
    --cluster='':
\tcluster for the context entry in kubeconfig

    --current=false:
\tModify the current context

    --namespace='':
\tnamespace for the context entry in kubeconfig

    --user='':
\tuser for the context entry in kubeconfig

Usage:
  kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const USE_CONTEXT_HELP = `Set the current-context in a kubeconfig file.

Aliases:
use-context, use

Examples:
  # Use the context for the minikube cluster
  kubectl config use-context minikube

Usage:
  kubectl config use-context CONTEXT_NAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** view: *-data fields read DATA+OMITTED and secrets REDACTED unless --raw / --flatten. */
function redacted(c: KubeConfig): KubeConfig {
  const hide = (m: Map<string, Record<string, unknown>>) =>
    new Map([...m].map(([k, v]) => [k, Object.fromEntries(Object.entries(v).map(([f, x]) => [f, f.endsWith('-data') ? 'DATA+OMITTED' : f === 'token' || f === 'password' ? 'REDACTED' : x]))]));
  return { ...c, clusters: hide(c.clusters), users: hide(c.users) };
}

/** clientcmdapi.MinifyConfig */
function minified(c: KubeConfig): KubeConfig {
  if (!c.currentContext) throw new CmdError('current-context must exist in order to minify');
  const cur = c.contexts.get(c.currentContext);
  if (!cur) throw new CmdError(`cannot locate context ${c.currentContext}`);
  const cluster = (cur.cluster as string) ?? '';
  const user = (cur.user as string) ?? '';
  if (cluster && !c.clusters.has(cluster)) throw new CmdError(`cannot locate cluster ${cluster}`);
  if (user && !c.users.has(user)) throw new CmdError(`cannot locate user ${user}`);
  return {
    ...c,
    contexts: new Map([[c.currentContext, cur]]),
    clusters: new Map(cluster ? [[cluster, c.clusters.get(cluster)!]] : []),
    users: new Map(user ? [[user, c.users.get(user)!]] : []),
  };
}

const view: CommandDef = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: 'yaml' },
    { name: 'raw', type: 'bool', default: false },
    { name: 'minify', type: 'bool', default: false },
    { name: 'flatten', type: 'bool', default: false },
    { name: 'merge', type: 'string', default: 'true' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool', default: false },
  ],
  run(ctx) {
    let c = load(ctx).config;
    if (bool(ctx.flags.minify)) c = minified(c);
    if (!bool(ctx.flags.raw) && !bool(ctx.flags.flatten)) c = redacted(c);
    const cfg = configObject(c);
    const fmt = parseOutput(str(ctx.flags.output) || 'yaml', ctx.env.readFile);
    if (fmt.kind === 'json') ctx.env.stdout(printJson(cfg, { preserveOrder: true }));
    else ctx.env.stdout(printObjects(fmt, [cfg as never], true, () => 'config'));
    return 0;
  },
};

const currentContext: CommandDef = {
  name: 'current-context',
  short: 'Display the current-context',
  run(ctx) {
    const cur = load(ctx).config.currentContext;
    if (!cur) throw new CmdError('current-context is not set');
    ctx.env.stdout(`${cur}\n`);
    return 0;
  },
};

function table(rows: string[][]): string {
  const tw = new TabWriter({ minwidth: 0, tabwidth: 4, padding: 3 });
  for (const r of rows) tw.write(r.join('\t') + '\n');
  tw.flush();
  return tw.take();
}

const getContexts: CommandDef = {
  name: 'get-contexts',
  short: 'Describe one or many contexts',
  flags: [{ name: 'output', short: 'o', type: 'string', default: '' }, { name: 'no-headers', type: 'bool', default: false }],
  run(ctx) {
    const o = str(ctx.flags.output);
    if (o && o !== 'name') throw new CmdError(`output must be one of '' or 'name': ${o}`);
    const c = load(ctx).config;
    const names = ctx.args.length ? ctx.args : [...c.contexts.keys()].sort();
    const found = names.filter((n) => c.contexts.has(n));
    const missing = names.filter((n) => !c.contexts.has(n));
    if (o === 'name') {
      for (const n of found) ctx.env.stdout(`${n}\n`);
    } else {
      const rows: string[][] = bool(ctx.flags['no-headers']) ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
      for (const n of found) {
        const e = c.contexts.get(n)!;
        rows.push([n === c.currentContext ? '*' : '', n, String(e.cluster ?? ''), String(e.user ?? ''), String(e.namespace ?? '')]);
      }
      ctx.env.stdout(table(rows));
    }
    if (missing.length) {
      ctx.env.stderr(`error: context ${missing[0]} not found\n`);
      return 1;
    }
    return 0;
  },
};

const getClusters: CommandDef = {
  name: 'get-clusters',
  short: 'Display clusters defined in the kubeconfig',
  run(ctx) {
    ctx.env.stdout(['NAME', ...[...load(ctx).config.clusters.keys()].sort()].join('\n') + '\n');
    return 0;
  },
};

const getUsers: CommandDef = {
  name: 'get-users',
  short: 'Display users defined in the kubeconfig',
  run(ctx) {
    ctx.env.stdout(['NAME', ...[...load(ctx).config.users.keys()].sort()].join('\n') + '\n');
    return 0;
  },
};

const useContext: CommandDef = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  run(ctx) {
    if (ctx.args.length !== 1) return unexpectedArgs(ctx, USE_CONTEXT_HELP);
    const name = ctx.args[0];
    const loaded = load(ctx);
    if (!loaded.config.contexts.has(name)) throw new CmdError(`no context exists with the name: "${name}"`);
    loaded.config.currentContext = name;
    saveKubeconfig(ctx.env, loaded);
    ctx.env.stdout(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: CommandDef = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  flags: [{ name: 'current', type: 'bool', default: false }],
  run(ctx: CmdContext) {
    if (ctx.args.length > 1) return unexpectedArgs(ctx, SET_CONTEXT_HELP);
    const loaded = load(ctx);
    const c = loaded.config;
    const current = bool(ctx.flags.current);
    if (current && ctx.args.length) throw new CmdError('you cannot specify both a context name and --current');
    if (current && !c.currentContext) throw new CmdError('no current context is set');
    const name = current ? c.currentContext : (ctx.args[0] ?? '');
    if (!name) throw new CmdError('you must specify a non-empty context name or --current');
    const existed = c.contexts.has(name);
    const e = { ...(c.contexts.get(name) ?? {}) };
    // the global --cluster/--user/--namespace flags name the entry's fields here
    for (const [flag, field] of [['cluster', 'cluster'], ['user', 'user'], ['namespace', 'namespace']] as const) {
      if (!ctx.changed.has(flag)) continue;
      const v = str(ctx.flags[flag]);
      if (v) e[field] = v;
      else delete e[field];
    }
    c.contexts.set(name, Object.fromEntries(['cluster', 'user', 'namespace', 'extensions'].filter((k) => e[k] !== undefined).map((k) => [k, e[k]])));
    saveKubeconfig(ctx.env, loaded);
    ctx.env.stdout(`Context "${name}" ${existed ? 'modified' : 'created'}.\n`);
    return 0;
  },
};

const renameContext: CommandDef = {
  name: 'rename-context',
  short: 'Rename a context from the kubeconfig file',
  run(ctx) {
    if (ctx.args.length !== 2) throw new CmdError('Unexpected args: [' + ctx.args.join(' ') + ']');
    const [from, to] = ctx.args;
    const loaded = load(ctx);
    const c = loaded.config;
    const file = configFileName(loaded);
    if (!c.contexts.has(from)) throw new CmdError(`cannot rename the context "${from}", it's not in ${file}`);
    if (c.contexts.has(to)) throw new CmdError(`cannot rename the context "${from}", the context "${to}" already exists in ${file}`);
    c.contexts.set(to, c.contexts.get(from)!);
    c.contexts.delete(from);
    if (c.currentContext === from) c.currentContext = to;
    saveKubeconfig(ctx.env, loaded);
    ctx.env.stdout(`Context "${from}" renamed to "${to}".\n`);
    return 0;
  },
};

function deleter(name: string, short: string, what: 'context' | 'cluster' | 'user'): CommandDef {
  return {
    name,
    short,
    run(ctx) {
      const entry = ctx.args[0] ?? '';
      const loaded = load(ctx);
      const c = loaded.config;
      const map = what === 'context' ? c.contexts : what === 'cluster' ? c.clusters : c.users;
      const file = configFileName(loaded);
      if (!map.has(entry)) throw new CmdError(`cannot delete ${what} ${entry}, not in ${file}`);
      if (what === 'context' && c.currentContext === entry) ctx.env.stderr('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
      map.delete(entry);
      saveKubeconfig(ctx.env, loaded);
      ctx.env.stdout(`deleted ${what} ${entry} from ${file}\n`);
      return 0;
    },
  };
}

const setCluster: CommandDef = {
  name: 'set-cluster',
  short: 'Set a cluster entry in kubeconfig',
  flags: [
    { name: 'server', type: 'string', default: '' },
    { name: 'insecure-skip-tls-verify', type: 'bool', default: false },
    { name: 'certificate-authority', type: 'string', default: '' },
    { name: 'tls-server-name', type: 'string', default: '' },
    { name: 'proxy-url', type: 'string', default: '' },
  ],
  run(ctx) {
    const name = ctx.args[0];
    if (!name || ctx.args.length > 1) throw new CmdError(`Unexpected args: [${ctx.args.join(' ')}]`);
    const loaded = load(ctx);
    const e = { ...(loaded.config.clusters.get(name) ?? {}) };
    for (const f of ['server', 'tls-server-name', 'certificate-authority', 'proxy-url']) if (ctx.changed.has(f)) e[f] = str(ctx.flags[f]);
    if (ctx.changed.has('insecure-skip-tls-verify')) e['insecure-skip-tls-verify'] = bool(ctx.flags['insecure-skip-tls-verify']);
    loaded.config.clusters.set(name, e);
    saveKubeconfig(ctx.env, loaded);
    ctx.env.stdout(`Cluster "${name}" set.\n`);
    return 0;
  },
};

const setCredentials: CommandDef = {
  name: 'set-credentials',
  short: 'Set a user entry in kubeconfig',
  flags: [
    { name: 'token', type: 'string', default: '' },
    { name: 'username', type: 'string', default: '' },
    { name: 'password', type: 'string', default: '' },
    { name: 'client-certificate', type: 'string', default: '' },
    { name: 'client-key', type: 'string', default: '' },
  ],
  run(ctx) {
    const name = ctx.args[0];
    if (!name || ctx.args.length > 1) throw new CmdError(`Unexpected args: [${ctx.args.join(' ')}]`);
    const basic = ctx.changed.has('username') || ctx.changed.has('password');
    if (ctx.changed.has('token') && basic) throw new CmdError('you cannot specify more than one authentication method at the same time: --token, --username/--password');
    const loaded = load(ctx);
    const e = { ...(loaded.config.users.get(name) ?? {}) };
    for (const f of ['client-certificate', 'client-key', 'token', 'username', 'password']) if (ctx.changed.has(f)) e[f] = str(ctx.flags[f]);
    loaded.config.users.set(name, e);
    saveKubeconfig(ctx.env, loaded);
    ctx.env.stdout(`User "${name}" set.\n`);
    return 0;
  },
};

/** set/unset PROPERTY_NAME: `current-context` or `contexts|clusters|users.NAME.FIELD`. */
function property(name: string, short: string, unset: boolean): CommandDef {
  return {
    name,
    short,
    run(ctx) {
      const [prop, value] = ctx.args;
      if (!prop || (!unset && value === undefined)) throw new CmdError(`Unexpected args: [${ctx.args.join(' ')}]`);
      const loaded = load(ctx);
      const c = loaded.config;
      const parts = prop.split('.');
      if (prop === 'current-context') c.currentContext = unset ? '' : value;
      else if (parts.length >= 3 && ['contexts', 'clusters', 'users'].includes(parts[0])) {
        const map = parts[0] === 'contexts' ? c.contexts : parts[0] === 'clusters' ? c.clusters : c.users;
        const field = parts[parts.length - 1];
        const entry = parts.slice(1, -1).join('.');
        const e = { ...(map.get(entry) ?? {}) };
        if (unset) delete e[field];
        else e[field] = value;
        map.set(entry, e);
      } else throw new CmdError(`unable to locate path ${prop}`);
      saveKubeconfig(ctx.env, loaded);
      ctx.env.stdout(`Property "${prop}" ${unset ? 'unset' : 'set'}.\n`);
      return 0;
    },
  };
}

export const configCommand: CommandDef = {
  name: 'config',
  short: 'Modify kubeconfig files',
  sub: [
    currentContext,
    deleter('delete-cluster', 'Delete the specified cluster from the kubeconfig', 'cluster'),
    deleter('delete-context', 'Delete the specified context from the kubeconfig', 'context'),
    deleter('delete-user', 'Delete the specified user from the kubeconfig', 'user'),
    getClusters,
    getContexts,
    getUsers,
    renameContext,
    property('set', 'Set an individual value in a kubeconfig file', false),
    setCluster,
    setContext,
    setCredentials,
    property('unset', 'Unset an individual value in a kubeconfig file', true),
    useContext,
    view,
  ],
};
