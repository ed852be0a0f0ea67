/**
 * EtcdCluster (src/sim/etcd/cluster): member IDs, leader election on the virtual clock, quorum loss
 * and recovery, lagging members catching up, and what the apiserver / kubectl / etcdctl show while
 * etcd has no quorum. No real sleeps: time is the virtual clock.
 */
import { describe, expect, it } from 'vitest';
import { Clock } from '../src/sim/core/clock';
import { EtcdError, EtcdStore } from '../src/sim/etcd';
import { ELECTION_TIMEOUT_MS, EtcdCluster, ERR_TIMEOUT } from '../src/sim/etcd/cluster/cluster';
import { createSimulation } from '../src/sim/index';

const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

function three() {
  const clock = new Clock(T0);
  const store = new EtcdStore(clock);
  const c = new EtcdCluster(clock, store, {
    members: [1, 2, 3].map((i) => ({ name: `m${i}`, peerURL: `http://127.0.0.1:2480${i}`, clientURL: `http://127.0.0.1:2479${i}` })),
    token: 'tok',
  });
  return { clock, store, c };
}

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof EtcdError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'ok';
};

describe('EtcdCluster', () => {
  it('member and cluster IDs are etcd’s (checked against a real 3-member etcd 3.4 on loopback)', () => {
    const { c } = three();
    // etcdctl member list on the real cluster started with --initial-cluster-token tok
    expect(c.members.map((m) => m.id)).toEqual(['a6b899a614adff8f', '98d24e1898a4bdcf', '542c41db199aab3e']);
    expect(BigInt('0x' + c.clusterId).toString()).toBe('644713211794272074');
    // the well-known single-member default: http://localhost:2380 + etcd-cluster
    const clock = new Clock(T0);
    const one = new EtcdCluster(clock, new EtcdStore(clock), { members: [{ name: 'default', peerURL: 'http://localhost:2380', clientURL: 'http://localhost:2379' }] });
    expect(one.members[0].id).toBe('8e9e05c52164694d');
    expect(one.clusterId).toBe('cdf818194e3a8c32');
  });

  it('boots like a fresh etcd: term 2, raft index 2N+2; each write is one entry, reads none', () => {
    const { c, store } = three();
    expect(c.term).toBe(2);
    expect(c.index).toBe(8); // the real 3-member cluster showed RAFT INDEX 8 after boot
    expect(c.leader?.name).toBe('m1');
    store.put('/a', '1');
    store.range('/a');
    store.txn({ compare: [], success: [{ range: { key: '/a' } }], failure: [] }); // read-only txn
    store.deleteRange('/nope'); // still an entry
    expect(c.index).toBe(10);
    expect(c.members.map((m) => m.appliedIndex)).toEqual([10, 10, 10]);
  });

  it('stop the leader: a new leader after the election timeout, term + 1; writes go on with 2 of 3', () => {
    const { c, clock, store } = three();
    c.stopMember('m1');
    expect(c.leader).toBeUndefined();
    expect(c.hasQuorum()).toBe(true);
    store.put('/a', 'during election'); // accepted (a real client would wait ~1 s for the new leader)
    clock.advance(ELECTION_TIMEOUT_MS - 1);
    expect(c.leader).toBeUndefined();
    clock.advance(2000);
    expect(c.leader?.name).toBe('m2');
    expect(c.term).toBe(3);
    expect(c.members.filter((m) => m.up).map((m) => [m.name, m.term, m.lead])).toEqual([
      ['m2', 3, c.members[1].id],
      ['m3', 3, c.members[1].id],
    ]);
    expect(c.events.map((e) => `${e.member}: ${e.msg}`)).toContain('m2: became leader at term 3');
    expect(code(() => store.put('/b', '1'))).toBe('ok');
  });

  it('stop two of three: writes and linearizable reads fail, serializable reads work, the term stays (pre-vote)', () => {
    const { c, clock, store } = three();
    store.put('/a', '1');
    c.stopMember('m2');
    c.stopMember('m3');
    expect(c.hasQuorum()).toBe(false);
    expect(c.leader?.name).toBe('m1'); // until CheckQuorum makes it step down
    clock.advance(ELECTION_TIMEOUT_MS);
    expect(c.leader).toBeUndefined();
    expect(code(() => store.put('/a', '2'))).toBe(`Unavailable: ${ERR_TIMEOUT}`);
    expect(code(() => store.range('/a'))).toBe(`Unavailable: ${ERR_TIMEOUT}`);
    expect(store.range('/a', { serializable: true }).kvs[0].value).toBe('1');
    clock.advance(60_000);
    expect(c.term).toBe(2);
    expect(c.status(c.members[0]).errors).toEqual(['etcdserver: no leader']);
  });

  it('leases do not expire without a leader; they do once quorum is back', () => {
    const { c, clock, store } = three();
    const l = store.leaseGrant(5);
    store.put('/l', 'v', { lease: l.id });
    c.stopMember('m2');
    c.stopMember('m3');
    clock.advance(30_000);
    expect(store.range('/l', { serializable: true }).kvs.length).toBe(1);
    c.startMember('m2');
    clock.advance(5_000);
    expect(store.range('/l').kvs.length).toBe(0);
  });

  it('restart: quorum back, a new term, the lagging member catches up one heartbeat later', () => {
    const { c, clock, store } = three();
    c.stopMember('m3');
    for (let i = 0; i < 5; i++) store.put('/k', String(i));
    const m3 = c.member('m3')!;
    expect(m3.appliedIndex).toBe(8);
    expect(c.members[0].appliedIndex).toBe(13);
    c.stopMember('m2'); // now quorum is lost
    clock.advance(3000);
    expect(code(() => store.put('/k', 'x'))).toMatch(/request timed out/);
    c.startMember('m3');
    expect(c.hasQuorum()).toBe(true);
    clock.advance(ELECTION_TIMEOUT_MS - 1);
    expect(c.leader).toBeUndefined();
    clock.advance(1000);
    // the most up-to-date member (m1) wins, m3 follows and catches up
    expect(c.leader?.name).toBe('m1');
    expect(c.term).toBe(3);
    clock.advance(100);
    expect(m3.appliedIndex).toBe(c.index);
    expect(m3.revision).toBe(store.revision);
    expect(c.events.some((e) => e.member === 'm3' && /caught up: applied index 8 → /.test(e.msg))).toBe(true);
    expect(code(() => store.put('/k', 'y'))).toBe('ok');
  });
});

