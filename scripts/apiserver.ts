/**
 * Contract B (DESIGN.md): the simulated kube-apiserver over plain HTTP on 127.0.0.1, so the real
 * kubectl can drive our cluster. The virtual clock follows wall time.
 *
 *   npm run --silent apiserver -- --port 18080 [--scenario default] [--seed 1]
 */
import http from 'node:http';
import { Cluster } from '../src/sim/cluster/cluster';
import type { ApiRequest, Method } from '../src/sim/apiserver/types';
import { errorResponse } from '../src/sim/apiserver/server';
import { ApiError } from '../src/sim/core/errors';
import { KUBEADM_ADMIN } from '../src/sim/api/rbac';
import { loadDescriptions } from '../src/sim/api/schema';
import { decodeProtobufObject, PROTOBUF } from '../src/sim/apiserver/protobuf/decode';

const args = process.argv.slice(2);
const opt = (name: string, d?: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : d;
};
const port = Number(opt('port', '18080'));
const cluster = new Cluster({ scenario: opt('scenario'), seed: Number(opt('seed', '1')) });
const api = cluster.apiserver;

// virtual time follows wall time from here on
let last = Date.now();
setInterval(() => {
  const now = Date.now();
  cluster.clock.advance(now - last);
  last = now;
}, 50).unref();

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, code: number, body: unknown, contentType = 'application/json', warnings: string[] = []): void {
  const text = typeof body === 'string' && contentType.startsWith('text/') ? body : JSON.stringify(body);
  const headers: Record<string, string | string[]> = { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' };
  if (warnings.length) headers.Warning = warnings.map((w) => `299 - "${w}"`);
  res.writeHead(code, headers);
  res.end(text);
}

function impersonation(req: http.IncomingMessage): Partial<ApiRequest> {
  const user = req.headers['impersonate-user'];
  if (!user) return {};
  const raw = req.headersDistinct?.['impersonate-group'] ?? [];
  return { impersonate: { user: String(user), groups: raw.flatMap((g) => g.split(',')).map((g) => g.trim()).filter(Boolean) } };
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const raw = await readBody(req);
    const contentType = (req.headers['content-type'] ?? '').toString();
    let body: unknown;
    if (raw.length) {
      if (contentType.startsWith(PROTOBUF)) {
        if (req.method !== 'POST' && req.method !== 'PUT')
          throw new ApiError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml');
        body = decodeProtobufObject(new Uint8Array(raw));
      } else {
      const text = raw.toString('utf8');
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      }
    }
    const areq: ApiRequest = {
      method: (req.method ?? 'GET') as Method,
      path: url.pathname,
      query,
      body,
      contentType,
      accept: (req.headers.accept ?? '').toString(),
      agent: 'kubectl',
      // the kubeadm admin.conf identity; kubectl --as / --as-group become impersonation headers
      user: KUBEADM_ADMIN.name,
      groups: KUBEADM_ADMIN.groups,
      ...impersonation(req),
    };
    if (areq.method === 'GET' && (query.watch === 'true' || query.watch === '1')) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
      res.flushHeaders();
      const h = api.watch(areq, (ev) => res.write(JSON.stringify(ev) + '\n'), () => res.end());
      const timeout = Number(query.timeoutSeconds ?? '1800') * 1000;
      const timer = setTimeout(() => res.end(), timeout);
      res.on('close', () => {
        clearTimeout(timer);
        h.cancel();
      });
      return;
    }
    const r = api.handle(areq);
    send(res, r.code, r.body, r.contentType ?? 'application/json', r.warnings);
  } catch (e) {
    const r = errorResponse(e);
    send(res, r.code, r.body);
  }
});

await loadDescriptions();
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
