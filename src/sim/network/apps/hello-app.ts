/**
 * gcr.io/google-samples/hello-app (GKE's quickstart, kubernetes-engine-samples quickstarts/hello-app):
 * a Go server on $PORT (the image sets 8080) that answers every path with a greeting, its version
 * (the image tag) and the hostname, and logs `Serving request: <path>` through Go's log package.
 */
import type { HttpResponse } from '../types';
import { bytes, httpDate } from './http';
import type { App } from './index';

const p2 = (n: number) => String(n).padStart(2, '0');

/** Go's log.Printf prefix: `2026/01/05 08:10:05 `. */
export function goLogTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

export function helloApp(image: string, env: Record<string, string>): App {
  const tag = image.split(':').pop() ?? '';
  const version = /^\d+\.\d+$/.test(tag) ? `${tag}.0` : tag;
  return {
    tcpPorts: [Number(env.PORT) || 8080],
    udpPorts: [],
    http(req, ctx): HttpResponse {
      const path = req.path.split('?')[0];
      ctx.container.log(`${goLogTime(ctx.now())} Serving request: ${path}`);
      const body = `Hello, world!\nVersion: ${version}\nHostname: ${ctx.pod.name}\n`;
      return { status: 200, reason: 'OK', headers: [['Date', httpDate(ctx.now())], ['Content-Length', String(bytes(body))], ['Content-Type', 'text/plain; charset=utf-8']], body };
    },
  };
}
