/**
 * kubectl auth can-i / whoami. can-i asks the apiserver with a SelfSubjectAccessReview when it serves
 * authorization.k8s.io; without it (no RBAC yet) the kubeadm admin may do everything: `yes`.
 */
import type { CommandDef, CmdContext } from '../command';
import { bool, str } from '../command';
import { CmdError } from '../errors';
import { discover, tryResolve } from '../discovery';
import type { Obj } from '../../client/types';
import { ApiError } from '../../core/errors';

function hasAccessReview(ctx: CmdContext): boolean {
  return discover(ctx.env).some((r) => r.group === 'authorization.k8s.io' && r.resource === 'selfsubjectaccessreviews');
}

const canI: CommandDef = {
  name: 'can-i',
  short: 'Check whether an action is allowed',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'quiet', short: 'q', type: 'bool', default: false },
    { name: 'list', type: 'bool', default: false },
    { name: 'no-headers', type: 'bool', default: false },
    { name: 'subresource', type: 'string', default: '' },
  ],
  run(ctx) {
    const { env, flags } = ctx;
    const quiet = bool(flags.quiet);
    if (bool(flags.list)) {
      env.stdout('Resources   Non-Resource URLs   Resource Names   Verbs\n*.*         []                  []               [*]\n            [*]                 []               [*]\n');
      return 0;
    }
    if (ctx.args.length < 2) throw new CmdError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
    const verb = ctx.args[0];
    const target = ctx.args[1];
    let attrs: Record<string, unknown>;
    if (target.startsWith('/')) attrs = { nonResourceAttributes: { path: target, verb } };
    else {
      const slash = target.indexOf('/');
      const typed = slash >= 0 ? target.slice(0, slash) : target;
      const name = slash >= 0 ? target.slice(slash + 1) : '';
      const r = tryResolve(env, typed);
      if (!r && !quiet) env.stderr(`Warning: the server doesn't have a resource type '${typed}'\n\n`);
      attrs = {
        resourceAttributes: {
          ...(r?.namespaced !== false && !bool(flags['all-namespaces']) ? { namespace: ctx.namespace } : {}),
          verb,
          group: r?.group ?? '',
          resource: r?.resource ?? typed,
          ...(str(flags.subresource) ? { subresource: str(flags.subresource) } : {}),
          ...(name ? { name } : {}),
        },
      };
    }
    let allowed = true;
    let reason = '';
    if (hasAccessReview(ctx)) {
      try {
        const res = env.client.request({
          method: 'POST',
          path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          body: { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec: attrs, status: { allowed: false } },
          contentType: 'application/json',
        }).body as Obj;
        allowed = !!res.status?.allowed;
        reason = res.status?.reason ?? '';
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
    if (!quiet) env.stdout(allowed ? 'yes\n' : reason ? `no - ${reason}\n` : 'no\n');
    return allowed ? 0 : 1;
  },
};

const whoami: CommandDef = {
  name: 'whoami',
  short: 'Experimental: Check self subject attributes',
  flags: [{ name: 'output', short: 'o', type: 'string', default: '' }],
  run(ctx) {
    ctx.env.stdout('ATTRIBUTE                                           VALUE\nUsername                                            kubernetes-admin\nGroups                                              [kubeadm:cluster-admins system:authenticated]\nExtra: authentication.kubernetes.io/credential-id   [X509SHA256=simulated]\n');
    return 0;
  },
};

export const authCommand: CommandDef = {
  name: 'auth',
  short: 'Inspect authorization',
  sub: [canI, whoami],
};
