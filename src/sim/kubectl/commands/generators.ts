/**
 * `kubectl create <generator>`: service, configmap, secret, job, cronjob, serviceaccount, role(binding),
 * clusterrole(binding), ingress, priorityclass, quota (and deployment/namespace in create.ts).
 * Objects are built in Go struct field order, because `--dry-run=client -o json` prints the typed
 * object as encoding/json does (maps sorted, struct fields in declaration order).
 */
import type { CommandDef, CmdContext } from '../command';
import { arr, bool, num, str } from '../command';
import { CmdError } from '../errors';
import { parseOutput, printObjects } from '../output';
import { printJson } from '../printers/json';
import { discover, tryResolve } from '../discovery';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './shared';
import { drySuffix } from './targets';

export interface StaticKind {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

const K = (group: string, version: string, resource: string, kind: string, namespaced = true): StaticKind => ({ group, version, resource, kind, namespaced });
export const KIND = {
  deployment: K('apps', 'v1', 'deployments', 'Deployment'),
  namespace: K('', 'v1', 'namespaces', 'Namespace', false),
  service: K('', 'v1', 'services', 'Service'),
  configmap: K('', 'v1', 'configmaps', 'ConfigMap'),
  secret: K('', 'v1', 'secrets', 'Secret'),
  job: K('batch', 'v1', 'jobs', 'Job'),
  cronjob: K('batch', 'v1', 'cronjobs', 'CronJob'),
  serviceaccount: K('', 'v1', 'serviceaccounts', 'ServiceAccount'),
  role: K('rbac.authorization.k8s.io', 'v1', 'roles', 'Role'),
  rolebinding: K('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
  clusterrole: K('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  clusterrolebinding: K('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  ingress: K('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
  priorityclass: K('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false),
  quota: K('', 'v1', 'resourcequotas', 'ResourceQuota'),
};

export const GEN_COMMON = [
  DRY_RUN_FLAG,
  OUTPUT_FLAG,
  { name: 'save-config', type: 'bool' as const, default: false },
  { name: 'validate', type: 'string' as const, default: 'strict', noOptDefault: 'strict' },
  { name: 'field-manager', type: 'string' as const, default: 'kubectl-create' },
  { name: 'show-managed-fields', type: 'bool' as const, default: false },
  { name: 'template', type: 'string' as const, default: '' },
  { name: 'allow-missing-template-keys', type: 'bool' as const, default: true },
];

const NULL = null as unknown as string;

/** `metadata` in ObjectMeta field order: name, namespace (only with an explicit -n), creationTimestamp, labels, annotations. */
export function meta(ctx: CmdContext, name: string, k: StaticKind, extra: { labels?: Record<string, string>; annotations?: Record<string, string> } = {}): Obj['metadata'] {
  const m: Record<string, unknown> = { name };
  if (k.namespaced && ctx.changed.has('namespace')) m.namespace = ctx.namespace;
  m.creationTimestamp = NULL;
  if (extra.labels && Object.keys(extra.labels).length) m.labels = sortMap(extra.labels);
  if (extra.annotations && Object.keys(extra.annotations).length) m.annotations = sortMap(extra.annotations);
  return m as Obj['metadata'];
}

export function sortMap<T>(m: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k];
  return out;
}

export function kindName(k: StaticKind): string {
  return k.group ? `${k.kind.toLowerCase()}.${k.group}` : k.kind.toLowerCase();
}

/** `exactly one NAME is required, got N` with cobra's help hint. */
/** cmdutil NameFromCommandArgs: only the args before `--` count. */
export function oneName(ctx: CmdContext): string {
  const n = ctx.argsLenAtDash === undefined || ctx.argsLenAtDash < 0 ? ctx.args.length : ctx.argsLenAtDash;
  if (n !== 1) throw new CmdError(`exactly one NAME is required, got ${n}\nSee '${ctx.path} -h' for help and examples`);
  return ctx.args[0];
}

/** Print a typed object (dry-run client keeps Go field order for -o json). */
export function printTyped(ctx: CmdContext, k: StaticKind, obj: Obj, dry: string, typedOrder: boolean): void {
  const o = str(ctx.flags.output);
  if (o) {
    const fmt = parseOutput(o, ctx.env.readFile);
    if (fmt.kind !== 'table' && fmt.kind !== 'wide') {
      const apiVersion = k.group ? `${k.group}/${k.version}` : k.version;
      const { kind: _k, apiVersion: _a, ...rest } = obj;
      void _k;
      void _a;
      const full = { kind: k.kind, apiVersion, ...rest } as Obj;
      if (fmt.kind === 'json' && typedOrder) ctx.env.stdout(printJson(full, { preserveOrder: true }));
      else ctx.env.stdout(printObjects(fmt, [full], true, () => kindName(k)));
      return;
    }
  }
  ctx.env.stdout(`${kindName(k)}/${obj.metadata.name} created${drySuffix(dry)}\n`);
}

/** Create a generated object (the typed client: `error: failed to create <what>: …` on API errors). */
export function createTyped(ctx: CmdContext, k: StaticKind, obj: Obj, what: string): number {
  const { env } = ctx;
  const dry = dryRunOf(ctx);
  if (dry === 'client') {
    printTyped(ctx, k, obj, dry, true);
    return 0;
  }
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  const path = k.namespaced ? `${base}/namespaces/${ctx.namespace}/${k.resource}` : `${base}/${k.resource}`;
  try {
    const created = env.client.request({
      method: 'POST',
      path,
      query: { fieldManager: str(ctx.flags['field-manager']) || 'kubectl-create', fieldValidation: 'Strict', ...(dry === 'server' ? { dryRun: 'All' } : {}) },
      body: obj,
      contentType: 'application/vnd.kubernetes.protobuf',
    }).body as Obj;
    printTyped(ctx, k, created, dry, false);
    return 0;
  } catch (e) {
    if (e instanceof ApiError) {
      const msg = e.code === 404 && e.message === 'the server could not find the requested resource' ? `${e.message} (post ${k.resource}${k.group ? `.${k.group}` : ''})` : e.message;
      // namespace, role and clusterrole return the API error as it is; the others wrap it
      if (!what) throw msg === e.message ? e : new ApiError(e.code, e.reason, msg, e.details);
      throw new CmdError(what === 'secret' ? `failed to create secret ${msg}` : `failed to create ${what}: ${msg}`);
    }
    throw e;
  }
}

// ---------- service ----------

function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new CmdError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 1 || n > 65535) throw new CmdError(n === 0 ? `port "${s}" out of range` : `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function serviceCmd(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName', name: string, short: string): CommandDef {
  const flags = [...GEN_COMMON];
  if (type !== 'ExternalName') flags.push({ name: 'tcp', type: 'stringArray' } as never);
  if (type === 'ClusterIP') flags.push({ name: 'clusterip', type: 'string', default: '' } as never);
  if (type === 'NodePort') flags.push({ name: 'node-port', type: 'int', default: 0 } as never);
  if (type === 'ExternalName') flags.push({ name: 'external-name', type: 'string', default: '' } as never, { name: 'tcp', type: 'stringArray' } as never);
  return {
    name,
    short,
    flags,
    required: type === 'ExternalName' ? ['external-name'] : undefined,
    run(ctx) {
      const n = oneName(ctx);
      const tcp = arr(ctx.flags.tcp);
      const clusterIP = str(ctx.flags.clusterip);
      if (clusterIP === 'None' && type !== 'ClusterIP') throw new CmdError('ClusterIP=None can only be used with ClusterIP service type');
      if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw new CmdError('at least one tcp port specifier must be provided');
      const ext = str(ctx.flags['external-name']);
      if (type === 'ExternalName' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(ext)) throw new CmdError(`invalid service external name ${ext}`);
      const nodePort = num(ctx.flags['node-port'], 0);
      const ports = tcp.map((t) => {
        const parts = t.split(':');
        const port = parsePort(parts[0]);
        let targetPort: number | string = port;
        if (parts.length > 1) {
          if (/^[+-]?\d+$/.test(parts[1])) {
            const tp = Number(parts[1]);
            if (tp < 1 || tp > 65535) throw new CmdError('must be between 1 and 65535, inclusive');
            targetPort = tp;
          } else {
            if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(parts[1]) || parts[1].length > 15 || !/[a-z]/.test(parts[1])) throw new CmdError(`must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`);
            targetPort = parts[1];
          }
        }
        return { name: t.replace(/:/g, '-'), protocol: 'TCP', port, targetPort, ...(nodePort ? { nodePort } : {}) };
      });
      const spec: Record<string, unknown> = {};
      if (ports.length) spec.ports = ports;
      spec.selector = { app: n };
      if (clusterIP) spec.clusterIP = clusterIP;
      spec.type = type;
      if (ext) spec.externalName = ext;
      const obj: Obj = { kind: 'Service', apiVersion: 'v1', metadata: meta(ctx, n, KIND.service, { labels: { app: n } }), spec, status: { loadBalancer: {} } };
      return createTyped(ctx, KIND.service, obj, `${type} service`);
    },
  };
}

const serviceCommand: CommandDef = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  sub: [
    serviceCmd('ClusterIP', 'clusterip', 'Create a ClusterIP service'),
    serviceCmd('ExternalName', 'externalname', 'Create an ExternalName service'),
    serviceCmd('LoadBalancer', 'loadbalancer', 'Create a LoadBalancer service'),
    serviceCmd('NodePort', 'nodeport', 'Create a NodePort service'),
  ],
};

// ---------- configmap / secret sources ----------

const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;

function basename(p: string): string {
  const parts = p.replace(/\/+$/, '').split('/');
  return parts[parts.length - 1];
}

function joinPath(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`;
}

interface Sources {
  /** key → value, in insertion order. */
  add(key: string, value: string): void;
}

function fromLiterals(list: string[], s: Sources): void {
  for (const l of list) {
    const i = l.indexOf('=');
    if (i <= 0) throw new CmdError(`invalid literal source ${l}, expected key=value`);
    s.add(l.slice(0, i), l.slice(i + 1));
  }
}

function fromFiles(ctx: CmdContext, list: string[], s: Sources): void {
  for (const src of list) {
    let key: string;
    let path: string;
    const i = src.indexOf('=');
    if (i >= 0) {
      key = src.slice(0, i);
      path = src.slice(i + 1);
      if (!key) throw new CmdError(`key name for file path ${path} missing`);
      if (!path) throw new CmdError(`file path for key name ${key} missing`);
    } else {
      path = src;
      key = basename(src);
    }
    const entries = ctx.env.listDir(path);
    if (entries) {
      if (i >= 0) throw new CmdError('cannot give a key name for a directory path');
      for (const e of entries) {
        const p = joinPath(path, e);
        if (ctx.env.listDir(p)) continue;
        const text = ctx.env.readFile(p);
        if (text !== undefined) s.add(e, text);
      }
      continue;
    }
    const text = ctx.env.readFile(path);
    if (text === undefined) throw new CmdError(`error reading ${path}: no such file or directory`);
    s.add(key, text);
  }
}

function fromEnvFiles(ctx: CmdContext, list: string[], s: Sources): void {
  for (const f of list) {
    if (ctx.env.listDir(f)) throw new CmdError('env config file cannot be a directory');
    const text = ctx.env.readFile(f);
    if (text === undefined) throw new CmdError(`error reading ${f}: no such file or directory`);
    const lines = text.split('\n');
    lines.forEach((raw, idx) => {
      let line = raw.replace(/\r$/, '');
      if (idx === 0) line = line.replace(/^\uFEFF/, '');
      line = line.replace(/^[ \t]+/, '');
      if (!line || line.startsWith('#')) return;
      const i = line.indexOf('=');
      const key = i >= 0 ? line.slice(0, i) : line;
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key)) throw new CmdError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`);
      if (i >= 0) s.add(key, line.slice(i + 1));
    });
  }
}

const SOURCE_FLAGS = [
  { name: 'from-literal', type: 'stringArray' as const },
  { name: 'from-file', type: 'stringArray' as const },
  { name: 'from-env-file', type: 'stringArray' as const },
  { name: 'append-hash', type: 'bool' as const, default: false },
];

function collectSources(ctx: CmdContext, s: Sources): void {
  const env = arr(ctx.flags['from-env-file']);
  const files = arr(ctx.flags['from-file']);
  const lits = arr(ctx.flags['from-literal']);
  if (env.length && (files.length || lits.length)) throw new CmdError('from-env-file cannot be combined with from-file or from-literal');
  fromLiterals(lits, s);
  fromFiles(ctx, files, s);
  fromEnvFiles(ctx, env, s);
}

const configmapCommand: CommandDef = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  flags: [...SOURCE_FLAGS, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const data: Record<string, string> = {};
    collectSources(ctx, {
      add(key, value) {
        if (!CONFIGMAP_KEY.test(key) || key.length > 253) throw new CmdError(`"${key}" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
        if (key in data) throw new CmdError(`cannot add key "${key}", another key by that name already exists in Data for ConfigMap "${name}"`);
        data[key] = value;
      },
    });
    const obj: Obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: meta(ctx, name, KIND.configmap) } as Obj;
    if (Object.keys(data).length) obj.data = sortMap(data);
    return createTyped(ctx, KIND.configmap, obj, 'configmap');
  },
};

