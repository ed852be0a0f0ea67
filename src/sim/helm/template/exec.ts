/**
 * Executing parsed templates the way Helm's engine does: missing map keys render as nothing
 * (Helm's `missingkey=zero` plus its "<no value>" cleanup), a field of nil is an error, `include`
 * renders a named template into a string, truthiness follows Go (false, 0, "", nil, empty list/map).
 */
import { type Arg, type Node, type Parsed, type Pipe, TemplateError, parseTemplate } from './parse';
import { FUNCS, type FuncEnv, goString, truthy } from './funcs';

export { truthy };

class Break {}
class Continue {}


interface Scope {
  dot: unknown;
  vars: Map<string, unknown>[];
}

export class Engine {
  private defines = new Map<string, Node[]>();
  private depth = 0;

  constructor(private readonly root: unknown) {}

  /** Add the named templates of one file (all files' defines are shared, as in Helm). */
  addDefines(p: Parsed) {
    for (const [k, v] of p.defines) this.defines.set(k, v);
  }

  render(p: Parsed, name: string): string {
    const out: string[] = [];
    this.exec(p.root, { dot: this.root, vars: [new Map([['$', this.root]])] }, out, name);
    return out.join('');
  }

  /** `include "name" ctx` */
  include(name: string, dot: unknown, file: string): string {
    const t = this.defines.get(name);
    if (!t) throw new TemplateError(`template: ${file}: no template "${name}" associated with template "gotpl"`);
    if (++this.depth > 100) throw new TemplateError(`template: ${file}: rendering template has a nested reference name: ${name}`);
    try {
      const out: string[] = [];
      this.exec(t, { dot, vars: [new Map([['$', dot]])] }, out, file);
      return out.join('');
    } finally {
      this.depth--;
    }
  }

  private exec(nodes: Node[], sc: Scope, out: string[], file: string): void {
    for (const n of nodes) {
      switch (n.t) {
        case 'text':
          out.push(n.v);
          break;
        case 'action': {
          const v = this.pipe(n.pipe, sc, file);
          if (!n.pipe.decl) out.push(printValue(v));
          break;
        }
        case 'if': {
          const inner = { dot: sc.dot, vars: [...sc.vars, new Map()] };
          if (truthy(this.pipe(n.pipe, inner, file))) this.exec(n.then, inner, out, file);
          else if (n.else) this.exec(n.else, { dot: sc.dot, vars: [...sc.vars, new Map()] }, out, file);
          break;
        }
        case 'with': {
          const inner = { dot: sc.dot, vars: [...sc.vars, new Map()] };
          const v = this.pipe(n.pipe, inner, file);
          if (truthy(v)) this.exec(n.then, { dot: v, vars: inner.vars }, out, file);
          else if (n.else) this.exec(n.else, { dot: sc.dot, vars: [...sc.vars, new Map()] }, out, file);
          break;
        }
        case 'range': {
          const decl = n.pipe.decl;
          const v = this.pipe({ ...n.pipe, decl: undefined }, sc, file);
          const entries: [unknown, unknown][] = Array.isArray(v)
            ? v.map((x, i) => [i, x])
            : v && typeof v === 'object'
              ? Object.keys(v as object).sort().map((k) => [k, (v as Record<string, unknown>)[k]])
              : typeof v === 'number'
                ? Array.from({ length: v }, (_, i) => [i, i])
                : [];
          if (v !== undefined && v !== null && typeof v !== 'object' && typeof v !== 'number')
            throw new TemplateError(`template: ${file}:${n.pipe.line}:${n.pipe.col}: range can't iterate over ${goString(v)}`);
          if (!entries.length) {
            if (n.else) this.exec(n.else, sc, out, file);
            break;
          }
          for (const [k, x] of entries) {
            const vars = new Map<string, unknown>();
            if (decl) {
              if (decl.names.length === 1) vars.set(decl.names[0], x);
              else {
                vars.set(decl.names[0], k);
                vars.set(decl.names[1], x);
              }
            }
            try {
              this.exec(n.then, { dot: x, vars: [...sc.vars, vars] }, out, file);
            } catch (e) {
              if (e instanceof Break) break;
              if (e instanceof Continue) continue;
              throw e;
            }
          }
          break;
        }
        case 'template': {
          const dot = n.pipe ? this.pipe(n.pipe, sc, file) : undefined;
          out.push(this.include(n.name, dot, file));
          break;
        }
        case 'break':
          throw new Break();
        case 'continue':
          throw new Continue();
      }
    }
  }

