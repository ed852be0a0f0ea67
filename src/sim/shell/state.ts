/** Shell variables (scalars and indexed arrays), exports, working directory, positional parameters, functions. */
import type { FunctionDef } from './ast';

/** A variable's value: a string, or an indexed array (which reads as its element 0). */
export type VarValue = string | string[];

export class ShellState {
  vars = new Map<string, VarValue>();
  exported = new Set<string>();
  cwd = '/';
  positional: string[] = [];
  /** `$0`. */
  arg0 = 'bash';
  lastStatus = 0;
  functions = new Map<string, FunctionDef>();
  /** Saved values for `local`, one frame per running function. */
  localFrames: Map<string, VarValue | undefined>[] = [];
  /** `set -e` (errexit), `-u` (nounset), `-x` (xtrace), `-o pipefail`. */
  options = new Set<'errexit' | 'nounset' | 'xtrace' | 'pipefail'>();

  get(name: string): string | undefined {
    const v = this.vars.get(name);
    return Array.isArray(v) ? v[0] : v;
  }

  set(name: string, value: string): void {
    const v = this.vars.get(name);
    if (Array.isArray(v)) v[0] = value;
    else this.vars.set(name, value);
  }

  /** The set elements of an array in index order (a scalar is a one-element array; unset is undefined). */
  getArray(name: string): string[] | undefined {
    const v = this.vars.get(name);
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v.filter(() => true) : [v];
  }

  /** One element (`${a[i]}`); negative indexes count from the end. */
  element(name: string, index: number): string | undefined {
    const v = this.vars.get(name);
    if (v === undefined) return undefined;
    const arr = Array.isArray(v) ? v : [v];
    return arr[index < 0 ? arr.length + index : index];
  }

  setArray(name: string, values: string[]): void {
    this.vars.set(name, [...values]);
  }

  setElement(name: string, index: number, value: string): void {
    let v = this.vars.get(name);
    if (!Array.isArray(v)) {
      v = v === undefined ? [] : [v];
      this.vars.set(name, v);
    }
    if (index < 0) index += v.length;
    if (index < 0) return;
    v[index] = value;
  }

  unset(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }

  export(name: string, value?: string): void {
    if (value !== undefined) this.set(name, value);
    this.exported.add(name);
  }

  /** Exported variables that have a value. */
  env(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of [...this.exported].sort()) {
      const v = this.get(name);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  /** Make `name` local to the innermost running function (`local`). */
  makeLocal(name: string): boolean {
    const frame = this.localFrames[this.localFrames.length - 1];
    if (!frame) return false;
    if (!frame.has(name)) {
      const v = this.vars.get(name);
      frame.set(name, Array.isArray(v) ? v.slice() : v);
      this.vars.delete(name);
    }
    return true;
  }

  /** A copy for a subshell (pipeline element, `( … )`, `$( … )`). */
  clone(): ShellState {
    const s = new ShellState();
    for (const [k, v] of this.vars) s.vars.set(k, Array.isArray(v) ? v.slice() : v);
    s.exported = new Set(this.exported);
    s.cwd = this.cwd;
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.lastStatus = this.lastStatus;
    s.functions = new Map(this.functions);
    s.localFrames = this.localFrames.map((f) => new Map(f));
    s.options = new Set(this.options);
    return s;
  }
}
