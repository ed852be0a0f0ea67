/** A small GNU-style option parser: bundled short flags, values (`-n 5`, `-n5`), long options, `--`. */

export interface OptSpec {
  /** Short flags without a value, e.g. 'ivc'. */
  flags?: string;
  /** Short options taking a value, e.g. 'nf'. */
  values?: string;
  /** Long options: name → the short letter it means (or the name itself); a trailing '=' takes a value. */
  long?: Record<string, string>;
  /** Stop at the first non-option (POSIX order), instead of permuting like GNU. */
  posix?: boolean;
  /** Accept `-5` as `-n 5` (head, tail). */
  numeric?: string;
}

export interface Parsed {
  /** Flag letter (or long name) → values in order ('' for plain flags). */
  opts: Map<string, string[]>;
  args: string[];
}

export class OptError extends Error {}

export function parseArgs(argv: string[], spec: OptSpec): Parsed {
  const opts = new Map<string, string[]>();
  const args: string[] = [];
  const flags = spec.flags ?? '';
  const values = spec.values ?? '';
  const add = (k: string, v: string): void => {
    const list = opts.get(k);
    if (list) list.push(v);
    else opts.set(k, [v]);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && spec.long) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const keys = Object.keys(spec.long);
      const exact = keys.find((k) => k.replace(/=$/, '') === name);
      const matches = exact ? [exact] : keys.filter((k) => k.startsWith(name));
      if (matches.length !== 1) {
        throw new OptError(matches.length ? `option '--${name}' is ambiguous` : `unrecognized option '${a}'`);
      }
      const key = matches[0];
      const target = spec.long[key];
      if (key.endsWith('=')) {
        let v: string | undefined = eq === -1 ? argv[++i] : a.slice(eq + 1);
        if (v === undefined) throw new OptError(`option '--${key.slice(0, -1)}' requires an argument`);
        add(target, v);
      } else {
        if (eq !== -1) throw new OptError(`option '--${name}' doesn't allow an argument`);
        add(target, '');
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (spec.numeric && /^-\d+$/.test(a)) {
        add(spec.numeric, a.slice(1));
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (values.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) throw new OptError(`option requires an argument -- '${c}'`);
          add(c, v);
          break;
        }
        if (flags.includes(c)) add(c, '');
        else throw new OptError(`invalid option -- '${c}'`);
      }
      continue;
    }
    if (spec.posix) {
      args.push(...argv.slice(i));
      break;
    }
    args.push(a);
  }
  return { opts, args };
}

export function has(p: Parsed, ...keys: string[]): boolean {
  return keys.some((k) => p.opts.has(k));
}

export function last(p: Parsed, key: string): string | undefined {
  const v = p.opts.get(key);
  return v ? v[v.length - 1] : undefined;
}
