/** Shell variables, exports, working directory, positional parameters, functions. */
import type { FunctionDef } from './ast';

export class ShellState {
  vars = new Map<string, string>();
  exported = new Set<string>();
  cwd = '/';
  positional: string[] = [];
  /** `$0`. */
  arg0 = 'bash';
  lastStatus = 0;
  functions = new Map<string, FunctionDef>();
  /** Saved values for `local`, one frame per running function. */
  localFrames: Map<string, string | undefined>[] = [];

  get(name: string): string | undefined {
    return this.vars.get(name);
  }

  set(name: string, value: string): void {
    this.vars.set(name, value);
  }

  unset(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }

  export(name: string, value?: string): void {
    if (value !== undefined) this.vars.set(name, value);
    this.exported.add(name);
  }

  /** Exported variables that have a value. */
  env(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of [...this.exported].sort()) {
      const v = this.vars.get(name);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  /** Make `name` local to the innermost running function (`local`). */
  makeLocal(name: string): boolean {
    const frame = this.localFrames[this.localFrames.length - 1];
    if (!frame) return false;
    if (!frame.has(name)) frame.set(name, this.vars.get(name));
    return true;
  }

  /** A copy for a subshell (pipeline element, `( … )`, `$( … )`). */
  clone(): ShellState {
    const s = new ShellState();
    s.vars = new Map(this.vars);
    s.exported = new Set(this.exported);
    s.cwd = this.cwd;
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.lastStatus = this.lastStatus;
    s.functions = new Map(this.functions);
    s.localFrames = this.localFrames.map((f) => new Map(f));
    return s;
  }
}
