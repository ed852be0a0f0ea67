/// <reference lib="webworker" />
/**
 * The simulated cluster runs here, off the page's main thread. The page talks to it with the messages
 * in ./protocol.ts. Virtual time follows wall time: a timer advances the simulation's clock by the real
 * milliseconds that passed, and commands that wait (`sleep`, `kubectl get -w`) wait for virtual time.
 */
import { createSimulation, type Simulation, type Waiter } from '../../sim/index';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const TICK_MS = 100;
/** A hidden tab may not tick for a long while; never jump more than this much virtual time at once. */
const MAX_STEP_MS = 5 * 60_000;

let sim: Simulation | undefined;
const running = new Map<number, AbortController>();

interface Sleeper {
  until: number;
  resolve: () => void;
}
const sleepers = new Set<Sleeper>();

function abortReason(signal?: AbortSignal): unknown {
  return signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Waits until the simulation's clock (advanced by the ticker below) has moved `ms` forward. */
const waiter: Waiter = {
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const start = sim ? sim.now() : 0;
      const s: Sleeper = {
        until: start + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        sleepers.delete(s);
        reject(abortReason(signal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (ms <= 0) return s.resolve();
      sleepers.add(s);
    });
  },
};

let last = performance.now();
function tick(): void {
  const now = performance.now();
  const elapsed = Math.min(MAX_STEP_MS, now - last);
  last = now;
  if (!sim || elapsed <= 0) return;
  try {
    sim.advance(elapsed);
  } catch (e) {
    console.error('[sim] advance failed', e);
  }
  const t = sim.now();
  for (const s of sleepers) {
    if (s.until <= t) {
      sleepers.delete(s);
      s.resolve();
    }
  }
}

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
        sim = createSimulation({ scenario: msg.scenario, seed: msg.seed, waiter });
        last = performance.now();
        post({ type: 'ready', id: msg.id, prompt: sim.shell.prompt() });
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
setInterval(tick, TICK_MS);
