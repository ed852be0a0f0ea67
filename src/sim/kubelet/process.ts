/**
 * What a container's main process does: its output over time, whether and when it exits, and how
 * it reacts to the stop signal. Images run their usual entrypoint (nginx prints its
 * docker-entrypoint lines, postgres refuses to start without a password); a command that is a
 * shell or a utility (`sh -c "…"`, `sleep 3600`, `wget …`) runs on the container's shell
 * (container-shell.ts) on the virtual clock.
 */
import type { AppKind } from './images';
import { agnhostArgs, agnhostLogLine, netexecStartLines } from '../network/apps/agnhost';
import type { ContainerShell, ContainerShellOptions } from './container-shell';

/** One moment of an image's own program: a line it prints, or its exit (ms since it started). */
export interface ProcEvent {
  t: number;
  line?: string;
  exit?: number;
}

export interface ProcessSpec {
  app: AppKind;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  /** Container start time (ms since epoch). */
  startMs: number;
  hostname: string;
  podIP: string;
  /** Image version (tag) for version strings in logs. */
  tag: string;
  cpus: number;
  /** A shell inside this container instance (for a command run on the shell). */
  openShell?(opts: ContainerShellOptions): ContainerShell;
}

export interface Program {
  /** An image's own program: its output over time. */
  events?: Generator<ProcEvent>;
  /** A command run on the container's shell. */
  argv?: string[];
  /** Exits on the stop signal (SIGTERM/SIGQUIT) within this many ms; undefined: ignores it (PID 1 shell). */
  stopMs?: number;
  /** Lines printed while stopping, at absolute time `atMs`. */
  stopLines(atMs: number): string[];
}

const p2 = (n: number) => String(n).padStart(2, '0');
const ymd = (ms: number, sep = '/') => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${sep}${p2(d.getUTCMonth() + 1)}${sep}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
};
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const ms3 = (ms: number) => String(Math.floor(ms) % 1000).padStart(3, '0');
/** klog header: I0105 08:10:05.123456       1 */
const klog = (ms: number, sev = 'I') => {
  const d = new Date(ms);
  return `${sev}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${ms3(ms)}${ms3(ms * 7 + 3)}       1`;
};

function* lines(at: number, ls: string[]): Generator<ProcEvent> {
  for (const l of ls) yield { t: at, line: l };
}

function nginxVersion(tag: string): string {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return '1.29.1';
  if (m[3]) return `${m[1]}.${m[2]}.${m[3]}`;
  const latest: Record<string, string> = { '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.5', '1.28': '1.28.0', '1.29': '1.29.1' };
  return latest[`${m[1]}.${m[2]}`] ?? `${m[1]}.${m[2]}.0`;
}

function* forever(): Generator<ProcEvent> {
  // nothing more to say; never exits
}

