/**
 * The `etcdctl` (3.5.16, API v3) and `etcdutl` terminal commands over an EtcdCluster.
 *
 * Endpoints resolve to members (`https://127.0.0.1:2379` = the member on the shell's host, as in a
 * kubeadm cluster); TLS flags are accepted and not checked. A stopped or unknown endpoint fails
 * like a refused connection (after the command timeout, `Error: context deadline exceeded`); a
 * cluster without quorum makes writes and linearizable reads wait the command timeout (5 s of
 * virtual time) and fail the same way — or with `etcdserver: request timed out` when
 * --command-timeout is longer than the server's 7 s request timeout. Output formats follow etcdctl
 * 3.5 (simple, json, fields, table where etcdctl has one).
 */
import type { CommandContext } from '../../shell/types';
import { EtcdctlError, EXIT_BAD_FEATURE, EXIT_ERROR, EXIT_INTERRUPTED } from '../etcdctl-args';
import { execEtcdctl, parseEtcdctl, startWatch, type EtcdctlCommand, type EtcdctlInvocation, type EtcdctlResult } from '../etcdctl-ops';
import { EtcdError } from '../errors';
import { DUMP_FORMAT, type EtcdDump } from '../snapshot';
import type { KeyValue, RangeResponse, WatchResponse } from '../types';
import { ETCD_SERVER_VERSION, REQUEST_TIMEOUT_MS, type EtcdCluster, type EtcdMember } from '../cluster/cluster';
import { dbSizeOf } from '../cluster/cluster';
import { idFromDigest, sha1, utf8 } from '../cluster/sha1';
import { fnv32a } from '../../core/hash';
import { b64, consoleTime, goQ, hex16, humanBytes, json, renderTable, u64, zapTime } from './format';

export const ETCDCTL_VERSION = '3.5.16';
export const ETCDCTL_API_VERSION = '3.5';

export interface EtcdctlHost {
  cluster: EtcdCluster;
  /** The machine the shell runs on (resolves 127.0.0.1 endpoints). */
  host(): string;
  /** Replace the live store with a restored data dir and restart etcd (Cluster.restoreEtcd). */
  restore?(dump: EtcdDump): void;
  /** Scripted runs: end `etcdctl watch` after this much virtual time. */
  watchLimitMs?: number;
}

type Ctx = Pick<CommandContext, 'stdin' | 'stdout' | 'stderr' | 'env' | 'cwd' | 'fs' | 'sleep' | 'now' | 'signal'>;

/** A snapshot file on the shell's filesystem: the dump, wrapped with the metadata `snapshot status` needs. */
interface SnapshotFile {
  kind: 'etcd-snapshot';
  dump: EtcdDump;
}

export function etcdctlCommand(h: EtcdctlHost): (argv: string[], ctx: Ctx) => Promise<number> {
  return async (argv, ctx) => {
    const out = (s: string) => ctx.stdout(s);
    const err = (s: string) => ctx.stderr(s);
    if (argv.length <= 1) {
      out(usage());
      return 0;
    }
    if (argv.includes('--version')) argv = [argv[0], 'version'];
    if (argv[1] === 'help' || argv.includes('--help') || argv.includes('-h')) {
      out(usage());
      return 0;
    }
    let inv: EtcdctlInvocation;
    try {
      inv = parseWithStdin(argv.slice(1), ctx);
    } catch (e) {
      if (e instanceof EtcdctlError) {
        err(`Error: ${e.message}\n`);
        return e.exitCode;
      }
      throw e;
    }
    const c = inv.command;
    const fmt = inv.writeOut;
    if (!['simple', 'json', 'table', 'fields', 'protobuf'].includes(fmt)) {
      err(`Error: unknown output format "${fmt}"\n`); // etcdctl: ExitBadFeature
      return EXIT_BAD_FEATURE;
    }
    if (fmt === 'table' && !['member list', 'endpoint status', 'endpoint health', 'snapshot status'].includes(c.name)) {
      err('Error: table not supported as output format\n');
      return EXIT_BAD_FEATURE;
    }
    if (fmt === 'protobuf') {
      err('Error: protobuf output is not supported in this simulation\n');
      return EXIT_BAD_FEATURE;
    }
    if (c.name === 'version') {
      out(`etcdctl version: ${ETCDCTL_VERSION}\nAPI version: ${ETCDCTL_API_VERSION}\n`);
      return 0;
    }
    if (c.name === 'snapshot status') {
      err('Deprecated: Use `etcdutl snapshot status` instead.\n\n');
      return snapshotStatus(c.path, fmt, ctx);
    }
    if (c.name === 'snapshot restore') {
      err('Deprecated: Use `etcdutl snapshot restore` instead.\n\n');
      return snapshotRestore(h, c, ctx);
    }
    if (c.name === 'txn' && argv.some((a) => a === '-i' || a === '--interactive' || a === '--interactive=true')) {
      // the prompts (the typed lines echo on a terminal; from a pipe they do not)
      out('compares:\nsuccess requests (get, put, del):\nfailure requests (get, put, del):\n');
    }
    const run = new Runner(h, inv, ctx);
    return run.exec();
  };
}

