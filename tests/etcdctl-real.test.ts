/**
 * Keeps fixtures/etcd/etcdctl-steps.expected.jsonl honest: when real `etcd`/`etcdctl` (Debian
 * etcd-server/etcd-client 3.4) and python3 are on PATH and ports 23790/23800/23810 are free, run
 * capture-etcdctl.sh (a fresh etcd on loopback, stopped by PID) and check its output equals the
 * stored capture after masking what varies between runs: lease IDs, remaining TTLs, `took`
 * durations, snapshot hashes, and the zap log lines (only their number is compared). ~5 s.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const onPath = (bin: string) => (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, bin)));
const missing = ['etcd', 'etcdctl', 'python3'].filter((b) => !onPath(b));
const script = fileURLToPath(new URL('./fixtures/etcd/capture-etcdctl.sh', import.meta.url));
const expected = readFileSync(new URL('./fixtures/etcd/etcdctl-steps.expected.jsonl', import.meta.url), 'utf8');
if (missing.length) console.log(`etcdctl-real: skipped — not on PATH: ${missing.join(', ')}`);

function portBusy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

function mask(jsonl: string): string[] {
  const ids = new Map<string, string>();
  return jsonl
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const d = JSON.parse(l) as { cmd: string; stdout: string; stderr: string; rc: number };
      for (const m of d.stdout.matchAll(/lease ([0-9a-f]+) granted with TTL/g)) {
        if (!ids.has(m[1])) {
          const n = `L${ids.size / 2 + 1}`;
          ids.set(m[1], n);
          ids.set(BigInt('0x' + m[1]).toString(10), n);
        }
      }
      const norm = (s: string) => {
        for (const [id, n] of ids) s = s.replaceAll(id, n);
        return s
          .replace(/remaining\(\d+s\)/g, 'remaining(N)')
          .replace(/[0-9.]+[mµn]?s\b/g, 'T')
          .replace(/"hash":\d+|\| [0-9a-f]{6,8} \|/g, 'HASH')
          // the real database's size depends on its page allocation, not on the steps
          .replace(/\b\d+(\.\d+)? kB\b/g, 'SIZE')
          // the db file grows by bbolt pages with the real etcd's timing (20480 one run, 32768 the next)
          .replace(/"dbSize":\d+|"dbSizeInUse":\d+|"totalSize":\d+/g, 'SIZE')
          // a table column is as wide as its widest cell, so a masked duration still moves the borders
          .replace(/^[|+].*$/gm, (row) => row.replace(/ {2,}/g, ' ').replace(/-{2,}/g, '-'));
      };
      const zap = d.stderr.split('\n').filter((x) => x.startsWith('{"level":'));
      const rest = d.stderr.split('\n').filter((x) => !x.startsWith('{"level":')).join('\n');
      return JSON.stringify({ cmd: d.cmd, stdout: norm(d.stdout), stderr: norm(rest), zap: zap.length, rc: d.rc });
    });
}

describe('capture-etcdctl.sh against a real etcd', () => {
  it.skipIf(missing.length > 0)(
    'reproduces etcdctl-steps.expected.jsonl',
    async (ctx) => {
      for (const p of [23790, 23800, 23810]) if (await portBusy(p)) ctx.skip();
      const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const p = spawn('bash', [script], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        p.stdout.on('data', (d) => (stdout += d));
        p.stderr.on('data', (d) => (stderr += d));
        p.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(out.code, out.stderr).toBe(0);
      const got = mask(out.stdout);
      const want = mask(expected);
      const diffs = want.flatMap((w, i) => (got[i] === w ? [] : [`expected ${w}\n     got ${got[i]}`]));
      expect(diffs, diffs.join('\n')).toEqual([]);
      expect(got.length).toBe(want.length);
    },
    60_000,
  );
});
