/**
 * Serve a Cluster's apiserver over HTTP for the real kubectl (contract B), with the virtual clock
 * moving only while a watch is open — so the served cluster stays in step with a twin cluster.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../../src/sim/cluster/cluster';
import type { ApiRequest, Method } from '../../src/sim/apiserver/types';
import { errorResponse } from '../../src/sim/apiserver/server';
import { decodeProtobufObject, PROTOBUF } from '../../src/sim/apiserver/protobuf/decode';

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serveFrozen(cluster: Cluster, decodeBody?: (raw: Buffer, contentType: string) => unknown): Promise<Served> {
  const api = cluster.apiserver;
  let watches = 0;
  const tick = setInterval(() => {
    if (watches > 0) cluster.clock.advance(100);
  }, 5);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const query: Record<string, string> = {};
        url.searchParams.forEach((v, k) => (query[k] = v));
        const raw = Buffer.concat(chunks);
        const contentType = String(req.headers['content-type'] ?? '');
        let body: unknown;
        if (raw.length) {
          if (decodeBody) body = decodeBody(raw, contentType);
          else if (contentType.startsWith(PROTOBUF)) body = decodeProtobufObject(new Uint8Array(raw));
          else {
            const text = raw.toString('utf8');
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
        }
        const areq: ApiRequest = { method: (req.method ?? 'GET') as Method, path: url.pathname, query, body, contentType, accept: String(req.headers.accept ?? ''), agent: 'kubectl' };
        if (areq.method === 'GET' && query.watch === 'true') {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
          res.flushHeaders();
          watches++;
          const h = api.watch(areq, (ev) => res.write(JSON.stringify(ev) + '\n'));
          const timer = setTimeout(() => res.end(), Number(query.timeoutSeconds ?? '60') * 1000);
          res.on('close', () => {
            watches--;
            clearTimeout(timer);
            h.cancel();
          });
          return;
        }
        const r = api.handle(areq);
        const ct = r.contentType ?? 'application/json';
        res.writeHead(r.code, { 'Content-Type': ct });
        res.end(typeof r.body === 'string' && ct.startsWith('text/') ? r.body : JSON.stringify(r.body));
      } catch (e) {
        const r = errorResponse(e);
        res.writeHead(r.code, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(r.body));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(tick);
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
