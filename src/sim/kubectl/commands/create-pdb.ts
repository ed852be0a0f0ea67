/** kubectl create poddisruptionbudget (create_pdb.go): a selector and one of --min-available / --max-unavailable. */
import type { CommandDef } from '../command';
import { str } from '../command';
import { CmdError } from '../errors';
import type { Obj } from '../../client/types';
import { parseLabelSelector } from '../../api/selectors';
import { createTyped, GEN_COMMON, meta, oneName, sortMap, type StaticKind } from './generators';

const PDB: StaticKind = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true };

/** metav1.ParseToLabelSelector: equality terms → matchLabels, set terms → matchExpressions. */
function labelSelector(text: string): Record<string, unknown> {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: Record<string, unknown>[] = [];
  for (const r of parseLabelSelector(text)) {
    if (r.op === '=') matchLabels[r.key] = r.value;
    else if (r.op === '!=') matchExpressions.push({ key: r.key, operator: 'NotIn', values: [r.value] });
    else if (r.op === 'in' || r.op === 'notin') matchExpressions.push({ key: r.key, operator: r.op === 'in' ? 'In' : 'NotIn', values: r.values });
    else matchExpressions.push({ key: r.key, operator: r.op === 'exists' ? 'Exists' : 'DoesNotExist' });
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels: sortMap(matchLabels) } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

/** intstr.Parse: an integer, or the string as given (`50%`). */
const intOrString = (v: string): number | string => (/^-?\d+$/.test(v) ? Number(v) : v);

export const pdbCommand: CommandDef = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  short: 'Create a pod disruption budget with the specified name',
  flags: [{ name: 'selector', type: 'string', default: '' }, { name: 'min-available', type: 'string', default: '' }, { name: 'max-unavailable', type: 'string', default: '' }, ...GEN_COMMON],
  run(ctx) {
    const name = oneName(ctx);
    const selector = str(ctx.flags.selector);
    const min = str(ctx.flags['min-available']);
    const max = str(ctx.flags['max-unavailable']);
    if (!selector) throw new CmdError('a selector must be specified');
    if (!min && !max) throw new CmdError('one of min-available or max-unavailable must be specified');
    if (min && max) throw new CmdError('min-available and max-unavailable cannot be both specified');
    if (min && !/^[0-9]+%?$/.test(min)) throw new CmdError('invalid format specified for min-available');
    if (max && !/^[0-9]+%?$/.test(max)) throw new CmdError('invalid format specified for max-unavailable');
    const spec: Record<string, unknown> = { ...(min ? { minAvailable: intOrString(min) } : {}), selector: labelSelector(selector), ...(max ? { maxUnavailable: intOrString(max) } : {}) };
    const obj = { kind: 'PodDisruptionBudget', apiVersion: 'policy/v1', metadata: meta(ctx, name, PDB), spec, status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 } } as unknown as Obj;
    return createTyped(ctx, PDB, obj, 'poddisruptionbudget');
  },
};
