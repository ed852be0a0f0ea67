/** kubectl version, api-resources, api-versions, cluster-info. */
import type { CommandDef } from '../command';
import { bool, str } from '../command';
import { allGroupVersions, discover, gv } from '../discovery';
import { CmdError } from '../errors';
import { TabWriter, KUBECTL_TABLE_OPTS } from '../printers/tabwriter';

const CLIENT = { gitVersion: 'v1.32.4', kustomize: 'v5.5.0' };

export const versionCommand: CommandDef = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [
    { name: 'client', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
  ],
  run(ctx) {
    const { env } = ctx;
    let out = `Client Version: ${CLIENT.gitVersion}\nKustomize Version: ${CLIENT.kustomize}\n`;
    if (!bool(ctx.flags.client)) {
      const v = env.client.request({ method: 'GET', path: '/version' }).body as { gitVersion: string };
      out += `Server Version: ${v.gitVersion}\n`;
    }
    const o = str(ctx.flags.output);
    if (o === 'json' || o === 'yaml') {
      const server = bool(ctx.flags.client) ? undefined : env.client.request({ method: 'GET', path: '/version' }).body;
      const client = { major: '1', minor: '32', gitVersion: CLIENT.gitVersion, gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335', gitTreeState: 'clean', buildDate: '2025-04-22T16:04:00Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64' };
      const doc = { clientVersion: client, kustomizeVersion: CLIENT.kustomize, ...(server ? { serverVersion: server } : {}) };
      env.stdout(o === 'json' ? JSON.stringify(doc, null, 2) + '\n' : yamlLite(doc));
      return 0;
    }
    if (o) throw new CmdError(`--output must be 'yaml' or 'json'`);
    env.stdout(out);
    return 0;
  },
};

function yamlLite(v: Record<string, unknown>, indent = ''): string {
  return Object.entries(v)
    .map(([k, x]) => (x && typeof x === 'object' ? `${indent}${k}:\n${yamlLite(x as Record<string, unknown>, indent + '  ')}` : `${indent}${k}: ${x}\n`))
    .join('');
}

export const apiResourcesCommand: CommandDef = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'api-group', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'no-headers', type: 'bool', default: false },
    { name: 'verbs', type: 'stringArray' },
    { name: 'sort-by', type: 'string', default: '' },
    { name: 'cached', type: 'bool', default: false },
    { name: 'categories', type: 'stringArray' },
  ],
  run(ctx) {
    const { env, flags } = ctx;
    let rs = discover(env);
    if (ctx.changed.has('namespaced')) rs = rs.filter((r) => r.namespaced === bool(flags.namespaced));
    if (ctx.changed.has('api-group')) rs = rs.filter((r) => r.group === str(flags['api-group']));
    // kubectl sorts by API group, then by resource name (sortableResource)
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = [...rs].sort((a, b) => cmp(a.group, b.group) || cmp(a.resource, b.resource));
    const o = str(flags.output);
    if (o === 'name') {
      env.stdout(sorted.map((r) => (r.group ? `${r.resource}.${r.group}\n` : `${r.resource}\n`)).join(''));
      return 0;
    }
    const w = new TabWriter(KUBECTL_TABLE_OPTS);
    const wide = o === 'wide';
    if (!bool(flags['no-headers'])) w.write(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])].join('\t') + '\n');
    for (const r of sorted) {
      w.write([r.resource, r.shortNames.join(','), gv(r), String(r.namespaced), r.kind, ...(wide ? [`[${r.verbs.join(' ')}]`, r.categories.join(',')] : [])].join('\t') + '\n');
    }
    w.flush();
    env.stdout(w.take());
    return 0;
  },
};

export const apiVersionsCommand: CommandDef = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  run(ctx) {
    const set = new Set([...discover(ctx.env).map(gv), ...allGroupVersions(ctx.env)]);
    ctx.env.stdout([...set].sort().map((v) => `${v}\n`).join(''));
    return 0;
  },
};

export const clusterInfoCommand: CommandDef = {
  name: 'cluster-info',
  short: 'Display cluster information',
  run(ctx) {
    const { env } = ctx;
    let dns = '';
    try {
      env.client.request({ method: 'GET', path: '/api/v1/namespaces/kube-system/services/kube-dns' });
      dns = '\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://172.30.1.2:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n';
    } catch {
      dns = '';
    }
    env.stdout(`\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://172.30.1.2:6443\x1b[0m\n${dns}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
    return 0;
  },
};