/** Base64 of a string's UTF-8 bytes. */
export function b64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function secretObj(ctx: CmdContext, name: string, data: Record<string, string>, type: string): Obj {
  const obj: Obj = { kind: 'Secret', apiVersion: 'v1', metadata: meta(ctx, name, KIND.secret) } as Obj;
  if (Object.keys(data).length) obj.data = sortMap(data);
  if (type) obj.type = type;
  return obj;
}

const secretGeneric: CommandDef = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  flags: [...SOURCE_FLAGS, { name: 'type', type: 'string', default: '' }, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const data: Record<string, string> = {};
    collectSources(ctx, {
      add(key, value) {
        if (!CONFIGMAP_KEY.test(key) || key.length > 253) throw new CmdError(`"${key}" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
        if (key in data) throw new CmdError(`cannot add key ${key}, another key by that name already exists`);
        data[key] = b64(value);
      },
    });
    return createTyped(ctx, KIND.secret, secretObj(ctx, name, data, str(ctx.flags.type)), 'secret');
  },
};

const secretTls: CommandDef = {
  name: 'tls',
  short: 'Create a TLS secret',
  flags: [{ name: 'cert', type: 'string', default: '' }, { name: 'key', type: 'string', default: '' }, { name: 'append-hash', type: 'bool', default: false }, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const cert = str(ctx.flags.cert);
    const key = str(ctx.flags.key);
    if (!cert || !key) throw new CmdError('key and cert must be specified');
    const c = ctx.env.readFile(cert);
    if (c === undefined) throw new CmdError(`open ${cert}: no such file or directory`);
    const k = ctx.env.readFile(key);
    if (k === undefined) throw new CmdError(`open ${key}: no such file or directory`);
    if (!/-----BEGIN [A-Z ]*CERTIFICATE-----/.test(c) && !/-----BEGIN/.test(k)) throw new CmdError('tls: failed to find any PEM data in certificate input');
    return createTyped(ctx, KIND.secret, secretObj(ctx, name, { 'tls.crt': b64(c), 'tls.key': b64(k) }, 'kubernetes.io/tls'), 'secret');
  },
};

const secretDocker: CommandDef = {
  name: 'docker-registry',
  short: 'Create a secret for use with a Docker registry',
  flags: [
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
    { name: 'docker-username', type: 'string', default: '' },
    { name: 'docker-password', type: 'string', default: '' },
    { name: 'docker-email', type: 'string', default: '' },
    { name: 'from-file', type: 'stringArray' },
    { name: 'append-hash', type: 'bool', default: false },
    ...GEN_COMMON,
  ],
  run(ctx) {
    const name = oneName(ctx);
    const files = arr(ctx.flags['from-file']);
    const data: Record<string, string> = {};
    if (files.length) {
      fromFiles(ctx, files, {
        add(key, value) {
          if (key in data) throw new CmdError(`cannot add key ${key}, another key by that name already exists`);
          data[key] = b64(value);
        },
      });
    } else {
      const user = str(ctx.flags['docker-username']);
      const pw = str(ctx.flags['docker-password']);
      const server = str(ctx.flags['docker-server']);
      if (!user || !pw || !server) throw new CmdError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
      const email = str(ctx.flags['docker-email']);
      const entry: Record<string, string> = { username: user, password: pw };
      if (email) entry.email = email;
      entry.auth = b64(`${user}:${pw}`);
      data['.dockerconfigjson'] = b64(JSON.stringify({ auths: { [server]: entry } }));
    }
    return createTyped(ctx, KIND.secret, secretObj(ctx, name, data, 'kubernetes.io/dockerconfigjson'), 'secret');
  },
};

const secretCommand: CommandDef = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  sub: [secretDocker, secretGeneric, secretTls],
};

// ---------- job / cronjob ----------

function container(name: string, image: string, command: string[]): Record<string, unknown> {
  return { name, image, ...(command.length ? { command } : {}), resources: {} };
}

const jobCommand: CommandDef = {
  name: 'job',
  short: 'Create a job with the specified name',
  flags: [{ name: 'image', type: 'string', default: '' }, { name: 'from', type: 'string', default: '' }, ...GEN_COMMON],
  run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new CmdError(`NAME is required\nSee '${ctx.path} -h' for help and examples`);
    const command = ctx.args.slice(1);
    const image = str(ctx.flags.image);
    const from = str(ctx.flags.from);
    if (!image && !from) throw new CmdError('either --image or --from must be specified');
    if (image && from) throw new CmdError('--image and --from are mutually exclusive');
    if (from && command.length) throw new CmdError('cannot specify --from and command');
    let obj: Obj;
    if (from) {
      const i = from.indexOf('/');
      const type = i >= 0 ? from.slice(0, i) : from;
      const cjName = i >= 0 ? from.slice(i + 1) : '';
      const r = tryResolve(ctx.env, type);
      if (!r) throw new CmdError(`the server doesn't have a resource type "${type}"`);
      if (r.kind !== 'CronJob') throw new CmdError(`unknown object type ${r.kind}`);
      const cj = ctx.env.client.request({ method: 'GET', path: `/apis/batch/v1/namespaces/${ctx.namespace}/cronjobs/${encodeURIComponent(cjName)}` }).body as Obj;
      const tpl = (cj.spec?.jobTemplate ?? {}) as Obj;
      const m: Record<string, unknown> = { name };
      if (ctx.changed.has('namespace')) m.namespace = ctx.namespace;
      m.creationTimestamp = NULL;
      if (tpl.metadata?.labels) m.labels = tpl.metadata.labels;
      m.annotations = sortMap({ 'cronjob.kubernetes.io/instantiate': 'manual', ...(tpl.metadata?.annotations ?? {}) });
      m.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }];
      obj = { kind: 'Job', apiVersion: 'batch/v1', metadata: m as Obj['metadata'], spec: tpl.spec ?? {}, status: {} };
    } else {
      obj = {
        kind: 'Job',
        apiVersion: 'batch/v1',
        metadata: meta(ctx, name, KIND.job),
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, image, command)], restartPolicy: 'Never' } } },
        status: {},
      };
    }
    return createTyped(ctx, KIND.job, obj, 'job');
  },
};

