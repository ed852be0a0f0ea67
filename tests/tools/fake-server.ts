/** Starts tests/tools/kube-fake-apiserver.cjs on 127.0.0.1 with given objects; runs the real kubectl against it. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const HERE = path.dirname(new URL(import.meta.url).pathname);

export interface FakeServer {
  port: number;
  kubeconfig: string;
  log: string;
  run(args: string[]): { stdout: string; stderr: string; exitCode: number | null };
  stop(): void;
}

export async function startFakeServer(objects: unknown[], port: number, tables?: unknown): Promise<FakeServer> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-fake-'));
  const fixtures = path.join(work, 'fixtures.json');
  fs.writeFileSync(fixtures, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  const env: Record<string, string> = { ...(process.env as Record<string, string>), PORT: String(port), FIXTURES: fixtures, LOG: path.join(work, 'requests.jsonl'), QUIET: '1' };
  if (tables) {
    fs.writeFileSync(path.join(work, 'tables.json'), JSON.stringify(tables));
    env.TABLES_JSON = path.join(work, 'tables.json');
  }
  const kubeconfig = path.join(work, 'kubeconfig.yaml');
  fs.writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n    server: http://127.0.0.1:${port}\ncontexts:\n- name: sim\n  context:\n    cluster: sim\n    namespace: default\nusers:\n- name: anon\n  user: {}\ncurrent-context: sim\n`,
  );
  const server = spawn(process.execPath, [path.join(HERE, 'kube-fake-apiserver.cjs')], { env, cwd: work, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => d.toString().includes('probe apiserver on') && resolve());
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  let n = 0;
  return {
    port,
    kubeconfig,
    log: env.LOG,
    run(args) {
      const r = spawnSync('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(work, `cache-${n++}`), ...args], {
        env: { ...process.env, TZ: 'UTC', LANG: 'C.UTF-8', KUBECONFIG: kubeconfig },
        encoding: 'utf8',
      });
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
    },
    stop() {
      server.kill();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}