  private pipe(p: Pipe, sc: Scope, file: string): unknown {
    const where = `template: ${file}:${p.line}:${p.col}: executing "${file}" at <${p.src}>`;
    let v: unknown;
    let first = true;
    for (const cmd of p.cmds) {
      v = this.cmd(cmd.args, sc, file, where, first ? undefined : { v }, p);
      first = false;
    }
    if (p.decl) {
      if (p.decl.assign) {
        const name = p.decl.names[0];
        const frame = [...sc.vars].reverse().find((m) => m.has(name));
        if (!frame) throw new TemplateError(`${where}: undefined variable: ${name}`);
        frame.set(name, v);
      } else sc.vars[sc.vars.length - 1].set(p.decl.names[0], v);
    }
    return v;
  }

  private cmd(args: Arg[], sc: Scope, file: string, where: string, piped: { v: unknown } | undefined, p: Pipe): unknown {
    const head = args[0];
    if (head.t === 'ident') {
      const name = head.name;
      if (name === 'include') {
        const vals = args.slice(1).map((a) => this.arg(a, sc, file, where));
        if (piped) vals.push(piped.v);
        return this.include(String(vals[0]), vals[1], file);
      }
      if (name === 'tpl') {
        const vals = args.slice(1).map((a) => this.arg(a, sc, file, where));
        if (piped) vals.push(piped.v);
        return this.tpl(String(vals[0]), vals[1], file);
      }
      if (name === 'and' || name === 'or') {
        // short-circuit, returning the deciding operand, as Go does
        const rest = args.slice(1);
        let last: unknown;
        for (const a of rest) {
          last = this.arg(a, sc, file, where);
          if (name === 'and' ? !truthy(last) : truthy(last)) return last;
        }
        if (piped) last = piped.v;
        return last;
      }
      const fn = FUNCS[name];
      if (!fn) throw new TemplateError(`template: ${file}:${p.line}: function "${name}" not defined`);
      const vals = args.slice(1).map((a) => this.arg(a, sc, file, where));
      if (piped) vals.push(piped.v);
      const env: FuncEnv = { where };
      return fn(env, ...vals);
    }
    if (args.length > 1) throw new TemplateError(`${where}: can't give argument to non-function ${describeArg(head)}`);
    const v = this.arg(head, sc, file, where);
    if (piped) throw new TemplateError(`${where}: can't give argument to non-function ${describeArg(head)}`);
    return v;
  }

  private tpl(src: string, dot: unknown, file: string): string {
    // `tpl` renders a string as a template (used for values that contain template text)
    const parsed = parseTemplate(src, file);
    const out: string[] = [];
    this.exec(parsed.root, { dot, vars: [new Map([['$', dot]])] }, out, file);
    return out.join('');
  }

  private arg(a: Arg, sc: Scope, file: string, where: string): unknown {
    switch (a.t) {
      case 'str':
      case 'num':
      case 'bool':
        return a.v;
      case 'nil':
        return null;
      case 'ident': {
        const fn = FUNCS[a.name];
        if (!fn) throw new TemplateError(`${where}: function "${a.name}" not defined`);
        return fn({ where });
      }
      case 'paren':
        return this.walk(this.pipe(a.pipe, sc, file), a.path, where, '');
      case 'field': {
        let base: unknown;
        let label = '';
        if (a.base === 'dot') base = sc.dot;
        else if (a.base === 'root') base = lookupVar(sc, '$', where);
        else {
          base = lookupVar(sc, a.name!, where);
          label = a.name!;
        }
        return this.walk(base, a.path, where, label);
      }
    }
  }

  private walk(v: unknown, path: string[], where: string, _label: string): unknown {
    for (const key of path) {
      if (v === undefined || v === null) throw new TemplateError(`${where}: nil pointer evaluating interface {}.${key}`);
      if (typeof v !== 'object' || Array.isArray(v)) throw new TemplateError(`${where}: can't evaluate field ${key} in type ${goType(v)}`);
      v = (v as Record<string, unknown>)[key];
    }
    return v;
  }
}


function lookupVar(sc: Scope, name: string, where: string): unknown {
  for (let i = sc.vars.length - 1; i >= 0; i--) if (sc.vars[i].has(name)) return sc.vars[i].get(name);
  throw new TemplateError(`${where}: undefined variable: ${name}`);
}

function describeArg(a: Arg): string {
  if (a.t === 'field') return (a.base === 'dot' ? '.' : a.base === 'root' ? '$.' : a.name + '.') + a.path.join('.');
  return a.t;
}

function goType(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'interface {}';
}

/** How `{{ x }}` prints a value: Go's fmt %v, with Helm's "<no value>" → "". */
export function printValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  return goString(v);
}
