/**
 * etcdctl 3.4 (API v3) commands against an EtcdStore: parse an argv the way etcdctl does and run
 * it, returning the server response (or etcdctl's error text and exit code). Terminal formatting
 * (simple/json/table output) is left to the caller. `watch` streams, so it is started with
 * startWatch instead of execEtcdctl.
 */
import { EtcdctlError, EXIT_BAD_ARGS, EXIT_BAD_CONNECTION, EXIT_BAD_FEATURE, EXIT_ERROR, parseFlags, parseGoInt, parseIntError, type FlagSpec } from './etcdctl-args';
import { parseTxnStdin } from './etcdctl-txn';
import { EtcdError } from './errors';
import { FROM_KEY, prefixEnd } from './keys';
import type { EtcdStore } from './store';
import type {
  CompactResponse,
  DeleteOptions,
  DeleteResponse,
  LeaseGrantResponse,
  LeaseId,
  LeaseKeepAliveResponse,
  LeaseLeasesResponse,
  LeaseRevokeResponse,
  LeaseTimeToLiveResponse,
  Op,
  PutOptions,
  PutResponse,
  RangeOptions,
  RangeResponse,
  SortOrder,
  SortTarget,
  TxnRequest,
  TxnResponse,
  WatchHandle,
  WatchOptions,
  WatchResponse,
} from './types';

export const ETCD_VERSION = '3.4.23';

export type EtcdctlCommand =
  | { name: 'get'; key: string; opts: RangeOptions; printValueOnly: boolean }
  | { name: 'put'; key: string; value: string; opts: PutOptions }
  | { name: 'del'; key: string; opts: DeleteOptions }
  | { name: 'txn'; request: TxnRequest }
  | { name: 'compact'; revision: number; physical: boolean }
  | { name: 'watch'; key: string; opts: WatchOptions }
  | { name: 'lease grant'; ttl: number }
  | { name: 'lease revoke'; id: LeaseId }
  | { name: 'lease timetolive'; id: LeaseId; keys: boolean }
  | { name: 'lease list' }
  | { name: 'lease keep-alive'; id: LeaseId; once: boolean }
  | { name: 'endpoint status'; cluster?: boolean }
  | { name: 'endpoint health'; cluster?: boolean }
  | { name: 'member list' }
  | { name: 'member remove'; id: string }
  | { name: 'snapshot save'; path: string }
  | { name: 'snapshot status'; path: string }
  | { name: 'snapshot restore'; path: string; dataDir: string; memberName: string; initialCluster: string; initialAdvertisePeerUrls: string; initialClusterToken: string }
  | { name: 'version' };

export interface EtcdctlInvocation {
  writeOut: string;
  hex: boolean;
  endpoints: string[];
  /** --command-timeout in ms. */
  commandTimeoutMs: number;
  /** Whether --endpoints was given (else ETCDCTL_ENDPOINTS or the default). */
  endpointsSet: boolean;
  /** get --print-value-only / --keys-only (simple printer switches). */
  command: EtcdctlCommand;
}

const GLOBAL: Record<string, FlagSpec> = {
  endpoints: { type: 'string', default: '127.0.0.1:2379' },
  'write-out': { type: 'string', short: 'w', default: 'simple' },
  hex: { type: 'bool' },
  debug: { type: 'bool' },
  'dial-timeout': { type: 'string', default: '2s' },
  'command-timeout': { type: 'string', default: '5s' },
  'keepalive-time': { type: 'string', default: '2s' },
  'keepalive-timeout': { type: 'string', default: '6s' },
  'insecure-transport': { type: 'bool', default: true },
  'insecure-skip-tls-verify': { type: 'bool' },
  cert: { type: 'string' },
  key: { type: 'string' },
  cacert: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
};

