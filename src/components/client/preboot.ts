/**
 * Booting the simulated cluster takes longer than loading xterm, so it starts first: as soon as a
 * page has a <kube-terminal>, its worker is created and told to `init` (with the journal a reload
 * replays), while xterm and the terminal code load. terminal-app then adopts the worker together
 * with every message it posted meanwhile.
 */
import type { FromWorker, ToWorker } from './protocol';
import { ClusterStore } from './cluster-store';

export interface Preboot {
  readonly worker: Worker;
  /** The id of the `init` request already sent. */
  readonly initId: number;
  /** Deliver the worker's messages (and a load error) to these handlers from now on, buffered ones first. */
  adopt(onMessage: (msg: FromWorker) => void, onError: (e: Event) => void): void;
}

export function preboot(scenario: string | undefined, clusterKey: string): Preboot {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'kube-sim' });
  const buffered: FromWorker[] = [];
  let failed: Event | undefined;
  let deliver: ((msg: FromWorker) => void) | undefined;
  let fail: ((e: Event) => void) | undefined;
  worker.addEventListener('message', (e: MessageEvent<FromWorker>) => (deliver ? deliver(e.data) : buffered.push(e.data)));
  worker.addEventListener('error', (e) => (fail ? fail(e) : (failed ??= e)));
  const initId = 1;
  const init: ToWorker = { type: 'init', id: initId, scenario, journal: new ClusterStore(clusterKey, scenario).load() };
  worker.postMessage(init);
  return {
    worker,
    initId,
    adopt(onMessage, onError) {
      deliver = onMessage;
      fail = onError;
      for (const m of buffered.splice(0)) onMessage(m);
      if (failed) onError(failed);
    },
  };
}
