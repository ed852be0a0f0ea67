/**
 * client-go leader election over a coordination.k8s.io Lease (kube-system/kube-controller-manager,
 * kube-system/kube-scheduler): the holder renews every retryPeriod (2 s); the lease lasts
 * leaseDurationSeconds (15 s). A new process takes the lease over (leaseTransitions + 1) and
 * records the LeaderElection event "<identity> became leader".
 */
import type { Clock, TimerId } from '../core/clock';
import { toRFC3339Micro } from '../core/clock';
import type { Client, Obj } from './types';
import { EventRecorder } from './events';
import type { Rng } from '../core/rng';

export const LEASE_DURATION_S = 15;
export const RETRY_PERIOD_MS = 2_000;

export class LeaderElector {
  private timer?: TimerId;
  private lease?: Obj;
  readonly identity: string;

  constructor(
    private readonly client: Client,
    private readonly clock: Clock,
    rng: Rng,
    private readonly name: string,
    host: string,
    private readonly eventSource = name,
  ) {
    this.identity = `${host}_${rng.uid()}`;
    this.rng = rng;
  }

  private readonly rng: Rng;

  start(): void {
    this.acquire();
  }

  stop(): void {
    this.clock.cancel(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = this.clock.after(RETRY_PERIOD_MS, () => this.renew());
  }

  private acquire(): void {
    const now = toRFC3339Micro(this.clock.now());
    try {
      let cur: Obj | undefined;
      try {
        cur = this.client.get('leases', 'kube-system', this.name);
      } catch {
        cur = undefined;
      }
      const spec = { holderIdentity: this.identity, leaseDurationSeconds: LEASE_DURATION_S, acquireTime: now, renewTime: now, leaseTransitions: cur ? (cur.spec?.leaseTransitions ?? 0) + (cur.spec?.holderIdentity !== this.identity ? 1 : 0) : 0 };
      this.lease = cur
        ? this.client.update('leases', 'kube-system', { ...cur, spec })
        : this.client.create('leases', 'kube-system', { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.name, namespace: 'kube-system' }, spec });
      new EventRecorder(this.client, this.clock, this.rng, this.eventSource).event(this.lease, 'Normal', 'LeaderElection', `${this.identity} became leader`);
    } catch {
      this.lease = undefined;
    }
    this.schedule();
  }

  private renew(): void {
    if (!this.lease) return this.acquire();
    try {
      this.lease = this.client.update('leases', 'kube-system', { ...this.lease, spec: { ...this.lease.spec, renewTime: toRFC3339Micro(this.clock.now()) } });
    } catch {
      this.lease = undefined;
    }
    this.schedule();
  }
}
