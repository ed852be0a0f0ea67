/**
 * kubectl config: the kubeadm admin kubeconfig (cluster `kubernetes`, user `kubernetes-admin`,
 * context `kubernetes-admin@kubernetes`, server https://172.30.1.2:6443). The context's namespace can
 * be changed with `set-context --current --namespace=…`; it lives with the cluster, like the file would.
 */
import type { CommandDef, CmdContext } from '../command';
import { bool, str } from '../command';
import { CmdError } from '../errors';
import type { KubectlEnv } from '../env';
import { parseOutput, printObjects } from '../output';
import { printJson } from '../printers/json';
import { TabWriter } from '../printers/tabwriter';

interface KubeConfigState {
  namespace: string;
}

const CONTEXT = 'kubernetes-admin@kubernetes';
const states = new WeakMap<object, KubeConfigState>();

function state(env: KubectlEnv): KubeConfigState {
  let s = states.get(env.client.api);
  if (!s) {
    s = { namespace: '' };
    states.set(env.client.api, s);
  }
  return s;
}

/** The namespace of the current context ('' = none set). */
export function contextNamespace(env: KubectlEnv): string {
  return states.get(env.client.api)?.namespace ?? '';
}

function configObject(env: KubectlEnv, raw: boolean): Record<string, unknown> {
  const data = (s: string) => (raw ? s : 'DATA+OMITTED');
  const ns = state(env).namespace;
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: [{ name: 'kubernetes', cluster: { server: 'https://172.30.1.2:6443', 'certificate-authority-data': data('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURCVENDQWUyZ0F3SUJBZ0lJU2ltdWxhdGVkMEFOQmdrcWhraUc5dzBCQVFzRkFEQVZNUk13RVFZRFZRUUQKRXdwcmRXSmxjbTVsZEdWek1CNFhEVEkyTURFd01UQXdNREF3TUZvWERUTTJNREV3TVRBd01EQXdNRm93RlRFVApNQkVHQTFVRUF4TUthM1ZpWlhKdVpYUmxjekNDQVNJd0RRWUpLb1pJaHZjTkFRRUJCUUFEZ2dFUEFEQ0NBUW9DCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K') } }],
    users: [
      {
        name: 'kubernetes-admin',
        user: {
          'client-certificate-data': data('LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURLVENDQWhHZ0F3SUJBZ0lJU2ltdWxhdGVkMEFOQmdrcWhraUc5dzBCQVFzRkFEQVZNUk13RVFZRFZRUUQKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo='),
          'client-key-data': data('LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBc2ltdWxhdGVkCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCg=='),
        },
      },
    ],
    contexts: [{ name: CONTEXT, context: { cluster: 'kubernetes', user: 'kubernetes-admin', ...(ns ? { namespace: ns } : {}) } }],
    'current-context': CONTEXT,
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
    const cfg = configObject(ctx.env, bool(ctx.flags.raw) || bool(ctx.flags.flatten));
    const o = str(ctx.flags.output) || 'yaml';
    const fmt = parseOutput(o, ctx.env.readFile);
    if (fmt.kind === 'json') ctx.env.stdout(printJson(cfg, { preserveOrder: true }));
    else ctx.env.stdout(printObjects(fmt, [cfg as never], true, () => 'config'));
    return 0;
  },
};

const currentContext: CommandDef = {
  name: 'current-context',
  short: 'Display the current-context',
  run(ctx) {
    ctx.env.stdout(`${CONTEXT}\n`);
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
    const names = ctx.args.length ? ctx.args : [CONTEXT];
    const missing = names.filter((n) => n !== CONTEXT);
    const found = names.filter((n) => n === CONTEXT);
    if (o === 'name') {
      for (const n of found) ctx.env.stdout(`${n}\n`);
    } else {
      const rows: string[][] = bool(ctx.flags['no-headers']) ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
      for (const n of found) rows.push(['*', n, 'kubernetes', 'kubernetes-admin', state(ctx.env).namespace]);
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
    ctx.env.stdout('NAME\nkubernetes\n');
    return 0;
  },
};

const getUsers: CommandDef = {
  name: 'get-users',
  short: 'Display users defined in the kubeconfig',
  run(ctx) {
    ctx.env.stdout('NAME\nkubernetes-admin\n');
    return 0;
  },
};

const useContext: CommandDef = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new CmdError(`Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples`);
    if (name !== CONTEXT) throw new CmdError(`no context exists with the name: "${name}"`);
    ctx.env.stdout(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: CommandDef = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  flags: [{ name: 'current', type: 'bool', default: false }, { name: 'cluster', type: 'string', default: '' }, { name: 'user', type: 'string', default: '' }],
  run(ctx: CmdContext) {
    const current = bool(ctx.flags.current);
    const name = current ? CONTEXT : ctx.args[0];
    if (current && ctx.args.length) throw new CmdError('you cannot specify both a context name and --current');
    if (!name) throw new CmdError(`you must specify a non-empty context name or --current\nSee 'kubectl config set-context -h' for help and examples`);
    if (name !== CONTEXT) throw new CmdError(`the simulated kubeconfig has only the context "${CONTEXT}"`);
    if (ctx.changed.has('namespace')) state(ctx.env).namespace = str(ctx.flags.namespace);
    ctx.env.stdout(`Context "${name}" modified.\n`);
    return 0;
  },
};

export const configCommand: CommandDef = {
  name: 'config',
  short: 'Modify kubeconfig files',
  sub: [currentContext, getClusters, getContexts, getUsers, setContext, useContext, view],
};
