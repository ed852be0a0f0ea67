/**
 * `npm run test:kubectl-diff`: the same command forms through our kubectl (contract A's session)
 * and through the real kubectl against a twin cluster served over HTTP (contract B). Both clusters
 * have the same seed and see the same commands; clocks are kept equal. Prints every difference and,
 * last, `kubectl diff: N/M identical`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSession } from '../../src/sim/cluster/session';
import { Cluster } from '../../src/sim/cluster/cluster';
import { mountDirectory } from '../mount-files';
import { serveFrozen } from './http';
import { CASES, FILES } from './cases';
import { mask, sameModuloSpacing } from './normalize';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const verbose = process.argv.includes('-v');

function runReal(cmd: string, cwd: string, bin: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', `${cmd} 2>&1`], { cwd, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, KUBECONFIG: '/dev/null', TZ: 'UTC' }, timeout: 60_000 }, (_err, stdout) => resolve(stdout));
  });
}

async function main(): Promise<void> {
  if (!fs.existsSync(KUBECTL)) {
    console.log(`kubectl diff: skipped (no ${KUBECTL})`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kdiff-'));
  for (const [f, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir, f), text);
  const mount = mountDirectory(dir);
  const ours = createSession({ files: mount.files, cwd: mount.root });
  const twin = new Cluster();
  const served = await serveFrozen(twin);
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'kdiff-bin-'));
  fs.writeFileSync(path.join(bin, 'kubectl'), `#!/bin/sh\nexec ${KUBECTL} --server ${served.url} --cache-dir ${bin}/cache "$@"\n`, { mode: 0o755 });
  let same = 0;
  let total = 0;
  try {
    for (const c of CASES) {
      let oursOut = '';
      const io = { stdout: (s: string) => void (oursOut += s), stderr: (s: string) => void (oursOut += s) };
      if (c.cmd.startsWith('sleep ')) {
        const ms = Number(c.cmd.split(' ')[1]) * 1000;
        ours.cluster.clock.advance(ms);
        twin.clock.advance(ms);
        continue;
      }
      await ours.shell.run(c.cmd, io);
      const realOut = await runReal(c.cmd, dir, bin);
      // keep the twins in step: both clocks to the later one, plus think time
      const t = Math.max(ours.cluster.clock.now(), twin.clock.now()) + 2000;
      ours.cluster.clock.advanceTo(t);
      twin.clock.advanceTo(t);
      if (c.setup) continue;
      total++;
      const ok = c.loose ? sameModuloSpacing(oursOut, realOut) : mask(oursOut) === mask(realOut);
      if (ok) {
        same++;
        if (verbose) console.log(`same   ${c.cmd}`);
        continue;
      }
      console.log(`DIFF   ${c.cmd}`);
      console.log(diffText(mask(realOut), mask(oursOut)));
    }
  } finally {
    await served.close();
  }
  console.log(`kubectl diff: ${same}/${total} identical`);
}

/** A small line diff: `-` real kubectl, `+` ours. */
function diffText(real: string, ours: string): string {
  const a = real.split('\n');
  const b = ours.split('\n');
  const out: string[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) continue;
    if (a[i] !== undefined) out.push(`  - ${a[i]}`);
    if (b[i] !== undefined) out.push(`  + ${b[i]}`);
    if (out.length > 24) {
      out.push('  …');
      break;
    }
  }
  return out.join('\n');
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