/** The image's default program (no command/args in the pod spec). */
function defaultProgram(spec: ProcessSpec): Program {
  const t0 = spec.startMs;
  switch (spec.app) {
    case 'nginx': {
      const v = nginxVersion(spec.tag);
      const workers = Array.from({ length: spec.cpus }, (_, i) => 29 + i);
      return {
        events: (function* () {
          yield* lines(0, [
            '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
            '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
            '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
            '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
            '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
            '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
            '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
            '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
            '/docker-entrypoint.sh: Configuration complete; ready for start up',
          ]);
          const ts = ymd(t0 + 40);
          yield* lines(40, [
            `${ts} [notice] 1#1: using the "epoll" event method`,
            `${ts} [notice] 1#1: nginx/${v}`,
            `${ts} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) `,
            `${ts} [notice] 1#1: OS: Linux 6.8.0-51-generic`,
            `${ts} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
            `${ts} [notice] 1#1: start worker processes`,
            ...workers.map((w) => `${ts} [notice] 1#1: start worker process ${w}`),
          ]);
        })(),
        stopMs: 120,
        stopLines: (at) => {
          const ts = ymd(at);
          const out = [`${ts} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`];
          for (const w of workers) out.push(`${ts} [notice] ${w}#${w}: gracefully shutting down`, `${ts} [notice] ${w}#${w}: exiting`, `${ts} [notice] ${w}#${w}: exit`);
          for (const w of workers) out.push(`${ts} [notice] 1#1: signal 17 (SIGCHLD) received from ${w}`, `${ts} [notice] 1#1: worker process ${w} exited with code 0`);
          out.push(`${ts} [notice] 1#1: exit`);
          return out;
        },
      };
    }
    case 'httpd': {
      const apache = (ms: number) => {
        const d = new Date(ms);
        return `[${DAY[d.getUTCDay()]} ${MON[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${ms3(ms)}${ms3(ms * 7)} ${d.getUTCFullYear()}]`;
      };
      const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${spec.podIP}. Set the 'ServerName' directive globally to suppress this message`;
      return {
        events: lines(30, [fqdn, fqdn, `${apache(t0 + 30)} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.65 (Unix) configured -- resuming normal operations`, `${apache(t0 + 31)} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`]),
        stopMs: 1000,
        stopLines: (at) => [`${apache(at)} [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`],
      };
    }
    case 'redis': {
      const r = (ms: number, role: string, lvl: string, msg: string) => {
        const d = new Date(ms);
        return `1:${role} ${p2(d.getUTCDate())} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${ms3(ms)} ${lvl} ${msg}`;
      };
      const ver = /^7\.2/.test(spec.tag) ? '7.2.7' : /^7/.test(spec.tag) || spec.tag === 'latest' || spec.tag === 'alpine' ? '7.4.2' : `${spec.tag}`;
      return {
        events: lines(20, [
          r(t0 + 20, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
          r(t0 + 20, 'C', '*', `Redis version=${ver}, bits=64, commit=00000000, modified=0, pid=1, just started`),
          r(t0 + 20, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
          r(t0 + 21, 'M', '*', 'monotonic clock: POSIX clock_gettime'),
          r(t0 + 21, 'M', '*', 'Running mode=standalone, port=6379.'),
          r(t0 + 22, 'M', '*', 'Server initialized'),
          r(t0 + 22, 'M', '*', 'Ready to accept connections tcp'),
        ]),
        stopMs: 300,
        stopLines: (at) => [
          `1:signal-handler (${Math.floor(at / 1000)}) Received SIGTERM scheduling shutdown...`,
          r(at + 100, 'M', '*', 'User requested shutdown...'),
          r(at + 100, 'M', '*', 'Saving the final RDB snapshot before exiting.'),
          r(at + 150, 'M', '*', 'DB saved on disk'),
          r(at + 150, 'M', '#', 'Redis is now ready to exit, bye bye...'),
        ],
      };
    }
    case 'postgres': {
      if (!spec.env.POSTGRES_PASSWORD && spec.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
        return {
          events: (function* () {
            yield* lines(50, [
              'Error: Database is uninitialized and superuser password is not specified.',
              '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
              '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
              '',
              '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
              '       connections without a password. This is *not* recommended.',
              '',
              '       See PostgreSQL documentation about "trust":',
              '       https://www.postgresql.org/docs/current/auth-trust.html',
            ]);
            yield { t: 60, exit: 1 };
          })(),
          stopMs: 100,
          stopLines: () => [],
        };
      }
      const ts = (ms: number) => `${ymd(ms, '-')}.${ms3(ms)} UTC [1]`;
      return {
        events: lines(2500, [`${ts(t0 + 2500)} LOG:  starting PostgreSQL 17.2 (Debian 17.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`, `${ts(t0 + 2500)} LOG:  listening on IPv4 address "0.0.0.0", port 5432`, `${ts(t0 + 2600)} LOG:  database system is ready to accept connections`]),
        stopMs: 500,
        stopLines: (at) => [`${ts(at)} LOG:  received smart shutdown request`, `${ts(at + 200)} LOG:  database system is shut down`],
      };
    }
    case 'mysql': {
      const ts = (ms: number) => `${ymd(ms, '-')}+00:00`;
      if (!spec.env.MYSQL_ROOT_PASSWORD && !spec.env.MYSQL_ALLOW_EMPTY_PASSWORD && !spec.env.MYSQL_RANDOM_ROOT_PASSWORD) {
        return {
          events: (function* () {
            yield* lines(300, [
              `${ts(t0 + 300)} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.`,
              `${ts(t0 + 600)} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`,
              `${ts(t0 + 600)} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.`,
              `${ts(t0 + 800)} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`,
              '    You need to specify one of the following as an environment variable:',
              '    - MYSQL_ROOT_PASSWORD',
              '    - MYSQL_ALLOW_EMPTY_PASSWORD',
              '    - MYSQL_RANDOM_ROOT_PASSWORD',
            ]);
            yield { t: 800, exit: 1 };
          })(),
          stopMs: 100,
          stopLines: () => [],
        };
      }
      return {
        events: lines(300, [`${ts(t0 + 300)} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.1.0-1.el9 started.`, `${ts(t0 + 9000)} [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.1.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`]),
        stopMs: 1500,
        stopLines: () => [],
      };
    }
    case 'mongo':
    case 'memcached':
    case 'pause':
      return { events: forever(), stopMs: 100, stopLines: () => [] };
    case 'agnhost': {
      // ENTRYPOINT /agnhost: netexec announces its servers; pause (the default CMD) and the rest say nothing
      const args = agnhostArgs(spec) ?? [];
      const start = args[0] === 'netexec' ? netexecStartLines(args.slice(1)) : [];
      return { events: lines(1, start.map((l) => agnhostLogLine(t0 + 1, l))), stopMs: 100, stopLines: () => [] };
    }
    case 'curl':
      return {
        events: (function* () {
          yield { t: 5, line: "curl: try 'curl --help' or 'curl --manual' for more information" };
          yield { t: 5, exit: 2 };
        })(),
        stopMs: 0,
        stopLines: () => [],
      };
    case 'coredns':
      return {
        events: lines(100, [
          'maxprocs: Leaving GOMAXPROCS=2: CPU quota undefined',
          '.:53',
          '[INFO] plugin/reload: Running configuration SHA512 = 591cf328cccc12bc490481273e738df59329c62c0b729d94e8b61db9961c2fa5f046dd37f1cf888b953814040d180f52594972691cd6ff41be96639138a43908',
          'CoreDNS-1.11.3',
          'linux/amd64, go1.21.11, a6338e9',
        ]),
        stopMs: 5000,
        stopLines: () => ['[INFO] SIGTERM: Shutting down servers then terminating', '[INFO] plugin/health: Going into lameduck mode for 5s'],
      };
    case 'etcd':
      return {
        events: lines(200, [
          `{"level":"info","ts":"${new Date(t0 + 200).toISOString()}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":["etcd","--advertise-client-urls=https://${spec.podIP}:2379"]}`,
          `{"level":"info","ts":"${new Date(t0 + 900).toISOString()}","caller":"embed/serve.go:103","msg":"ready to serve client requests"}`,
        ]),
        stopMs: 500,
        stopLines: () => [],
      };
    case 'kube-apiserver':
    case 'kube-controller-manager':
    case 'kube-scheduler':
    case 'kube-proxy': {
      const first: Record<string, string> = {
        'kube-apiserver': 'options.go:238] external host was not specified, using ' + spec.podIP,
        'kube-controller-manager': 'serving.go:386] Generated self-signed cert in-memory',
        'kube-scheduler': 'serving.go:386] Generated self-signed cert in-memory',
        'kube-proxy': 'server_linux.go:66] "Using iptables proxy"',
      };
      const second: Record<string, string> = {
        'kube-apiserver': 'server.go:152] Version: v1.32.4',
        'kube-controller-manager': 'controllermanager.go:185] "Starting" version="v1.32.4"',
        'kube-scheduler': 'server.go:167] "Starting Kubernetes Scheduler" version="v1.32.4"',
        'kube-proxy': 'server.go:698] "Successfully retrieved node IP(s)" IPs=["' + spec.podIP + '"]',
      };
      return {
        events: lines(100, [`${klog(t0 + 100)} ${first[spec.app]}`, `${klog(t0 + 400)} ${second[spec.app]}`]),
        stopMs: 300,
        stopLines: () => [],
      };
    }
    case 'echoserver':
    case 'http-echo':
    case 'bootcamp':
    case 'serve-hostname':
    case 'gb-frontend':
    case 'ingress-nginx':
      return { events: lines(50, serverStartLines(spec.app, spec.args ?? [], t0 + 50, spec.hostname)), stopMs: 200, stopLines: () => [] };
    case 'hello-app':
      // Go's log.Printf; the image's ENV PORT=8080
      return { events: lines(2, [`${ymd(t0 + 2)} Server listening on port ${spec.env.PORT || '8080'}`]), stopMs: 10, stopLines: () => [] };
    case 'shell':
    case 'perl':
    case 'python':
    case 'node':
    default:
      // `sh`, `perl`, `python3`, `node` with no terminal attached read EOF and exit 0
      return {
        events: (function* () {
          yield { t: 5, exit: 0 };
        })(),
        stopMs: 0,
        stopLines: () => [],
      };
  }
}

/** What the network-app images print when they start. */
function serverStartLines(app: AppKind, args: string[], at: number, hostname: string): string[] {
  switch (app) {
    case 'echoserver':
      return ['Generating self-signed cert', 'Generating a 2048 bit RSA private key', '..+++', '.............+++', "writing new private key to '/certs/privateKey.key'", '-----', 'Starting nginx'];
    case 'http-echo': {
      const listen = (args.find((a) => a.startsWith('-listen=')) ?? '-listen=:5678').slice('-listen='.length);
      return [`${ymd(at)} [INFO] server is listening on ${listen}`];
    }
    case 'bootcamp':
      return [`Kubernetes Bootcamp App Started At: ${new Date(at).toISOString()} | Running On:  ${hostname} `, ''];
    case 'ingress-nginx':
      return [
        '-------------------------------------------------------------------------------',
        'NGINX Ingress controller',
        '  Release:       v1.11.3',
        '  Build:         0106de65cfccb74405a6dfa7d9daffc6f0a6ef1a',
        '  Repository:    https://github.com/kubernetes/ingress-nginx',
        '  nginx version: nginx/1.25.5',
        '',
        '-------------------------------------------------------------------------------',
        '',
      ];
    default:
      return [];
  }
}

/** Programs that run on the container's shell rather than being the image's own binary. */
const SHELL_PROGRAMS = new Set(['sh', 'bash', 'ash', 'dash', 'sleep', 'echo', 'printf', 'date', 'true', 'false', 'env', 'printenv', 'cat', 'tail', 'head', 'hostname', 'seq', 'exit', 'ls', 'touch', 'rm', 'mkdir', 'wget', 'curl', 'nslookup', 'dig', 'ping', 'nc', 'ps', 'grep', 'awk', 'sed', 'tee', 'xargs', 'id', 'whoami', 'uname', 'kill']);

/** The program for a container: its command/args if any, else the image's default. */
export function programFor(spec: ProcessSpec): Program {
  const command = spec.command?.length ? spec.command : undefined;
  const args = spec.args ?? [];
  if (!command && !args.length) return defaultProgram(spec);
  const argv = command ? [...command, ...args] : args;
  const bin = (argv[0] ?? '').split('/').pop()!;
  if (bin === 'perl') return { events: perl(argv), stopMs: 0, stopLines: () => [] };
  // PID 1 without a SIGTERM handler: the stop signal does nothing, SIGKILL ends it after the grace period
  // curlimages/curl's ENTRYPOINT is curl: args alone are curl's arguments
  if (!command && spec.app === 'curl') return { argv: ['curl', ...args], stopMs: undefined, stopLines: () => [] };
  if (SHELL_PROGRAMS.has(bin) && (command || spec.app === 'shell')) return { argv, stopMs: undefined, stopLines: () => [] };
  // args only: passed to the image's entrypoint; the image's own binary with flags
  // (nginx -g 'daemon off;', redis-server --port …) runs as usual
  return defaultProgram(spec);
}

/** perl -Mbignum=bpi -wle 'print bpi(2000)' — the Job example from the Kubernetes docs. */
function* perl(argv: string[]): Generator<ProcEvent> {
  const script = argv.slice(1).find((a, i, all) => i > 0 && /^-[a-zA-Z]*e$/.test(all[i - 1])) ?? argv[argv.length - 1] ?? '';
  const m = /bpi\((\d+)\)/.exec(script);
  if (m) {
    const n = Math.min(20000, Number(m[1]));
    yield { t: 50 + n * 3, line: piDigits(n) };
    yield { t: 60 + n * 3, exit: 0 };
    return;
  }
  const p = /print\s+["']([^"']*)["']/.exec(script);
  if (p) yield { t: 20, line: p[1].replace(/\\n$/, '') };
  yield { t: 25, exit: 0 };
}

/** π to n significant digits, rounded (Machin's formula on BigInt). */
export function piDigits(n: number): string {
  const guard = 12;
  const scale = 10n ** BigInt(n + guard);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    let k = 1n;
    let sign = 1n;
    while (term !== 0n) {
      sum += (sign * term) / k;
      term /= x2;
      k += 2n;
      sign = -sign;
    }
    return sum;
  };
  const pi = 16n * arctanInv(5n) - 4n * arctanInv(239n); // pi * 10^(n+guard)
  const digits = pi.toString(); // "31415…" with n+guard+1 digits
  let kept = BigInt(digits.slice(0, n));
  if (Number(digits[n]) >= 5) kept += 1n;
  const s = kept.toString();
  return `${s[0]}.${s.slice(1)}`;
}
