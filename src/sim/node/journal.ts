/** A node's systemd journal: entries from systemd itself and from services (the kubelet's klog lines). */
import type { Clock } from '../core/clock';
import { hexDigest } from '../core/hash';

export interface JournalEntry {
  at: number;
  /** Unit the entry belongs to (`kubelet.service`), for `journalctl -u`. */
  unit: string;
  /** SYSLOG_IDENTIFIER: `kubelet`, `systemd`, `containerd`. */
  ident: string;
  pid: number;
  msg: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_ENTRIES = 20_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export class Journal {
  readonly entries: JournalEntry[] = [];
  private seq = 0;
  private lastAt = -1;
  private micro = 0;

  constructor(
    private readonly clock: Clock,
    private readonly host: () => string,
  ) {}

  add(unit: string, ident: string, pid: number, msg: string): void {
    this.entries.push({ at: this.clock.now(), unit, ident, pid, msg });
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** A klog line (`I0105 08:10:00.123456    1234 kubelet.go:2468] msg`) from a Go service. */
  klog(unit: string, ident: string, pid: number, severity: string, source: string, msg: string): void {
    const t = this.clock.now();
    const d = new Date(t);
    // microseconds: the clock's milliseconds plus increasing sub-millisecond digits (deterministic)
    const step = 1 + (parseInt(hexDigest(`${this.host()}:${this.seq++}`, 4), 16) % 97);
    this.micro = t === this.lastAt ? Math.min(999, this.micro + step) : step;
    this.lastAt = t;
    const micro = pad(d.getUTCMilliseconds(), 3) + pad(this.micro, 3);
    const head = `${severity}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${micro} ${String(pid).padStart(7)} ${source}]`;
    this.add(unit, ident, pid, `${head} ${msg}`);
  }

  /** `Jan 05 08:10:00 node01 kubelet[1234]: …` (journalctl's short format, UTC). */
  format(e: JournalEntry): string {
    return `${shortTime(e.at)} ${this.host()} ${e.ident}[${e.pid}]: ${e.msg}`;
  }

  forUnits(units: string[]): JournalEntry[] {
    if (!units.length) return this.entries;
    const set = new Set(units);
    return this.entries.filter((e) => set.has(e.unit));
  }
}

export function shortTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
