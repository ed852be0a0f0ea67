/** What every controller shares: a client of its own, the shared informers, a work queue, events. */
import type { Clock } from '../core/clock';
import type { Rng } from '../core/rng';
import type { Client, Obj } from '../client/types';
import { EventRecorder } from '../client/events';
import { WorkQueue, type SyncResult } from '../client/workqueue';
import { keyOf } from '../client/informer';
import type { SharedInformers } from './informers';

export interface ControllerContext {
  clientFor(agent: string): Client;
  clock: Clock;
  rng: Rng;
  informers: SharedInformers;
}

export abstract class Controller {
  /** Upstream's controller name (also the event source component), e.g. `replicaset-controller`. */
  abstract readonly name: string;
  /** The event source component when it differs from the name (the node controller's `node-controller`). */
  protected readonly eventSource?: string;
  protected client!: Client;
  protected recorder!: EventRecorder;
  protected queue!: WorkQueue;
  running = false;

  constructor(protected readonly ctx: ControllerContext) {}

  get clock(): Clock {
    return this.ctx.clock;
  }

  get informers(): SharedInformers {
    return this.ctx.informers;
  }

  /** Register informer handlers (called before the informers start). */
  protected abstract register(): void;

  protected abstract sync(key: string): SyncResult;

  start(): void {
    this.client = this.ctx.clientFor(`kube-controller-manager/${this.name}`);
    this.recorder = new EventRecorder(this.client, this.ctx.clock, this.ctx.rng, this.eventSource ?? this.name);
    this.queue = new WorkQueue(this.ctx.clock, (key) => {
      if (!this.running) return;
      // controllers wait for their caches (WaitForCacheSync)
      if (!this.informers.synced) return { requeueAfterMs: 1000 };
      return this.sync(key);
    });
    this.running = true;
    this.register();
  }

  stop(): void {
    this.running = false;
  }

  enqueue(o: Obj | string): void {
    if (this.running) this.queue.add(typeof o === 'string' ? o : keyOf(o));
  }

  enqueueAfter(o: Obj | string, ms: number): void {
    if (this.running) this.queue.addAfter(typeof o === 'string' ? o : keyOf(o), ms);
  }
}

export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}
