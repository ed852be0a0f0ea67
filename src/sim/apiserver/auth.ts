/**
 * Authentication result → impersonation → authorization (RBAC), as the apiserver's handler chain
 * runs them before a request reaches its REST storage. Requests without a user are the in-process
 * components' loopback calls and pass.
 */
import { ApiError, qualified } from '../core/errors';
import { KINDS, type KindInfo } from '../api/kinds';
import { authenticated, decide, forbiddenReason, type Attributes, type RbacSource, type UserInfo } from '../api/rbac';
import type { Obj } from '../client/types';
import type { ApiServer } from './server';
import type { ParsedPath } from './paths';
import type { ApiRequest } from './types';

const rbacKind = (kind: string): KindInfo => KINDS.find((k) => k.group === 'rbac.authorization.k8s.io' && k.kind === kind)!;

export function rbacSource(api: ApiServer): RbacSource {
  return {
    clusterRoles: () => api.storage.cached(rbacKind('ClusterRole')),
    clusterRoleBindings: () => api.storage.cached(rbacKind('ClusterRoleBinding')),
    roles: (ns) => api.storage.cached(rbacKind('Role'), ns),
    roleBindings: (ns) => api.storage.cached(rbacKind('RoleBinding'), ns),
  };
}

/** The verb of a request (RequestInfoFactory): get/list/watch/create/update/patch/delete/deletecollection. */
export function requestVerb(req: ApiRequest, name: string | undefined): string {
  const q = req.query ?? {};
  switch (req.method) {
    case 'GET':
      if (q.watch === 'true' || q.watch === '1') return 'watch';
      return name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return name ? 'delete' : 'deletecollection';
  }
}

export function attributesOf(req: ApiRequest, parsed: ParsedPath, user: UserInfo): Attributes {
  if (parsed.type === 'resource') {
    const t = parsed.target;
    // namespaces/<name> is a cluster-scoped request whose namespace is the object itself
    const ns = t.ki.kind === 'Namespace' ? t.name : t.namespace;
    return { user, verb: requestVerb(req, t.name), apiGroup: t.ki.group, resource: t.ki.resource, subresource: t.subresource, namespace: ns, name: t.name };
  }
  if (parsed.type === 'unknown-resource') return { user, verb: requestVerb(req, undefined), apiGroup: parsed.group, resource: parsed.resource };
  return { user, verb: req.method.toLowerCase() === 'get' ? 'get' : req.method.toLowerCase(), path: req.path };
}

/** Who the request acts as; throws 403 when impersonation is not allowed. */
export function effectiveUser(api: ApiServer, req: ApiRequest): UserInfo | undefined {
  if (req.user === undefined) return undefined;
  const real = authenticated({ name: req.user, groups: req.groups ?? [] });
  const imp = req.impersonate;
  if (!imp) return real;
  const src = rbacSource(api);
  const check = (resource: string, name: string, namespace?: string, apiResource = resource) => {
    const a: Attributes = { user: real, verb: 'impersonate', apiGroup: '', resource, namespace, name };
    if (!decide(src, a).allowed) throw forbidden(apiResource, '', name, forbiddenReason(a));
  };
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(imp.user);
  if (sa) check('serviceaccounts', sa[2], sa[1]);
  else check('users', imp.user);
  for (const g of imp.groups ?? []) check('groups', g);
  const groups = [...(imp.groups ?? [])];
  if (sa) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  return authenticated({ name: imp.user, groups });
}

export function forbidden(resource: string, group: string, name: string | undefined, reason: string): ApiError {
  const what = name ? `${qualified(resource, group)} "${name}"` : qualified(resource, group);
  return new ApiError(403, 'Forbidden', `${what} is forbidden: ${reason}`, { ...(name ? { name } : {}), ...(group ? { group } : {}), kind: resource });
}

/** Throws 403 Forbidden unless RBAC allows the request. */
export function authorizeRequest(api: ApiServer, req: ApiRequest, parsed: ParsedPath, user: UserInfo): void {
  const a = attributesOf(req, parsed, user);
  if (decide(rbacSource(api), a).allowed) return;
  if (a.path !== undefined) throw new ApiError(403, 'Forbidden', `forbidden: ${forbiddenReason(a)}`, {});
  throw forbidden(a.resource!, a.apiGroup ?? '', a.name, forbiddenReason(a));
}

/** POST to the review kinds: SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview, SelfSubjectReview. */
export function review(api: ApiServer, ki: KindInfo, ns: string | undefined, body: Obj, user: UserInfo | undefined): Obj {
  const b = structuredClone(body ?? {}) as Obj;
  const out = { kind: ki.kind, apiVersion: `${ki.group}/${ki.version}`, metadata: { ...(b.metadata ?? {}), creationTimestamp: null } } as unknown as Obj;
  const me = user ?? { name: 'system:apiserver', groups: ['system:masters', 'system:authenticated'] };
  if (ki.kind === 'SelfSubjectReview') {
    (out as Record<string, unknown>).status = { userInfo: { username: me.name, groups: me.groups } };
    return out;
  }
  const spec = b.spec ?? {};
  let subject: UserInfo = me;
  if (ki.kind !== 'SelfSubjectAccessReview') subject = authenticated({ name: spec.user ?? '', groups: spec.groups ?? [] });
  const ra = spec.resourceAttributes;
  const na = spec.nonResourceAttributes;
  if (!ra && !na) throw new ApiError(422, 'Invalid', `${ki.kind}.${ki.group} "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified`);
  const a: Attributes = ra
    ? { user: subject, verb: ra.verb ?? '', apiGroup: ra.group ?? '', resource: ra.resource ?? '', subresource: ra.subresource || undefined, namespace: ki.kind === 'LocalSubjectAccessReview' ? ns : ra.namespace || undefined, name: ra.name || undefined }
    : { user: subject, verb: na.verb ?? '', path: na.path ?? '' };
  const d = decide(rbacSource(api), a);
  (out as Record<string, unknown>).spec = spec;
  (out as Record<string, unknown>).status = d.allowed ? { allowed: true, ...(d.reason ? { reason: d.reason } : {}) } : { allowed: false };
  return out;
}