const cronjobCommand: CommandDef = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  required: ['image', 'schedule'],
  flags: [{ name: 'image', type: 'string', default: '' }, { name: 'schedule', type: 'string', default: '' }, { name: 'restart', type: 'string', default: '' }, ...GEN_COMMON],
  run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new CmdError(`NAME is required\nSee '${ctx.path} -h' for help and examples`);
    const restart = str(ctx.flags.restart) || 'OnFailure';
    if (restart !== 'OnFailure' && restart !== 'Never') throw new CmdError(`restart must be one of OnFailure or Never, not ${restart}`);
    const obj: Obj = {
      kind: 'CronJob',
      apiVersion: 'batch/v1',
      metadata: meta(ctx, name, KIND.cronjob),
      spec: {
        schedule: str(ctx.flags.schedule),
        jobTemplate: {
          metadata: { name, ...(ctx.changed.has('namespace') ? { namespace: ctx.namespace } : {}), creationTimestamp: null },
          spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container(name, str(ctx.flags.image), ctx.args.slice(1))], restartPolicy: restart } } },
        },
      },
      status: {},
    };
    return createTyped(ctx, KIND.cronjob, obj, 'cronjob');
  },
};

const serviceaccountCommand: CommandDef = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  flags: GEN_COMMON,
  run(ctx) {
    const name = oneName(ctx);
    return createTyped(ctx, KIND.serviceaccount, { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(ctx, name, KIND.serviceaccount) } as Obj, 'serviceaccount');
  },
};

