/**
 * Replays a script recorded from the REAL kubectl (tests/tools/capture-kubectl.mjs, contract B)
 * through our simulation and returns both transcripts, step by step.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createSimulation } from '../src/sim/index';
import type { ReadonlyFiles } from '../src/sim/shell/types';

export interface Step {
  cmd: string;
  stdout: string;
  stderr: string;
  exit: number;
}

const DIR = path.join(__dirname, 'fixtures/kubectl');
export const FILES_DIR = path.join(DIR, 'files');

export function filesLayer(root = FILES_DIR): ReadonlyFiles {
  const inside = (p: string) => p === root || p.startsWith(root + '/');
  return {
    read(p) {
      if (!inside(p)) return undefined;
      try {
        return fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    list(d) {
      if (inside(d)) {
        try {
          return fs.statSync(d).isDirectory() ? fs.readdirSync(d).sort() : undefined;
        } catch {
          return undefined;
        }
      }
      const prefix = d === '/' ? '/' : d + '/';
      return root.startsWith(prefix) ? [root.slice(prefix.length).split('/')[0]] : undefined;
    },
  };
}

export function loadFixture(name: string): Step[] {
  return JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8')) as Step[];
}

/** Run each recorded command in one fresh simulation; `stepMs` of virtual time between steps. */
export async function replay(steps: { cmd: string }[], stepMs = 200): Promise<Step[]> {
  const sim = createSimulation({ files: filesLayer(), cwd: FILES_DIR, watchLimitMs: 30_000 });
  const out: Step[] = [];
  for (const s of steps) {
    let stdout = '';
    let stderr = '';
    const exit = await sim.shell.run(s.cmd, { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t) });
    out.push({ cmd: s.cmd, stdout, stderr, exit });
    sim.advance(stepMs);
  }
  return out;
}

/** Real-kubectl klog lines carry wall-clock time and pids: mask them. */
export function normalize(s: string): string {
  return (
    s
      .replace(/^([EWI])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$1MMDD hh:mm:ss.uuuuuu PID ')
      // generated name suffixes (DaemonSet / ReplicaSet pods) are dynamic fields
      .replace(/\b(kube-proxy|[a-z0-9-]+-[a-f0-9]{8,10})-[b-df-hj-np-tv-z2-9]{5}\b/g, '$1-xxxxx')
  );
}