/** `etcdutl snapshot status|restore` (offline: reads files, no endpoints). */
export function etcdutlCommand(h: EtcdctlHost): (argv: string[], ctx: Ctx) => Promise<number> {
  return async (argv, ctx) => {
    const args = argv.slice(1);
    if (args[0] === 'version' || args.includes('--version')) {
      ctx.stdout(`etcdutl version: ${ETCDCTL_VERSION}\nAPI version: ${ETCDCTL_API_VERSION}\n`);
      return 0;
    }
    if (args[0] !== 'snapshot' || !['status', 'restore'].includes(args[1])) {
      ctx.stderr(args.length ? `Error: unknown command "${args[0]}" for "etcdutl"\n` : 'Usage: etcdutl snapshot status|restore <file>\n');
      return args.length ? 1 : 0;
    }
    let inv: EtcdctlInvocation;
    try {
      inv = parseEtcdctl(args);
    } catch (e) {
      if (e instanceof EtcdctlError) {
        ctx.stderr(`Error: ${e.message}\n`);
        return e.exitCode;
      }
      throw e;
    }
    const c = inv.command;
    if (c.name === 'snapshot status') return snapshotStatus(c.path, inv.writeOut, ctx);
    if (c.name === 'snapshot restore') return snapshotRestore(h, c, ctx);
    return 1;
  };
}

/** Standard input is read only by the commands that take it: txn, and put without a value. */
function parseWithStdin(args: string[], ctx: Ctx): EtcdctlInvocation {
  try {
    return parseEtcdctl(args, '', ctx.env);
  } catch (e) {
    const wantsStdin = e instanceof EtcdctlError && (e.message === 'EOF' || e.message.startsWith('put command needs 1 argument and input from stdin'));
    if (!wantsStdin) throw e;
    return parseEtcdctl(args, ctx.stdin, ctx.env);
  }
}

const SUBCOMMANDS = [
  'compaction',
  'del',
  'endpoint',
  'get',
  'help',
  'lease',
  'member',
  'put',
  'snapshot',
  'txn',
  'version',
  'watch',
];
const SUB2: Record<string, string[]> = {
  endpoint: ['health', 'status'],
  lease: ['grant', 'keep-alive', 'list', 'revoke', 'timetolive'],
  member: ['list', 'remove'],
  snapshot: ['restore', 'save', 'status'],
};

/** Tab completion for etcdctl: sub-commands, then a few common flags. */
export function completeEtcdctl(words: string[], cur: string): string[] {
  const pos = words.slice(1).filter((w) => !w.startsWith('-'));
  let cands: string[];
  if (cur.startsWith('-')) cands = ['--endpoints=', '--cacert=', '--cert=', '--key=', '--write-out=', '--prefix', '--keys-only', '--print-value-only', '--rev=', '--limit=', '--cluster'];
  else if (pos.length === 0) cands = SUBCOMMANDS;
  else if (pos.length === 1 && SUB2[pos[0]]) cands = SUB2[pos[0]];
  else cands = [];
  return cands.filter((c) => c.startsWith(cur));
}

function usage(): string {
  return [
    'NAME:',
    '\tetcdctl - A simple command line client for etcd3.',
    '',
    'USAGE:',
    '\tetcdctl [flags]',
    '',
    'VERSION:',
    `\t${ETCDCTL_VERSION}`,
    '',
    'API VERSION:',
    `\t${ETCDCTL_API_VERSION}`,
    '',
    'COMMANDS:',
    '\tcompaction\t\tCompacts the event history in etcd',
    '\tdel\t\t\tRemoves the specified key or range of keys [key, range_end)',
    '\tendpoint health\t\tChecks the healthiness of endpoints specified in `--endpoints` flag',
    '\tendpoint status\t\tPrints out the status of endpoints specified in `--endpoints` flag',
    '\tget\t\t\tGets the key or a range of keys',
    '\tlease grant\t\tCreates leases',
    '\tlease keep-alive\tKeeps leases alive (renew)',
    '\tlease list\t\tList all active leases',
    '\tlease revoke\t\tRevokes leases',
    '\tlease timetolive\tGet lease information',
    '\tmember list\t\tLists all members in the cluster',
    '\tput\t\t\tPuts the given key into the store',
    '\tsnapshot restore\tRestores an etcd member snapshot to an etcd directory',
    '\tsnapshot save\t\tStores an etcd node backend snapshot to a given file',
    '\tsnapshot status\t\t[deprecated] Gets backend snapshot status of a given file',
    '\ttxn\t\t\tTxn processes all the requests in one transaction',
    '\tversion\t\t\tPrints the version of etcdctl',
    '\twatch\t\t\tWatches events stream on keys or prefixes',
    '',
    'OPTIONS:',
    '      --cacert=""\t\t\t\tverify certificates of TLS-enabled secure servers using this CA bundle',
    '      --cert=""\t\t\t\t\tidentify secure client using this TLS certificate file',
    '      --command-timeout=5s\t\t\ttimeout for short running command (excluding dial timeout)',
    '      --endpoints=[127.0.0.1:2379]\t\tgRPC endpoints',
    '      --key=""\t\t\t\t\tidentify secure client using this TLS key file',
    '  -w, --write-out="simple"\t\t\tset the output format (fields, json, protobuf, simple, table)',
    '',
  ].join('\n');
}


