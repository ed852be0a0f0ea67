/**
 * RBAC: the authorizer (rbac.authorization.k8s.io/v1 rules over Roles, ClusterRoles and their
 * bindings, as plugin/pkg/auth/authorizer/rbac evaluates them), the Forbidden message, and the
 * bootstrap objects the apiserver creates at start.
 */
import type { Obj } from '../../client/types';
import { BOOTSTRAP_CLUSTER_ROLES, BOOTSTRAP_CLUSTER_ROLE_BINDINGS } from './bootstrap-policy';

export interface UserInfo {
  name: string;
  groups: string[];
}

/** authorizer.Attributes */
export interface Attributes {
  user: UserInfo;
  verb: string;
  /** Resource requests: */
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests (/healthz, /version …): */
  path?: string;
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

/** What the authorizer reads (the apiserver passes its storage). */
export interface RbacSource {
  clusterRoles(): Obj[];
  clusterRoleBindings(): Obj[];
  roles(ns: string): Obj[];
  roleBindings(ns: string): Obj[];
}

export const MASTERS = 'system:masters';

/** The kubeadm admin kubeconfig's identity (its client certificate: CN, O). */
export const KUBEADM_ADMIN: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] };

/** What authentication adds: every authenticated user is in system:authenticated. */
export function authenticated(u: UserInfo): UserInfo {
  if (u.name === 'system:anonymous') return { name: u.name, groups: u.groups.includes('system:unauthenticated') ? u.groups : [...u.groups, 'system:unauthenticated'] };
  return { name: u.name, groups: u.groups.includes('system:authenticated') ? u.groups : [...u.groups, 'system:authenticated'] };
}

function has(list: string[] | undefined, v: string): boolean {
  return !!list && (list.includes('*') || list.includes(v));
}

function resourceMatches(rule: PolicyRule, resource: string, sub?: string): boolean {
  const combined = sub ? `${resource}/${sub}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (sub && r === `*/${sub}`) return true;
  }
  return false;
}

function urlMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (a.path !== undefined) return has(rule.verbs, a.verb) && urlMatches(rule, a.path);
  return (
    has(rule.verbs, a.verb) &&
    has(rule.apiGroups, a.apiGroup ?? '') &&
    resourceMatches(rule, a.resource ?? '', a.subresource) &&
    (!rule.resourceNames?.length || (!!a.name && rule.resourceNames.includes(a.name)))
  );
}

function subjectMatches(s: { kind: string; name: string; namespace?: string }, u: UserInfo, bindingNs: string): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === u.name;
    case 'Group':
      return u.groups.includes(s.name);
    case 'ServiceAccount':
      return u.name === `system:serviceaccount:${s.namespace || bindingNs}:${s.name}`;
  }
  return false;
}

type Subject = { kind: string; name: string; namespace?: string };

function subjectText(s: Subject, ns: string): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount "${s.namespace || ns}/${s.name}"` : `${s.kind} "${s.name}"`;
}

/**
 * Visit the rules that apply to the user in the namespace (cluster-wide ones first), with the
 * source each came from; the visitor returns true to stop.
 */
export function visitRules(src: RbacSource, u: UserInfo, ns: string | undefined, visit: (rule: PolicyRule, source: string) => boolean): boolean {
  const clusterRoles = new Map(src.clusterRoles().map((r) => [r.metadata.name!, r]));
  for (const b of src.clusterRoleBindings()) {
    const subject = (b.subjects ?? []).find((s: Subject) => subjectMatches(s, u, ''));
    if (!subject || b.roleRef?.kind !== 'ClusterRole') continue;
    const source = `ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${b.roleRef.name}" to ${subjectText(subject, '')}`;
    for (const r of clusterRoles.get(b.roleRef.name)?.rules ?? []) if (visit(r, source)) return true;
  }
  if (ns) {
    const roles = new Map(src.roles(ns).map((r) => [r.metadata.name!, r]));
    for (const b of src.roleBindings(ns)) {
      const subject = (b.subjects ?? []).find((s: Subject) => subjectMatches(s, u, ns));
      if (!subject) continue;
      const role = b.roleRef?.kind === 'ClusterRole' ? clusterRoles.get(b.roleRef.name) : roles.get(b.roleRef?.name);
      const source = `RoleBinding "${ns}/${b.metadata.name}" of ${b.roleRef?.kind} "${b.roleRef?.name}" to ${subjectText(subject, ns)}`;
      for (const r of role?.rules ?? []) if (visit(r, source)) return true;
    }
  }
  return false;
}

