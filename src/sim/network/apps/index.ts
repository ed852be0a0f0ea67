/**
 * The programs behind each image, as network servers: which ports they listen on and how they
 * answer. Each writes its access log into the container's log, like the real image does.
 */
import type { ContainerView, HttpRequest, HttpResponse, PodView } from '../types';
import { bytes, header, httpDate, nginxErrorPage, requestLine, response, timeLocal } from './http';
import { agnhostApp } from './agnhost';
import { helloApp } from './hello-app';

export interface AppContext {
  pod: PodView;
  container: ContainerView;
  now(): number;
  /** Make a request to another address on behalf of this app (the ingress controller's upstream). */
  forward?(ip: string, port: number, req: HttpRequest): HttpResponse | { error: string };
}

export interface App {
  tcpPorts: number[];
  /** Ports that speak TLS (plain HTTP to them gets a 400; clients must trust or skip the certificate). */
  tlsPorts?: number[];
  udpPorts: number[];
  http?(req: HttpRequest, ctx: AppContext): HttpResponse;
  /** A line-oriented TCP exchange (redis PING). */
  line?(input: string, ctx: AppContext): string;
  /** Answers DNS (CoreDNS). */
  dns?: boolean;
}

export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';

const HTTPD_404 = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

function nginxVersion(image: string): string {
  const tag = image.split(':').pop() ?? '';
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return '1.29.1';
  if (m[3]) return `${m[1]}.${m[2]}.${m[3]}`;
  const latest: Record<string, string> = { '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.5', '1.28': '1.28.0', '1.29': '1.29.1' };
  return latest[`${m[1]}.${m[2]}`] ?? `${m[1]}.${m[2]}.0`;
}

const ua = (req: HttpRequest) => header(req, 'User-Agent') ?? '-';

function nginxApp(image: string): App {
  const server = `nginx/${nginxVersion(image)}`;
  return {
    tcpPorts: [80],
    udpPorts: [],
    http(req, ctx) {
      const path = req.path.split('?')[0];
      let res: HttpResponse;
      const base: [string, string][] = [['Server', server], ['Date', httpDate(ctx.now())], ['Content-Type', 'text/html']];
      if (path === '/' || path === '/index.html') {
        res = response(200, NGINX_INDEX, [...base, ['Last-Modified', 'Wed, 16 Apr 2025 12:01:11 GMT'], ['Connection', 'keep-alive'], ['ETag', '"67ff9c07-267"'], ['Accept-Ranges', 'bytes']]);
      } else res = response(404, nginxErrorPage(404, server), [...base, ['Connection', 'keep-alive']]);
      const sent = req.method === 'HEAD' ? 0 : bytes(res.body);
      ctx.container.log(`${req.clientIP} - - [${timeLocal(ctx.now())}] "${requestLine(req)}" ${res.status} ${sent} "${header(req, 'Referer') ?? '-'}" "${ua(req)}" "${header(req, 'X-Forwarded-For') ?? '-'}"`);
      return res;
    },
  };
}

function httpdApp(): App {
  return {
    tcpPorts: [80],
    udpPorts: [],
    http(req, ctx) {
      const path = req.path.split('?')[0];
      const base: [string, string][] = [['Date', httpDate(ctx.now())], ['Server', 'Apache/2.4.65 (Unix)']];
      const res = path === '/' || path === '/index.html'
        ? response(200, HTTPD_INDEX, [...base, ['Last-Modified', 'Mon, 11 Jun 2007 18:53:14 GMT'], ['ETag', '"2d-432a5e4a73a80"'], ['Accept-Ranges', 'bytes'], ['Content-Type', 'text/html']])
        : response(404, HTTPD_404, [...base, ['Content-Type', 'text/html; charset=iso-8859-1']]);
      ctx.container.log(`${req.clientIP} - - [${timeLocal(ctx.now())}] "${requestLine(req)}" ${res.status} ${req.method === 'HEAD' ? '-' : bytes(res.body)}`);
      return res;
    },
  };
}