// ---------- RBAC ----------

const VALID_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const SPECIAL_VERBS: Record<string, [string, string][]> = {
  use: [['policy', 'podsecuritypolicies'], ['extensions', 'podsecuritypolicies']],
  bind: [['rbac.authorization.k8s.io', 'roles'], ['rbac.authorization.k8s.io', 'clusterroles']],
  escalate: [['rbac.authorization.k8s.io', 'roles'], ['rbac.authorization.k8s.io', 'clusterroles']],
  impersonate: [['', 'users'], ['', 'serviceaccounts'], ['', 'groups'], ['authentication.k8s.io', 'userextras'], ['authentication.k8s.io', 'uids']],
};

interface ResOpt {
  resource: string;
  group: string;
  sub: string;
}

function roleRules(ctx: CmdContext, cluster: boolean): Record<string, unknown>[] {
  const list = (f: string) => arr(ctx.flags[f]).flatMap((v) => v.split(',')).filter((v) => v !== '');
  let verbs: string[] = [];
  for (const v of list('verb')) {
    if (v === '*') {
      verbs = ['*'];
      break;
    }
    if (!verbs.includes(v)) verbs.push(v);
  }
  const resources: ResOpt[] = [];
  for (const r of list('resource')) {
    const sections = r.split('/');
    const sub = sections.length > 1 ? sections.slice(1).join('/') : '';
    const dot = sections[0].indexOf('.');
    const o = { resource: dot >= 0 ? sections[0].slice(0, dot) : sections[0], group: dot >= 0 ? sections[0].slice(dot + 1) : '', sub };
    if (o.resource === '*' && dot < 0 && sections.length === 1) {
      resources.splice(0, resources.length, o);
      break;
    }
    resources.push(o);
  }
  const names = list('resource-name');
  const urls = cluster ? list('non-resource-url') : [];
  if (!verbs.length) throw new CmdError('at least one verb must be specified');
  if (!resources.length && !urls.length) throw new CmdError(cluster ? 'one of resource or nonResourceURL must be specified' : 'at least one resource must be specified');
  for (const v of verbs) if (!VALID_VERBS.includes(v)) ctx.env.stderr(`Warning: '${v}' is not a standard resource verb\n`);
  const mapped = (r: ResOpt) => {
    const lower = r.resource.toLowerCase();
    const hit = discover(ctx.env).find((d) => (!r.group || d.group === r.group) && (d.resource === lower || d.singular === lower || d.shortNames.includes(lower)));
    return hit ? { resource: hit.resource, group: hit.group, found: true } : { resource: r.resource, group: r.group, found: false };
  };
  for (const r of resources) {
    if (!r.resource) throw new CmdError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') break;
    const m = mapped(r);
    let ok = m.found;
    for (const v of verbs) {
      const extra = SPECIAL_VERBS[v];
      if (!extra) continue;
      if (!extra.some(([g, res]) => res === m.resource && g === m.group)) throw new CmdError(`can not perform '${v}' on '${m.resource}' in group '${m.group}'`);
      ok = true;
    }
    if (!ok) throw new CmdError(`the server doesn't have a resource type "${r.resource}"\n`, 1, true);
  }
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const m = mapped(r);
    const res = r.sub ? `${m.resource}/${r.sub}` : m.resource;
    const l = byGroup.get(m.group) ?? [];
    if (!l.includes(res)) l.push(res);
    byGroup.set(m.group, l);
  }
  const rules: Record<string, unknown>[] = [];
  for (const g of [...byGroup.keys()].sort()) {
    rules.push({ verbs, apiGroups: [g], resources: byGroup.get(g), ...(names.length ? { resourceNames: names } : {}) });
  }
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

