/** Node selectors and required node affinity (component-helpers/scheduling/corev1/nodeaffinity). */
import type { Obj } from '../../client/types';

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function matchRequirement(r: NodeSelectorRequirement, get: (k: string) => string | undefined): boolean {
  const v = get(r.key);
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return v !== undefined && vals.includes(v);
    case 'NotIn':
      return v === undefined || !vals.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
    case 'Lt': {
      if (v === undefined || vals.length !== 1) return false;
      const a = Number.parseInt(v, 10);
      const b = Number.parseInt(vals[0], 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** One term: all of its expressions and fields must match; an empty term matches nothing. */
export function matchNodeSelectorTerm(term: NodeSelectorTerm, node: Obj): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  const label = (k: string) => (Object.prototype.hasOwnProperty.call(labels, k) ? labels[k] : undefined);
  const field = (k: string) => (k === 'metadata.name' ? node.metadata.name : undefined);
  return exprs.every((r) => matchRequirement(r, label)) && fields.every((r) => matchRequirement(r, field));
}

/** Terms are ORed. */
export function matchNodeSelectorTerms(terms: NodeSelectorTerm[] | undefined, node: Obj): boolean {
  return (terms ?? []).some((t) => matchNodeSelectorTerm(t, node));
}

/** GetRequiredNodeAffinity(pod).Match(node): spec.nodeSelector and requiredDuringScheduling terms. */
export function podMatchesNodeSelectorAndAffinity(pod: Obj, node: Obj): boolean {
  const sel: Record<string, string> = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req && !matchNodeSelectorTerms(req.nodeSelectorTerms, node)) return false;
  return true;
}
