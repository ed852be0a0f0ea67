/**
 * The kubeconfig file as client-go's clientcmd reads and writes it: --kubeconfig, else the first
 * existing file of $KUBECONFIG, else ~/.kube/config. Entries are kept by name (clientcmd's maps) and
 * written back sorted by name, keys in the order of the v1 Go structs (YAML output sorts them anyway).
 * Without a filesystem (a bare KubectlEnv) the kubeadm admin kubeconfig lives in memory.
 */
import { parse as parseYaml, stringify } from 'yaml';
import type { KubectlEnv } from './env';
import { CmdError } from './errors';

type Fields = Record<string, unknown>;
export interface KubeConfig {
  preferences: Fields;
  clusters: Map<string, Fields>;
  users: Map<string, Fields>;
  contexts: Map<string, Fields>;
  currentContext: string;
}

/** JSON field order of clientcmd/api/v1 Cluster, AuthInfo and Context. */
const CLUSTER_KEYS = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions'];
const USER_KEYS = ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'as-uid', 'as-groups', 'as-user-extra', 'username', 'password', 'auth-provider', 'exec', 'extensions'];
const CONTEXT_KEYS = ['cluster', 'user', 'namespace', 'extensions'];

function ordered(o: unknown, keys: string[]): Fields {
  const src = (o && typeof o === 'object' ? o : {}) as Fields;
  const out: Fields = {};
  for (const k of keys) if (src[k] !== undefined && src[k] !== null && src[k] !== '' && src[k] !== false) out[k] = src[k];
  return out;
}

function byName(list: unknown, field: string, keys: string[]): Map<string, Fields> {
  const m = new Map<string, Fields>();
  for (const e of Array.isArray(list) ? list : []) if (e && typeof e.name === 'string') m.set(e.name, ordered(e[field], keys));
  return m;
}

/** Parsing takes milliseconds (the long base64 lines); every kubectl run reads the same file. */
let lastParsed: { text: string; config: KubeConfig } | undefined;

export function parseKubeconfig(text: string): KubeConfig {
  if (lastParsed?.text !== text) lastParsed = { text, config: parseFresh(text) };
  return structuredClone(lastParsed.config);
}

function parseFresh(text: string): KubeConfig {
  const doc = (parseYaml(text) ?? {}) as Fields;
  return {
    preferences: (doc.preferences as Fields) ?? {},
    clusters: byName(doc.clusters, 'cluster', CLUSTER_KEYS),
    users: byName(doc.users, 'user', USER_KEYS),
    contexts: byName(doc.contexts, 'context', CONTEXT_KEYS),
    currentContext: typeof doc['current-context'] === 'string' ? doc['current-context'] : '',
  };
}

const sorted = (m: Map<string, Fields>, field: string) =>
  m.size ? [...m.keys()].sort().map((name) => ({ name, [field]: m.get(name) })) : null;

/** The v1 Config object (what `config view -o json` prints), in the Go struct's field order. */
export function configObject(c: KubeConfig): Fields {
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: c.preferences,
    clusters: sorted(c.clusters, 'cluster'),
    users: sorted(c.users, 'user'),
    contexts: sorted(c.contexts, 'context'),
    'current-context': c.currentContext,
  };
}

/** sigs.k8s.io/yaml: keys sorted, sequences not indented under their key. */
export function serializeKubeconfig(c: KubeConfig): string {
  return stringify(configObject(c), { sortMapEntries: true, indentSeq: false, lineWidth: 0 });
}

export interface LoadedConfig {
  config: KubeConfig;
  /** The file it came from and goes back to; undefined = kept in memory. */
  path?: string;
}

const memory = new WeakMap<object, KubeConfig>();

/** The kubeadm admin kubeconfig, for an env without files. */
function defaultConfig(): KubeConfig {
  return {
    preferences: {},
    clusters: new Map([['kubernetes', { server: 'https://172.30.1.2:6443', 'certificate-authority-data': 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K' }]]),
    users: new Map([['kubernetes-admin', { 'client-certificate-data': 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K', 'client-key-data': 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQotLS0tLUVORCBSU0EgUFJJVkFURSBLRVktLS0tLQo=' }]]),
    contexts: new Map([['kubernetes-admin@kubernetes', { cluster: 'kubernetes', user: 'kubernetes-admin' }]]),
    currentContext: 'kubernetes-admin@kubernetes',
  };
}

/** Which file clientcmd's loading rules pick; undefined when the env has no filesystem. */
function kubeconfigPath(env: KubectlEnv, explicit: string): string | undefined {
  if (!env.getenv || !env.writeFile) return undefined;
  if (explicit) {
    if (env.readFile(explicit) === undefined) throw new CmdError(`stat ${explicit}: no such file or directory`);
    return explicit;
  }
  const list = (env.getenv('KUBECONFIG') ?? '').split(':').filter(Boolean);
  if (list.length) return list.find((p) => env.readFile(p) !== undefined) ?? list[0];
  return `${env.getenv('HOME') ?? '/root'}/.kube/config`;
}

export function loadKubeconfig(env: KubectlEnv, explicit = ''): LoadedConfig {
  const path = kubeconfigPath(env, explicit);
  if (path === undefined) {
    let c = memory.get(env.client.api);
    if (!c) memory.set(env.client.api, (c = defaultConfig()));
    return { config: c };
  }
  const text = env.readFile(path);
  return { config: text === undefined ? parseKubeconfig('') : parseKubeconfig(text), path };
}

export function saveKubeconfig(env: KubectlEnv, loaded: LoadedConfig): void {
  if (loaded.path !== undefined) env.writeFile!(loaded.path, serializeKubeconfig(loaded.config));
}

/** Where kubectl's messages say the file is (`deleted context x from /root/.kube/config`). */
export function configFileName(loaded: LoadedConfig): string {
  return loaded.path ?? '/root/.kube/config';
}

/** What a command talks to: the context in use (--context or current-context) and its parts. */
export interface ClientConfig {
  namespace: string;
  /** Why kubectl cannot build a client from this config (printed as is, exit 1). */
  error?: string;
  /** No cluster entry for the context: client-go falls back to http://localhost:8080. */
  noServer?: boolean;
}

export function clientConfig(env: KubectlEnv, flags: { kubeconfig?: string; context?: string; cluster?: string }): ClientConfig {
  const { config } = loadKubeconfig(env, flags.kubeconfig ?? '');
  const name = flags.context || config.currentContext;
  const ctx = name ? config.contexts.get(name) : undefined;
  if (name && !ctx) return { namespace: '', error: `Error in configuration: context was not found for specified context: ${name}\n` };
  const cluster = flags.cluster || (ctx?.cluster as string) || '';
  const entry = cluster ? config.clusters.get(cluster) : undefined;
  return { namespace: (ctx?.namespace as string) ?? '', noServer: !entry?.server };
}
