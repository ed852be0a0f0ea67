/**
 * Records what the REAL kubectl prints for a script of commands, run against our simulated
 * apiserver over HTTP (contract B). Usage (from the repo root):
 *
 *   node tests/tools/capture-kubectl.mjs tests/fixtures/kubectl/label.sh [PORT]
 *
 * Starts `npm run apiserver -- --port PORT`, runs every line of the script with `bash -c` in
 * tests/fixtures/kubectl/files (a `kubectl` function points the real binary at the server with a
 * fresh cache dir), and writes <script>.json: [{cmd, stdout, stderr, exit}]. Lines starting with `#`
 * are skipped; `sleep N` lines are recorded too (the server's clock follows wall time).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const script = process.argv[2];
const port = process.argv[3] ?? String(18100 + Math.floor(Math.random() * 800));
const root = process.env.KA_ROOT ?? process.cwd();
const cacheDir = fs.mkdtempSync('/tmp/kc-capture-');
const server = spawn('npm', ['run', '--silent', 'apiserver', '--', '--port', port], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => String(d).includes('listening') && resolve());
  server.on('exit', () => reject(new Error('apiserver exited')));
});
const prelude = `kubectl() { KUBECONFIG=/dev/null command kubectl --server http://127.0.0.1:${port} --cache-dir ${cacheDir} "$@"; }\n`;
const out = [];
for (const line of fs.readFileSync(script, 'utf8').split('\n')) {
  if (!line.trim() || line.trim().startsWith('#')) continue;
  const r = spawnSync('bash', ['-c', prelude + line], { cwd: path.join(path.dirname(script), 'files'), encoding: 'utf8' });
  out.push({ cmd: line, stdout: r.stdout, stderr: r.stderr, exit: r.status });
}
fs.writeFileSync(script.replace(/\.sh$/, '.json'), JSON.stringify(out, null, 1) + '\n');
process.kill(-server.pid, 'SIGTERM'); // the process group this script started
fs.rmSync(cacheDir, { recursive: true, force: true });
