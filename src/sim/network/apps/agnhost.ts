/**
 * agnhost (registry.k8s.io/e2e-test-images/agnhost), the Kubernetes e2e test image: ENTRYPOINT
 * /agnhost, default CMD `pause`. Served here: `netexec` (HTTP on --http-port, default 8080, UDP on
 * --udp-port, default 8081; test/images/agnhost/netexec/netexec.go) and `serve-hostname`.
 * Every netexec handler logs its request through Go's log package, which agnhost routes to klog
 * (`I0105 08:10:05.123456       1 log.go:195] GET /`).
 */
import type { ContainerView, HttpRequest, HttpResponse } from '../types';
import { bytes, httpDate, REASONS } from './http';
import type { App, AppContext } from './index';

/** The arguments agnhost itself receives: `/agnhost netexec …` as command, or args after the entrypoint. */
export function agnhostArgs(c: Pick<ContainerView, 'command' | 'args'>): string[] | undefined {
  const cmd = c.command ?? [];
  if (!cmd.length) return c.args?.length ? c.args : ['pause'];
  if (cmd[0].split('/').pop() !== 'agnhost') return undefined;
  return [...cmd.slice(1), ...(c.args ?? [])];
}

/** An int flag as cobra/pflag reads it (`--http-port=8080` or `--http-port 8080`). */
export function intFlag(args: string[], name: string, dflt: number): number {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}` && i + 1 < args.length) return Number(args[i + 1]);
    if (args[i].startsWith(`--${name}=`)) return Number(args[i].slice(name.length + 3));
  }
  return dflt;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** klog's header as the log bridge writes it: `I0105 08:10:05.123456       1 log.go:195] `. */
export function agnhostLogLine(ms: number, msg: string): string {
  const d = new Date(ms);
  const micros = `${String(ms % 1000).padStart(3, '0')}${String((ms * 7 + 3) % 1000).padStart(3, '0')}`;
  return `I${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros}       1 log.go:195] ${msg}`;
}

/** What netexec prints when it starts: the HTTP server, then (unless --udp-port=-1) the UDP server. */
export function netexecStartLines(args: string[]): string[] {
  const udp = intFlag(args, 'udp-port', 8081);
  const out = [`Started HTTP server on port ${intFlag(args, 'http-port', 8080)}`];
  // fmt "port %s %d" with the bind-to-any address "": two spaces
  if (udp !== -1) out.push(`Started UDP server on port  ${udp}`);
  return out;
}

/** Go's time.Now() formatted with %v: `2026-01-05 08:10:05.123456789 +0000 UTC m=+25.000000001`. */
function goNow(ms: number, sinceStartMs: number): string {
  const d = new Date(ms);
  const frac = `${String(ms % 1000).padStart(3, '0')}${String((ms * 7919) % 1000000).padStart(6, '0')}`.replace(/0+$/, '');
  const mono = Math.max(0, sinceStartMs) / 1000;
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}${frac ? `.${frac}` : ''} +0000 UTC m=+${mono.toFixed(3)}${String((ms * 31) % 1000000).padStart(6, '0')}`;
}

/** A Go net/http answer to a handler that only wrote a body: Date, Content-Length, sniffed Content-Type. */
function goResponse(now: number, status: number, body: string): HttpResponse {
  const headers: [string, string][] = [['Date', httpDate(now)], ['Content-Length', String(bytes(body))]];
  if (body) headers.push(['Content-Type', 'text/plain; charset=utf-8']);
  return { status, reason: REASONS[status] ?? (status === 412 ? 'Precondition Failed' : ''), headers, body };
}

function query(req: HttpRequest): URLSearchParams {
  const i = req.path.indexOf('?');
  return new URLSearchParams(i >= 0 ? req.path.slice(i + 1) : '');
}

function netexec(args: string[], startedAt: number | undefined): App {
  const log = (ctx: AppContext, msg: string) => ctx.container.log(agnhostLogLine(ctx.now(), msg));
  const udp = intFlag(args, 'udp-port', 8081);
  return {
    tcpPorts: [intFlag(args, 'http-port', 8080)],
    udpPorts: udp === -1 ? [] : [udp],
    http(req, ctx) {
      const path = req.path.split('?')[0];
      const q = query(req);
      const now = ctx.now();
      switch (path) {
        case '/hostname':
        case '/hostName':
          log(ctx, `GET ${path}`);
          return goResponse(now, 200, ctx.pod.name);
        case '/clientip':
          log(ctx, 'GET /clientip');
          return goResponse(now, 200, `${req.clientIP}:${40000 + (now % 20000)}`);
        case '/healthz':
          log(ctx, 'GET /healthz');
          return goResponse(now, udp === -1 ? 412 : 200, '');
        case '/echo': {
          const msg = q.get('msg') ?? '';
          const code = q.get('code') ?? '';
          log(ctx, `GET /echo?msg=${msg}&code=${code}`);
          if (code && !/^-?\d+$/.test(code)) return goResponse(now, 200, `argument 'code' must be an integer or empty, got "${code}"\n`);
          return goResponse(now, code ? Number(code) : 200, msg);
        }
        default:
          log(ctx, 'GET /');
          return goResponse(now, 200, `NOW: ${goNow(now, now - (startedAt ?? now))}`);
      }
    },
  };
}

/** The server an agnhost container is, given what agnhost was asked to run. */
export function agnhostApp(c: Pick<ContainerView, 'command' | 'args' | 'startedAt'>): App | undefined {
  const args = agnhostArgs(c);
  if (!args) return undefined;
  switch (args[0]) {
    case 'serve-hostname': {
      const port = intFlag(args, 'port', 9376);
      return { tcpPorts: [port], udpPorts: [], http: (_r, ctx) => goResponse(ctx.now(), 200, ctx.pod.name) };
    }
    case 'netexec':
      return netexec(args.slice(1), c.startedAt);
    default:
      return { tcpPorts: [], udpPorts: [] };
  }
}