const ruleFlags = [{ name: 'verb', type: 'stringArray' as const }, { name: 'resource', type: 'stringArray' as const }, { name: 'resource-name', type: 'stringArray' as const }];

const roleCommand: CommandDef = {
  name: 'role',
  short: 'Create a role with single rule',
  flags: [...ruleFlags, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const rules = roleRules(ctx, false);
    return createTyped(ctx, KIND.role, { kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(ctx, name, KIND.role), rules } as Obj, '');
  },
};

const clusterroleCommand: CommandDef = {
  name: 'clusterrole',
  short: 'Create a cluster role',
  flags: [...ruleFlags, { name: 'non-resource-url', type: 'stringArray' }, { name: 'aggregation-rule', type: 'string', default: '' }, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const agg = str(ctx.flags['aggregation-rule']);
    const obj: Obj = { kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(ctx, name, KIND.clusterrole) } as Obj;
    if (agg) {
      if (arr(ctx.flags.verb).length || arr(ctx.flags.resource).length || arr(ctx.flags['non-resource-url']).length) throw new CmdError('aggregation rule must be specified without nonResourceURLs, resources, verbs or resourceNames');
      const labels: Record<string, string> = {};
      for (const p of agg.split(',')) {
        const i = p.indexOf('=');
        if (i <= 0) throw new CmdError(`invalid aggregation rule ${agg}`);
        labels[p.slice(0, i)] = p.slice(i + 1);
      }
      obj.rules = null;
      obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels: sortMap(labels) }] };
    } else obj.rules = roleRules(ctx, true);
    return createTyped(ctx, KIND.clusterrole, obj, '');
  },
};

