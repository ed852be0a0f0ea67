/**
 * Keeps the oracle honest: when real `etcd` and `etcdctl` (3.4, Debian etcd-server/etcd-client) and
 * python3 are on PATH, run tests/fixtures/etcd/etcd-ops.sh against a fresh etcd it starts itself on
 * free loopback ports, and check its output equals etcd-ops.expected.jsonl. Takes ~25 s.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const onPath = (bin: string) => (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, bin)));
const missing = ['etcd', 'etcdctl', 'python3'].filter((b) => !onPath(b));
const script = fileURLToPath(new URL('./fixtures/etcd/etcd-ops.sh', import.meta.url));
const expected = readFileSync(new URL('./fixtures/etcd/etcd-ops.expected.jsonl', import.meta.url), 'utf8');

if (missing.length) {
  console.log(`etcd-real: skipped — not on PATH: ${missing.join(', ')} (apt-get install etcd-server etcd-client python3)`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function runScript(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn('bash', [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('etcd-ops.sh against a real etcd', () => {
  it.skipIf(missing.length > 0)(
    'prints exactly etcd-ops.expected.jsonl (~25 s)',
    // a real 5 s lease on a heavily loaded machine can run out between two etcdctl calls: try again
    { timeout: 120_000, retry: 2 },
    async () => {
      const ports = new Set<number>();
      while (ports.size < 3) ports.add(await freePort());
      const [c, p, m] = [...ports];
      const r = await runScript({ CLIENT_PORT: String(c), PEER_PORT: String(p), METRICS_PORT: String(m) });
      expect(r.code, r.stderr).toBe(0);
      const got = r.stdout.split('\n').filter(Boolean);
      const want = expected.split('\n').filter(Boolean);
      const diffs = want.flatMap((w, i) => (got[i] === w ? [] : [`expected ${w}\n     got ${got[i]}`]));
      console.log(`etcd-real: ${want.length - diffs.length}/${want.length} lines identical`);
      expect(diffs, diffs.join('\n')).toEqual([]);
      expect(got.length).toBe(want.length);
    },
  );
});
