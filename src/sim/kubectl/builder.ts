/** kubectl's resource builder: `pods`, `pods web db`, `pod/web deploy/x`, `pods,svc`, `all`. */
import type { KubectlEnv } from './env';
import { discover, resolve, type ApiResource } from './discovery';
import { CmdError } from './errors';

export interface ResourceRequest {
  r: ApiResource;
  /** Names; empty = every object of the type (with selectors). */
  names: string[];
}

export function expandTypes(env: KubectlEnv, typed: string): ApiResource[] {
  const out: ApiResource[] = [];
  for (const t of typed.split(',').filter(Boolean)) {
    if (t === 'all') {
      // the category expands in discovery order (as the RESTMapper's category expander does)
      out.push(...discover(env).filter((r) => r.categories.includes('all')));
      continue;
    }
    out.push(resolve(env, t));
  }
  return out;
}

export function parseResourceArgs(env: KubectlEnv, args: string[]): ResourceRequest[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      throw new CmdError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    }
    const out: ResourceRequest[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!name) throw new CmdError(`arguments in resource/name form must have a single resource and name`);
      const r = resolve(env, type);
      const prev = out.find((x) => x.r === r && out[out.length - 1] === x);
      if (prev) prev.names.push(name);
      else out.push({ r, names: [name] });
    }
    return out;
  }
  const types = expandTypes(env, args[0]);
  const names = args.slice(1);
  return types.map((r) => ({ r, names: [...names] }));
}
