/** Role / ClusterRole (rules broken down, compacted and sorted like kubectl) and the binding describers. */
import type { Obj } from '../../client/types';
import { goSlice, printAnnotationsMultiline, printLabelsMultiline, type Any } from './common';
import { LEVEL_0, LEVEL_1, PrefixWriter } from './writer';

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/** rbac.BreakdownRule: one rule per group × resource × verb (× name), then per non-resource URL × verb. */
function breakdown(r: Any): Rule[] {
  const out: Rule[] = [];
  const verbs: string[] = r.verbs ?? [];
  for (const g of r.apiGroups ?? [])
    for (const res of r.resources ?? [])
      for (const v of verbs) {
        if ((r.resourceNames ?? []).length > 0) for (const n of r.resourceNames) out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [n], nonResourceURLs: [] });
        else out.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [], nonResourceURLs: [] });
      }
  for (const u of r.nonResourceURLs ?? []) for (const v of verbs) out.push({ verbs: [v], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [u] });
  return out;
}

/** rbac.CompactRules: merge the verbs of rules on the same group/resource/name. */
function compact(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    if (r.nonResourceURLs.length > 0 || r.apiGroups.length !== 1 || r.resources.length !== 1 || r.resourceNames.length > 1) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames.length > 0, r.resourceNames[0] ?? '']);
    const ex = simple.get(key);
    if (ex) {
      for (const v of r.verbs) if (!ex.verbs.includes(v)) ex.verbs.push(v);
    } else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

/** PolicyRule.String(), the sort key. */
const ruleString = (r: Rule) =>
  `&PolicyRule{Verbs:${goSlice(r.verbs)},APIGroups:${goSlice(r.apiGroups)},Resources:${goSlice(r.resources)},ResourceNames:${goSlice(r.resourceNames)},NonResourceURLs:${goSlice(r.nonResourceURLs)},}`;

function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return '';
  const i = resources[0].indexOf('/');
  let c = i < 0 ? resources[0] : resources[0].slice(0, i);
  if (groups.length > 0 && groups[0] !== '') c += '.' + groups[0];
  if (i >= 0) c += '/' + resources[0].slice(i + 1);
  return c;
}

/** Role and ClusterRole. */
export function describeRole(role: Obj): string {
  const rules = compact((role.rules ?? []).flatMap(breakdown));
  const keyed = rules.map((r) => ({ r, k: ruleString(r) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)); // sort.Stable
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${role.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', role.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', role.metadata.annotations);
  w.write(LEVEL_0, 'PolicyRule:\n');
  w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
  for (const { r } of keyed) w.write(LEVEL_1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`);
  return w.toString();
}

/** RoleBinding and ClusterRoleBinding. */
export function describeRoleBinding(b: Obj): string {
  const w = new PrefixWriter();
  w.write(LEVEL_0, `Name:\t${b.metadata.name ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', b.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', b.metadata.annotations);
  w.write(LEVEL_0, 'Role:\n');
  w.write(LEVEL_1, `Kind:\t${b.roleRef?.kind ?? ''}\n`);
  w.write(LEVEL_1, `Name:\t${b.roleRef?.name ?? ''}\n`);
  w.write(LEVEL_0, 'Subjects:\n');
  w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
  w.write(LEVEL_1, '----\t----\t---------\n');
  for (const s of b.subjects ?? []) w.write(LEVEL_1, `${s.kind ?? ''}\t${s.name ?? ''}\t${s.namespace ?? ''}\n`);
  return w.toString();
}