function echoserverApp(): App {
  return {
    tcpPorts: [8080, 8443],
    udpPorts: [],
    http(req, ctx) {
      const hdrs = [...req.headers].map(([k, v]) => [k.toLowerCase(), v] as [string, string]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
      const body = [
        '',
        '',
        `Hostname: ${ctx.pod.name}`,
        '',
        'Pod Information:',
        '\t-no pod information available-',
        '',
        'Server values:',
        '\tserver_version=nginx: 1.13.3 - lua: 10008',
        '',
        'Request Information:',
        `\tclient_address=${req.clientIP}`,
        `\tmethod=${req.method}`,
        `\treal path=${req.path.split('?')[0]}`,
        `\tquery=${req.path.includes('?') ? req.path.slice(req.path.indexOf('?') + 1) : ''}`,
        '\trequest_version=1.1',
        '\trequest_scheme=http',
        `\trequest_uri=http://${req.host}:${req.serverPort === 80 ? 8080 : req.serverPort}${req.path}`,
        '',
        'Request Headers:',
        ...hdrs.map(([k, v]) => `\t${k}=${v}`),
        '',
        'Request Body:',
        req.body ? req.body : '\t-no body in request-',
        '',
        '',
      ].join('\n');
      ctx.container.log(`${req.clientIP} - - [${timeLocal(ctx.now())}] "${requestLine(req)}" 200 ${bytes(body)} "-" "${ua(req)}"`);
      return response(200, body, [['Server', 'echoserver'], ['Date', httpDate(ctx.now())], ['Content-Type', 'text/plain'], ['Connection', 'keep-alive']]);
    },
  };
}

function httpEchoApp(args: string[]): App {
  const text = (args.find((a) => a.startsWith('-text=')) ?? '-text=hello-world').slice('-text='.length);
  const listen = (args.find((a) => a.startsWith('-listen=')) ?? '-listen=:5678').slice('-listen='.length);
  const port = Number(listen.split(':').pop()) || 5678;
  return {
    tcpPorts: [port],
    udpPorts: [],
    http(req, ctx) {
      const d = new Date(ctx.now());
      const ts = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')} ${d.toISOString().slice(11, 19)}`;
      ctx.container.log(`${ts} ${req.host}:${req.serverPort} ${req.clientIP}:${40000 + (ctx.now() % 20000)} "${requestLine(req)}" 200 ${bytes(text) + 1} "${ua(req)}" 21.3µs`);
      return response(200, `${text}\n`, [['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0'], ['Date', httpDate(ctx.now())], ['Content-Type', 'text/plain; charset=utf-8']]);
    },
  };
}

function bootcampApp(image: string): App {
  const v = image.endsWith(':v2') ? 2 : 1;
  let count = 0;
  return {
    tcpPorts: [8080],
    udpPorts: [],
    http(req, ctx) {
      count++;
      ctx.container.log(`Running On: ${ctx.pod.name} | Total Requests: ${count} | App Uptime: ${((ctx.now() % 100000) / 1000).toFixed(3)} seconds | Log Time: ${new Date(ctx.now()).toISOString()}`);
      return response(200, `Hello Kubernetes bootcamp! | Running on: ${ctx.pod.name} | v=${v}\n`, [['Content-Type', 'text/plain'], ['Date', httpDate(ctx.now())], ['Connection', 'keep-alive']]);
    },
  };
}

function corednsApp(): App {
  return {
    tcpPorts: [53, 8080, 8181, 9153],
    udpPorts: [53],
    dns: true,
    http(req) {
      const path = req.path.split('?')[0];
      if (req.serverPort === 8080 && path === '/health') return response(200, 'OK', [['Content-Type', 'text/plain; charset=utf-8']]);
      if (req.serverPort === 8181 && path === '/ready') return response(200, 'OK', [['Content-Type', 'text/plain; charset=utf-8']]);
      if (req.serverPort === 9153 && path === '/metrics') return response(200, '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.21.11",revision="a6338e9",version="1.11.3"} 1\n', [['Content-Type', 'text/plain; version=0.0.4; charset=utf-8']]);
      return response(404, '404 page not found\n', [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']]);
    },
  };
}

function ingressNginxApp(): App {
  return {
    tcpPorts: [80, 443, 10254],
    tlsPorts: [443],
    udpPorts: [],
    http(req, ctx) {
      // ports 80/443: the controller's route table is consulted by the network (see network.ts)
      if (req.serverPort === 10254) return req.path.split('?')[0] === '/healthz' ? response(200, 'ok', [['Content-Type', 'text/plain; charset=utf-8']]) : response(404, '404 page not found\n', [['Content-Type', 'text/plain; charset=utf-8']]);
      return response(404, nginxErrorPage(404, 'nginx'), [['Date', httpDate(ctx.now())], ['Content-Type', 'text/html'], ['Connection', 'keep-alive']]);
    },
  };
}

function redisApp(): App {
  return {
    tcpPorts: [6379],
    udpPorts: [],
    line(input) {
      const cmd = input.trim().split(/\s+/);
      switch ((cmd[0] ?? '').toUpperCase()) {
        case 'PING':
          return cmd[1] ? `"${cmd.slice(1).join(' ')}"` : 'PONG';
        case 'ECHO':
          return `"${cmd.slice(1).join(' ')}"`;
        case 'DBSIZE':
          return '(integer) 0';
        case 'GET':
          return '(nil)';
        case 'SET':
          return 'OK';
        default:
          return `(error) ERR unknown command '${cmd[0] ?? ''}', with args beginning with: ${cmd.slice(1).map((a) => `'${a}' `).join('')}`;
      }
    },
  };
}

/** kube-apiserver's secure port, as an anonymous client (curl -k, no token) meets it. */
function apiserverApp(): App {
  return {
    tcpPorts: [6443],
    tlsPorts: [6443],
    udpPorts: [],
    http(req) {
      const path = req.path.split('?')[0];
      if (!req.tls) return response(400, 'Client sent an HTTP request to an HTTPS server.\n', [['Content-Type', 'text/plain; charset=utf-8']]);
      const json = [['Audit-Id', '2f1b4d3c-7a6e-4c0b-9a51-3f1d8e0c2b6a'], ['Cache-Control', 'no-cache, private'], ['Content-Type', 'application/json']] as [string, string][];
      if (['/version', '/healthz', '/livez', '/readyz'].includes(path)) {
        if (path !== '/version') return response(200, 'ok', [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']]);
        return response(200, '{\n  "major": "1",\n  "minor": "32",\n  "gitVersion": "v1.32.4",\n  "gitCommit": "59526cd4867447956156ae3a602fcbac10a2c335",\n  "gitTreeState": "clean",\n  "buildDate": "2025-04-22T16:02:27Z",\n  "goVersion": "go1.23.6",\n  "compiler": "gc",\n  "platform": "linux/amd64"\n}', json);
      }
      const who = header(req, 'Authorization') ? 'system:serviceaccount:default:default' : 'system:anonymous';
      return response(403, `{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"${who}\\" cannot get path \\"${path}\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}`, json);
    },
  };
}

const TCP_ONLY: Record<string, number[]> = { 'gb-frontend': [80], postgres: [5432], mysql: [3306, 33060], mongo: [27017], memcached: [11211], etcd: [2379, 2380], 'kube-proxy': [10249, 10256], 'kube-scheduler': [10259], 'kube-controller-manager': [10257] };

const NOT_SERVERS = new Set(['sh', 'bash', 'ash', 'dash', 'sleep', 'tail', 'cat', 'echo', 'true', 'false', 'env', 'printenv', 'perl', 'python', 'python3', 'node', 'wget', 'curl', 'ping', 'nslookup']);

/** The server a running container is, or undefined when it serves nothing. */
export function appFor(c: ContainerView): App | undefined {
  // a command override that runs something else replaces the server (sh -c 'sleep 3600' in an nginx image serves nothing)
  const cmd = c.command?.length ? c.command[0].split('/').pop()! : undefined;
  if (cmd && NOT_SERVERS.has(cmd)) return undefined;
  switch (c.app) {
    case 'nginx':
      return nginxApp(c.image);
    case 'httpd':
      return httpdApp();
    case 'echoserver':
      return echoserverApp();
    case 'http-echo':
      return httpEchoApp(c.args ?? []);
    case 'bootcamp':
      return bootcampApp(c.image);
    case 'agnhost':
      return agnhostApp(c);
    case 'hello-app':
      return helloApp(c.image, c.env);
    case 'serve-hostname':
      return agnhostApp({ args: ['serve-hostname'] });
    case 'coredns':
      return corednsApp();
    case 'ingress-nginx':
      return ingressNginxApp();
    case 'redis':
      return redisApp();
    case 'kube-apiserver':
      return apiserverApp();
    default:
      if (TCP_ONLY[c.app]) return { tcpPorts: TCP_ONLY[c.app], udpPorts: [] };
      return undefined;
  }
}
