/**
 * Network client programs as a container or node runs them: busybox wget and nslookup, curl,
 * bind's nslookup and dig, redis-cli. Names resolve through /etc/hosts, then the nameserver in
 * /etc/resolv.conf with its search list; every connection takes the simulated packet path.
 */
import type { CommandContext, CommandFn } from '../shell/types';
import type { DnsAnswer, RR, RRType } from '../dns/coredns';
import type { Network } from './network';
import type { ConnectError, HttpResponse, Origin } from './types';
import { ctime } from '../proxy/iptables';
import { nslookupBusybox128 } from './nslookup-busybox128';

export interface ToolEnv {
  net: Network;
  origin: Origin;
  /** busybox applets (wget, nslookup) or the GNU/bind tools. */
  flavor: 'busybox' | 'gnu';
  curlVersion: string;
  /** Which programs the image has. */
  has: Set<string>;
  /** Whose nslookup the image ships when it is not the flavor's: bind's (bind-tools on alpine), busybox ≤ 1.28's. */
  nslookup?: 'bind' | 'busybox-1.28';
}

interface Resolv {
  nameservers: string[];
  search: string[];
  ndots: number;
}

export function parseResolv(text: string | undefined): Resolv {
  const r: Resolv = { nameservers: [], search: [], ndots: 1 };
  for (const line of (text ?? '').split('\n')) {
    const w = line.trim().split(/\s+/);
    if (w[0] === 'nameserver' && w[1]) r.nameservers.push(w[1]);
    if (w[0] === 'search') r.search = w.slice(1).filter((d) => d !== '.');
    if (w[0] === 'options') for (const o of w.slice(1)) if (o.startsWith('ndots:')) r.ndots = Number(o.slice(6));
  }
  return r;
}

function hostsLookup(ctx: CommandContext, name: string): string | undefined {
  const text = ctx.fs.tryReadFile('/etc/hosts') ?? '';
  for (const line of text.split('\n')) {
    const w = line.replace(/#.*/, '').trim().split(/\s+/);
    if (w.length > 1 && w.slice(1).includes(name) && /^\d+\.\d+\.\d+\.\d+$/.test(w[0])) return w[0];
  }
  return undefined;
}

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** The names a stub resolver tries, in order (ndots and the search list). */
export function candidates(name: string, r: Resolv): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = r.search.map((d) => `${name}.${d}`);
  return dots >= r.ndots ? [name, ...searched] : [...searched, name];
}

export type Resolved = { ip: string; fqdn: string } | { error: 'nxdomain' | 'timeout'; ms: number };

/** getaddrinfo: /etc/hosts, then DNS A queries over the search list. */
export function resolveName(env: ToolEnv, ctx: CommandContext, name: string): Resolved {
  if (IPV4.test(name)) return { ip: name, fqdn: name };
  if (name === 'localhost') return { ip: '127.0.0.1', fqdn: name };
  const h = hostsLookup(ctx, name);
  if (h) return { ip: h, fqdn: name };
  const r = parseResolv(ctx.fs.tryReadFile('/etc/resolv.conf'));
  if (!r.nameservers.length) return { error: 'nxdomain', ms: 0 };
  for (const c of candidates(name, r)) {
    const a = queryAny(env, r.nameservers, c, 'A');
    if (a === 'timeout') return { error: 'timeout', ms: 10_000 };
    const ip = a.answers.find((x) => x.type === 'A');
    if (ip) return { ip: ip.data, fqdn: c };
    if (a.rcode === 'NOERROR' && a.answers.some((x) => x.type === 'CNAME')) return { error: 'nxdomain', ms: 0 };
  }
  return { error: 'nxdomain', ms: 0 };
}

function queryAny(env: ToolEnv, servers: string[], name: string, type: RRType): DnsAnswer | 'timeout' {
  for (const s of servers) {
    const a = env.net.dns(env.origin, s, name, type);
    if (a !== 'timeout') return a;
  }
  return 'timeout';
}

interface Url {
  host: string;
  port: number;
  path: string;
  scheme: string;
}