export function rulesFor(src: RbacSource, u: UserInfo, ns?: string): PolicyRule[] {
  const out: PolicyRule[] = [];
  visitRules(src, u, ns, (r) => {
    out.push(r);
    return false;
  });
  return out;
}

export interface Decision {
  allowed: boolean;
  /** `RBAC: allowed by ClusterRoleBinding "…" of ClusterRole "…" to Group "…"` */
  reason: string;
}

export function decide(src: RbacSource, a: Attributes): Decision {
  if (a.user.groups.includes(MASTERS)) return { allowed: true, reason: '' };
  let reason = '';
  const allowed = visitRules(src, a.user, a.path === undefined ? a.namespace : undefined, (r, source) => {
    if (!ruleAllows(a, r)) return false;
    reason = `RBAC: allowed by ${source}`;
    return true;
  });
  return { allowed, reason };
}

export function authorize(src: RbacSource, a: Attributes): boolean {
  return decide(src, a).allowed;
}

/**
 * The Forbidden message (apiserver endpoints/handlers/responsewriters.forbiddenMessage):
 * `User "jane" cannot list resource "pods" in API group "" in the namespace "default"`.
 */
export function forbiddenReason(a: Attributes): string {
  const user = `User "${a.user.name}"`;
  if (a.path !== undefined) return `${user} cannot ${a.verb} path "${a.path}"`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? ` in the namespace "${a.namespace}"` : ' at the cluster scope';
  return `${user} cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup ?? ''}"${where}`;
}

function parseRule(s: string): PolicyRule {
  const parts = s.split('|');
  if (parts[0].startsWith('url:')) return { verbs: parts[1].split(','), nonResourceURLs: parts[0].slice(4).split(',') };
  const rule: PolicyRule = { verbs: parts[2].split(','), apiGroups: parts[0].split(',').map((g) => (g === '""' ? '' : g)), resources: parts[1].split(',') };
  if (parts[3]) rule.resourceNames = parts[3].split(',');
  return rule;
}

/** Go struct order of PolicyRule. */
function orderedRule(r: PolicyRule): PolicyRule {
  const o: PolicyRule = { verbs: r.verbs };
  if (r.apiGroups) o.apiGroups = r.apiGroups;
  if (r.resources) o.resources = r.resources;
  if (r.resourceNames) o.resourceNames = r.resourceNames;
  if (r.nonResourceURLs) o.nonResourceURLs = r.nonResourceURLs;
  return o;
}

const BOOTSTRAP_META = { annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };

/** The bootstrap ClusterRoles with aggregated rules filled in (what the aggregation controller does). */
export function bootstrapClusterRoles(): Obj[] {
  const roles = BOOTSTRAP_CLUSTER_ROLES.map((r) => ({ ...r, parsed: r.rules.map(parseRule) }));
  // aggregation to a fixpoint: admin ⊇ edit ⊇ view
  for (let i = 0; i < 3; i++) {
    for (const r of roles) {
      if (!r.aggregateFrom) continue;
      const parsed: PolicyRule[] = [];
      const seen = new Set<string>();
      for (const src of roles) {
        if (src === r || src.labels?.[r.aggregateFrom] !== 'true') continue;
        for (const rule of src.parsed) {
          const key = JSON.stringify(rule);
          if (!seen.has(key)) {
            seen.add(key);
            parsed.push(rule);
          }
        }
      }
      r.parsed = parsed;
    }
  }
  return roles.map((r) => {
    const o: Obj = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: r.name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...(r.labels ?? {}) }, ...structuredClone(BOOTSTRAP_META) },
      rules: r.parsed.map(orderedRule),
    } as Obj;
    if (r.aggregateFrom) (o as Record<string, unknown>).aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [r.aggregateFrom]: 'true' } }] };
    return o;
  });
}

export function bootstrapClusterRoleBindings(): Obj[] {
  return BOOTSTRAP_CLUSTER_ROLE_BINDINGS.map(([name, role, subjects]) => {
    const kubeadm = name.startsWith('kubeadm:');
    return {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: kubeadm ? { name } : { name, labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, ...structuredClone(BOOTSTRAP_META) },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: subjects.map((s) => {
        const [kind, ...rest] = s.split(':');
        const full = rest.join(':');
        if (kind === 'ServiceAccount') {
          const [ns, n] = full.split(':');
          return { kind, name: n, namespace: ns };
        }
        return { apiGroup: 'rbac.authorization.k8s.io', kind, name: full };
      }),
    } as unknown as Obj;
  });
}
