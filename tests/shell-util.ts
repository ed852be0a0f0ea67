/** Helpers for the shell tests: a shell on a fake clock, and running text in it. */
import { createShell, type Shell, type ShellOptions } from '../src/sim/shell/index';

export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);

export interface TestShell {
  sh: Shell;
  /** Run text: combined stdout+stderr, and the status. */
  run(text: string, signal?: AbortSignal): Promise<{ out: string; stdout: string; stderr: string; code: number }>;
  now(): number;
  /** Sleeps requested through the waiter, in ms. */
  sleeps: number[];
}

export function makeShell(opts: Partial<ShellOptions> = {}): TestShell {
  let t = T0;
  const sleeps: number[] = [];
  const sh = createShell({
    hostname: 'controlplane',
    now: () => t,
    waiter: {
      sleep(ms, signal) {
        if (signal?.aborted) return Promise.reject(new Error('aborted'));
        sleeps.push(ms);
        t += ms;
        return Promise.resolve();
      },
    },
    ...opts,
  });
  return {
    sh,
    sleeps,
    now: () => t,
    async run(text, signal) {
      let out = '';
      let stdout = '';
      let stderr = '';
      const code = await sh.run(
        text,
        {
          stdout: (s) => {
            out += s;
            stdout += s;
          },
          stderr: (s) => {
            out += s;
            stderr += s;
          },
        },
        signal,
      );
      return { out, stdout, stderr, code };
    },
  };
}

/** Run text and return only the combined output. */
export async function out(text: string, shell = makeShell()): Promise<string> {
  return (await shell.run(text)).out;
}
