/**
 * The numbers Filter and Score read on hundreds of nodes per cycle, one typed array per field and
 * one slot per node (struct of arrays). A NodeInfo's own fields hold the same values, but numbers
 * beyond 31 bits (memory in bytes) live in separate heap boxes there, so reading them for 500
 * nodes chases 500 × several pointers; here a field of every node is one contiguous array.
 * Each cached NodeInfo writes its slot whenever its node or its pods change (node-info.ts).
 */
import type { NodeInfo } from './node-info';

export const UNSCHEDULABLE = 1;
export const TAINTED = 2;

export class NodeColumns {
  private cap = 0;
  private used = 0;
  private readonly free: number[] = [];
  numPods = new Float64Array(0);
  allocatablePods = new Float64Array(0);
  allocatableMilliCPU = new Float64Array(0);
  allocatableMemory = new Float64Array(0);
  allocatableEphemeral = new Float64Array(0);
  requestedMilliCPU = new Float64Array(0);
  requestedMemory = new Float64Array(0);
  requestedEphemeral = new Float64Array(0);
  nonZeroMilliCPU = new Float64Array(0);
  nonZeroMemory = new Float64Array(0);
  /** UNSCHEDULABLE | TAINTED */
  flags = new Uint8Array(0);

  /** A slot for a new node. */
  alloc(): number {
    const s = this.free.pop();
    if (s !== undefined) return s;
    if (this.used === this.cap) this.grow(Math.max(64, this.cap * 2));
    return this.used++;
  }

  release(slot: number): void {
    this.free.push(slot);
  }

  /** Copy the node's current values into its slot. */
  write(slot: number, ni: NodeInfo): void {
    this.numPods[slot] = ni.numPods;
    this.allocatablePods[slot] = ni.allocatablePods;
    this.allocatableMilliCPU[slot] = ni.allocatableMilliCPU;
    this.allocatableMemory[slot] = ni.allocatableMemory;
    this.allocatableEphemeral[slot] = ni.allocatableEphemeral;
    this.requestedMilliCPU[slot] = ni.requestedMilliCPU;
    this.requestedMemory[slot] = ni.requestedMemory;
    this.requestedEphemeral[slot] = ni.requestedEphemeral;
    this.nonZeroMilliCPU[slot] = ni.nonZeroMilliCPU;
    this.nonZeroMemory[slot] = ni.nonZeroMemory;
    this.flags[slot] = (ni.unschedulable ? UNSCHEDULABLE : 0) | (ni.taints.length ? TAINTED : 0);
  }

  private grow(cap: number): void {
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.numPods = f64(this.numPods);
    this.allocatablePods = f64(this.allocatablePods);
    this.allocatableMilliCPU = f64(this.allocatableMilliCPU);
    this.allocatableMemory = f64(this.allocatableMemory);
    this.allocatableEphemeral = f64(this.allocatableEphemeral);
    this.requestedMilliCPU = f64(this.requestedMilliCPU);
    this.requestedMemory = f64(this.requestedMemory);
    this.requestedEphemeral = f64(this.requestedEphemeral);
    this.nonZeroMilliCPU = f64(this.nonZeroMilliCPU);
    this.nonZeroMemory = f64(this.nonZeroMemory);
    const fl = new Uint8Array(cap);
    fl.set(this.flags);
    this.flags = fl;
    this.cap = cap;
  }
}