describe('the apiserver while etcd has no quorum (ha scenario: etcd1..3 at 172.30.4.2..4)', () => {
  const sh = async (sim: ReturnType<typeof createSimulation>, text: string) => {
    let out = '';
    const rc = await sim.shell.run(text, { stdout: (s) => (out += s), stderr: (s) => (out += s) });
    return { out, rc };
  };
  const E = 'etcdctl --endpoints=https://172.30.4.2:2379,https://172.30.4.3:2379,https://172.30.4.4:2379';

  it('one member down: kubectl works; two down: kubectl gets etcdserver: request timed out; back up: works', async () => {
    const sim = createSimulation({ scenario: 'ha' });
    const ec = sim.cluster.etcdCluster;
    expect(ec.members.map((m) => [m.name, m.clientURLs[0]])).toEqual([
      ['etcd1', 'https://172.30.4.2:2379'],
      ['etcd2', 'https://172.30.4.3:2379'],
      ['etcd3', 'https://172.30.4.4:2379'],
    ]);
    expect((await sh(sim, 'kubectl get nodes -o name')).out).toBe('node/master1\nnode/master2\nnode/node1\nnode/node2\nnode/node3\n');
    // external etcd: no etcd static pods on the masters
    expect((await sh(sim, 'kubectl get pods -n kube-system -o name')).out).not.toMatch(/pod\/etcd-/);

    ec.stopMember('etcd1');
    sim.advance(2000);
    expect(ec.leader?.name).toBe('etcd2');
    expect((await sh(sim, 'kubectl create deployment web --image=nginx')).out).toBe('deployment.apps/web created\n');

    ec.stopMember('etcd2');
    sim.advance(60_000); // components keep running on their informer caches; their writes fail
    const get = await sh(sim, 'kubectl get pods');
    expect(get).toEqual({ out: 'Error from server: etcdserver: request timed out\n', rc: 1 });
    expect((await sh(sim, 'kubectl create deployment web2 --image=nginx')).out).toBe('error: failed to create deployment: etcdserver: request timed out\n');
    expect((await sh(sim, 'kubectl delete deployment web')).out).toBe('Error from server: etcdserver: request timed out\n');

    const t0 = sim.now();
    const put = await sh(sim, `${E} put /x 1`);
    expect(put.rc).toBe(1);
    expect(put.out.endsWith('Error: context deadline exceeded\n')).toBe(true);
    expect(sim.now() - t0).toBe(5000); // the command timeout, in virtual time
    const long = await sh(sim, `${E} put /x 1 --command-timeout=10s`);
    expect(long.out.endsWith('Error: etcdserver: request timed out\n')).toBe(true);
    const st = await sh(sim, `${E} endpoint status -w table`);
    expect(st.rc).toBe(1);
    expect(st.out).toMatch(/Failed to get the status of endpoint https:\/\/172\.30\.4\.2:2379 \(context deadline exceeded\)/);
    expect(st.out).toMatch(/\| https:\/\/172\.30\.4\.4:2379 \| [0-9a-f]{16} \|  3\.5\.16 \| +[0-9.]+ [kM]B \|     false \|      false \|         3 \| +\d+ \| +\d+ \| etcdserver: no leader \|/);
    const health = await sh(sim, `${E} endpoint health`);
    expect(health.rc).toBe(1);
    expect(health.out).toMatch(/https:\/\/172\.30\.4\.4:2379 is unhealthy: failed to commit proposal: context deadline exceeded\n/);
    expect(health.out.endsWith('Error: unhealthy cluster\n')).toBe(true);

    ec.startMember('etcd1');
    sim.advance(3000);
    expect(ec.leader).toBeDefined();
    expect(ec.term).toBe(4);
    expect((await sh(sim, 'kubectl create deployment web2 --image=nginx')).out).toBe('deployment.apps/web2 created\n');
    // `web` was created just before quorum was lost: the deployment controller's retries back off,
    // so its ReplicaSet comes a while after recovery
    sim.advance(120_000);
    const pods = (await sh(sim, 'kubectl get pods -o name')).out;
    expect(pods).toMatch(/pod\/web-/);
    expect(pods).toMatch(/pod\/web2-/);
    const healthy = await sh(sim, `${E} endpoint health 2>&1 | grep -c 'is healthy'`);
    expect(healthy.out).toBe('2\n');
  });

  it('default scenario: one stacked member; stopping it stops the apiserver’s storage', async () => {
    const sim = createSimulation();
    const ec = sim.cluster.etcdCluster;
    expect(ec.members.map((m) => [m.name, m.peerURLs[0]])).toEqual([['controlplane', 'https://172.30.1.2:2380']]);
    const term = ec.term;
    ec.stopMember('controlplane');
    sim.advance(5000);
    expect((await sh(sim, 'kubectl get ns')).out).toBe('Error from server: etcdserver: request timed out\n');
    const r = await sh(sim, 'etcdctl get /registry/namespaces/default');
    expect(r.out).toMatch(/dial tcp 127\.0\.0\.1:2379: connect: connection refused/);
    ec.startMember('controlplane');
    sim.advance(2000);
    expect(ec.term).toBeGreaterThan(term);
    expect((await sh(sim, 'kubectl get ns -o name')).out).toBe('namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n');
  });
});
