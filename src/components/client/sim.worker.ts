/// <reference lib="webworker" />
/**
 * The simulated cluster runs here, off the page's main thread. The page talks to it with the messages
 * in ./protocol.ts. Virtual time follows wall time in fixed steps (./pacer.ts), and commands that wait
 * (`sleep`, `kubectl get -w`) wait for virtual time. Every command is reported back to the page for its
 * journal (./journal.ts), which an `init` after a reload replays.
 */
import { createSimulation, type Simulation } from '../../sim/index';
import type { FromWorker, ToWorker } from './protocol';
import { LiveClock, Pacer } from './pacer';
import { RELOADED, isJournal, replay, type JournalEntry } from './journal';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let sim: Simulation | undefined;
const running = new Map<number, AbortController>();
const pacer = new Pacer();
const live = new LiveClock(pacer, () => performance.now());

/** Tell the page (which keeps the journal) that a command or Ctrl-C reached the simulation. */
function journal(entry: { run: string; id: number } | { interrupt: number }): void {
  const e: JournalEntry = { step: pacer.steps, ...entry };
  post({ type: 'journal', entry: e });
}

let reportedSteps = -1;
setInterval(() => {
  if (!sim || pacer.steps === reportedSteps) return;
  reportedSteps = pacer.steps;
  post({ type: 'clock', steps: pacer.steps });
}, 1000);

function post(msg: FromWorker): void {
  scope.postMessage(msg);
}

/** Batches output written in one task into one message per stream switch. */
function makeIO(id: number) {
  let pending: { stream: 'stdout' | 'stderr'; data: string }[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    for (const p of pending) post({ type: 'output', id, stream: p.stream, data: p.data });
    pending = [];
  };
  const write = (stream: 'stdout' | 'stderr', data: string) => {
    if (!data) return;
    const lastChunk = pending[pending.length - 1];
    if (lastChunk && lastChunk.stream === stream) lastChunk.data += data;
    else pending.push({ stream, data });
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  };
  return {
    io: { stdout: (t: string) => write('stdout', String(t)), stderr: (t: string) => write('stderr', String(t)) },
    flush,
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init': {
      try {
        live.stop();
        sim = createSimulation({ scenario: msg.scenario, seed: msg.seed, waiter: pacer.waiter });
        pacer.attach(sim);
        let restored = 0;
        if (isJournal(msg.journal) && msg.journal.entries.length) {
          restored = msg.journal.entries.filter((e) => 'run' in e).length;
          await replay(sim, pacer, msg.journal, (done, total) => post({ type: 'restoring', id: msg.id, done, total }));
          journal({ interrupt: RELOADED });
        }
        live.start();
        post({ type: 'ready', id: msg.id, prompt: sim.shell.prompt(), restored });
      } catch (e) {
        post({ type: 'fatal', id: msg.id, message: message(e) });
      }
      return;
    }
    case 'needsMore': {
      let value = false;
      try {
        value = !!sim?.shell.needsMore(msg.text);
      } catch (e) {
        console.error('[sim] needsMore failed', e);
      }
      post({ type: 'needsMore', id: msg.id, value });
      return;
    }
    case 'run': {
      if (!sim) {
        post({ type: 'exit', id: msg.id, code: 1, prompt: '$ ' });
        return;
      }
      const ac = new AbortController();
      running.set(msg.id, ac);
      journal({ run: msg.text, id: msg.id });
      const { io, flush } = makeIO(msg.id);
      let code: number;
      try {
        code = await sim.shell.run(msg.text, io, ac.signal);
      } catch (e) {
        if (ac.signal.aborted) code = 130;
        else {
          io.stderr(`internal error: ${message(e)}\n`);
          console.error('[sim] run failed', e);
          code = 1;
        }
      }
      running.delete(msg.id);
      flush();
      let prompt = '$ ';
      try {
        prompt = sim.shell.prompt();
      } catch {
        /* keep the fallback */
      }
      post({ type: 'exit', id: msg.id, code, prompt });
      return;
    }
    case 'interrupt': {
      if (running.has(msg.id)) journal({ interrupt: msg.id });
      running.get(msg.id)?.abort(new DOMException('Interrupted', 'AbortError'));
      return;
    }
    case 'complete': {
      let from = msg.cursor;
      let candidates: string[] = [];
      try {
        const c = sim?.shell.complete(msg.line, msg.cursor);
        if (c) {
          from = c.from;
          candidates = c.candidates;
        }
      } catch (e) {
        console.error('[sim] complete failed', e);
      }
      post({ type: 'completion', id: msg.id, from, candidates });
      return;
    }
    case 'prompt': {
      post({ type: 'prompt', id: msg.id, prompt: sim ? sim.shell.prompt() : '$ ' });
      return;
    }
  }
}

scope.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  void handle(e.data);
});