function subjects(ctx: CmdContext): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const u of arr(ctx.flags.user)) out.push({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: u });
  for (const g of arr(ctx.flags.group)) out.push({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g });
  for (const sa of arr(ctx.flags.serviceaccount)) {
    const parts = sa.split(':');
    if (parts.length !== 2 || !parts[0] || !parts[1]) throw new CmdError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', name: parts[1], namespace: parts[0] });
  }
  return out;
}

const bindingFlags = [{ name: 'user', type: 'stringArray' as const }, { name: 'group', type: 'stringArray' as const }, { name: 'serviceaccount', type: 'stringArray' as const }, { name: 'clusterrole', type: 'string' as const, default: '' }];

const rolebindingCommand: CommandDef = {
  name: 'rolebinding',
  short: 'Create a role binding for a particular role or cluster role',
  flags: [...bindingFlags, { name: 'role', type: 'string', default: '' }, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const cr = str(ctx.flags.clusterrole);
    const role = str(ctx.flags.role);
    if ((cr && role) || (!cr && !role)) throw new CmdError('exactly one of clusterrole or role must be specified');
    const subs = subjects(ctx);
    const obj: Obj = { kind: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(ctx, name, KIND.rolebinding) } as Obj;
    if (subs.length) obj.subjects = subs;
    obj.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: cr ? 'ClusterRole' : 'Role', name: cr || role };
    return createTyped(ctx, KIND.rolebinding, obj, 'rolebinding');
  },
};

