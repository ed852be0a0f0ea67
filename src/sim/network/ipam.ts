/**
 * Pod IP allocation on one node, as the host-local IPAM plugin does it for the node's podCIDR:
 * addresses handed out in order after the last one allocated, skipping the network address and
 * .1 (the bridge/gateway), wrapping around, never reusing an address still in use.
 */
export function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, o) => a * 256 + Number(o), 0) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export class PodIPAM {
  private readonly base: number;
  private readonly size: number;
  private readonly used = new Map<string, string>(); // ip → owner
  private readonly byOwner = new Map<string, string>();
  private last = 1;

  constructor(readonly cidr: string) {
    const [ip, bits] = cidr.split('/');
    this.size = 2 ** (32 - Number(bits));
    this.base = (ipToInt(ip) & ~(this.size - 1)) >>> 0;
  }

  /** Allocate an address for `owner` (a pod sandbox); the same owner gets the same address back. */
  allocate(owner: string): string {
    const had = this.byOwner.get(owner);
    if (had) return had;
    // usable: .2 … broadcast-1
    const first = 2;
    const lastUsable = this.size - 2;
    for (let i = 0; i < lastUsable - first + 1; i++) {
      let off = this.last + 1 + i;
      if (off > lastUsable) off = first + ((off - first) % (lastUsable - first + 1));
      const ip = intToIp((this.base + off) >>> 0);
      if (!this.used.has(ip)) {
        this.used.set(ip, owner);
        this.byOwner.set(owner, ip);
        this.last = off;
        return ip;
      }
    }
    throw new Error(`failed to allocate for range 0: no IP addresses available in range set: ${intToIp(this.base + first)}-${intToIp(this.base + lastUsable)}`);
  }

  release(owner: string): void {
    const ip = this.byOwner.get(owner);
    if (!ip) return;
    this.byOwner.delete(owner);
    this.used.delete(ip);
  }

  inUse(): number {
    return this.used.size;
  }
}
