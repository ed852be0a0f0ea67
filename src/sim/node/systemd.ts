/**
 * systemd on a node: the services that matter here (kubelet, containerd; etcd on a kubeasz etcd host),
 * `systemctl` (status/start/stop/restart/is-active/is-enabled/enable/disable/cat/daemon-reload) and
 * `journalctl` over the node's journal. Output follows systemd 255 (Ubuntu 24.04).
 */
import type { Clock } from '../core/clock';
import type { CommandContext } from '../shell/types';
import { shortTime, type Journal } from './journal';

export interface ProcessInfo {
  pid: number;
  cmd: string;
}

export interface UnitSpec {
  /** `kubelet.service` */
  name: string;
  description: string;
  /** Unit file path. */
  path: string;
  dropIns?: { dir: string; files: string[] };
  docs: string;
  /** ExecStart as written in the unit (shown in `Process:` once stopped). */
  execStart: string;
  /** The main process' command line (CGroup). */
  cmdline: () => string;
  /** Other processes in the unit's cgroup (containerd's shims). */
  children?: () => ProcessInfo[];
  memoryMB: number;
  tasks: number;
  /** CPU share of one core while running. */
  cpuShare: number;
  /** Type=notify units log "Starting …" before "Started …". */
  notify?: boolean;
  onStart(pid: number): void;
  onStop(): void;
  /** Lines the service itself logs when it starts (after systemd's line). */
  startLines?: (pid: number) => void;
}

export class Unit {
  active = true;
  enabled = true;
  pid: number;
  since: number;
  /** When it last stopped (Duration: of the last run). */
  lastRunMs = 0;
  cpuMs: number;
  constructor(
    readonly spec: UnitSpec,
    pid: number,
    since: number,
  ) {
    this.pid = pid;
    this.since = since;
    this.cpuMs = 0;
  }
}

export class Systemd {
  readonly units = new Map<string, Unit>();

  constructor(
    private readonly clock: Clock,
    private readonly journal: Journal,
    private readonly nextPid: () => number,
  ) {}

  /** A unit that is already running (started at boot): the journal gets its start lines. */
  add(spec: UnitSpec, pid: number, since: number): Unit {
    const u = new Unit(spec, pid, since);
    this.units.set(spec.name, u);
    const title = `${spec.name} - ${spec.description}`;
    if (spec.notify) this.sys(u, `Starting ${title}...`);
    spec.startLines?.(pid);
    this.sys(u, `Started ${title}.`);
    return u;
  }

  unit(name: string): Unit | undefined {
    return this.units.get(unitName(name));
  }

  private sys(u: Unit, msg: string): void {
    this.journal.add(u.spec.name, 'systemd', 1, msg);
  }

  cpuMs(u: Unit): number {
    return u.active ? u.cpuMs + Math.round((this.clock.now() - u.since) * u.spec.cpuShare) : u.cpuMs;
  }

  stop(u: Unit): void {
    if (!u.active) return;
    const title = `${u.spec.name} - ${u.spec.description}`;
    this.sys(u, `Stopping ${title}...`);
    u.cpuMs = this.cpuMs(u);
    u.lastRunMs = this.clock.now() - u.since;
    u.active = false;
    u.since = this.clock.now();
    u.spec.onStop();
    this.sys(u, `${u.spec.name}: Deactivated successfully.`);
    this.sys(u, `Stopped ${title}.`);
    this.sys(u, `${u.spec.name}: Consumed ${cpuText(u.cpuMs)} CPU time.`);
  }

  start(u: Unit): void {
    if (u.active) return;
    const title = `${u.spec.name} - ${u.spec.description}`;
    if (u.spec.notify) this.sys(u, `Starting ${title}...`);
    u.active = true;
    u.pid = this.nextPid();
    u.since = this.clock.now();
    u.cpuMs = 0;
    u.spec.onStart(u.pid);
    u.spec.startLines?.(u.pid);
    this.sys(u, `Started ${title}.`);
  }

  // ------------------------------------------------------------------ systemctl