function parseUrl(u: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(u);
  if (!m) return undefined;
  const scheme = m[1] ?? 'http';
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

const errText: Record<string, string> = { refused: 'Connection refused', timeout: 'Connection timed out', unreachable: 'No route to host' };

// ------------------------------------------------------------------------------------------
// wget (busybox)

function wget(env: ToolEnv): CommandFn {
  return async (argv, ctx) => {
    let quiet = false;
    let out: string | undefined;
    let timeoutS: number | undefined;
    const headers: [string, string][] = [];
    let spider = false;
    let url: string | undefined;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === '-q') quiet = true;
      else if (a === '-O') out = argv[++i];
      else if (a.startsWith('-O') && a.length > 2) out = a.slice(2);
      else if (a === '-qO-' || a === '-qO' ) {
        quiet = true;
        out = a === '-qO-' ? '-' : argv[++i];
      } else if (/^-q?O?-?$/.test(a)) {
        /* combined flags handled above */
      } else if (a === '-T') timeoutS = Number(argv[++i]);
      else if (a.startsWith('--timeout=')) timeoutS = Number(a.slice(10));
      else if (a === '--header') headers.push(splitHeader(argv[++i]));
      else if (a.startsWith('--header=')) headers.push(splitHeader(a.slice(9)));
      else if (a === '--spider') spider = true;
      else if (a.startsWith('-')) {
        if (a.includes('q')) quiet = true;
        if (a.endsWith('O')) out = argv[++i];
        else if (a.endsWith('O-')) out = '-';
      } else url = a;
    }
    if (!url) {
      ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n');
      return 1;
    }
    const u = parseUrl(url)!;
    const res = resolveName(env, ctx, u.host);
    if ('error' in res) {
      if (res.ms) await ctx.sleep(res.ms);
      ctx.stderr(`wget: bad address '${u.host}'\n`);
      return 1;
    }
    if (!quiet) ctx.stderr(`Connecting to ${u.host}${u.port !== 80 || url.includes(`:${u.port}`) ? `:${u.port}` : ''} (${res.ip}:${u.port})\n`);
    const hostHdr = headers.find(([k]) => k.toLowerCase() === 'host')?.[1] ?? (u.port === 80 ? u.host : `${u.host}:${u.port}`);
    const r = env.net.http(env.origin, res.ip, u.port, { method: spider ? 'HEAD' : 'GET', path: u.path, host: hostHdr, tls: u.scheme === 'https', headers: [['Host', hostHdr], ['User-Agent', 'Wget'], ...headers.filter(([k]) => k.toLowerCase() !== 'host')] });
    if ('error' in r && r.error === 'tls') {
      ctx.stderr('wget: error getting response: Connection reset by peer\n');
      return 1;
    }
    if ('error' in r) {
      if (timeoutS !== undefined && r.ms > timeoutS * 1000) {
        await ctx.sleep(timeoutS * 1000);
        ctx.stderr('wget: download timed out\n');
        return 1;
      }
      if (r.ms) await ctx.sleep(r.ms);
      ctx.stderr(`wget: can't connect to remote host (${res.ip}): ${errText[r.error]}\n`);
      return 1;
    }
    if (r.status >= 400) {
      ctx.stderr(`wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}\n`);
      return 1;
    }
    if (spider) {
      if (!quiet) ctx.stderr('remote file exists\n');
      return 0;
    }
    const file = out ?? (u.path.split('?')[0].split('/').pop() || 'index.html');
    const size = new TextEncoder().encode(r.body).length;
    if (file === '-') {
      if (!quiet) ctx.stderr('writing to stdout\n');
      ctx.stdout(r.body);
      if (!quiet) ctx.stderr(`-                    100% |********************************|   ${String(size).padStart(3)}  0:00:00 ETA\nwritten to stdout\n`);
      return 0;
    }
    const path = ctx.fs.resolve(ctx.cwd, file);
    if (!quiet) ctx.stderr(`saving to '${file}'\n`);
    try {
      ctx.fs.writeFile(path, r.body);
    } catch {
      ctx.stderr(`wget: can't open '${file}': Read-only file system\n`);
      return 1;
    }
    if (!quiet) ctx.stderr(`${file.padEnd(20).slice(0, 20)} 100% |********************************|   ${String(size).padStart(3)}  0:00:00 ETA\n'${file}' saved\n`);
    return 0;
  };
}

