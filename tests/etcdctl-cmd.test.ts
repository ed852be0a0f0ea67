/**
 * The `etcdctl` terminal command (src/sim/etcd/etcdctl) against the real etcdctl: the steps in
 * fixtures/etcd/etcdctl-steps.txt were run by capture-etcdctl.sh on a fresh real etcd 3.4.23 (member
 * `ops`, peer http://127.0.0.1:23800, client http://127.0.0.1:23790, default token) and saved as
 * etcdctl-steps.expected.jsonl. Here the same steps run in our shell on a one-member EtcdCluster with
 * the same URLs, so member/cluster IDs, revisions, raft terms and indexes must be identical.
 * Normalised: the version (3.4.23 → 3.5.16, we print 3.5), lease IDs (L1, L2 …), `took` durations,
 * the remaining TTL (wall-clock dependent there),
 * snapshot hashes, and zap log lines on stderr (3.4 and 3.5 log differently: only their number is
 * compared). A watch the capture stopped with `timeout` (124) ends at our watch limit (0).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { EtcdStore } from '../src/sim/etcd';
import { EtcdCluster } from '../src/sim/etcd/cluster/cluster';
import { etcdctlCommand, etcdutlCommand } from '../src/sim/etcd/etcdctl/command';
import { createShell } from '../src/sim/shell/index';
import { createSimulation } from '../src/sim/index';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
const STEPS = readFileSync(new URL('./fixtures/etcd/etcdctl-steps.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
const EXPECTED = readFileSync(new URL('./fixtures/etcd/etcdctl-steps.expected.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { cmd: string; stdin: string; stdout: string; stderr: string; rc: number });

function opsMachine() {
  const clock = new Clock(T0);
  const store = new EtcdStore(clock);
  const cluster = new EtcdCluster(clock, store, { members: [{ name: 'ops', peerURL: 'http://127.0.0.1:23800', clientURL: 'http://127.0.0.1:23790', host: 'h' }] });
  let feed = '';
  const sh = createShell({
    hostname: 'h',
    now: () => clock.now(),
    waiter: {
      sleep(ms, signal) {
        if (signal?.aborted) return Promise.reject(new Error('aborted'));
        clock.advance(ms);
        return Promise.resolve();
      },
    },
  });
  const host = { cluster, host: () => 'h', watchLimitMs: 1000 };
  sh.registerCommand('etcdctl', etcdctlCommand(host));
  sh.registerCommand('etcdutl', etcdutlCommand(host));
  sh.registerCommand('feed', async (_argv, ctx) => {
    ctx.stdout(feed);
    return 0;
  });
  const run = async (text: string, stdin = '') => {
    feed = stdin;
    let stdout = '';
    let stderr = '';
    const rc = await sh.run(text, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { stdout, stderr, rc };
  };
  return { clock, store, cluster, run };
}

/** printf %b for the escapes the steps use. */
const unescape = (s: string) => s.replace(/\\n/g, '\n');

function normalizer() {
  const leases = new Map<string, string>();
  const learn = (text: string) => {
    for (const m of text.matchAll(/lease ([0-9a-f]+) granted with TTL/g)) {
      if (!leases.has(m[1])) {
        const name = `L${leases.size / 2 + 1}`;
        leases.set(m[1], name);
        leases.set(BigInt('0x' + m[1]).toString(10), name);
      }
    }
  };
  const norm = (text: string) => {
    let s = text.replaceAll('3.4.23', '3.5.16');
    for (const [id, name] of leases) s = s.replaceAll(id, name);
    s = s.replace(/took = [0-9.]+m?s/g, 'took = X').replace(/remaining\(\d+s\)/g, 'remaining(Ns)');
    return s;
  };
  return { learn, norm };
}

const zap = (s: string) => s.split('\n').filter((l) => l.startsWith('{"level":'));
const nonZap = (s: string) =>
  s
    .split('\n')
    .filter((l) => !l.startsWith('{"level":'))
    .join('\n');

/** Tables whose cell widths depend on a value we normalise: compare with runs of spaces/dashes squeezed. */
const squeeze = (s: string) => s.replace(/ +/g, ' ').replace(/-+/g, '-');