const clusterrolebindingCommand: CommandDef = {
  name: 'clusterrolebinding',
  short: 'Create a cluster role binding for a particular cluster role',
  required: ['clusterrole'],
  flags: [...bindingFlags, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const subs = subjects(ctx);
    const obj: Obj = { kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: meta(ctx, name, KIND.clusterrolebinding) } as Obj;
    if (subs.length) obj.subjects = subs;
    obj.roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: str(ctx.flags.clusterrole) };
    return createTyped(ctx, KIND.clusterrolebinding, obj, 'clusterrolebinding');
  },
};

// ---------- ingress ----------

const RULE_RE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?/;

function backend(svc: string): Record<string, unknown> {
  const [name, port] = svc.split(':');
  return { service: { name, port: /^[+-]?\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

const ingressCommand: CommandDef = {
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  flags: [{ name: 'rule', type: 'stringArray' }, { name: 'class', type: 'string', default: '' }, { name: 'default-backend', type: 'string', default: '' }, { name: 'annotation', type: 'stringArray' }, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const rules = arr(ctx.flags.rule);
    const def = str(ctx.flags['default-backend']);
    if (!def && !rules.length) throw new CmdError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
    for (const r of rules) if (!RULE_RE.test(r)) throw new CmdError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    const annotations: Record<string, string> = {};
    for (const a of arr(ctx.flags.annotation)) {
      const i = a.indexOf('=');
      if (i < 0) throw new CmdError(`annotation ${a} is invalid and should be in format key=[value]`);
      annotations[a.slice(0, i)] = a.slice(i + 1);
    }
    if (def && def.split(':').length !== 2) throw new CmdError('default-backend should be in format servicename:serviceport');
    const spec: Record<string, unknown> = {};
    if (str(ctx.flags.class)) spec.ingressClassName = str(ctx.flags.class);
    if (def) spec.defaultBackend = backend(def);
    const tls: { hosts?: string[]; secretName?: string }[] = [];
    const seen = new Set<string>();
    for (const r of rules) {
      const parts = r.split(',');
      if (parts.length !== 2) continue;
      const host = r.split('/')[0];
      const sn = parts[1].split('=');
      const secret = sn.length > 1 ? sn[1] : '';
      const idx = tls.findIndex((t) => (t.secretName ?? '') === secret);
      if (seen.has(host)) continue;
      if (idx > -1) {
        (tls[idx].hosts ??= []).push(host);
        seen.add(host);
        continue;
      }
      const t: { hosts?: string[]; secretName?: string } = {};
      if (host) t.hosts = [host];
      if (secret) t.secretName = secret;
      if (t.hosts || t.secretName) tls.push(t);
      seen.add(host);
    }
    if (tls.length) spec.tls = tls;
    const irules: { host?: string; http: { paths: unknown[] } }[] = [];
    for (const r of rules) {
      const noTls = r.split(',')[0];
      const slash = noTls.indexOf('/');
      const host = noTls.slice(0, slash);
      const ps = noTls.slice(slash + 1).split('=');
      let path = '/' + ps[0];
      let pathType = 'Exact';
      if (path.endsWith('*')) {
        pathType = 'Prefix';
        path = path.slice(0, -1);
      }
      const p = { path, pathType, backend: backend(ps[1]) };
      const ex = irules.find((x) => (x.host ?? '') === host);
      if (ex) ex.http.paths.push(p);
      else irules.push({ ...(host ? { host } : {}), http: { paths: [p] } });
    }
    if (irules.length) spec.rules = irules;
    const obj: Obj = { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata: meta(ctx, name, KIND.ingress, { annotations }), spec, status: { loadBalancer: {} } };
    return createTyped(ctx, KIND.ingress, obj, 'ingress');
  },
};

// ---------- priorityclass / quota ----------

const priorityclassCommand: CommandDef = {
  name: 'priorityclass',
  aliases: ['pc'],
  short: 'Create a priority class with the specified name',
  flags: [{ name: 'value', type: 'int', default: 0 }, { name: 'global-default', type: 'bool', default: false }, { name: 'description', type: 'string', default: '' }, { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority' }, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const obj: Obj = { kind: 'PriorityClass', apiVersion: 'scheduling.k8s.io/v1', metadata: meta(ctx, name, KIND.priorityclass), value: num(ctx.flags.value, 0) } as Obj;
    if (bool(ctx.flags['global-default'])) obj.globalDefault = true;
    if (str(ctx.flags.description)) obj.description = str(ctx.flags.description);
    obj.preemptionPolicy = str(ctx.flags['preemption-policy']);
    return createTyped(ctx, KIND.priorityclass, obj, 'priorityclass');
  },
};

const QUANTITY_RE = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

const quotaCommand: CommandDef = {
  name: 'quota',
  aliases: ['resourcequota'],
  short: 'Create a quota with the specified name',
  flags: [{ name: 'hard', type: 'string', default: '' }, { name: 'scopes', type: 'string', default: '' }, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const hard: Record<string, string> = {};
    const h = str(ctx.flags.hard);
    if (h) {
      for (const p of h.split(',')) {
        const i = p.indexOf('=');
        if (i <= 0) throw new CmdError(`invalid argument ${p}: expected resource=quantity`);
        const q = p.slice(i + 1);
        if (!QUANTITY_RE.test(q)) throw new CmdError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        hard[p.slice(0, i)] = q;
      }
    }
    const spec: Record<string, unknown> = {};
    if (Object.keys(hard).length) spec.hard = sortMap(hard);
    const scopes = str(ctx.flags.scopes).split(',').filter(Boolean);
    if (scopes.length) spec.scopes = scopes;
    return createTyped(ctx, KIND.quota, { kind: 'ResourceQuota', apiVersion: 'v1', metadata: meta(ctx, name, KIND.quota), spec, status: {} } as Obj, 'quota');
  },
};

export const GENERATORS: CommandDef[] = [
  clusterroleCommand,
  clusterrolebindingCommand,
  configmapCommand,
  cronjobCommand,
  ingressCommand,
  jobCommand,
  priorityclassCommand,
  quotaCommand,
  roleCommand,
  rolebindingCommand,
  secretCommand,
  serviceCommand,
  serviceaccountCommand,
];
