/** Process and machine views of a node: ps, uptime, free, df, ip (procps-ng 4.0.4, coreutils 9.4, iproute2 6.1). */
import type { ContainerRuntime } from '../kubelet/runtime';
import { hexDigest } from '../core/hash';
import type { CommandContext } from '../shell/types';

export interface ProcRow {
  user: string;
  pid: number;
  cmd: string;
  start: number;
  rssKb: number;
  /** %CPU */
  cpu: number;
  podUid?: string;
}

const hm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

export function psCommand(argv: string[], ctx: CommandContext, rows: ProcRow[], now: number, memKi: number): number {
  const a = argv.slice(1).join(' ');
  const full = /aux|-ef|-e|ax/.test(a);
  if (!full) {
    ctx.stdout('    PID TTY          TIME CMD\n   1201 pts/0    00:00:00 bash\n   1347 pts/0    00:00:00 ps\n');
    return 0;
  }
  const self = { user: 'root', pid: rows.length ? Math.max(...rows.map((r) => r.pid)) + 7 : 1000, cmd: argv.join(' '), start: now, rssKb: 4_300, cpu: 0 };
  const all = [...rows, self];
  if (/-ef/.test(a)) {
    let out = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
    for (const r of all) out += `${r.user.padEnd(8)} ${String(r.pid).padStart(7)} ${String(r.pid === 1 ? 0 : 1).padStart(7)}  0 ${hm(r.start)} ?        ${cpuTime(r, now)} ${r.cmd}\n`;
    ctx.stdout(out);
    return 0;
  }
  let out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
  for (const r of all) {
    const mem = ((r.rssKb / memKi) * 100).toFixed(1);
    const vsz = r.rssKb * 9 + 1000;
    const stat = r === self ? 'R+' : r.pid === 1 ? 'Ss' : 'Ssl';
    const tty = r === self ? 'pts/0' : '?';
    out += `${r.user.padEnd(8)} ${String(r.pid).padStart(7)} ${r.cpu.toFixed(1).padStart(4)} ${mem.padStart(4)} ${String(vsz).padStart(6)} ${String(r.rssKb).padStart(5)} ${tty.padEnd(8)} ${stat.padEnd(4)} ${hm(r.start)} ${cpuTime(r, now).slice(3).replace(/^0/, '').padStart(6)} ${r.cmd}\n`;
  }
  ctx.stdout(out);
  return 0;
}

