/**
 * A page's cluster survives a reload: the worker's journal of commands (src/components/client/journal.ts),
 * replayed into a fresh simulation, rebuilds the same cluster — same objects, uids, generated names,
 * resourceVersions and events — because virtual time moves only in pacer steps.
 */
import { describe, expect, it } from 'vitest';
import { createSimulation, type ShellIO, type Simulation } from '../src/sim/index';
import { Pacer, macrotask } from '../src/components/client/pacer';
import { RELOADED, replay, type Journal, type JournalEntry } from '../src/components/client/journal';
import { ClusterStore } from '../src/components/client/cluster-store';

const silent: ShellIO = { stdout: () => undefined, stderr: () => undefined };

/** What the worker does for a live page: commands arrive between steps and are journaled. */
function liveSession() {
  const pacer = new Pacer();
  const sim = createSimulation({ waiter: pacer.waiter });
  pacer.attach(sim);
  const entries: JournalEntry[] = [];
  const running = new Map<number, AbortController>();
  let nextId = 1;
  return {
    sim,
    pacer,
    entries,
    /** A `run` message: handled in a task of its own, like every message the worker gets. */
    async run(text: string): Promise<number> {
      const id = nextId++;
      const ac = new AbortController();
      running.set(id, ac);
      entries.push({ step: pacer.steps, run: text, id });
      void sim.shell.run(text, silent, ac.signal).catch(() => 130);
      await macrotask();
      return id;
    },
    async interrupt(id: number): Promise<void> {
      entries.push({ step: pacer.steps, interrupt: id });
      running.get(id)?.abort(new DOMException('Interrupted', 'AbortError'));
      await macrotask();
    },
  };
}

async function capture(sim: Simulation, cmd: string): Promise<string> {
  let out = '';
  const io: ShellIO = { stdout: (t) => void (out += t), stderr: (t) => void (out += t) };
  await sim.shell.run(cmd, io);
  return out;
}

/** Everything a reader could look at, uids and resourceVersions included. */
async function state(sim: Simulation): Promise<string> {
  const parts = await Promise.all([
    capture(sim, 'kubectl get deploy,rs,pods,svc,endpointslices -A -o yaml'),
    capture(sim, 'kubectl get events -A --sort-by=.metadata.name'),
    capture(sim, 'kubectl get nodes -o wide'),
  ]);
  return parts.join('\n---\n') + `\nnow=${sim.now()}`;
}

describe('cluster journal: a reload replays what the reader did', () => {
  it('rebuilds the same cluster, commands that wait and Ctrl-C included', { timeout: 120_000 }, async () => {
    const live = liveSession();
    await live.pacer.stepTo(8);
    await live.run('kubectl create deployment web --image=nginx --replicas=3');
    await live.pacer.stepTo(16);
    await live.run('kubectl expose deployment web --port=80');
    await live.pacer.stepTo(40);
    const watch = await live.run('kubectl get pods -w');
    await live.pacer.stepTo(60);
    await live.interrupt(watch);
    await live.run('sleep 3; kubectl scale deployment web --replicas=5');
    await live.pacer.stepTo(160);
    await live.run('kubectl delete pod -l app=web --wait=false');
    await live.pacer.stepTo(400);
    const before = await state(live.sim);
    expect(before).toContain('name: web');
    expect(before).toMatch(/replicas: 5/);

    const journal: Journal = { v: 1, entries: live.entries, steps: live.pacer.steps };
    const pacer = new Pacer();
    const sim = createSimulation({ waiter: pacer.waiter });
    pacer.attach(sim);
    await replay(sim, pacer, JSON.parse(JSON.stringify(journal)) as Journal);
    expect(pacer.steps).toBe(400);
    expect(await state(sim)).toBe(before);
  });

  it('a command still running at the reload is stopped there, not carried on', async () => {
    const live = liveSession();
    await live.pacer.stepTo(10);
    await live.run('sleep 30; kubectl create namespace late');
    await live.pacer.stepTo(50);
    // the page was reloaded at step 50 (12.5 s): the sleeping command died with the old worker
    live.entries.push({ step: 50, interrupt: RELOADED });
    const pacer = new Pacer();
    const sim = createSimulation({ waiter: pacer.waiter });
    pacer.attach(sim);
    await replay(sim, pacer, { v: 1, entries: live.entries, steps: 600 });
    expect(await capture(sim, 'kubectl get ns late')).toContain('namespaces "late" not found');
  });

  it('stores the journal per page and scenario; reset forgets it', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    const a = new ClusterStore('k', undefined, storage);
    expect(a.load()).toBeUndefined();
    a.append({ step: 3, run: 'kubectl get pods', id: 1 });
    a.setSteps(70);
    const b = new ClusterStore('k', undefined, storage);
    expect(b.load()?.entries).toEqual([{ step: 3, run: 'kubectl get pods', id: 1 }]);
    expect(new ClusterStore('k', 'ha', storage).load()).toBeUndefined(); // another scenario's cluster
    b.clear();
    expect(new ClusterStore('k', undefined, storage).load()).toBeUndefined();
    data.set('k', '{not json');
    expect(new ClusterStore('k', undefined, storage).load()).toBeUndefined();
  });
});