function splitHeader(h: string | undefined): [string, string] {
  const s = h ?? '';
  const i = s.indexOf(':');
  return i < 0 ? [s, ''] : [s.slice(0, i).trim(), s.slice(i + 1).trim()];
}

// ------------------------------------------------------------------------------------------
// curl

function curl(env: ToolEnv): CommandFn {
  return async (argv, ctx) => {
    let silent = false;
    let showErr = false;
    let include = false;
    let head = false;
    let verbose = false;
    let fail = false;
    let insecure = false;
    let method: string | undefined;
    let data: string | undefined;
    let out: string | undefined;
    let writeOut: string | undefined;
    let maxTime: number | undefined;
    let connectTimeout: number | undefined;
    const headers: [string, string][] = [];
    let url: string | undefined;
    const takes = new Set(['-H', '--header', '-X', '--request', '-d', '--data', '--data-raw', '-o', '--output', '-w', '--write-out', '-m', '--max-time', '--connect-timeout', '-A', '--user-agent', '--resolve', '-u', '--user', '-e', '--referer']);
    for (let i = 1; i < argv.length; i++) {
      let a = argv[i];
      let v: string | undefined;
      if (a.startsWith('--') && a.includes('=')) {
        v = a.slice(a.indexOf('=') + 1);
        a = a.slice(0, a.indexOf('='));
      }
      if (takes.has(a) && v === undefined) v = argv[++i];
      switch (a) {
        case '-H':
        case '--header':
          headers.push(splitHeader(v));
          break;
        case '-X':
        case '--request':
          method = v;
          break;
        case '-d':
        case '--data':
        case '--data-raw':
          data = v;
          break;
        case '-o':
        case '--output':
          out = v;
          break;
        case '-w':
        case '--write-out':
          writeOut = v;
          break;
        case '-m':
        case '--max-time':
          maxTime = Number(v);
          break;
        case '--connect-timeout':
          connectTimeout = Number(v);
          break;
        case '-A':
        case '--user-agent':
          headers.push(['User-Agent', v ?? '']);
          break;
        case '-e':
        case '--referer':
          headers.push(['Referer', v ?? '']);
          break;
        case '--resolve':
        case '-u':
        case '--user':
          break;
        case '--silent':
          silent = true;
          break;
        case '--show-error':
          showErr = true;
          break;
        case '--include':
          include = true;
          break;
        case '--head':
          head = true;
          break;
        case '--verbose':
          verbose = true;
          break;
        case '--fail':
          fail = true;
          break;
        case '--insecure':
          insecure = true;
          break;
        case '--location':
          break;
        default:
          if (/^-[a-zA-Z]+$/.test(a)) {
            for (const f of a.slice(1)) {
              if (f === 's') silent = true;
              else if (f === 'S') showErr = true;
              else if (f === 'i') include = true;
              else if (f === 'I') head = true;
              else if (f === 'v') verbose = true;
              else if (f === 'f') fail = true;
              else if (f === 'k') insecure = true;
              else if (f === 'L') continue;
              else if (f === 'o') out = argv[++i];
              else if (f === 'm') maxTime = Number(argv[++i]);
            }
          } else if (!a.startsWith('-')) url = a;
      }
    }
    const err = (code: number, msg: string) => {
      if (!silent || showErr) ctx.stderr(`curl: (${code}) ${msg}\n`);
      return code;
    };
    if (!url) {
      ctx.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const u = parseUrl(url);
    if (!u) return err(3, 'URL rejected: Malformed input to a URL function');
    const res = resolveName(env, ctx, u.host);
    if ('error' in res) {
      if (res.ms) await ctx.sleep(res.ms);
      return err(6, `Could not resolve host: ${u.host}`);
    }
    if (verbose) ctx.stderr(`*   Trying ${res.ip}:${u.port}...\n`);
    const m = head ? 'HEAD' : method ?? (data !== undefined ? 'POST' : 'GET');
    const hostHdr = headers.find(([k]) => k.toLowerCase() === 'host')?.[1] ?? (u.port === (u.scheme === 'https' ? 443 : 80) ? u.host : `${u.host}:${u.port}`);
    const reqHeaders: [string, string][] = [['Host', hostHdr], ['User-Agent', `curl/${env.curlVersion}`], ['Accept', '*/*']];
    for (const [k, v] of headers) {
      const i = reqHeaders.findIndex(([x]) => x.toLowerCase() === k.toLowerCase());
      if (i >= 0) reqHeaders[i] = [reqHeaders[i][0], v];
      else reqHeaders.push([k, v]);
    }
    if (data !== undefined) reqHeaders.push(['Content-Length', String(data.length)], ['Content-Type', 'application/x-www-form-urlencoded']);
    const tls = u.scheme === 'https';
    const r = env.net.http(env.origin, res.ip, u.port, { method: m, path: u.path, host: hostHdr, headers: reqHeaders, body: data, tls });
    if ('error' in r && r.error === 'tls') return err(35, 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number');
    if (tls && !insecure && !('error' in r)) {
      if (!silent || showErr) ctx.stderr('curl: (60) SSL certificate problem: unable to get local issuer certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n');
      return 60;
    }
    if ('error' in r) {
      const limit = Math.min(maxTime ?? Infinity, connectTimeout ?? Infinity);
      if (r.ms > limit * 1000) {
        await ctx.sleep(limit * 1000);
        if (writeOut) ctx.stdout(expandWriteOut(writeOut, 0));
        return err(28, connectTimeout !== undefined && connectTimeout <= (maxTime ?? Infinity) ? `Failed to connect to ${u.host} port ${u.port} after ${limit * 1000 + 1} ms: Timeout was reached` : `Connection timed out after ${limit * 1000 + 1} milliseconds`);
      }
      if (r.ms) await ctx.sleep(r.ms);
      if (writeOut) ctx.stdout(expandWriteOut(writeOut, 0));
      return err(r.error === 'timeout' ? 28 : 7, `Failed to connect to ${u.host} port ${u.port} after ${r.ms} ms: Couldn't connect to server`);
    }
    if (verbose) {
      ctx.stderr(`* Connected to ${u.host} (${res.ip}) port ${u.port}\n`);
      ctx.stderr(`> ${m} ${u.path} HTTP/1.1\n${reqHeaders.map(([k, v]) => `> ${k}: ${v}\n`).join('')}> \n`);
      ctx.stderr(`< HTTP/1.1 ${r.status} ${r.reason}\n${r.headers.map(([k, v]) => `< ${k}: ${v}\n`).join('')}< \n`);
    }
    if (fail && r.status >= 400) {
      if (writeOut) ctx.stdout(expandWriteOut(writeOut, r.status));
      return err(22, `The requested URL returned error: ${r.status}`);
    }
    let text = '';
    if (include || head) text += `HTTP/1.1 ${r.status} ${r.reason}\n${r.headers.map(([k, v]) => `${k}: ${v}\n`).join('')}\n`;
    if (!head) text += r.body;
    if (out && out !== '-') {
      try {
        ctx.fs.writeFile(ctx.fs.resolve(ctx.cwd, out), text);
      } catch {
        return err(23, `Failure writing output to destination, passed ${text.length} returned 0`);
      }
      if (!silent && !verbose) ctx.stderr(progress(text.length));
    } else ctx.stdout(text);
    if (verbose) ctx.stderr(`* Connection #0 to host ${u.host} left intact\n`);
    if (writeOut) ctx.stdout(expandWriteOut(writeOut, r.status, r));
    return 0;
  };
}

function progress(n: number): string {
  return `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100   ${String(n).padStart(3)}  100   ${String(n).padStart(3)}    0     0   ${String(n * 100).padStart(4)}      0 --:--:-- --:--:-- --:--:--  ${String(n * 100).padStart(4)}\n`;
}

function expandWriteOut(fmt: string, status: number, r?: HttpResponse): string {
  return fmt
    .replace(/%\{http_code\}/g, String(status).padStart(3, '0'))
    .replace(/%\{response_code\}/g, String(status).padStart(3, '0'))
    .replace(/%\{size_download\}/g, String(r ? new TextEncoder().encode(r.body).length : 0))
    .replace(/\\n/g, '\n');
}

// ------------------------------------------------------------------------------------------
// nslookup (busybox and bind) and dig

function nslookup(env: ToolEnv): CommandFn {
  return async (argv, ctx) => {
    const args = argv.slice(1).filter((a) => !a.startsWith('-'));
    const typeArg = argv.slice(1).find((a) => a.startsWith('-type=') || a.startsWith('-query='));
    const name = args[0];
    if (name && env.nslookup === 'busybox-1.28') return nslookupBusybox128(env, argv, ctx);
    if (!name) {
      ctx.stderr(env.flavor === 'busybox' ? 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n' : '> ');
      return 1;
    }
    const r = parseResolv(ctx.fs.tryReadFile('/etc/resolv.conf'));
    const servers = args[1] ? [args[1]] : r.nameservers;
    const server = servers[0] ?? '127.0.0.1';
    const bb = env.flavor === 'busybox' && env.nslookup !== 'bind';
    const headerText = bb ? `Server:\t\t${server}\nAddress:\t${server}:53\n\n` : `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
    let type = (typeArg?.split('=')[1] ?? 'A').toUpperCase() as RRType;
    let qnames: string[];
    if (IPV4.test(name)) {
      type = 'PTR';
      qnames = [`${name.split('.').reverse().join('.')}.in-addr.arpa`];
    } else qnames = candidates(name, r);
    for (const q of qnames) {
      const a = queryAny(env, servers, q, type);
      if (a === 'timeout') {
        await ctx.sleep(bb ? 10_000 : 15_000);
        ctx.stdout(bb ? ';; connection timed out; no servers could be reached\n\n' : ';; connection timed out; no servers could be reached\n\n\n');
        return 1;
      }
      if (a.rcode !== 'NOERROR' || !a.answers.length) continue;
      let text = headerText;
      const names = a.answers.filter((x) => x.type === 'A');
      for (const rr of a.answers) {
        if (rr.type === 'CNAME') text += `${rr.name.replace(/\.$/, '')}\tcanonical name = ${bb ? rr.data.replace(/\.$/, '') : rr.data}\n`;
        if (rr.type === 'PTR') text += `${rr.name.replace(/\.$/, '')}\tname = ${bb ? rr.data.replace(/\.$/, '') : rr.data}\n`;
        if (rr.type === 'SRV') text += `${rr.name.replace(/\.$/, '')}\tservice = ${rr.data}\n`;
      }
      for (const rr of names) text += `Name:\t${rr.name.replace(/\.$/, '')}\nAddress: ${rr.data}\n`;
      text += '\n';
      if (!bb && a.answers.every((x) => x.type !== 'A') && type === 'A') {
        // bind follows up with the CNAME target; the simulated world has no upstream answer
      }
      ctx.stdout(text);
      return 0;
    }
    const shown = IPV4.test(name) ? qnames[0] : name;
    ctx.stdout(`${headerText}** server can't find ${shown}: NXDOMAIN\n${bb ? '\n' : '\n'}`);
    return 1;
  };
}

function dig(env: ToolEnv): CommandFn {
  return async (argv, ctx) => {
    let short = false;
    let search = false;
    let server: string | undefined;
    let name: string | undefined;
    let type: RRType = 'A';
    let reverse = false;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i];
      if (a === '+short') short = true;
      else if (a === '+search') search = true;
      else if (a.startsWith('+')) continue;
      else if (a.startsWith('@')) server = a.slice(1);
      else if (a === '-x') {
        reverse = true;
        name = argv[++i];
      } else if (a === '-t') type = argv[++i].toUpperCase() as RRType;
      else if (['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'ANY', 'a', 'srv', 'ptr', 'aaaa', 'cname', 'any'].includes(a)) type = a.toUpperCase() as RRType;
      else name = a;
    }
    const r = parseResolv(ctx.fs.tryReadFile('/etc/resolv.conf'));
    const ns = server ?? r.nameservers[0] ?? '127.0.0.1';
    let q = name ?? '.';
    if (reverse && q) {
      q = `${q.split('.').reverse().join('.')}.in-addr.arpa`;
      type = 'PTR';
    }
    const qnames = search && !reverse ? candidates(q, r) : [q.replace(/\.$/, '')];
    let ans: DnsAnswer | undefined;
    let used = qnames[qnames.length - 1];
    for (const c of qnames) {
      const a = env.net.dns(env.origin, ns, c, type);
      if (a === 'timeout') {
        await ctx.sleep(15_000);
        ctx.stdout(short ? ';; connection timed out; no servers could be reached\n' : `\n; <<>> DiG 9.18.30 <<>> ${argv.slice(1).join(' ')}\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n`);
        return 9;
      }
      ans = a;
      used = c;
      if (a.rcode === 'NOERROR' && a.answers.length) break;
    }
    if (short) {
      ctx.stdout(ans!.answers.map((x) => `${x.data}\n`).join(''));
      return 0;
    }
    ctx.stdout(digFull(argv, used, type, ans!, ns, env.net.host.now()));
    return 0;
  };
}

function rrLine(rr: RR): string {
  return `${rr.name}\t\t${rr.ttl}\tIN\t${rr.type}\t${rr.data}`;
}

function digFull(argv: string[], qname: string, type: RRType, a: DnsAnswer, ns: string, now: number): string {
  const id = (qname.length * 7919 + now / 1000) % 65536 | 0;
  const lines = [
    '',
    `; <<>> DiG 9.18.30 <<>> ${argv.slice(1).join(' ')}`,
    ';; global options: +cmd',
    ';; Got answer:',
    `;; ->>HEADER<<- opcode: QUERY, status: ${a.rcode}, id: ${id}`,
    `;; flags: qr aa rd; QUERY: 1, ANSWER: ${a.answers.length}, AUTHORITY: ${a.authority.length}, ADDITIONAL: 1`,
    ';; WARNING: recursion requested but not available',
    '',
    ';; OPT PSEUDOSECTION:',
    '; EDNS: version: 0, flags:; udp: 1232',
    ';; QUESTION SECTION:',
    `;${qname}.\t\tIN\t${type}`,
    '',
  ];
  if (a.answers.length) lines.push(';; ANSWER SECTION:', ...a.answers.map(rrLine), '');
  if (a.authority.length) lines.push(';; AUTHORITY SECTION:', ...a.authority.map(rrLine), '');
  const d = ctime(now).split(' ').filter(Boolean);
  lines.push(';; Query time: 0 msec', `;; SERVER: ${ns}#53(${ns}) (UDP)`, `;; WHEN: ${d[0]} ${d[1]} ${d[2].padStart(2, '0')} ${d[3]} UTC ${d[4]}`, `;; MSG SIZE  rcvd: ${60 + qname.length * 2}`, '', '');
  return lines.join('\n');
}

// ------------------------------------------------------------------------------------------
// redis-cli

function redisCli(env: ToolEnv): CommandFn {
  return async (argv, ctx) => {
    let host = '127.0.0.1';
    let port = 6379;
    const cmd: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '-h') host = argv[++i];
      else if (argv[i] === '-p') port = Number(argv[++i]);
      else cmd.push(argv[i]);
    }
    const res = resolveName(env, ctx, host);
    if ('error' in res) {
      ctx.stderr(`Could not connect to Redis at ${host}:${port}: Name or service not known\n`);
      return 1;
    }
    const line = cmd.length ? cmd.join(' ') : 'PING';
    const r = env.net.line(env.origin, res.ip, port, line);
    if (typeof r !== 'string') {
      if (r.ms) await ctx.sleep(r.ms);
      ctx.stderr(`Could not connect to Redis at ${host}:${port}: ${errText[r.error]}\n`);
      return 1;
    }
    ctx.stdout(`${r.replace(/^"|"$/g, '')}\n`);
    return 0;
  };
}

// ------------------------------------------------------------------------------------------
// nc -zv and ping (busybox)

function nc(env: ToolEnv): CommandFn {
  return async (argv, ctx) => {
    const rest = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !(i > 0 && all[i - 1] === '-w'));
    const verbose = argv.some((a) => /^-[a-z]*v/.test(a));
    const [host, portS] = rest;
    if (!host || !portS) {
      ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n');
      return 1;
    }
    const res = resolveName(env, ctx, host);
    if ('error' in res) {
      ctx.stderr(`nc: bad address '${host}'\n`);
      return 1;
    }
    const port = Number(portS);
    const c = env.net.connect(env.origin, res.ip, port, argv.includes('-u') ? 'udp' : 'tcp');
    if (!c.ok) {
      const wi = argv.indexOf('-w');
      const limit = wi >= 0 ? Number(argv[wi + 1]) * 1000 : c.ms;
      if (c.ms) await ctx.sleep(Math.min(limit, c.ms));
      ctx.stderr(c.ms > limit ? `nc: ${host} (${res.ip}:${port}): Connection timed out\n` : `nc: ${host} (${res.ip}:${port}): ${errText[c.error]}\n`);
      return 1;
    }
    if (verbose) ctx.stderr(`${host} (${res.ip}:${port}) open\n`);
    return 0;
  };
}

