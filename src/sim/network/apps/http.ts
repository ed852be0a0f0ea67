/** Small helpers the app servers share: dates in the formats servers print, responses. */
import type { HttpRequest, HttpResponse } from '../types';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** nginx $time_local: 05/Jan/2026:08:10:00 +0000 */
export function timeLocal(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** RFC 7231 Date header: Mon, 05 Jan 2026 08:10:00 GMT */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAY[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

export const REASONS: Record<number, string> = {
  200: 'OK',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

export function header(req: HttpRequest, name: string): string | undefined {
  const n = name.toLowerCase();
  return req.headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

export function bytes(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** A response; Content-Length goes right after Content-Type (or last), where servers put it. */
export function response(status: number, body: string, headers: [string, string][] = [], reason = REASONS[status] ?? ''): HttpResponse {
  const out = [...headers];
  const i = out.findIndex(([k]) => k === 'Content-Type');
  out.splice(i >= 0 ? i + 1 : out.length, 0, ['Content-Length', String(bytes(body))]);
  return { status, reason, headers: out, body };
}

/** nginx's built-in error page (`server_tokens` decides whether the version shows). */
export function nginxErrorPage(status: number, server: string): string {
  const title = `${status} ${REASONS[status] ?? ''}`;
  return `<html>\n<head><title>${title}</title></head>\n<body>\n<center><h1>${title}</h1></center>\n<hr><center>${server}</center>\n</body>\n</html>\n`;
}

/** The request line as an access log shows it. */
export function requestLine(req: HttpRequest): string {
  return `${req.method} ${req.path} HTTP/1.1`;
}