function cpuTime(r: ProcRow, now: number): string {
  const s = Math.floor(((now - r.start) / 1000) * (r.cpu / 100));
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function uptimeCommand(argv: string[], ctx: CommandContext, now: number, boot: number, load: [number, number, number]): number {
  const up = Math.floor((now - boot) / 1000);
  const days = Math.floor(up / 86400);
  const h = Math.floor((up % 86400) / 3600);
  const m = Math.floor((up % 3600) / 60);
  if (argv.includes('-p')) {
    const parts = [days ? `${days} day${days > 1 ? 's' : ''}` : '', h ? `${h} hour${h > 1 ? 's' : ''}` : '', `${m} minute${m === 1 ? '' : 's'}`].filter(Boolean);
    ctx.stdout(`up ${parts.join(', ')}\n`);
    return 0;
  }
  if (argv.includes('-s')) {
    ctx.stdout(new Date(boot).toISOString().replace('T', ' ').slice(0, 19) + '\n');
    return 0;
  }
  let t = days ? `${days} day${days > 1 ? 's' : ''}, ` : '';
  t += h ? `${String(h).padStart(2)}:${String(m).padStart(2, '0')}` : `${m} min`;
  const time = new Date(now).toISOString().slice(11, 19);
  ctx.stdout(` ${time} up ${t},  1 user,  load average: ${load.map((l) => l.toFixed(2)).join(', ')}\n`);
  return 0;
}

export function freeCommand(argv: string[], ctx: CommandContext, totalKi: number, usedKi: number): number {
  const cache = Math.round(totalKi * 0.38);
  const shared = 4_200;
  const free = totalKi - usedKi - cache;
  const avail = totalKi - usedKi;
  const flags = argv.slice(1).join(' ');
  let conv = (k: number) => String(k);
  if (/-m\b|--mebi/.test(flags)) conv = (k) => String(Math.floor(k / 1024));
  else if (/-g\b|--gibi/.test(flags)) conv = (k) => String(Math.floor(k / 1024 / 1024));
  else if (/-h\b|--human/.test(flags)) {
    conv = (k) => {
      if (k === 0) return '0B';
      if (k < 1024) return `${k}Ki`;
      if (k < 1024 * 1024) return `${(k / 1024).toFixed(k / 1024 < 10 ? 1 : 0)}Mi`;
      return `${(k / 1024 / 1024).toFixed(1)}Gi`;
    };
  }
  const row = (label: string, vals: number[]) => label.padEnd(5) + vals.map((v, i) => conv(v).padStart(i === 0 ? 15 : 12)).join('');
  ctx.stdout(`${' '.repeat(15)}total        used        free      shared  buff/cache   available\n${row('Mem:', [totalKi, usedKi, free, shared, cache, avail])}\n${row('Swap:', [0, 0, 0])}\n`);
  return 0;
}

export function dfCommand(argv: string[], ctx: CommandContext, rt?: ContainerRuntime): number {
  const human = argv.slice(1).some((a) => /^-[a-zA-Z]*h/.test(a));
  const diskK = 20134592;
  const usedK = 7_100_000 + (rt ? rt.images.size * 40_000 : 0);
  const rows: [string, number, number, string][] = [
    ['tmpfs', 401_420, 1_380, '/run'],
    ['/dev/vda1', diskK, usedK, '/'],
    ['tmpfs', 2_007_092, 0, '/dev/shm'],
    ['tmpfs', 5_120, 0, '/run/lock'],
    ['/dev/vda16', 901_520, 113_840, '/boot'],
    ['/dev/vda15', 106_832, 6_246, '/boot/efi'],
  ];
  if (rt) {
    for (const s of rt.sandboxes.values()) rows.push(['shm', 65_536, 0, `/run/containerd/io.containerd.grpc.v1.cri/sandboxes/${s.id}/shm`]);
    for (const s of rt.sandboxes.values()) rows.push(['overlay', diskK, usedK, `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${s.id}/rootfs`]);
    for (const c of rt.containers.values()) if (c.state === 'running') rows.push(['overlay', diskK, usedK, `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${c.id}/rootfs`]);
  }
  rows.push(['tmpfs', 401_416, 12, '/run/user/0']);
  const hs = (k: number): string => {
    if (k === 0) return '0';
    const units = ['K', 'M', 'G', 'T'];
    let v = k;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return v < 10 ? `${Math.ceil(v * 10) / 10}${units[i]}` : `${Math.ceil(v)}${units[i]}`;
  };
  const pct = (u: number, t: number) => `${t ? Math.ceil((u / t) * 100) : 0}%`;
  const cells = rows.map(([fs, size, used, mnt]) => [fs, human ? hs(size) : String(size), human ? hs(used) : String(used), human ? hs(size - used) : String(size - used), pct(used, size), mnt]);
  const head = ['Filesystem', human ? 'Size' : '1K-blocks', 'Used', human ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
  const all = [head, ...cells];
  const w = [0, 1, 2, 3, 4].map((i) => Math.max(...all.map((r) => r[i].length)));
  ctx.stdout(all.map((r) => `${r[0].padEnd(w[0])} ${r[1].padStart(w[1])} ${r[2].padStart(w[2])} ${r[3].padStart(w[3])} ${r[4].padStart(w[4])} ${r[5]}`).join('\n') + '\n');
  return 0;
}

export interface IpView {
  name: string;
  ip: string;
  podCIDR?: string;
  sandboxes: { id: string; ip: string }[];
}

function mac(seed: string): string {
  const h = hexDigest(seed, 10);
  return `52:54:00:${h.slice(4, 6)}:${h.slice(6, 8)}:${h.slice(8, 10)}`;
}

export function ipCommand(argv: string[], ctx: CommandContext, v: IpView): number {
  const args = argv.slice(1).filter((a) => !/^-[46]$/.test(a));
  const brief = args.includes('-br') || args.includes('-brief');
  const rest = args.filter((a) => !a.startsWith('-'));
  const obj = rest[0] ?? '';
  const net = v.ip.split('.').slice(0, 3).join('.');
  const podNet = v.podCIDR?.split('/')[0];
  const gw = podNet ? podNet.replace(/\.0$/, '.1') : undefined;
  if (/^(a|ad|add|addr|addre|addres|address)$/.test(obj)) {
    const links: string[] = [];
    links.push(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host noprefixroute \n       valid_lft forever preferred_lft forever`);
    links.push(`2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n    link/ether ${mac(v.name + 'eth0')} brd ff:ff:ff:ff:ff:ff\n    altname enp1s0\n    inet ${v.ip}/24 metric 100 brd ${net}.255 scope global dynamic eth0\n       valid_lft 86313sec preferred_lft 86313sec`);
    const br: [string, string, string][] = [['lo', 'UNKNOWN', '127.0.0.1/8 ::1/128'], ['eth0', 'UP', `${v.ip}/24`]];
    if (podNet) {
      links.push(`3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default \n    link/ether ${mac(v.name + 'flannel').replace('52:54:00', 'a6:1e:4f')} brd ff:ff:ff:ff:ff:ff\n    inet ${podNet}/32 scope global flannel.1\n       valid_lft forever preferred_lft forever`);
      br.push(['flannel.1', 'UNKNOWN', `${podNet}/32`]);
      if (v.sandboxes.length) {
        links.push(`4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000\n    link/ether ${mac(v.name + 'cni0').replace('52:54:00', '2a:7c:91')} brd ff:ff:ff:ff:ff:ff\n    inet ${gw}/24 brd ${podNet.replace(/\.0$/, '.255')} scope global cni0\n       valid_lft forever preferred_lft forever`);
        br.push(['cni0', 'UP', `${gw}/24`]);
        v.sandboxes.forEach((s, i) => {
          const name = `veth${s.id.slice(0, 8)}`;
          links.push(`${5 + i}: ${name}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue master cni0 state UP group default \n    link/ether ${mac(s.id).replace('52:54:00', 'fe:5d:13')} brd ff:ff:ff:ff:ff:ff link-netns cni-${s.id.slice(0, 8)}-${s.id.slice(8, 12)}-${s.id.slice(12, 16)}-${s.id.slice(16, 20)}-${s.id.slice(20, 32)}`);
          br.push([`${name}@if2`, 'UP', '']);
        });
      }
    }
    const dev = rest[1] === 'show' ? (rest[2] === 'dev' ? rest[3] : rest[2]) : undefined;
    let shown = links;
    if (dev) {
      shown = links.filter((l) => l.split('\n')[0].split(': ')[1].split('@')[0] === dev);
      if (!shown.length) {
        ctx.stderr(`Device "${dev}" does not exist.\n`);
        return 1;
      }
    }
    if (brief) ctx.stdout(br.filter((b) => !dev || b[0].split('@')[0] === dev).map((b) => `${b[0].padEnd(16)} ${b[1].padEnd(14)} ${b[2]} `.trimEnd() + ' \n').join(''));
    else ctx.stdout(shown.join('\n') + '\n');
    return 0;
  }
  if (/^(r|ro|rou|rout|route)$/.test(obj)) {
    let out = `default via ${net}.1 dev eth0 proto dhcp src ${v.ip} metric 100 \n`;
    out += `${podNet ? '' : ''}`;
    if (podNet) {
      const base = podNet.split('.').slice(0, 2).join('.');
      for (let i = 0; i < 3; i++) {
        const other = `${base}.${i}.0/24`;
        if (other === v.podCIDR) out += `${other} dev cni0 proto kernel scope link src ${gw} ${v.sandboxes.length ? '' : 'linkdown '}\n`;
        else out += `${other} via ${base}.${i}.0 dev flannel.1 onlink \n`;
      }
    }
    out += `${net}.0/24 dev eth0 proto kernel scope link src ${v.ip} metric 100 \n${net}.1 dev eth0 proto dhcp scope link src ${v.ip} metric 100 \n`;
    ctx.stdout(out);
    return 0;
  }
  if (/^(l|li|lin|link)$/.test(obj)) {
    ctx.stdout(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000\n    link/ether ${mac(v.name + 'eth0')} brd ff:ff:ff:ff:ff:ff\n    altname enp1s0\n`);
    return 0;
  }
  if (!obj) {
    ctx.stderr('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | stats | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n');
    return 255;
  }
  ctx.stderr(`Object "${obj}" is unknown, try "ip help".\n`);
  return 255;
}