function ping(env: ToolEnv): CommandFn {
  return async (argv, ctx) => {
    let count = Infinity;
    let host: string | undefined;
    for (let i = 1; i < argv.length; i++) {
      if (argv[i] === '-c') count = Number(argv[++i]);
      else if (argv[i].startsWith('-c')) count = Number(argv[i].slice(2));
      else if (argv[i] === '-W' || argv[i] === '-w' || argv[i] === '-i') i++;
      else if (!argv[i].startsWith('-')) host = argv[i];
    }
    if (!host) {
      ctx.stderr('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
      return 1;
    }
    const res = resolveName(env, ctx, host);
    if ('error' in res) {
      ctx.stderr(`ping: bad address '${host}'\n`);
      return 1;
    }
    const ok = env.net.ping(env.origin, res.ip);
    ctx.stdout(`PING ${host} (${res.ip}): 56 data bytes\n`);
    let sent = 0;
    const times: number[] = [];
    try {
      while (sent < Math.min(count, 1000)) {
        if (ctx.signal?.aborted) break;
        if (ok) {
          const t = 0.05 + ((sent * 37 + res.ip.length * 11) % 40) / 100;
          times.push(t);
          ctx.stdout(`64 bytes from ${res.ip}: seq=${sent} ttl=${res.ip.startsWith('10.244.') ? 62 : 64} time=${t.toFixed(3)} ms\n`);
        }
        sent++;
        if (sent < count) await ctx.sleep(1000);
      }
    } catch {
      // Ctrl-C: the statistics still print
    }
    const recv = times.length;
    ctx.stdout(`\n--- ${host} ping statistics ---\n${sent} packets transmitted, ${recv} packets received, ${sent ? Math.round(((sent - recv) / sent) * 100) : 0}% packet loss\n`);
    if (recv) ctx.stdout(`round-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${(times.reduce((a, b) => a + b, 0) / recv).toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`);
    return recv ? 0 : 1;
  };
}

/** The network programs an image has, bound to where it runs. */
export function networkCommands(env: ToolEnv): Record<string, CommandFn> {
  const all: Record<string, CommandFn> = { wget: wget(env), curl: curl(env), nslookup: nslookup(env), dig: dig(env), 'redis-cli': redisCli(env), nc: nc(env), ping: ping(env) };
  const out: Record<string, CommandFn> = {};
  for (const [k, v] of Object.entries(all)) if (env.has.has(k)) out[k] = v;
  return out;
}