describe('etcdctl command vs the real etcdctl (fixtures/etcd/etcdctl-steps.expected.jsonl)', () => {
  it('has a capture for every step', () => {
    expect(EXPECTED.map((e) => e.cmd)).toEqual(STEPS.map((l) => l.split(' ||| ')[0]));
  });

  it('prints what the real etcdctl printed, step by step', async () => {
    const m = opsMachine();
    const nr = normalizer();
    const ng = normalizer();
    let ourL1 = '';
    let realL1 = '';
    const diffs: string[] = [];
    for (const [i, line] of STEPS.entries()) {
      const exp = EXPECTED[i];
      const [cmd, stdin = ''] = line.split(' ||| ');
      if (!realL1 && cmd.startsWith('lease grant')) realL1 = exp.stdout.split(' ')[1];
      const got = await m.run(`feed | etcdctl --endpoints=http://127.0.0.1:23790 ${cmd.replaceAll('{L1}', ourL1)}`, unescape(stdin));
      if (!ourL1 && cmd.startsWith('lease grant')) ourL1 = got.stdout.split(' ')[1];
      m.clock.advance(125);
      nr.learn(exp.stdout);
      ng.learn(got.stdout);
      let want = { stdout: nr.norm(exp.stdout), stderr: nr.norm(nonZap(exp.stderr)), rc: exp.rc === 124 ? 0 : exp.rc };
      // 3.5 deprecates `etcdctl snapshot status` in favour of etcdutl (3.4 did not say so)
      const gotErr = got.stderr.replace('Deprecated: Use `etcdutl snapshot status` instead.\n\n', '');
      let have = { stdout: ng.norm(got.stdout), stderr: ng.norm(nonZap(gotErr)), rc: got.rc };
      if (cmd.startsWith('snapshot status') || cmd === 'endpoint health -w table') {
        want = { ...want, stdout: squeeze(want.stdout.replace(/\b[0-9a-f]{6,8}\b|"hash":\d+|[0-9.]+ms/g, 'H')) };
        have = { ...have, stdout: squeeze(have.stdout.replace(/\b[0-9a-f]{6,8}\b|"hash":\d+|[0-9.]+ms/g, 'H')) };
      }
      if (JSON.stringify(want) !== JSON.stringify(have)) diffs.push(`step ${i + 1} \`${cmd}\`\n  want ${JSON.stringify(want)}\n  have ${JSON.stringify(have)}`);
      const wz = zap(exp.stderr).length;
      const hz = zap(got.stderr).length;
      if (wz !== hz) diffs.push(`step ${i + 1} \`${cmd}\`: ${wz} log lines on stderr, we print ${hz}`);
    }
    expect(diffs, diffs.join('\n')).toEqual([]);
    expect(realL1).not.toBe('');
  });
});