class Runner {
  private readonly cluster: EtcdCluster;
  constructor(
    private readonly h: EtcdctlHost,
    private readonly inv: EtcdctlInvocation,
    private readonly ctx: Ctx,
  ) {
    this.cluster = h.cluster;
  }

  private get fmt() {
    return this.inv.writeOut;
  }
  private out(s: string) {
    this.ctx.stdout(s);
  }
  private err(s: string) {
    this.ctx.stderr(s);
  }

  /** Endpoints as typed; without --endpoints etcdctl dials 127.0.0.1:2379. */
  private endpoints(): string[] {
    return this.inv.endpoints.map((e) => e.trim()).filter(Boolean);
  }

  private member(ep: string): EtcdMember | undefined {
    const m = this.cluster.memberAt(ep, this.h.host());
    return m && m.up ? m : undefined;
  }

  private header(m: EtcdMember, revision = this.cluster.store.revision) {
    return { cluster_id: u64(this.cluster.clusterId), member_id: u64(m.id), revision, raft_term: m.term };
  }

  /** The zap warning etcdctl's retry interceptor logs before a failed unary call. */
  private warn(ep: string, error: string) {
    const target = `etcd-endpoints://0xc000${(fnv32a(this.endpoints().join(',')) & 0xfffff).toString(16).padStart(5, '0')}0/${ep.replace(/^[a-z]+:\/\//, '')}`;
    this.err(
      json({ level: 'warn', ts: zapTime(this.ctx.now()), logger: 'etcd-client', caller: 'v3@v3.5.16/retry_interceptor.go:63', msg: 'retrying of unary invoker failed', target, attempt: 0, error }) + '\n',
    );
  }

  private refused(ep: string): string {
    const hp = ep.replace(/^[a-z]+:\/\//, '');
    return `rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = "transport: Error while dialing: dial tcp ${hp}: connect: connection refused"`;
  }

  async exec(): Promise<number> {
    const c = this.inv.command;
    switch (c.name) {
      case 'endpoint status':
        return await this.endpointStatus(c.cluster ?? false);
      case 'endpoint health':
        return await this.endpointHealth(c.cluster ?? false);
    }
    const eps = this.endpoints();
    const ep = eps.find((e) => this.member(e));
    if (!ep) {
      await this.ctx.sleep(this.inv.commandTimeoutMs);
      this.warn(eps[0] ?? '127.0.0.1:2379', this.refused(eps[0] ?? '127.0.0.1:2379'));
      this.err('Error: context deadline exceeded\n');
      return EXIT_ERROR;
    }
    const m = this.member(ep)!;
    switch (c.name) {
      case 'member list':
        return this.memberList(m);
      case 'member remove':
        return this.memberRemove(c.id);
      case 'snapshot save':
        return await this.snapshotSave(ep, c.path);
      case 'watch':
        return await this.watch(m, c);
      default:
        return await this.kv(m, ep, c);
    }
  }

  /** A request that needs the raft quorum: without one it hangs until a timeout. */
  private async noQuorum(ep: string): Promise<number> {
    const t = this.inv.commandTimeoutMs;
    if (t > REQUEST_TIMEOUT_MS) {
      await this.ctx.sleep(REQUEST_TIMEOUT_MS);
      this.warn(ep, 'rpc error: code = Unavailable desc = etcdserver: request timed out');
      this.err('Error: etcdserver: request timed out\n');
      return EXIT_ERROR;
    }
    await this.ctx.sleep(t);
    this.warn(ep, 'rpc error: code = DeadlineExceeded desc = context deadline exceeded');
    this.err('Error: context deadline exceeded\n');
    return EXIT_ERROR;
  }

  private async kv(m: EtcdMember, ep: string, c: EtcdctlCommand): Promise<number> {
    // a serializable read is served from this member's own (possibly stale) applied state
    if (c.name === 'get' && c.opts.serializable && !c.opts.revision && m.revision < this.cluster.store.revision && m.revision >= this.cluster.store.compactRevision) {
      c = { ...c, opts: { ...c.opts, revision: m.revision } };
    }
    let r: EtcdctlResult;
    try {
      r = execEtcdctl(this.cluster.store, c);
    } catch (e) {
      if (e instanceof EtcdError && e.code === 'Unavailable') return this.noQuorum(ep);
      throw e;
    }
    if (!r.ok) {
      if (r.error.includes('request timed out')) return this.noQuorum(ep);
      const inner = /\((etcdserver: [^)]*)\)$/.exec(r.error)?.[1] ?? r.error;
      const code = grpcCodeOf(inner);
      if (code && c.name !== 'lease keep-alive') this.warn(ep, `rpc error: code = ${code} desc = ${inner}`);
      this.err(`Error: ${r.error}\n`);
      return r.exitCode;
    }
    this.print(m, r);
    return 0;
  }

