/**
 * pods/exec: the apiserver authorizes `create pods/exec`, checks the pod and container, then
 * proxies the stream to the kubelet of the pod's node (the kubelet's /exec endpoint). The kubelets
 * register here (see cluster.ts); the stream is plain callbacks.
 */
import { ApiError, badRequest } from '../core/errors';
import type { ApiServer } from './server';
import { authorizeRequest, effectiveUser } from './auth';
import { parsePath } from './paths';
import { KINDS } from '../api/kinds';
import type { ExecIO, ExecSession } from '../client/exec-types';

export type { ExecIO, ExecSession };

export interface ExecRequest {
  agent: string;
  namespace: string;
  pod: string;
  container: string;
  command: string[];
}

/** What the apiserver needs of a kubelet to exec. */
export interface ExecConnection {
  exec(ns: string, pod: string, container: string, command: string[], io: ExecIO): Promise<number>;
  session?(ns: string, pod: string, container: string, command: string[], io: ExecIO): Promise<ExecSession>;
}

const registry = new WeakMap<ApiServer, Map<string, ExecConnection>>();

export function registerExecNode(api: ApiServer, node: string, conn: ExecConnection): void {
  if (!registry.has(api)) registry.set(api, new Map());
  registry.get(api)!.set(node, conn);
}

/** POST /api/v1/namespaces/{ns}/pods/{name}/exec — resolves to the command's exit status. */
export function podExec(api: ApiServer, req: ExecRequest, io: ExecIO): Promise<number> {
  return proxyExec(api, req, (conn) => conn.exec(req.namespace, req.pod, req.container, req.command, io));
}

/** The same request with a terminal attached: resolves to the session once the stream is up. */
export function podExecSession(api: ApiServer, req: ExecRequest, io: ExecIO): Promise<ExecSession> {
  return proxyExec(api, req, (conn) => {
    if (!conn.session) throw new ApiError(500, 'InternalError', 'unable to upgrade connection: interactive sessions are not supported');
    return conn.session(req.namespace, req.pod, req.container, req.command, io);
  });
}

async function proxyExec<T>(api: ApiServer, req: ExecRequest, run: (conn: ExecConnection) => Promise<T>): Promise<T> {
  const path = `/api/v1/namespaces/${req.namespace}/pods/${req.pod}/exec`;
  const apiReq = { method: 'POST' as const, path, agent: req.agent, query: { container: req.container, command: req.command.join(' ') } };
  const parsed = parsePath(path);
  let code = 101;
  try {
    const user = effectiveUser(api, apiReq);
    if (user && api.authorization) authorizeRequest(api, apiReq, parsed, user);
    const podKind = KINDS.find((k) => k.kind === 'Pod')!;
    const pod = api.storage.get(podKind, req.namespace, req.pod);
    const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    if (!all.some((c: { name: string }) => c.name === req.container)) throw badRequest(`container ${req.container} is not valid for pod ${req.pod}`);
    const node = pod.spec?.nodeName;
    const conn = node ? registry.get(api)?.get(node) : undefined;
    if (!conn) throw new ApiError(400, 'BadRequest', `pod ${req.pod} does not have a host assigned`);
    return await run(conn);
  } catch (e) {
    code = e instanceof ApiError ? e.code : 500;
    throw e;
  } finally {
    api.trace.emit({ t: api.clock.now(), from: req.agent, to: 'kube-apiserver', verb: 'create', resource: 'pods/exec', ns: req.namespace, name: req.pod, code });
  }
}
