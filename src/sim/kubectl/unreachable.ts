/**
 * What kubectl prints when its config names no server: client-go falls back to http://localhost:8080,
 * discovery fails five times (memcache.go klog lines), then the connection error.
 */
export function localhostRefused(now: number, pid: number): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  const head = `E${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${d.toISOString().slice(11, 19)}`;
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += `${head}.${String(534995 + i * 1373).padStart(6, '0')} ${String(pid).padStart(7)} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp 127.0.0.1:8080: connect: connection refused"\n`;
  }
  return out + 'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n';
}
