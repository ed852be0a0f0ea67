/** `-f/--values` files and `--set`/`--set-string` flags → the user-supplied values. */
import type { HelmEnv } from './env';
import { HelmError } from './env';
import type { Parsed } from './flags';
import { applySet, mergeValues, parseValuesFile, type Values, ValuesError } from './values';

export const VALUE_FLAGS = {
  values: { value: true, short: 'f', repeat: true },
  set: { value: true, repeat: true },
  'set-string': { value: true, repeat: true },
} as const;

export function userValues(env: HelmEnv, p: Parsed): Values {
  let vals: Values = {};
  try {
    for (const f of p.multi.values ?? []) {
      for (const path of f.split(',')) {
        const text = env.readFile(path);
        if (text === undefined) throw new HelmError(`open ${path}: no such file or directory`);
        vals = mergeValues(vals, parseValuesFile(text, path));
      }
    }
    // --set and --set-string in the order given (Helm applies --set, then --set-string)
    for (const s of p.multi.set ?? []) applySet(vals, s, false);
    for (const s of p.multi['set-string'] ?? []) applySet(vals, s, true);
  } catch (e) {
    if (e instanceof ValuesError) throw new HelmError(e.message);
    throw e;
  }
  return vals;
}

export function hasValueFlags(p: Parsed): boolean {
  return !!(p.multi.values?.length || p.multi.set?.length || p.multi['set-string']?.length);
}