const B: FlagSpec = { type: 'bool' };
const COMMANDS: Record<string, Record<string, FlagSpec>> = {
  get: {
    consistency: { type: 'string', default: 'l' },
    order: { type: 'string' },
    'sort-by': { type: 'string' },
    limit: { type: 'int' },
    prefix: B,
    'from-key': B,
    rev: { type: 'int' },
    'keys-only': B,
    'count-only': B,
    'print-value-only': B,
  },
  put: { lease: { type: 'string', default: '0' }, 'prev-kv': B, 'ignore-value': B, 'ignore-lease': B },
  del: { prefix: B, 'prev-kv': B, 'from-key': B },
  txn: { interactive: { type: 'bool', short: 'i' } },
  compact: { physical: B },
  compaction: { physical: B },
  watch: { interactive: { type: 'bool', short: 'i' }, prefix: B, rev: { type: 'int' }, 'prev-kv': B, 'progress-notify': B },
  'lease grant': {},
  'lease revoke': {},
  'lease timetolive': { keys: B },
  'lease list': {},
  'lease keep-alive': { once: B },
  'endpoint status': { cluster: B },
  'endpoint health': { cluster: B },
  'member list': {},
  'member remove': {},
  'snapshot save': {},
  'snapshot status': {},
  'snapshot restore': {
    'data-dir': { type: 'string' },
    'wal-dir': { type: 'string' },
    name: { type: 'string', default: 'default' },
    'initial-cluster': { type: 'string', default: 'default=http://localhost:2380' },
    'initial-cluster-token': { type: 'string', default: 'etcd-cluster' },
    'initial-advertise-peer-urls': { type: 'string', default: 'http://localhost:2380' },
    'skip-hash-check': B,
  },
  version: {},
};

const bad = (msg: string, code = EXIT_BAD_ARGS) => new EtcdctlError(code, msg);

/** Parse `etcdctl` arguments (without the program name). stdin feeds txn and put without a value. */
export function parseEtcdctl(argv: readonly string[], stdin = '', env: Record<string, string> = {}): EtcdctlInvocation {
  const words = commandWords(argv);
  const two = `${words[0]} ${words[1]}`;
  const name = COMMANDS[two] ? two : words[0];
  if (!name || !COMMANDS[name]) throw new EtcdctlError(EXIT_ERROR, name ? `unknown command "${name}" for "etcdctl"` : 'no command given');
  // ETCDCTL_<FLAG> environment variables set global flags the command line does not
  const fromEnv: string[] = [];
  for (const [flag, spec] of Object.entries(GLOBAL)) {
    const v = env['ETCDCTL_' + flag.toUpperCase().replaceAll('-', '_')];
    if (v !== undefined && !argv.some((a) => a === `--${flag}` || a.startsWith(`--${flag}=`))) fromEnv.push(spec.type === 'bool' ? `--${flag}=${v}` : `--${flag}=${v}`);
  }
  const { args, flags: f } = parseFlags([...fromEnv, ...argv], { ...GLOBAL, ...COMMANDS[name] });
  args.splice(0, name.split(' ').length); // the command words themselves
  const command = buildCommand(name, args, f, stdin);
  const endpointsSet = fromEnv.some((a) => a.startsWith('--endpoints=')) || argv.some((a) => a === '--endpoints' || a.startsWith('--endpoints='));
  return {
    writeOut: String(f['write-out']),
    hex: !!f.hex,
    endpoints: String(f.endpoints).split(','),
    endpointsSet,
    commandTimeoutMs: parseGoDuration(String(f['command-timeout'])) ?? 5000,
    command,
  };
}

/** Go's time.ParseDuration for the simple forms etcdctl users type (5s, 500ms, 1m30s). */
export function parseGoDuration(s: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  let total = 0;
  let used = 0;
  for (const m of s.matchAll(re)) {
    const unit = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2]]!;
    total += Number(m[1]) * unit;
    used += m[0].length;
  }
  return used === s.length && used > 0 ? total : undefined;
}

/** The leading non-flag words (cobra's stripFlags with the global flags' value arguments skipped). */
function commandWords(argv: readonly string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') {
      words.push(a);
      continue;
    }
    const long = a.startsWith('--') ? a.slice(2) : a === '-w' ? 'write-out' : undefined;
    if (long !== undefined && !long.includes('=') && GLOBAL[long] && GLOBAL[long].type !== 'bool') i++;
  }
  return words;
}

