/** What a kubectl invocation can use: the apiserver (over REST), the clock, the terminal, files. */
import type { LocalClient } from '../client/local';
import type { ExecSession } from '../client/exec-types';

export interface KubectlEnv {
  client: LocalClient;
  now(): number;
  /** Let virtual time pass (watch, wait, rollout status); rejects when aborted. */
  sleep(ms: number): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
  stdin: string;
  /** Read a file relative to the shell's cwd; undefined when missing. */
  readFile(path: string): string | undefined;
  /** Write a file (the kubeconfig); absent: kubectl keeps its kubeconfig in memory. */
  writeFile?(path: string, text: string): void;
  /** The shell's environment ($KUBECONFIG, $HOME). */
  getenv?(name: string): string | undefined;
  /** Entries of a directory, or undefined when it is not one. */
  listDir(path: string): string[] | undefined;
  signal?: AbortSignal;
  /** The kubeconfig context's namespace. */
  namespace: string;
  /** Process-ish id for klog-style lines. */
  pid: number;
  /** Scripted runs bound `-w` to this much virtual time; a page watches until Ctrl-C. */
  watchLimitMs?: number;
  /**
   * Hand an interactive session (`kubectl exec -it … -- sh`) to the terminal: its lines go to the
   * session until it exits (the session's ShellStack). Absent: no terminal can host one.
   */
  openSession?(session: ExecSession): void;
}