  private print(m: EtcdMember, r: Extract<EtcdctlResult, { ok: true }>): void {
    const fmt = this.fmt;
    const hdr = (rev: number) => this.header(m, rev);
    const c = this.inv.command;
    if (fmt === 'json') {
      this.out(json(jsonOf(r, hdr)) + '\n');
      return;
    }
    if (fmt === 'fields') {
      this.out(fieldsOf(r, this.cluster.clusterId, m) + '');
      return;
    }
    switch (r.name) {
      case 'get': {
        const valueOnly = c.name === 'get' && c.printValueOnly;
        this.out(kvsSimple(r.response.kvs, valueOnly, this.inv.hex));
        return;
      }
      case 'put':
        this.out('OK\n' + (r.response.prevKv ? kvsSimple([r.response.prevKv], false, this.inv.hex) : ''));
        return;
      case 'del':
        this.out(`${r.response.deleted}\n` + kvsSimple(r.response.prevKvs, false, this.inv.hex));
        return;
      case 'txn': {
        let s = r.response.succeeded ? 'SUCCESS\n' : 'FAILURE\n';
        for (const op of r.response.responses) {
          s += '\n';
          if ('put' in op) s += 'OK\n' + (op.put.prevKv ? kvsSimple([op.put.prevKv], false, this.inv.hex) : '');
          else if ('deleteRange' in op) s += `${op.deleteRange.deleted}\n` + kvsSimple(op.deleteRange.prevKvs, false, this.inv.hex);
          else s += kvsSimple(op.range.kvs, false, this.inv.hex);
        }
        this.out(s);
        return;
      }
      case 'compact':
        this.out(`compacted revision ${r.revision}\n`);
        return;
      case 'lease grant':
        this.out(`lease ${hex16(r.response.id)} granted with TTL(${r.response.ttl}s)\n`);
        return;
      case 'lease revoke':
        this.out(`lease ${hex16(r.id)} revoked\n`);
        return;
      case 'lease timetolive': {
        const t = r.response;
        if (t.grantedTtl === 0 && t.ttl === -1) this.out(`lease ${hex16(t.id)} already expired\n`);
        else {
          const keys = c.name === 'lease timetolive' && c.keys ? `, attached keys([${t.keys.join(' ')}])` : '';
          this.out(`lease ${hex16(t.id)} granted with TTL(${t.grantedTtl}s), remaining(${t.ttl}s)${keys}\n`);
        }
        return;
      }
      case 'lease list':
        this.out(`found ${r.response.leases.length} leases\n` + r.response.leases.map((l) => `${hex16(l.id)}\n`).join(''));
        return;
      case 'lease keep-alive':
        this.out(`lease ${hex16(r.response.id)} keepalived with TTL(${r.response.ttl})\n`);
        return;
      default:
        this.out(json(r.response) + '\n');
    }
  }

  // ------------------------------------------------------------------ cluster commands

  /** `member remove <hex ID>`: the member leaves the cluster and the quorum (etcdctl's memberRemoveCommandFunc). */
  private memberRemove(id: string): number {
    if (!this.cluster.removeMember(id)) {
      this.err('Error: etcdserver: member not found\n');
      return EXIT_ERROR;
    }
    this.out(`Member ${id.replace(/^0+(?=.)/, '').padStart(16, ' ')} removed from cluster ${this.cluster.clusterId.replace(/^0+(?=.)/, '').padStart(16, ' ')}\n`);
    return 0;
  }

