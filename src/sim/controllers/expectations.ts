/**
 * ControllerExpectations: after creating or deleting N pods a controller waits until its informer
 * has seen them all (or 5 minutes passed) before deciding again, so it never double-creates.
 */
import type { Clock } from '../core/clock';

const TTL_MS = 5 * 60_000;

export class Expectations {
  private readonly m = new Map<string, { add: number; del: number; at: number }>();

  constructor(private readonly clock: Clock) {}

  expect(key: string, add: number, del: number): void {
    this.m.set(key, { add, del, at: this.clock.now() });
  }

  creationObserved(key: string): void {
    const e = this.m.get(key);
    if (e) e.add--;
  }

  deletionObserved(key: string): void {
    const e = this.m.get(key);
    if (e) e.del--;
  }

  /** Lower the expectation when a create/delete call failed (nothing will be observed). */
  lower(key: string, add: number, del: number): void {
    const e = this.m.get(key);
    if (!e) return;
    e.add -= add;
    e.del -= del;
  }

  satisfied(key: string): boolean {
    const e = this.m.get(key);
    if (!e) return true;
    return (e.add <= 0 && e.del <= 0) || this.clock.now() - e.at > TTL_MS;
  }

  delete(key: string): void {
    this.m.delete(key);
  }
}
