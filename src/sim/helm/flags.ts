/** Helm's command-line flags (cobra/pflag style: `-n x`, `--namespace=x`, flags anywhere). */

export interface FlagSpec {
  /** long name → takes a value? */
  [long: string]: { value: boolean; short?: string; repeat?: boolean };
}

export interface Parsed {
  args: string[];
  flags: Record<string, string | boolean>;
  multi: Record<string, string[]>;
}

export class FlagError extends Error {}

export const GLOBAL: FlagSpec = {
  namespace: { value: true, short: 'n' },
  debug: { value: false },
  'kube-context': { value: true },
  kubeconfig: { value: true },
  help: { value: false, short: 'h' },
};

export function parseFlags(argv: string[], spec: FlagSpec): Parsed {
  const all: FlagSpec = { ...GLOBAL, ...spec };
  const byShort = new Map<string, string>();
  for (const [k, v] of Object.entries(all)) if (v.short) byShort.set(v.short, k);
  const out: Parsed = { args: [], flags: {}, multi: {} };
  const put = (name: string, val: string | boolean) => {
    if (all[name].repeat) (out.multi[name] ??= []).push(String(val));
    out.flags[name] = val;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const f = all[name];
      if (!f) throw new FlagError(`unknown flag: --${name}`);
      if (!f.value) {
        put(name, eq >= 0 ? a.slice(eq + 1) !== 'false' : true);
        continue;
      }
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new FlagError(`flag needs an argument: --${name}`);
      put(name, v);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const ch = a[1];
      const name = byShort.get(ch);
      if (!name) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
      if (!all[name].value) {
        put(name, true);
        continue;
      }
      let v = a.length > 2 ? a.slice(2) : argv[++i];
      if (v !== undefined && v.startsWith('=') && a.length > 2) v = v.slice(1);
      if (v === undefined) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
      put(name, v);
      continue;
    }
    out.args.push(a);
  }
  return out;
}