function buildCommand(name: string, args: string[], f: Record<string, string | number | boolean>, stdin: string): EtcdctlCommand {
  switch (name) {
    case 'get':
      return { name, ...rangeArgs('get', args, f), printValueOnly: !!f['print-value-only'] } as EtcdctlCommand;
    case 'put':
      return { name, ...putArgs(args, f, stdin) };
    case 'del': {
      const { key, opts } = rangeArgs('del', args, f);
      return { name, key, opts: { rangeEnd: opts.rangeEnd, prevKv: !!f['prev-kv'] } };
    }
    case 'txn':
      return { name, request: parseTxnStdin(stdin, parseTxnOp) };
    case 'compaction': // etcdctl's name for it; `compact` kept for the oracle harness
    case 'compact': {
      if (args.length !== 1) throw bad('compact command needs 1 argument');
      const n = parseGoInt(args[0], 10);
      if (n === undefined) throw bad(parseIntError(args[0]), EXIT_ERROR);
      return { name: 'compact', revision: Number(n), physical: !!f.physical };
    }
    case 'watch':
      return { name, ...watchArgs(args, f) };
    case 'lease grant': {
      if (args.length !== 1) throw bad('lease grant command needs TTL argument');
      const n = parseGoInt(args[0], 10);
      if (n === undefined) throw bad(`bad TTL (${parseIntError(args[0])})`);
      return { name, ttl: Number(n) };
    }
    case 'lease revoke':
      if (args.length !== 1) throw bad('lease revoke command needs 1 argument');
      return { name, id: leaseArg(args[0]) };
    case 'lease timetolive':
      if (args.length !== 1) throw bad('lease timetolive command needs lease ID as argument');
      return { name, id: leaseArg(args[0]), keys: !!f.keys };
    case 'lease keep-alive':
      if (args.length !== 1) throw bad('lease keep-alive command needs lease ID as argument');
      return { name, id: leaseArg(args[0]), once: !!f.once };
    case 'endpoint status':
    case 'endpoint health':
      return { name, cluster: !!f.cluster };
    case 'snapshot save':
      if (args.length !== 1) throw bad('snapshot save expects one argument');
      return { name, path: args[0] };
    case 'snapshot status':
      if (args.length !== 1) throw bad('snapshot status requires exactly one argument');
      return { name, path: args[0] };
    case 'snapshot restore':
      if (args.length !== 1) throw bad('snapshot restore requires exactly one argument');
      return {
        name,
        path: args[0],
        dataDir: String(f['data-dir']) || `${f.name}.etcd`,
        memberName: String(f.name),
        initialCluster: String(f['initial-cluster']),
        initialAdvertisePeerUrls: String(f['initial-advertise-peer-urls']),
        initialClusterToken: String(f['initial-cluster-token']),
      };
    case 'lease list':
    case 'member list':
    case 'version':
      return { name };
    case 'member remove': {
      if (args.length !== 1) throw bad('member ID is not provided');
      // strconv.ParseUint(args[0], 16, 64)
      const n = /^[0-9a-fA-F]+$/.test(args[0]) ? BigInt('0x' + args[0]) : undefined;
      const why = n === undefined ? 'invalid syntax' : 'value out of range';
      if (n === undefined || n >= 1n << 64n) throw bad(`bad member ID arg (strconv.ParseUint: parsing ${JSON.stringify(args[0])}: ${why}), expecting ID in Hex`);
      return { name, id: n.toString(16).padStart(16, '0') };
    }
  }
  throw new EtcdctlError(EXIT_ERROR, `unknown command "${name}" for "etcdctl"`);
}

function leaseArg(s: string): LeaseId {
  const n = parseGoInt(s, 16);
  if (n === undefined || n < 0n || n >= 1n << 63n) throw bad(`bad lease ID arg (${parseIntError(s)}), expecting ID in Hex`);
  return n.toString(16);
}

