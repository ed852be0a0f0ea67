/**
 * Contract B's HTTP front end: turns HTTP requests from the real kubectl into ApiRequests for the
 * simulated apiserver (JSON or protobuf bodies, the kubeadm admin identity, impersonation headers,
 * chunked watch streams). Used by `npm run apiserver` and by the kubectl-diff harness.
 */
import http from 'node:http';
import type { ApiServer } from '../../src/sim/apiserver/server';
import { errorResponse } from '../../src/sim/apiserver/server';
import type { ApiRequest, Method } from '../../src/sim/apiserver/types';
import { ApiError } from '../../src/sim/core/errors';
import { KUBEADM_ADMIN } from '../../src/sim/api/rbac';
import { decodeProtobufObject, PROTOBUF } from '../../src/sim/apiserver/protobuf/decode';

export interface HandlerHooks {
  /** A watch stream opened / closed (the kubectl-diff harness moves its clock only while one is open). */
  watchOpened?(): void;
  watchClosed?(): void;
}

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

function decodeBody(raw: Buffer, contentType: string, method: string | undefined): unknown {
  if (!raw.length) return undefined;
  if (contentType.startsWith(PROTOBUF)) {
    if (method !== 'POST' && method !== 'PUT')
      throw new ApiError(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml');
    return decodeProtobufObject(new Uint8Array(raw));
  }
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function apiRequestListener(api: ApiServer, hooks: HandlerHooks = {}): http.RequestListener {
  return async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query: Record<string, string> = {};
      url.searchParams.forEach((v, k) => (query[k] = v));
      const contentType = String(req.headers['content-type'] ?? '');
      const body = decodeBody(await readBody(req), contentType, req.method);
      const areq: ApiRequest = {
        method: (req.method ?? 'GET') as Method,
        path: url.pathname,
        query,
        body,
        contentType,
        accept: String(req.headers.accept ?? ''),
        agent: 'kubectl',
        // the kubeadm admin.conf identity; kubectl --as / --as-group become impersonation headers
        user: KUBEADM_ADMIN.name,
        groups: KUBEADM_ADMIN.groups,
        ...impersonation(req),
      };
      if (areq.method === 'GET' && (query.watch === 'true' || query.watch === '1')) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
        res.flushHeaders();
        hooks.watchOpened?.();
        const h = api.watch(areq, (ev) => res.write(JSON.stringify(ev) + '\n'), () => res.end());
        const timer = setTimeout(() => res.end(), Number(query.timeoutSeconds ?? '1800') * 1000);
        res.on('close', () => {
          hooks.watchClosed?.();
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
  };
}