  private memberList(m: EtcdMember): number {
    const ms = [...this.cluster.members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (this.fmt === 'json') {
      this.out(
        json({
          header: { cluster_id: u64(this.cluster.clusterId), member_id: u64(m.id), raft_term: m.term },
          members: ms.map((x) => ({ ID: u64(x.id), name: x.name, peerURLs: x.peerURLs, clientURLs: x.clientURLs })),
        }) + '\n',
      );
      return 0;
    }
    const rows = ms.map((x) => [x.id, 'started', x.name, x.peerURLs.join(','), x.clientURLs.join(','), String(x.isLearner)]);
    if (this.fmt === 'table') this.out(renderTable(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER'], rows));
    else if (this.fmt === 'fields') {
      let s = `"ClusterID" : ${BigInt('0x' + this.cluster.clusterId)}\n"MemberID" : ${BigInt('0x' + m.id)}\n"RaftTerm" : ${m.term}\n`;
      for (const x of ms) s += `"ID" : ${BigInt('0x' + x.id)}\n"Name" : ${goQ(x.name)}\n"PeerURL" : ${goQ(x.peerURLs[0])}\n"ClientURL" : ${goQ(x.clientURLs[0])}\n"IsLearner" : false\n\n`;
      this.out(s);
    } else this.out(rows.map((r) => r.join(', ') + '\n').join(''));
    return 0;
  }

  /** --cluster: the client URLs from member list (asked of the first reachable endpoint). */
  private async clusterEndpoints(cluster: boolean): Promise<string[] | undefined> {
    if (!cluster) return this.endpoints();
    const ep = this.endpoints().find((e) => this.member(e));
    if (!ep) {
      await this.ctx.sleep(this.inv.commandTimeoutMs);
      const first = this.endpoints()[0] ?? '127.0.0.1:2379';
      this.warn(first, this.refused(first));
      this.err('Error: failed to fetch endpoints from etcd cluster member list: context deadline exceeded\n');
      return undefined;
    }
    const ms = [...this.cluster.members].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ms.flatMap((m) => m.clientURLs);
  }

  private async endpointStatus(cluster: boolean): Promise<number> {
    const eps = await this.clusterEndpoints(cluster);
    if (!eps) return EXIT_ERROR;
    const rows: { ep: string; m: EtcdMember }[] = [];
    let failed = false;
    for (const ep of eps) {
      const m = this.member(ep);
      if (!m) {
        await this.ctx.sleep(this.inv.commandTimeoutMs);
        this.warn(ep, this.refused(ep));
        this.err(`Failed to get the status of endpoint ${ep} (context deadline exceeded)\n`);
        failed = true;
        continue;
      }
      rows.push({ ep, m });
    }
    const st = rows.map(({ ep, m }) => ({ ep, s: this.cluster.status(m) }));
    if (this.fmt === 'json') {
      this.out(
        json(
          st.map(({ ep, s }) => ({
            Endpoint: ep,
            Status: {
              header: this.header(s.member, s.revision),
              version: s.version,
              dbSize: s.dbSize,
              leader: u64(s.leader),
              raftIndex: s.raftIndex,
              raftTerm: s.raftTerm,
              raftAppliedIndex: s.raftAppliedIndex,
              ...(s.errors.length ? { errors: s.errors } : {}),
              dbSizeInUse: s.dbSizeInUse,
            },
          })),
        ) + '\n',
      );
    } else {
      const table = st.map(({ ep, s }) => [
        ep,
        s.member.id,
        s.version,
        humanBytes(s.dbSize),
        String(s.isLeader),
        'false',
        String(s.raftTerm),
        String(s.raftIndex),
        String(s.raftAppliedIndex),
        s.errors.join(', '),
      ]);
      if (this.fmt === 'table') {
        this.out(renderTable(['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'], table));
      } else if (this.fmt === 'fields') {
        for (const { ep, s } of st) {
          this.out(
            `"ClusterID" : ${BigInt('0x' + this.cluster.clusterId)}\n"MemberID" : ${BigInt('0x' + s.member.id)}\n"Revision" : ${s.revision}\n"RaftTerm" : ${s.raftTerm}\n` +
              `"Version" : ${goQ(s.version)}\n"DBSize" : ${s.dbSize}\n"Leader" : ${BigInt('0x' + s.leader)}\n"IsLearner" : false\n"RaftIndex" : ${s.raftIndex}\n"RaftTerm" : ${s.raftTerm}\n` +
              `"RaftAppliedIndex" : ${s.raftAppliedIndex}\n"Errors" : [${s.errors.join(' ')}]\n"Endpoint" : ${goQ(ep)}\n\n`,
          );
        }
      } else this.out(table.map((r) => r.join(', ') + '\n').join(''));
    }
    return failed ? EXIT_ERROR : 0;
  }

  private async endpointHealth(cluster: boolean): Promise<number> {
    const eps = await this.clusterEndpoints(cluster);
    if (!eps) return EXIT_ERROR;
    const res: { ep: string; health: boolean; took: string; error: string }[] = [];
    const quorum = this.cluster.hasQuorum() && !!this.cluster.leader;
    let waited = false;
    for (const [i, ep] of eps.entries()) {
      const m = this.member(ep);
      if (m && quorum) {
        res.push({ ep, health: true, took: `${(9.3 + 0.7 * i).toFixed(1)}ms`, error: '' });
        continue;
      }
      if (!waited) {
        await this.ctx.sleep(this.inv.commandTimeoutMs);
        waited = true;
      }
      this.warn(ep, m ? 'rpc error: code = DeadlineExceeded desc = context deadline exceeded' : this.refused(ep));
      res.push({ ep, health: false, took: `${this.inv.commandTimeoutMs / 1000}s`, error: 'failed to commit proposal: context deadline exceeded' });
    }
    // etcdctl prints results as they come: healthy ones first
    const ordered = [...res.filter((r) => r.health), ...res.filter((r) => !r.health)];
    if (this.fmt === 'json') this.out(json(ordered.map((r) => ({ endpoint: r.ep, health: r.health, took: r.took, ...(r.error ? { error: r.error } : {}) }))) + '\n');
    else if (this.fmt === 'table') this.out(renderTable(['ENDPOINT', 'HEALTH', 'TOOK', 'ERROR'], ordered.map((r) => [r.ep, String(r.health), r.took, r.error])));
    // the simple printer writes both verdicts to stderr (`endpoint health | grep` needs 2>&1)
    else this.err(ordered.map((r) => (r.health ? `${r.ep} is healthy: successfully committed proposal: took = ${r.took}\n` : `${r.ep} is unhealthy: ${r.error}\n`)).join(''));
    if (ordered.some((r) => !r.health)) {
      this.err('Error: unhealthy cluster\n');
      return EXIT_ERROR;
    }
    return 0;
  }

  private async snapshotSave(ep: string, path: string): Promise<number> {
    const now = this.ctx.now();
    const ts = () => zapTime(this.ctx.now());
    const abs = this.ctx.fs.resolve(this.ctx.cwd, path);
    const log = (o: Record<string, unknown>) => this.err(json({ level: 'info', ts: ts(), ...o }) + '\n');
    const epShown = ep;
    log({ caller: 'snapshot/v3_snapshot.go:65', msg: 'created temporary db file', path: `${path}.part` });
    log({ logger: 'client', caller: 'v3@v3.5.16/maintenance.go:212', msg: 'opened snapshot stream; downloading' });
    log({ caller: 'snapshot/v3_snapshot.go:73', msg: 'fetching snapshot', endpoint: epShown });
    const dump = this.cluster.store.snapshot();
    log({ logger: 'client', caller: 'v3@v3.5.16/maintenance.go:220', msg: 'completed snapshot read; closing' });
    const file: SnapshotFile = { kind: 'etcd-snapshot', dump };
    try {
      this.ctx.fs.writeFile(abs, JSON.stringify(file));
    } catch (e) {
      this.err(`Error: could not open ${path}.part (open ${path}.part: ${e instanceof Error ? e.message : String(e)})\n`);
      return EXIT_ERROR;
    }
    log({ caller: 'snapshot/v3_snapshot.go:88', msg: 'fetched snapshot', endpoint: epShown, size: humanBytes(dbSizeOf(this.cluster.store)), took: 'now' });
    log({ caller: 'snapshot/v3_snapshot.go:97', msg: 'saved', path });
    void now;
    this.out(`Snapshot saved at ${path}\n`);
    return 0;
  }

  private async watch(m: EtcdMember, c: Extract<EtcdctlCommand, { name: 'watch' }>): Promise<number> {
    const fmt = this.fmt;
    let canceled: WatchResponse | undefined;
    let wake: (() => void) | undefined;
    const onResp = (r: WatchResponse) => {
      if (r.canceled) {
        canceled = r;
        wake?.();
        return;
      }
      if (fmt === 'json') {
        this.out(
          json({
            Header: this.header(m, r.header.revision),
            Events: r.events.map((e) => ({ ...(e.type === 'DELETE' ? { type: 1 } : {}), kv: kvJson(e.kv), ...(e.prevKv ? { prev_kv: kvJson(e.prevKv) } : {}) })),
            CompactRevision: 0,
            Canceled: false,
            Created: false,
          }) + '\n',
        );
        return;
      }
      let s = '';
      for (const e of r.events) {
        s += `${e.type}\n`;
        if (e.prevKv) s += kvsSimple([e.prevKv], false, this.inv.hex);
        s += kvsSimple([e.kv], false, this.inv.hex);
      }
      this.out(s);
    };
    const handle = startWatch(this.cluster.store, c, onResp);
    try {
      // stream until Ctrl-C (the signal aborts sleep) or the server cancels the watch
      const start = this.ctx.now();
      while (!canceled) {
        if (this.h.watchLimitMs !== undefined && this.ctx.now() - start >= this.h.watchLimitMs) {
          handle.cancel();
          return 0;
        }
        await new Promise<void>((resolve, reject) => {
          wake = resolve;
          this.ctx.sleep(1000).then(resolve, reject);
        });
      }
    } catch {
      handle.cancel();
      return 130;
    }
    handle.cancel();
    this.err(`watch was canceled (${canceled.cancelReason ?? 'etcdserver: mvcc: required revision has been compacted'})\nError: watch is canceled by the server\n`);
    return EXIT_INTERRUPTED;
  }
}

// ------------------------------------------------------------------ printers

/** The gRPC status code etcd's server returns with an error text (v3rpc/rpctypes). */
function grpcCodeOf(msg: string): string | undefined {
  if (!msg.startsWith('etcdserver: ')) return undefined;
  if (/compacted|future revision|too large lease TTL/.test(msg)) return 'OutOfRange';
  if (/not found/.test(msg)) return 'NotFound';
  if (/already exists/.test(msg)) return 'FailedPrecondition';
  return 'InvalidArgument';
}

function kvsSimple(kvs: readonly KeyValue[], valueOnly: boolean, hex: boolean): string {
  let s = '';
  for (const kv of kvs) {
    const k = hex ? toHex(kv.key) : kv.key;
    const v = hex ? toHex(kv.value) : kv.value;
    if (!valueOnly) s += k + '\n';
    s += v + '\n';
  }
  return s;
}

function toHex(s: string): string {
  return [...new TextEncoder().encode(s)].map((b) => '\\x' + b.toString(16).padStart(2, '0')).join('');
}

function kvJson(kv: KeyValue): Record<string, unknown> {
  const o: Record<string, unknown> = { key: b64(kv.key) };
  if (kv.createRevision) o.create_revision = kv.createRevision;
  if (kv.modRevision) o.mod_revision = kv.modRevision;
  if (kv.version) o.version = kv.version;
  if (kv.value) o.value = b64(kv.value);
  if (kv.lease && kv.lease !== '0') o.lease = u64(kv.lease);
  return o;
}

function rangeJson(r: RangeResponse, header: unknown): Record<string, unknown> {
  const o: Record<string, unknown> = { header };
  if (r.kvs.length) o.kvs = r.kvs.map(kvJson);
  if (r.more) o.more = true;
  if (r.count) o.count = r.count;
  return o;
}

function jsonOf(r: Extract<EtcdctlResult, { ok: true }>, hdr: (rev: number) => unknown): unknown {
  switch (r.name) {
    case 'get':
      return rangeJson(r.response, hdr(r.response.header.revision));
    case 'put':
      return { header: hdr(r.response.header.revision), ...(r.response.prevKv ? { prev_kv: kvJson(r.response.prevKv) } : {}) };
    case 'del':
      return {
        header: hdr(r.response.header.revision),
        ...(r.response.deleted ? { deleted: r.response.deleted } : {}),
        ...(r.response.prevKvs.length ? { prev_kvs: r.response.prevKvs.map(kvJson) } : {}),
      };
    case 'txn':
      return {
        header: hdr(r.response.header.revision),
        ...(r.response.succeeded ? { succeeded: true } : {}),
        // inner responses carry a header with only the revision; oneof wrappers print Go field names
        responses: r.response.responses.map((op) =>
          'put' in op
            ? { Response: { ResponsePut: { header: { revision: op.put.header.revision }, ...(op.put.prevKv ? { prev_kv: kvJson(op.put.prevKv) } : {}) } } }
            : 'deleteRange' in op
              ? { Response: { ResponseDeleteRange: { header: { revision: op.deleteRange.header.revision }, ...(op.deleteRange.deleted ? { deleted: op.deleteRange.deleted } : {}) } } }
              : { Response: { ResponseRange: rangeJson(op.range, { revision: op.range.header.revision }) } },
        ),
      };
    case 'compact':
      return { header: hdr(r.response.header.revision) };
    case 'lease grant': {
      const h = hdr(r.response.header.revision) as Record<string, unknown>;
      return { ...h, ID: u64(r.response.id), TTL: r.response.ttl };
    }
    case 'lease revoke':
      return { header: hdr(r.response.header.revision) };
    case 'lease timetolive':
      return {
        cluster_id: (hdr(0) as Record<string, unknown>).cluster_id,
        member_id: (hdr(0) as Record<string, unknown>).member_id,
        revision: r.response.header.revision,
        raft_term: (hdr(0) as Record<string, unknown>).raft_term,
        id: u64(r.response.id),
        ttl: r.response.ttl,
        'granted-ttl': r.response.grantedTtl,
        keys: r.response.keys.length ? r.response.keys.map(b64) : null,
      };
    case 'lease list':
      return { header: hdr(r.response.header.revision), leases: r.response.leases.map((l) => ({ id: u64(l.id) })) };
    case 'lease keep-alive': {
      const h = hdr(r.response.header.revision) as Record<string, unknown>;
      return { ...h, ID: u64(r.response.id), TTL: r.response.ttl };
    }
    default:
      return r.response;
  }
}

function fieldsOf(r: Extract<EtcdctlResult, { ok: true }>, clusterId: string, m: EtcdMember): string {
  const head = (rev: number) => `"ClusterID" : ${BigInt('0x' + clusterId)}\n"MemberID" : ${BigInt('0x' + m.id)}\n"Revision" : ${rev}\n"RaftTerm" : ${m.term}\n`;
  const kv = (x: KeyValue, p = '') =>
    `"${p}Key" : ${goQ(x.key)}\n"${p}CreateRevision" : ${x.createRevision}\n"${p}ModRevision" : ${x.modRevision}\n"${p}Version" : ${x.version}\n"${p}Value" : ${goQ(x.value)}\n"${p}Lease" : ${BigInt('0x' + (x.lease || '0'))}\n`;
  switch (r.name) {
    case 'get':
      return head(r.response.header.revision) + r.response.kvs.map((x) => kv(x)).join('') + `"More" : ${r.response.more}\n"Count" : ${r.response.count}\n`;
    case 'put':
      return head(r.response.header.revision) + (r.response.prevKv ? kv(r.response.prevKv, 'Prev') : '');
    case 'del':
      return head(r.response.header.revision) + `"Deleted" : ${r.response.deleted}\n` + r.response.prevKvs.map((x) => kv(x, 'Prev')).join('');
    default:
      return 'header' in r.response ? head(r.response.header.revision) : '';
  }
}

// ------------------------------------------------------------------ offline snapshot commands

function readSnapshot(path: string, ctx: Ctx): EtcdDump | string {
  const abs = ctx.fs.resolve(ctx.cwd, path);
  const text = ctx.fs.tryReadFile(abs);
  if (text === undefined) return `stat ${path}: no such file or directory`;
  try {
    const f = JSON.parse(text) as SnapshotFile;
    if (f.kind === 'etcd-snapshot' && f.dump?.format === DUMP_FORMAT) return f.dump;
  } catch {
    // fall through
  }
  return 'snapshot file integrity check failed. 0 errors found.\nunexpected EOF';
}

function snapshotInfo(d: EtcdDump): { hash: number; revision: number; totalKey: number; totalSize: number } {
  const entries = d.keys.reduce((n, k) => n + k.history.length, 0);
  let bytes = 0;
  for (const k of d.keys) for (const e of k.history) bytes += k.key.length + 48 + (e.length > 2 ? String(e[2]).length : 0);
  return { hash: fnv32a(JSON.stringify(d)), revision: d.revision, totalKey: entries + d.lessor.leases.length + 6, totalSize: 20480 + Math.floor(bytes / 4096) * 8192 };
}

function snapshotStatus(path: string, fmt: string, ctx: Ctx): number {
  const d = readSnapshot(path, ctx);
  if (typeof d === 'string') {
    ctx.stderr(`Error: ${d}\n`);
    return EXIT_ERROR;
  }
  const s = snapshotInfo(d);
  const hash = s.hash.toString(16); // %x: no zero padding
  if (fmt === 'json') ctx.stdout(json(s) + '\n');
  else if (fmt === 'table') ctx.stdout(renderTable(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE'], [[hash, String(s.revision), String(s.totalKey), humanBytes(s.totalSize)]]));
  else ctx.stdout(`${hash}, ${s.revision}, ${s.totalKey}, ${humanBytes(s.totalSize)}\n`);
  return 0;
}

/** Restored data dirs (path → dump): what `Cluster.restoreEtcd` loads when etcd is pointed at one. */
export const RESTORED_DIR_FILE = 'member/snap/db';

function snapshotRestore(h: EtcdctlHost, c: Extract<EtcdctlCommand, { name: 'snapshot restore' }>, ctx: Ctx): number {
  const d = readSnapshot(c.path, ctx);
  if (typeof d === 'string') {
    ctx.stderr(`Error: ${d}\n`);
    return EXIT_ERROR;
  }
  const dir = ctx.fs.resolve(ctx.cwd, c.dataDir);
  if (ctx.fs.exists(dir) && ctx.fs.isDir(dir) && ctx.fs.readdir(dir).length) {
    ctx.stderr(`Error: data-dir "${c.dataDir}" not empty or could not be read\n`);
    return EXIT_ERROR;
  }
  const t = consoleTime(ctx.now());
  const paths = `{"path": ${JSON.stringify(c.path)}, "wal-dir": ${JSON.stringify(c.dataDir + '/member/wal')}, "data-dir": ${JSON.stringify(c.dataDir)}, "snap-dir": ${JSON.stringify(c.dataDir + '/member/snap')}, "initial-memory-map-size": 0}`;
  const peers = c.initialCluster.split(',').map((p) => p.split('='));
  const me = peers.find(([n]) => n === c.memberName);
  const peerURL = me?.[1] ?? c.initialAdvertisePeerUrls;
  // IDs as etcd computes them (sha1 of peer URL + token; cluster: sha1 of the sorted member IDs)
  const ids = peers.map(([, u]) => memberIdOf(u, c.initialClusterToken));
  const cid = clusterIdOf(ids);
  ctx.stderr(`${t}\tinfo\tsnapshot/v3_snapshot.go:265\trestoring snapshot\t${paths}\n`);
  ctx.stderr(`${t}\tinfo\tmembership/store.go:141\tTrimming membership information from the backend...\n`);
  for (const [, u] of peers) {
    ctx.stderr(`${t}\tinfo\tmembership/cluster.go:421\tadded member\t{"cluster-id": "${cid}", "local-member-id": "0", "added-peer-id": "${memberIdOf(u, c.initialClusterToken)}", "added-peer-peer-urls": ["${u}"]}\n`);
  }
  ctx.fs.mkdir(dir + '/member/snap', { parents: true });
  ctx.fs.mkdir(dir + '/member/wal', { parents: true });
  ctx.fs.writeFile(`${dir}/${RESTORED_DIR_FILE}`, JSON.stringify({ kind: 'etcd-snapshot', dump: d } satisfies SnapshotFile));
  ctx.stderr(`${t}\tinfo\tsnapshot/v3_snapshot.go:293\trestored snapshot\t${paths}\n`);
  void peerURL;
  void h; // restoring writes the data dir only; Cluster.restoreEtcd loads it when etcd restarts on it
  return 0;
}

/** The dump in a restored data dir, if there is one (for pointing etcd at it). */
export function readDataDir(fs: Ctx['fs'], dir: string): EtcdDump | undefined {
  const text = fs.tryReadFile(`${dir.replace(/\/$/, '')}/${RESTORED_DIR_FILE}`);
  if (!text) return undefined;
  try {
    const f = JSON.parse(text) as SnapshotFile;
    return f.kind === 'etcd-snapshot' ? f.dump : undefined;
  } catch {
    return undefined;
  }
}

function memberIdOf(peerURL: string, token: string): string {
  return idFromDigest(sha1(utf8(peerURL + token)));
}
function clusterIdOf(ids: string[]): string {
  const sorted = ids.map((i) => BigInt('0x' + i)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const b = new Uint8Array(8 * sorted.length);
  const dv = new DataView(b.buffer);
  sorted.forEach((id, i) => dv.setBigUint64(8 * i, id));
  return idFromDigest(sha1(b));
}
