/** What a helm invocation can use — the same shape kubectl gets (src/sim/kubectl/env.ts). */
import type { LocalClient } from '../client/local';
import type { ReleaseStore } from './storage';

export interface HelmEnv {
  client: LocalClient;
  store: ReleaseStore;
  /** Repositories added with `helm repo add` (name → URL), in order. */
  repos: Map<string, string>;
  now(): number;
  sleep(ms: number): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string | undefined;
  listDir(path: string): string[] | undefined;
  /** The kubeconfig context's namespace. */
  namespace: string;
}

/** A helm failure: printed as `Error: <message>`, exit status 1. */
export class HelmError extends Error {}