describe('etcdctl in the simulated cluster', () => {
  const E = 'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
  const sh = async (sim: ReturnType<typeof createSimulation>, text: string) => {
    let out = '';
    let stdout = '';
    const rc = await sim.shell.run(text, {
      stdout: (s) => {
        out += s;
        stdout += s;
      },
      stderr: (s) => (out += s),
    });
    return { out, stdout, rc };
  };

  it('version, member list (kubeadm stacked etcd: the control-plane node is the member)', async () => {
    const sim = createSimulation();
    expect((await sh(sim, 'etcdctl version')).out).toBe('etcdctl version: 3.5.16\nAPI version: 3.5\n');
    const id = sim.cluster.etcdCluster.members[0].id;
    expect((await sh(sim, `${E} member list`)).out).toBe(`${id}, started, controlplane, https://172.30.1.2:2380, https://172.30.1.2:2379, false\n`);
    const t = (await sh(sim, `${E} member list -w table`)).out.split('\n');
    expect(t[1]).toBe('|        ID        | STATUS  |     NAME     |       PEER ADDRS        |      CLIENT ADDRS       | IS LEARNER |');
  });

  it('get shows what the apiserver stored (JSON here; real clusters store protobuf)', async () => {
    const sim = createSimulation();
    await sh(sim, 'kubectl run web --image=nginx');
    const r = await sh(sim, `${E} get /registry/pods/default/web`);
    const [key, value] = r.stdout.split('\n');
    expect(key).toBe('/registry/pods/default/web');
    expect(JSON.parse(value)).toMatchObject({ kind: 'Pod', metadata: { name: 'web', namespace: 'default' } });
    const keys = (await sh(sim, `${E} get /registry/namespaces --prefix --keys-only`)).stdout;
    expect(keys).toBe(['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((n) => `/registry/namespaces/${n}\n\n`).join(''));
    const rv = JSON.parse((await sh(sim, 'kubectl get pod web -o json')).stdout).metadata.resourceVersion;
    const j = JSON.parse((await sh(sim, `${E} get /registry/pods/default/web -w json`)).stdout);
    expect(String(j.kvs[0].mod_revision)).toBe(rv);
  });

  it('unreachable: no etcd on the host (ha scenario master1, default endpoint)', async () => {
    const sim = createSimulation({ scenario: 'ha' });
    const t0 = sim.now();
    const r = await sh(sim, 'etcdctl get /registry/namespaces/default');
    expect(r.rc).toBe(1);
    expect(r.out).toMatch(/connect: connection refused/);
    expect(r.out.endsWith('Error: context deadline exceeded\n')).toBe(true);
    expect(sim.now() - t0).toBe(5000);
    const ok = await sh(sim, 'etcdctl --endpoints=https://172.30.4.3:2379 get /registry/namespaces/default --print-value-only');
    expect(ok.rc).toBe(0);
    expect(JSON.parse(ok.stdout).metadata.name).toBe('default');
  });

  it('txn from stdin, -i prompts, watch until the limit, compaction', async () => {
    const sim = createSimulation();
    const r = await sh(sim, `printf 'create("/t") = "0"\\n\\nput /t 1\\n\\nget /t\\n\\n' | ${E} txn -i`);
    expect(r.out).toBe('compares:\nsuccess requests (get, put, del):\nfailure requests (get, put, del):\nSUCCESS\n\nOK\n');
    const rev = sim.cluster.etcd.revision;
    expect((await sh(sim, `${E} compaction ${rev}`)).out).toBe(`compacted revision ${rev}\n`);
    expect((await sh(sim, `${E} get /t --rev=${rev - 1}`)).out).toMatch(/Error: etcdserver: mvcc: required revision has been compacted\n$/);
  });

  it('snapshot save → status → etcdutl restore → Cluster.restoreEtcd brings the old state back', async () => {
    const sim = createSimulation();
    await sh(sim, 'kubectl create deployment before --image=nginx');
    sim.advance(10_000);
    const save = await sh(sim, `${E} snapshot save /root/snap.db`);
    expect(save.rc).toBe(0);
    expect(save.stdout).toBe('Snapshot saved at /root/snap.db\n');
    expect(save.out.split('\n').filter((l) => l.startsWith('{"level":"info"')).length).toBe(6);
    const st = await sh(sim, 'etcdutl snapshot status /root/snap.db -w table');
    // the HASH column is as wide as the hash's hex digits (%x: no leading zeros), so 7 or 8
    expect(st.out.split('\n')[1]).toMatch(/^\| {2,3}HASH {3}\| REVISION \| TOTAL KEYS \| TOTAL SIZE \|$/);
    const row = st.out.split('\n')[3];
    const hash = /^\| ([0-9a-f]+) +\|/.exec(row)?.[1] ?? '';
    expect(hash).toMatch(/^[0-9a-f]{1,8}$/);
    expect(st.out.split('\n')[1].indexOf('| REVISION')).toBe(row.indexOf('|', 1));
    const dep = await sh(sim, 'etcdctl snapshot status /root/snap.db');
    expect(dep.out.startsWith('Deprecated: Use `etcdutl snapshot status` instead.\n\n')).toBe(true);

    await sh(sim, 'kubectl create deployment after --image=nginx');
    sim.advance(10_000);
    expect((await sh(sim, 'kubectl get deploy -o name')).out).toBe('deployment.apps/after\ndeployment.apps/before\n');

    const rs = await sh(sim, 'etcdutl snapshot restore /root/snap.db --data-dir /var/lib/etcd-from-backup');
    expect(rs.rc).toBe(0);
    expect(rs.out).toMatch(/restored snapshot/);
    const { readDataDir } = await import('../src/sim/etcd/etcdctl/command');
    const dump = readDataDir(sim.shell.fs, '/var/lib/etcd-from-backup');
    expect(dump).toBeDefined();
    sim.cluster.restoreEtcd(dump!);
    sim.advance(30_000);
    expect((await sh(sim, 'kubectl get deploy -o name')).out).toBe('deployment.apps/before\n');
    // the informers re-listed: the controllers no longer see `after`, its pods are gone from etcd too
    expect((await sh(sim, 'kubectl get pods -o name')).out).not.toMatch(/after/);
    // and the cluster keeps working
    await sh(sim, 'kubectl scale deployment before --replicas=2');
    sim.advance(30_000);
    expect((await sh(sim, 'kubectl get pods -o name')).out.split('\n').filter((l) => l.includes('before')).length).toBe(2);
  });

  it('the CKA restore drill: etcdutl restore, point the etcd static pod’s hostPath at it, the kubelet restarts etcd on it', async () => {
    const sim = createSimulation();
    await sh(sim, 'kubectl create deployment before --image=nginx');
    sim.advance(10_000);
    expect((await sh(sim, `${E} snapshot save /opt/snap.db`)).rc).toBe(0);
    await sh(sim, 'kubectl create deployment after --image=nginx');
    sim.advance(10_000);
    expect((await sh(sim, 'etcdutl snapshot restore /opt/snap.db --data-dir /var/lib/etcd-from-backup')).rc).toBe(0);
    await sh(sim, "sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-from-backup#' /etc/kubernetes/manifests/etcd.yaml");
    sim.advance(60_000); // the kubelet notices the changed manifest and recreates the etcd pod
    expect((await sh(sim, 'kubectl get deploy -o name')).out).toBe('deployment.apps/before\n');
    expect(sim.cluster.etcdCluster.term).toBe(3); // the restored member's fresh log (term 2), then its election
    expect(sim.cluster.etcdCluster.events.some((e) => /restored/.test(e.msg))).toBe(true);
  });
});
