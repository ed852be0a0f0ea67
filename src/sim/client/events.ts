/**
 * Recording Events through the API, as client-go's recorders do. The core/v1 recorder (kubelet,
 * controllers) aggregates repeats into count/lastTimestamp; the events.k8s.io recorder (scheduler,
 * kube-proxy) writes eventTime + reportingController and, on repeats, a series.
 */
import type { Clock } from '../core/clock';
import { toRFC3339, toRFC3339Micro } from '../core/clock';
import type { Rng } from '../core/rng';
import type { Client, Obj } from './types';

export interface Involved {
  kind: string;
  apiVersion: string;
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export function involvedOf(o: Obj, fieldPath?: string): Involved {
  return {
    apiVersion: o.apiVersion ?? 'v1',
    kind: o.kind ?? '',
    name: o.metadata.name!,
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    ...(o.metadata.resourceVersion ? { resourceVersion: o.metadata.resourceVersion } : {}),
    ...(o.metadata.uid ? { uid: o.metadata.uid } : {}),
    ...(fieldPath ? { fieldPath } : {}),
  };
}

interface Seen {
  name: string;
  ns: string;
  count: number;
  first: number;
}

/** upstream EventCorrelator: `maxLruCacheEntries = 4 * 1024` — the oldest-used entry is dropped beyond it */
export const MAX_SEEN = 4096;

export class EventRecorder {
  private counter = 0;
  private seen = new Map<string, Seen>();

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    private readonly rng: Rng,
    private readonly component: string,
    private readonly host?: string,
    /** events.k8s.io style (eventTime, reportingController, series) */
    private readonly newStyle = false,
    private readonly action?: string,
  ) {}

  event(obj: Obj | Involved, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const inv: Involved = 'metadata' in obj ? involvedOf(obj as Obj, fieldPath) : { ...(obj as Involved), ...(fieldPath ? { fieldPath } : {}) };
    const ns = inv.namespace ?? 'default';
    const now = this.clock.now();
    const key = [inv.uid, inv.fieldPath, reason, message, type].join('|');
    const prev = this.seen.get(key);
    try {
      if (prev && now - prev.first < 10 * 60_000) {
        // an LRU hit makes the entry the most recently used
        this.seen.delete(key);
        this.seen.set(key, prev);
        prev.count++;
        const patch = this.newStyle
          ? { series: { count: prev.count, lastObservedTime: toRFC3339Micro(now) } }
          : { count: prev.count, lastTimestamp: toRFC3339(now) };
        this.client.patch('events', prev.ns, prev.name, patch, 'merge');
        return;
      }
      // upstream: `<name>.<UnixNano in hex>` — so a list by name is also in time order
      const name = `${inv.name}.${unixNanoHex(now, (this.counter++ % 1000) * 1000 + this.rng.int(1000))}`;
      const ev: Obj = this.newStyle
        ? {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name, namespace: ns },
            involvedObject: inv,
            reason,
            message,
            type,
            ...(this.action ? { action: this.action } : {}),
            eventTime: toRFC3339Micro(now),
            firstTimestamp: null,
            lastTimestamp: null,
            reportingComponent: this.component,
            reportingInstance: this.host ? `${this.component}-${this.host}` : this.component,
            source: {},
          }
        : {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name, namespace: ns },
            involvedObject: inv,
            reason,
            message,
            type,
            count: 1,
            eventTime: null,
            firstTimestamp: toRFC3339(now),
            lastTimestamp: toRFC3339(now),
            reportingComponent: this.component,
            reportingInstance: this.host ?? '',
            source: this.host ? { component: this.component, host: this.host } : { component: this.component },
          };
      this.client.create('events', ns, ev);
      this.seen.delete(key);
      this.seen.set(key, { name, ns, count: 1, first: now });
      if (this.seen.size > MAX_SEEN) this.seen.delete(this.seen.keys().next().value!);
    } catch {
      // events are best effort: a failed write never breaks the component
    }
  }
}

/**
 * (ms · 10⁶ + ns) in hex, exactly: the product passes 2⁵³, so it is worked out in two limbs of
 * 24 bits (ms < 2⁴¹, ns < 10⁶) instead of with BigInt, which costs microseconds per event.
 */
export function unixNanoHex(ms: number, ns: number): string {
  const L = 2 ** 24;
  let lo = (ms % L) * 1_000_000 + ns;
  let hi = Math.floor(ms / L) * 1_000_000;
  hi += Math.floor(lo / L);
  lo %= L;
  return hi ? hi.toString(16) + lo.toString(16).padStart(6, '0') : lo.toString(16);
}
