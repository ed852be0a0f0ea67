/** The shape of a kubectl (sub)command and what its run function receives. */
import type { FlagSpec, FlagValues } from './flags';
import type { KubectlEnv } from './env';

export interface CmdContext {
  env: KubectlEnv;
  args: string[];
  flags: FlagValues;
  changed: Set<string>;
  /** -n, or the kubeconfig namespace. */
  namespace: string;
  /** `kubectl get`, for usage lines. */
  path: string;
  /** cobra's ArgsLenAtDash: how many args came before `--`, or -1 (absent: -1). */
  argsLenAtDash?: number;
}

export interface CommandDef {
  name: string;
  aliases?: string[];
  /** One line for `kubectl --help`. */
  short: string;
  flags?: FlagSpec[];
  /** Flags that must be set: cobra's `required flag(s) "image" not set`. */
  required?: string[];
  sub?: CommandDef[];
  run?(ctx: CmdContext): Promise<number> | number;
}

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
export const bool = (v: unknown): boolean => v === true;
export const num = (v: unknown, d = 0): number => (typeof v === 'number' ? v : d);
export const arr = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);