/** get/del: `<key> [range_end]`, --prefix, --from-key (etcdctl's getGetOp / getDelOp). */
function rangeArgs(cmd: 'get' | 'del', args: string[], f: Record<string, string | number | boolean>): { key: string; opts: RangeOptions } {
  if (args.length === 0) throw bad(`${cmd} command needs one argument as key and an optional argument as range_end`);
  if (f.prefix && f['from-key']) throw bad('`--prefix` and `--from-key` cannot be set at the same time, choose one');
  let key = args[0];
  const opts: RangeOptions = {};
  if (args.length > 1) {
    if (f.prefix || f['from-key']) throw bad('too many arguments, only accept one argument when `--prefix` or `--from-key` is set.');
    opts.rangeEnd = args[1];
  }
  if (f.prefix) {
    if (!key) key = FROM_KEY;
    opts.rangeEnd = key === FROM_KEY ? FROM_KEY : prefixEnd(key);
  }
  if (f['from-key']) {
    if (!key) key = FROM_KEY;
    opts.rangeEnd = FROM_KEY;
  }
  if (cmd === 'get') {
    if (f.consistency !== 'l' && f.consistency !== 's') throw bad(`unknown consistency flag "${f.consistency}"`, EXIT_BAD_FEATURE);
    if (f.limit) opts.limit = Number(f.limit);
    if (Number(f.rev) > 0) opts.revision = Number(f.rev);
    const order = String(f.order).toUpperCase();
    if (order && order !== 'ASCEND' && order !== 'DESCEND') throw bad(`bad sort order ${f.order}`, EXIT_BAD_FEATURE);
    const target = String(f['sort-by']).toUpperCase();
    if (target && !['CREATE', 'KEY', 'MODIFY', 'VALUE', 'VERSION'].includes(target)) throw bad(`bad sort target ${f['sort-by']}`, EXIT_BAD_FEATURE);
    opts.sortTarget = (target || 'KEY') as SortTarget;
    opts.sortOrder = (order || 'NONE') as SortOrder;
    if (opts.sortTarget === 'KEY' && opts.sortOrder === 'ASCEND') opts.sortOrder = 'NONE'; // clientv3.WithSort
    if (f['keys-only']) opts.keysOnly = true;
    if (f['count-only']) opts.countOnly = true;
    if (f.consistency === 's') opts.serializable = true;
  }
  return { key, opts };
}

function putArgs(args: string[], f: Record<string, string | number | boolean>, stdin: string): { key: string; value: string; opts: PutOptions } {
  if (args.length === 0) throw bad('put command needs 1 argument and input from stdin or 2 arguments');
  if (f['ignore-value'] && args.length > 1) throw bad("put command needs only 1 argument when 'ignore-value' is set");
  let value = '';
  if (!f['ignore-value']) {
    if (args.length > 1) value = args[1];
    else if (stdin) value = stdin;
    else throw bad('put command needs 1 argument and input from stdin or 2 arguments');
  }
  const n = parseGoInt(String(f.lease), 16);
  if (n === undefined || n < 0n || n >= 1n << 63n) throw bad(`bad lease ID (${parseIntError(String(f.lease))}), expecting ID in Hex`);
  const opts: PutOptions = {};
  if (n !== 0n) opts.lease = n.toString(16);
  if (f['prev-kv']) opts.prevKv = true;
  if (f['ignore-value']) opts.ignoreValue = true;
  if (f['ignore-lease']) opts.ignoreLease = true;
  return { key: args[0], value, opts };
}

function watchArgs(args: string[], f: Record<string, string | number | boolean>): { key: string; opts: WatchOptions } {
  if (args.length < 1 || args.length > 2) throw bad('watch in non-interactive mode requires one or two arguments as key or prefix, with range end');
  if (args.length === 2 && f.prefix) throw bad('`range_end` and `--prefix` are mutually exclusive');
  let key = args[0];
  const opts: WatchOptions = {};
  if (args.length === 2) opts.rangeEnd = args[1];
  if (f.prefix) {
    if (!key) key = FROM_KEY;
    opts.rangeEnd = key === FROM_KEY ? FROM_KEY : prefixEnd(key);
  }
  if (Number(f.rev) > 0) opts.startRevision = Number(f.rev);
  if (f['prev-kv']) opts.prevKv = true;
  return { key, opts };
}

/** One op line of a txn (`put k v`, `get k --prefix`, `del k`). */
export function parseTxnOp(argv: string[]): Op {
  const name = argv[0];
  if (name !== 'get' && name !== 'put' && name !== 'del') throw new EtcdctlError(EXIT_ERROR, `unknown command "${name}"`);
  const { args, flags } = parseFlags(argv.slice(1), COMMANDS[name]);
  const c = buildCommand(name, args, flags, '');
  if (c.name === 'get') return { range: { key: c.key, ...c.opts } };
  if (c.name === 'put') return { put: { key: c.key, value: c.value, ...c.opts } };
  if (c.name === 'del') return { deleteRange: { key: c.key, ...c.opts } };
  throw new EtcdctlError(EXIT_ERROR, `unknown command "${name}"`);
}