  async systemctl(argv: string[], ctx: CommandContext, host: string): Promise<number> {
    const args = argv.slice(1).filter((a) => !a.startsWith('-'));
    const flags = argv.slice(1).filter((a) => a.startsWith('-'));
    const lines = numFlag(flags, ['-n', '--lines'], 10);
    const quiet = flags.includes('-q') || flags.includes('--quiet');
    const verb = args[0] ?? 'list-units';
    const names = args.slice(1);
    const err = (s: string) => ctx.stderr(s + '\n');
    const need = (): boolean => {
      if (names.length) return true;
      err(`Too few arguments.`);
      return false;
    };
    switch (verb) {
      case 'status': {
        if (!names.length) {
          ctx.stdout(`● ${host}\n    State: running\n    Units: ${180 + this.units.size} loaded (incl. loaded aliases)\n     Jobs: 0 queued\n   Failed: 0 units\n    Since: ${longTime(this.bootTime())}; ${ago(this.clock.now() - this.bootTime())}\n  systemd: 255.4-1ubuntu8.4\n   CGroup: /\n`);
          return 0;
        }
        let rc = 0;
        const out: string[] = [];
        for (const n of names) {
          const u = this.unit(n);
          if (!u) {
            err(`Unit ${unitName(n)} could not be found.`);
            rc = 4;
            continue;
          }
          out.push(this.status(u, lines));
          if (!u.active && rc === 0) rc = 3;
        }
        ctx.stdout(out.join('\n'));
        return rc;
      }
      case 'is-active': {
        if (!need()) return 1;
        let rc = 0;
        for (const n of names) {
          const u = this.unit(n);
          const st = u?.active ? 'active' : 'inactive';
          if (!quiet) ctx.stdout(st + '\n');
          if (st !== 'active') rc = 3;
        }
        return rc;
      }
      case 'is-enabled': {
        if (!need()) return 1;
        let rc = 0;
        for (const n of names) {
          const u = this.unit(n);
          if (!u) {
            err(`Failed to get unit file state for ${unitName(n)}: No such file or directory`);
            rc = 1;
            continue;
          }
          if (!quiet) ctx.stdout((u.enabled ? 'enabled' : 'disabled') + '\n');
          if (!u.enabled) rc = 1;
        }
        return rc;
      }
      case 'start':
      case 'stop':
      case 'restart':
      case 'reload':
      case 'try-restart': {
        if (!need()) return 1;
        for (const n of names) {
          const u = this.unit(n);
          const Verb = verb === 'reload' ? 'reload' : verb === 'try-restart' ? 'try-restart' : verb;
          if (!u) {
            err(verb === 'stop' ? `Failed to stop ${unitName(n)}: Unit ${unitName(n)} not loaded.` : `Failed to ${Verb} ${unitName(n)}: Unit ${unitName(n)} not found.`);
            return 5;
          }
          if (verb === 'stop') this.stop(u);
          else if (verb === 'start') this.start(u);
          else if (verb === 'restart' || (verb === 'try-restart' && u.active)) {
            this.stop(u);
            this.start(u);
          } else if (verb === 'reload') {
            err(`Failed to reload ${u.spec.name}: Job type reload is not applicable for unit ${u.spec.name}.`);
            return 1;
          }
        }
        return 0;
      }
      case 'enable':
      case 'disable': {
        if (!need()) return 1;
        const now = flags.includes('--now');
        for (const n of names) {
          const u = this.unit(n);
          if (!u) {
            err(`Failed to ${verb} unit: Unit file ${unitName(n)} does not exist.`);
            return 1;
          }
          const link = `/etc/systemd/system/multi-user.target.wants/${u.spec.name}`;
          if (verb === 'enable' && !u.enabled) err(`Created symlink ${link} → ${u.spec.path}.`);
          if (verb === 'disable' && u.enabled) err(`Removed "${link}".`);
          u.enabled = verb === 'enable';
          if (now) verb === 'enable' ? this.start(u) : this.stop(u);
        }
        return 0;
      }
      case 'cat': {
        if (!need()) return 1;
        for (const n of names) {
          const u = this.unit(n);
          if (!u) {
            err(`No files found for ${unitName(n)}.`);
            return 1;
          }
          const read = (p: string) => ctx.fs.tryReadFile(p) ?? '';
          let text = `# ${u.spec.path}\n${read(u.spec.path)}`;
          for (const f of u.spec.dropIns?.files ?? []) text += `\n# ${u.spec.dropIns!.dir}/${f}\n${read(`${u.spec.dropIns!.dir}/${f}`)}`;
          ctx.stdout(text);
        }
        return 0;
      }
      case 'daemon-reload':
        return 0;
      case 'list-units': {
        const rows = [...this.units.values()].map((u) => [u.spec.name, 'loaded', u.active ? 'active' : 'inactive', u.active ? 'running' : 'dead', u.spec.description]);
        const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i].length), ['UNIT', 'LOAD', 'ACTIVE', 'SUB'][i].length));
        const fmt = (r: string[]) => `  ${r[0].padEnd(w[0])} ${r[1].padEnd(w[1])} ${r[2].padEnd(w[2])} ${r[3].padEnd(w[3])} ${r[4]}\n`;
        ctx.stdout(fmt(['UNIT', 'LOAD', 'ACTIVE', 'SUB', 'DESCRIPTION']) + rows.map(fmt).join('') + `\nLegend: LOAD   → Reflects whether the unit definition was properly loaded.\n        ACTIVE → The high-level unit activation state, i.e. generalization of SUB.\n        SUB    → The low-level unit activation state, values depend on unit type.\n\n${rows.length} loaded units listed.\n`);
        return 0;
      }
      default:
        err(`Unknown command verb '${verb}'.`);
        return 1;
    }
  }

  private bootTime(): number {
    let t = Infinity;
    for (const u of this.units.values()) t = Math.min(t, u.active ? u.since : u.since - u.lastRunMs);
    return Number.isFinite(t) ? t - 8000 : this.clock.now();
  }

  status(u: Unit, lines: number): string {
    const s = u.spec;
    const now = this.clock.now();
    const out: string[] = [];
    out.push(`${u.active ? '●' : '○'} ${s.name} - ${s.description}`);
    out.push(`     Loaded: loaded (${s.path}; ${u.enabled ? 'enabled' : 'disabled'}; preset: enabled)`);
    if (s.dropIns) {
      out.push(`    Drop-In: ${s.dropIns.dir}`);
      s.dropIns.files.forEach((f, i) => out.push(`             ${i === s.dropIns!.files.length - 1 ? '└─' : '├─'}${f}`));
    }
    if (u.active) {
      out.push(`     Active: active (running) since ${longTime(u.since)}; ${ago(now - u.since)}`);
      out.push(`       Docs: ${s.docs}`);
      out.push(`   Main PID: ${u.pid} (${s.cmdline().split(' ')[0].split('/').pop()})`);
      const children = s.children?.() ?? [];
      out.push(`      Tasks: ${s.tasks + children.length * 10} (limit: 4599)`);
      const mem = s.memoryMB + children.length * 6.5 + Math.min(20, (now - u.since) / 600_000);
      out.push(`     Memory: ${mem.toFixed(1)}M (peak: ${(mem * 1.04).toFixed(1)}M)`);
      out.push(`        CPU: ${cpuText(this.cpuMs(u))}`);
      out.push(`     CGroup: /system.slice/${s.name}`);
      const procs = [{ pid: u.pid, cmd: s.cmdline() }, ...children];
      const w = Math.max(...procs.map((p) => String(p.pid).length));
      procs.forEach((p, i) => out.push(`             ${i === procs.length - 1 ? '└─' : '├─'}${String(p.pid).padStart(procs.length > 1 ? w : 0)} ${p.cmd}`));
    } else {
      out.push(`     Active: inactive (dead) since ${longTime(u.since)}; ${ago(now - u.since)}`);
      if (u.lastRunMs) out.push(`   Duration: ${timespan(u.lastRunMs)}`);
      out.push(`       Docs: ${s.docs}`);
      out.push(`    Process: ${u.pid} ExecStart=${s.execStart} (code=exited, status=0/SUCCESS)`);
      out.push(`   Main PID: ${u.pid} (code=exited, status=0/SUCCESS)`);
      out.push(`        CPU: ${cpuText(u.cpuMs)}`);
    }
    const tail = lines > 0 ? this.journal.forUnits([s.name]).slice(-lines) : [];
    let text = out.join('\n') + '\n';
    if (tail.length) text += '\n' + tail.map((e) => this.journal.format(e)).join('\n') + '\n';
    return text;
  }

  // ------------------------------------------------------------------ journalctl

  async journalctl(argv: string[], ctx: CommandContext, watchLimitMs?: number): Promise<number> {
    const units: string[] = [];
    let n: number | undefined;
    let follow = false;
    let reverse = false;
    let output = 'short';
    let kernel = false;
    const args = argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const val = (long: string, short?: string): string | undefined => {
        if (a === long || (short && a === short)) return args[++i];
        if (a.startsWith(long + '=')) return a.slice(long.length + 1);
        if (short && a.startsWith(short) && a.length > short.length) return a.slice(short.length);
        return undefined;
      };
      let v: string | undefined;
      if ((v = val('--unit', '-u')) !== undefined) units.push(unitName(v));
      else if (a === '-n' || a === '--lines') {
        const next = args[i + 1];
        if (next !== undefined && /^\+?\d+$|^all$/.test(next)) n = next === 'all' ? Infinity : Number(args[++i]);
        else n = 10;
      } else if ((v = val('--lines', '-n')) !== undefined) n = v === 'all' ? Infinity : Number(v);
      else if (a === '-f' || a === '--follow') follow = true;
      else if (a === '-r' || a === '--reverse') reverse = true;
      else if (a === '-e' || a === '--pager-end') n ??= 1000;
      else if (a === '-k' || a === '--dmesg') kernel = true;
      else if ((v = val('--output', '-o')) !== undefined) output = v;
      else if ((v = val('--since', '-S')) !== undefined || (v = val('--until', '-U')) !== undefined || (v = val('--boot', '-b')) !== undefined) continue;
      else if (/^-[xlqb]+$/.test(a) || ['--no-pager', '--no-hostname', '--full', '--quiet', '--catalog', '--boot', '--all'].includes(a)) continue;
      else if (a.startsWith('-')) {
        ctx.stderr(`journalctl: unrecognized option '${a}'\n`);
        return 1;
      }
    }
    const fmt = (e: { at: number; ident: string; pid: number; msg: string; unit: string }) => (output === 'cat' ? e.msg : this.journal.format(e));
    let entries = kernel ? [] : this.journal.forUnits(units);
    if (n === undefined && follow) n = 10;
    if (n !== undefined && Number.isFinite(n)) entries = n === 0 ? [] : entries.slice(-n);
    if (reverse) entries = [...entries].reverse();
    if (!entries.length && !follow) {
      ctx.stdout('-- No entries --\n');
      return 0;
    }
    if (entries.length) ctx.stdout(entries.map(fmt).join('\n') + '\n');
    if (!follow) return 0;
    let seen = this.journal.entries.length ? this.journal.entries[this.journal.entries.length - 1] : undefined;
    const start = this.clock.now();
    const want = new Set(units);
    for (;;) {
      if (watchLimitMs !== undefined && this.clock.now() - start >= watchLimitMs) return 0;
      await ctx.sleep(1000);
      const all = this.journal.entries;
      let i = seen ? all.lastIndexOf(seen) + 1 : 0;
      const fresh = [];
      for (; i < all.length; i++) if (!want.size || want.has(all[i].unit)) fresh.push(all[i]);
      if (all.length) seen = all[all.length - 1];
      if (fresh.length && !kernel) ctx.stdout(fresh.map(fmt).join('\n') + '\n');
    }
  }
}

