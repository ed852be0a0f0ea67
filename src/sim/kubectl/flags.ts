/**
 * A pflag-compatible flag parser: `--name=v`, `--name v`, `-n v`, `-nv`, `-n=v`, bool flags,
 * repeated string-array flags, `--` ending flags. Errors carry cobra's exact wording.
 */
export type FlagType = 'string' | 'bool' | 'int' | 'stringArray' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | boolean | number | string[];
  /** For string flags that may be given without a value (`--dry-run` → `unchanged`). */
  noOptDefault?: string;
}

export type FlagValues = Record<string, string | boolean | number | string[] | undefined>;

export class FlagError extends Error {}

export interface ParsedArgs {
  args: string[];
  flags: FlagValues;
  /** Names of flags the user set explicitly. */
  changed: Set<string>;
  /** cobra's ArgsLenAtDash: how many args came before `--`, or -1 without one. */
  argsLenAtDash: number;
}

export function parseFlags(argv: string[], specs: FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: FlagValues = {};
  for (const s of specs) flags[s.name] = s.type === 'stringArray' ? [...((s.default as string[]) ?? [])] : s.default;
  const changed = new Set<string>();
  const args: string[] = [];
  let argsLenAtDash = -1;

  const set = (spec: FlagSpec, raw: string, display: string) => {
    changed.add(spec.name);
    switch (spec.type) {
      case 'bool':
        if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE', 'True', 'False'].includes(raw))
          throw new FlagError(`invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
        flags[spec.name] = ['true', '1', 't', 'TRUE', 'True'].includes(raw);
        break;
      case 'int': {
        if (!/^[+-]?\d+$/.test(raw)) throw new FlagError(`invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
        flags[spec.name] = Number(raw);
        break;
      }
      case 'stringArray':
        (flags[spec.name] as string[]).push(raw);
        break;
      default:
        flags[spec.name] = raw;
    }
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      argsLenAtDash = args.length;
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, a.slice(eq + 1), `--${name}`);
      else if (spec.type === 'bool') set(spec, 'true', `--${name}`);
      else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault, `--${name}`);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(spec, argv[++i], `--${name}`);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // shorthand cluster: -it, -nkube-system, -n=kube-system
      let j = 1;
      while (j < a.length) {
        const c = a[j];
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const rest = a.slice(j + 1);
        const display = `-${c}, --${spec.name}`;
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1), display);
            break;
          }
          set(spec, 'true', display);
          j++;
          continue;
        }
        if (rest.length) set(spec, rest.startsWith('=') ? rest.slice(1) : rest, display);
        else if (spec.noOptDefault !== undefined) set(spec, spec.noOptDefault, display);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          set(spec, argv[++i], display);
        }
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { args, flags, changed, argsLenAtDash };
}

/** Flags every kubectl command accepts (the kubeconfig/global set). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', default: '' },
  { name: 'kubeconfig', type: 'string', default: '' },
  { name: 'context', type: 'string', default: '' },
  { name: 'cluster', type: 'string', default: '' },
  { name: 'user', type: 'string', default: '' },
  { name: 'server', short: 's', type: 'string', default: '' },
  { name: 'token', type: 'string', default: '' },
  { name: 'as', type: 'string', default: '' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'request-timeout', type: 'string', default: '0' },
  { name: 'insecure-skip-tls-verify', type: 'bool', default: false },
  { name: 'certificate-authority', type: 'string', default: '' },
  { name: 'client-certificate', type: 'string', default: '' },
  { name: 'client-key', type: 'string', default: '' },
  { name: 'cache-dir', type: 'string', default: '' },
  { name: 'v', short: 'v', type: 'string', default: '0' },
  { name: 'warnings-as-errors', type: 'bool', default: false },
  { name: 'match-server-version', type: 'bool', default: false },
  { name: 'disable-compression', type: 'bool', default: false },
  { name: 'tls-server-name', type: 'string', default: '' },
  { name: 'username', type: 'string', default: '' },
  { name: 'password', type: 'string', default: '' },
  { name: 'profile', type: 'string', default: 'none' },
  { name: 'profile-output', type: 'string', default: 'profile.pprof' },
  { name: 'log-flush-frequency', type: 'string', default: '5s' },
  { name: 'help', short: 'h', type: 'bool', default: false },
];