export type EtcdctlResult =
  | { ok: true; name: 'get'; response: RangeResponse }
  | { ok: true; name: 'put'; response: PutResponse }
  | { ok: true; name: 'del'; response: DeleteResponse }
  | { ok: true; name: 'txn'; response: TxnResponse }
  | { ok: true; name: 'compact'; response: CompactResponse; revision: number }
  | { ok: true; name: 'lease grant'; response: LeaseGrantResponse }
  | { ok: true; name: 'lease revoke'; response: LeaseRevokeResponse; id: LeaseId }
  | { ok: true; name: 'lease timetolive'; response: LeaseTimeToLiveResponse }
  | { ok: true; name: 'lease list'; response: LeaseLeasesResponse }
  | { ok: true; name: 'lease keep-alive'; response: LeaseKeepAliveResponse }
  | { ok: true; name: 'endpoint status'; response: { header: { revision: number }; version: string } }
  | { ok: true; name: 'version'; response: { etcdctlVersion: string; apiVersion: string } }
  | { ok: false; exitCode: number; error: string };

/** Run a parsed non-streaming command; server errors become etcdctl's `Error: …` text and exit code. */
export function execEtcdctl(store: EtcdStore, c: EtcdctlCommand): EtcdctlResult {
  try {
    return run(store, c);
  } catch (e) {
    if (!(e instanceof EtcdError)) throw e;
    if (c.name === 'lease grant') return { ok: false, exitCode: EXIT_ERROR, error: `failed to grant lease (${e.message})` };
    if (c.name === 'lease revoke') return { ok: false, exitCode: EXIT_ERROR, error: `failed to revoke lease (${e.message})` };
    return { ok: false, exitCode: c.name === 'lease keep-alive' ? EXIT_BAD_CONNECTION : EXIT_ERROR, error: e.message };
  }
}

function run(store: EtcdStore, c: EtcdctlCommand): EtcdctlResult {
  switch (c.name) {
    case 'get':
      return { ok: true, name: c.name, response: store.range(c.key, c.opts) };
    case 'put':
      return { ok: true, name: c.name, response: store.put(c.key, c.value, c.opts) };
    case 'del':
      return { ok: true, name: c.name, response: store.deleteRange(c.key, c.opts) };
    case 'txn':
      return { ok: true, name: c.name, response: store.txn(c.request) };
    case 'compact':
      return { ok: true, name: c.name, response: store.compact(c.revision), revision: c.revision };
    case 'lease grant':
      return { ok: true, name: c.name, response: store.leaseGrant(c.ttl) };
    case 'lease revoke':
      return { ok: true, name: c.name, response: store.leaseRevoke(c.id), id: c.id };
    case 'lease timetolive':
      return { ok: true, name: c.name, response: store.leaseTimeToLive(c.id, c.keys) };
    case 'lease list':
      return { ok: true, name: c.name, response: store.leases() };
    case 'lease keep-alive':
      return { ok: true, name: c.name, response: store.leaseKeepAlive(c.id) };
    case 'endpoint status':
      return { ok: true, name: c.name, response: { header: { revision: store.revision }, version: ETCD_VERSION } };
    case 'endpoint health':
    case 'member list':
    case 'member remove':
    case 'snapshot save':
    case 'snapshot status':
    case 'snapshot restore':
      return { ok: false, exitCode: EXIT_ERROR, error: `${c.name}: needs the cluster (src/sim/etcd/etcdctl)` };
    case 'version':
      return { ok: true, name: c.name, response: { etcdctlVersion: ETCD_VERSION, apiVersion: '3.4' } };
    case 'watch':
      return { ok: false, exitCode: EXIT_ERROR, error: 'watch streams: use startWatch' };
  }
}

/**
 * Start `etcdctl watch`. A watch canceled by the server (compacted start revision) ends etcdctl with
 * `watch was canceled (<reason>)` on stderr and exit code 5 (`Error: watch is canceled by the server`).
 */
export function startWatch(store: EtcdStore, c: Extract<EtcdctlCommand, { name: 'watch' }>, onResponse: (r: WatchResponse) => void): WatchHandle {
  return store.watch(c.key, c.opts, onResponse);
}