export function unitName(n: string): string {
  return /\.(service|socket|target|timer|mount|slice|scope)$/.test(n) ? n : `${n}.service`;
}

function numFlag(flags: string[], names: string[], dflt: number): number {
  for (const f of flags) {
    for (const n of names) {
      if (f.startsWith(n + '=')) return Number(f.slice(n.length + 1));
      if (n.length === 2 && f.startsWith(n) && f.length > 2) return Number(f.slice(2));
    }
  }
  return dflt;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `Mon 2026-01-05 08:00:00 UTC` */
export function longTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}

/** systemd's format_timestamp_relative: `10min ago`, `1h 5min ago`, `2 days ago`. */
export function ago(ms: number): string {
  const s = Math.floor(ms / 1000);
  const MIN = 60;
  const H = 3600;
  const D = 86400;
  let t: string;
  if (ms <= 0) return 'now';
  if (s >= 7 * D) t = `${Math.floor(s / (7 * D))} weeks ${Math.floor((s % (7 * D)) / D)} days`;
  else if (s >= 2 * D) t = `${Math.floor(s / D)} days`;
  else if (s >= 25 * H) t = `1 day ${Math.floor((s - D) / H)}h`;
  else if (s >= 6 * H) t = `${Math.floor(s / H)}h`;
  else if (s >= H) t = `${Math.floor(s / H)}h ${Math.floor((s % H) / MIN)}min`;
  else if (s >= 5 * MIN) t = `${Math.floor(s / MIN)}min`;
  else if (s >= MIN) t = `${Math.floor(s / MIN)}min ${s % MIN}s`;
  else if (s >= 1) t = `${s}s`;
  else t = `${ms}ms`;
  return `${t} ago`;
}

/** systemd's format_timespan at millisecond accuracy: `15min 1.234s`. */
export function timespan(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms);
  const units: [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000]];
  for (const [u, n] of units) {
    if (rest >= n) {
      parts.push(`${Math.floor(rest / n)}${u}`);
      rest %= n;
    }
  }
  if (rest > 0) parts.push(rest % 1000 ? `${(rest / 1000).toFixed(3).replace(/0+$/, '')}s` : `${rest / 1000}s`);
  return parts.join(' ') || '0';
}

function cpuText(ms: number): string {
  if (ms >= 60_000) return timespan(ms);
  return ms % 1000 ? `${(ms / 1000).toFixed(3).replace(/0+$/, '')}s` : `${ms / 1000}s`;
}

export { shortTime };
