/** Service ClusterIP and NodePort allocation (done by the apiserver, as upstream). */
import { ApiError } from '../core/errors';
import type { Rng } from '../core/rng';

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function parseCidr(cidr: string): { base: number; size: number } {
  const [ip, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return { base: ipToInt(ip) & ~(size - 1) >>> 0, size };
}

export class ClusterIPAllocator {
  private readonly base: number;
  private readonly size: number;

  constructor(
    cidr: string,
    private readonly rng: Rng,
    private readonly inUse: () => Set<string>,
  ) {
    const c = parseCidr(cidr);
    this.base = c.base >>> 0;
    this.size = c.size;
  }

  allocate(requested?: string): string {
    const used = this.inUse();
    if (requested) {
      if (used.has(requested))
        throw new ApiError(422, 'Invalid', `provided IP is already allocated`);
      return requested;
    }
    for (let tries = 0; tries < 10000; tries++) {
      // upstream prefers the upper part of the range for dynamic allocation
      const off = 1 + this.rng.int(this.size - 2);
      const ip = intToIp((this.base + off) >>> 0);
      if (!used.has(ip) && off >= 16) return ip;
    }
    throw new ApiError(500, 'InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
  }
}

export class NodePortAllocator {
  constructor(
    private readonly rng: Rng,
    private readonly inUse: () => Set<number>,
    private readonly min = 30000,
    private readonly max = 32767,
  ) {}

  allocate(requested?: number): number {
    const used = this.inUse();
    if (requested) {
      if (requested < this.min || requested > this.max) throw new ApiError(422, 'Invalid', `provided port is not in the valid range. The range of valid ports is ${this.min}-${this.max}`);
      if (used.has(requested)) throw new ApiError(422, 'Invalid', `provided port is already allocated`);
      return requested;
    }
    for (let tries = 0; tries < 10000; tries++) {
      const p = this.min + this.rng.int(this.max - this.min + 1);
      if (!used.has(p)) return p;
    }
    throw new ApiError(500, 'InternalError', 'Internal error occurred: range is full');
  }
}
